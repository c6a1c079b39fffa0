//! The worker's WebGPU: the adapter (adapter.rs), then burn's WebGPU runtime on it.

use crate::backend_choice::WebGpuProbe;
use super::adapter::{self, Adapter};
use burn::prelude::Device;

/// The probe's result, and burn's WebGPU device when it could be initialised.
pub async fn probe() -> (WebGpuProbe, Option<Device>) {
    match adapter::probe().await {
        Adapter::Unsupported => (WebGpuProbe::Unsupported, None),
        Adapter::NoAdapter => (WebGpuProbe::NoAdapter, None),
        Adapter::Found { name, software } => {
            let (burn_ready, device) = start_runtime().await;
            (WebGpuProbe::Adapter { name, software, burn_ready }, device)
        }
    }
}

#[cfg(feature = "webgpu")]
async fn start_runtime() -> (Result<(), String>, Option<Device>) {
    match Device::wgpu_options().init_async().await {
        Ok(device) => (Ok(()), Some(device)),
        Err(error) => (Err(error.to_string()), None),
    }
}

/// The threaded CPU worker has no WebGPU runtime. It reports the adapter as usable: when the
/// choice comes out as WebGPU, the page replaces it with the worker that has one, which tries.
#[cfg(not(feature = "webgpu"))]
async fn start_runtime() -> (Result<(), String>, Option<Device>) {
    (Ok(()), None)
}
