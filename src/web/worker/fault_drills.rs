//! Faults the end-to-end tests inject into the worker's answers (README "Failure modes"). They
//! come only from `convlabWorkerDrills`, an object a test harness defines in this worker's own
//! global scope (Playwright's `worker.evaluate`): neither a link nor the page can set it, so a
//! learner never meets them. `{ prediction: 1 }` makes the next prediction of the model that
//! answers drawings fail where its computation runs, as a failed read-back from the device (a
//! lost WebGPU device) would, and counts down to 0; likewise `featureMaps` (a drawing's feature
//! maps and saliency), `kernels` and `confusion`.

use crate::training::TrainingError;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// A request a drill can make fail.
#[derive(Clone, Copy, Debug)]
pub enum Failing {
    Prediction,
    FeatureMaps,
    Kernels,
    Confusion,
}

impl Failing {
    /// Its name in `convlabWorkerDrills`.
    fn key(self) -> &'static str {
        match self {
            Failing::Prediction => "prediction",
            Failing::FeatureMaps => "featureMaps",
            Failing::Kernels => "kernels",
            Failing::Confusion => "confusion",
        }
    }
}

/// The device failure a drill asks for at this `point` (counted down), or `Ok` without one.
pub fn check(point: Failing) -> Result<(), TrainingError> {
    let Ok(drills) = Reflect::get(&js_sys::global(), &"convlabWorkerDrills".into()) else { return Ok(()) };
    if !drills.is_object() {
        return Ok(());
    }
    let key = JsValue::from_str(point.key());
    let left = Reflect::get(&drills, &key).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    if left < 1.0 {
        return Ok(());
    }
    let _ = Reflect::set(&drills, &key, &JsValue::from_f64(left - 1.0));
    Err(TrainingError::Device(format!("failure drill: {} failed", point.key())))
}
