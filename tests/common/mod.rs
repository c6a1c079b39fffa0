//! Helpers shared by the integration tests: MNIST digits "repainted" onto a drawing canvas, as a
//! learner might draw them, to test the drawing preprocessing and the models through it, and
//! real MNIST for the training tests.
// Each test binary includes this module and uses only part of it.
#![allow(dead_code)]

pub mod handwriting;
pub mod specs;

/// The drawing canvas' side in pixels, as on the page.
pub const CANVAS: usize = 280;

/// Paints a 28×28 MNIST image (0..=255) on the canvas, `scale` times larger, with its top-left
/// corner at `(left, top)`: bilinear, like a smooth brush rather than blocks.
pub fn paint(image: &[u8], scale: f32, left: f32, top: f32) -> Vec<f32> {
    let sample = |x: i64, y: i64| -> f32 {
        if (0..28).contains(&x) && (0..28).contains(&y) {
            f32::from(image[(y * 28 + x) as usize]) / 255.0
        } else {
            0.0
        }
    };
    let mut ink = vec![0.0; CANVAS * CANVAS];
    for (cy, row) in ink.chunks_mut(CANVAS).enumerate() {
        for (cx, v) in row.iter_mut().enumerate() {
            let u = (cx as f32 + 0.5 - left) / scale - 0.5;
            let w = (cy as f32 + 0.5 - top) / scale - 0.5;
            let (x0, y0) = (u.floor(), w.floor());
            let (fx, fy) = (u - x0, w - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            *v = (1.0 - fy) * ((1.0 - fx) * sample(x0, y0) + fx * sample(x0 + 1, y0))
                + fy * ((1.0 - fx) * sample(x0, y0 + 1) + fx * sample(x0 + 1, y0 + 1));
        }
    }
    ink
}

/// Test digit `i` painted at a scale of 4 to 10 and a position that depend on `i` alone.
pub fn repainted(image: &[u8], i: usize) -> Vec<f32> {
    let scale = 4.0 + (i % 13) as f32 * 0.5;
    let room = CANVAS as f32 - 28.0 * scale;
    let left = room * ((i * 37) % 101) as f32 / 100.0;
    let top = room * ((i * 53) % 97) as f32 / 96.0;
    paint(image, scale, left, top)
}

/// Real MNIST from `MNIST_DIR` (the test fails, not skips, without it), loaded once per test
/// binary and shared: the full training set and the first `test_images` test images. The first
/// call's `test_images` holds for the whole binary.
pub fn real_mnist(test_images: usize) -> std::sync::Arc<convlab::data::Mnist> {
    use std::sync::{Arc, OnceLock};
    static DATA: OnceLock<Arc<convlab::data::Mnist>> = OnceLock::new();
    DATA.get_or_init(|| {
        let full = convlab::data::Mnist::load_env()
            .unwrap_or_else(|e| panic!("real MNIST is needed for this test: {e}"));
        Arc::new(convlab::data::Mnist {
            test: full.test.take(test_images),
            train: full.train,
        })
    })
    .clone()
}

/// The app's pre-trained tutorial model (`www/model/tutorial.bin`): its header and its network
/// on the CPU backend.
pub fn shipped_model() -> (convlab::model::weights::Pretrained, convlab::model::Network) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/model/tutorial.bin");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    convlab::model::weights::Pretrained::decode(&bytes, &burn::tensor::Device::flex()).unwrap()
}

/// Trains `spec` on `data` with `hyper` to its end (a fake clock, 10 ms a tick): the trainer,
/// every epoch's summary and how it finished.
pub fn train_to_end(
    spec: &convlab::model::ModelSpec,
    hyper: convlab::training::Hyperparameters,
    data: std::sync::Arc<convlab::data::Mnist>,
) -> (convlab::training::Trainer, Vec<convlab::training::EpochSummary>, convlab::training::FinishedSummary) {
    use convlab::training::{Trainer, TrainingEvent};
    let counter = std::cell::Cell::new(0.0);
    let clock = Box::new(move || {
        counter.set(counter.get() + 10.0);
        counter.get()
    });
    let mut trainer = Trainer::new(spec, hyper, data, &burn::tensor::Device::flex(), clock).unwrap();
    let (mut epochs, mut finished) = (Vec::new(), None);
    while let Some(event) = futures::executor::block_on(trainer.step()).unwrap() {
        match event {
            TrainingEvent::Epoch(e) => epochs.push(e),
            TrainingEvent::Finished(f) => finished = Some(f),
            _ => {}
        }
    }
    (trainer, epochs, finished.expect("a Finished event"))
}
