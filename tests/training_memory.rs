//! The memory estimate refuses runs that cannot fit in a browser tab (wasm32: 4 GB at most)
//! before they start, and says what to change.

mod common;

use convlab::model::{Activation, LayerSpec, ModelSpec, Padding};
use convlab::training::memory::{self, MEMORY_BUDGET, MNIST_BYTES};
use convlab::training::{Hyperparameters, MemoryError, TrainingError};

const MB: u64 = 1 << 20;

fn batch(batch_size: usize) -> Hyperparameters {
    Hyperparameters {
        batch_size,
        ..Default::default()
    }
}

#[test]
fn the_tutorial_at_batch_32_is_far_under_the_budget() {
    let plan = memory::check(&ModelSpec::tutorial(), &batch(32)).unwrap();
    // The worker's measured heap is ~190 MB while training (before any validation).
    assert!(
        (150 * MB..400 * MB).contains(&plan.total_bytes),
        "{plan:?}"
    );
    assert_eq!(plan.batch_size, 32);
    assert_eq!(plan.weights_bytes, 34_506 * 5 * 4);
    assert_eq!(plan.data_bytes, MNIST_BYTES);
    assert_eq!(plan.total_bytes, plan.batch_bytes + plan.fixed_bytes);
    assert_eq!(
        plan.fixed_bytes,
        plan.weights_bytes + plan.evaluation_bytes + plan.data_bytes + plan.runtime_bytes
    );
    // About 1.2 MB per image: activations, their gradients and im2col buffers.
    assert!((MB..2 * MB).contains(&plan.per_image_bytes), "{plan:?}");
}

#[test]
fn the_tutorial_at_batch_60000_is_refused_with_the_largest_batch_that_fits() {
    let Err(MemoryError::TooLarge(plan)) = memory::check(&ModelSpec::tutorial(), &batch(60_000))
    else {
        panic!("batch 60 000 cannot fit");
    };
    let message = MemoryError::TooLarge(plan).to_string();
    assert!(message.starts_with("This run needs about "), "{message}");
    assert!(message.contains("batch 60,000 × "), "{message}");
    assert!(message.contains("more than the 3.0 GB ConvLab lets a browser tab use"), "{message}");
    assert!(message.contains("WebAssembly's hard limit is 4 GB"), "{message}");
    let largest = plan.largest_batch().unwrap();
    assert!(largest > 32 && largest < 60_000, "{largest}");
    assert!(message.contains("Use a batch size of at most "), "{message}");
    // The advised batch (rounded down) fits.
    let advised: usize = message
        .rsplit("at most ")
        .next()
        .unwrap()
        .split(',')
        .take_while(|part| part.chars().all(|c| c.is_ascii_digit()))
        .collect::<String>()
        .parse()
        .unwrap();
    assert!(advised as u64 <= largest, "{advised} > {largest}");
    assert!(memory::check(&ModelSpec::tutorial(), &batch(advised)).is_ok());
    assert!(memory::check(&ModelSpec::tutorial(), &batch(largest as usize)).is_ok());
    assert!(memory::check(&ModelSpec::tutorial(), &batch(largest as usize + 1)).is_err());
    println!("{message}");
}

#[test]
fn batch_100000_is_refused_twice() {
    // By the range of the settings, and by the estimate.
    assert!(batch(100_000).validate().is_err());
    assert!(matches!(
        memory::check(&ModelSpec::tutorial(), &batch(100_000)),
        Err(MemoryError::TooLarge(_))
    ));
}

#[test]
fn a_small_training_subset_caps_the_batch() {
    let hyper = Hyperparameters {
        batch_size: 60_000,
        train_subset: Some(100),
        ..Default::default()
    };
    let plan = memory::check(&ModelSpec::tutorial(), &hyper).unwrap();
    assert_eq!(plan.batch_size, 100);
}

/// Conv2D(1024, 3×3, same, ReLU) on the 28×28 input, MaxPooling2D(2), Flatten, Dense(10):
/// 2 M parameters, within the limits, but one image's 28 × 28 × 1024 output is 3 MB, and
/// evaluating 500 test images at a time through it alone needs about 3 GB.
fn wide_conv() -> ModelSpec {
    ModelSpec::new(vec![
        LayerSpec::Conv2D {
            filters: 1024,
            kernel_size: 3,
            activation: Activation::Relu,
            padding: Padding::Same,
        },
        LayerSpec::MaxPooling2D { pool_size: 2 },
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 10,
            activation: Activation::Softmax,
        },
    ])
}

#[test]
fn a_1024_filter_layer_on_the_full_image_is_refused_at_any_batch() {
    let spec = wide_conv();
    assert!(spec.validate().is_ok());
    let Err(MemoryError::TooLarge(plan)) = memory::check(&spec, &batch(32)) else {
        panic!("a 28×28×1024 activation at batch 32 cannot fit");
    };
    assert_eq!(plan.largest_batch(), None);
    let message = MemoryError::TooLarge(plan).to_string();
    assert!(message.contains("Even a batch of 1 does not fit"), "{message}");
    assert!(message.contains("use a smaller model"), "{message}");
    // The trainer refuses it the same way, before building anything.
    let error = TrainingError::from(MemoryError::TooLarge(plan));
    assert_eq!(error.to_string(), message);
}

#[test]
fn the_estimate_grows_with_the_batch_and_the_model() {
    let spec = ModelSpec::tutorial();
    let mut last = 0;
    for size in [1, 2, 32, 128, 1000, 60_000] {
        let plan = memory::plan(&spec, &batch(size)).unwrap();
        assert!(plan.total_bytes > last);
        last = plan.total_bytes;
    }
    let baseline = memory::plan(&ModelSpec::dense_baseline(), &batch(32)).unwrap();
    let tutorial = memory::plan(&spec, &batch(32)).unwrap();
    assert!(baseline.per_image_bytes < tutorial.per_image_bytes);
    assert!(baseline.weights_bytes > tutorial.weights_bytes);
    assert!(MEMORY_BUDGET < 4 << 30);
}

#[test]
fn an_invalid_model_is_a_spec_error() {
    let spec = ModelSpec::new(vec![LayerSpec::Flatten]);
    assert!(matches!(
        memory::check(&spec, &batch(32)),
        Err(MemoryError::InvalidModel(_))
    ));
    assert!(memory::plan(&spec, &batch(32)).is_err());
}

#[test]
fn dropout_and_batch_normalization_keep_two_copies_of_their_output() {
    // Each keeps its output and a second copy (Dropout's mask, BatchNormalization's normalised
    // input), each with its gradient: 4 floats per value of its output, per image. The weights
    // part grows by BatchNormalization's 4 × 32 parameters per layer, five copies of each.
    let tutorial = memory::plan(&ModelSpec::tutorial(), &batch(32)).unwrap();
    let normalised = memory::plan(&common::specs::tutorial_normalised(), &batch(32)).unwrap();
    let outputs: u64 = (28 * 28 + 14 * 14 + 7 * 7) * 32 + 1568;
    assert_eq!(normalised.per_image_bytes - tutorial.per_image_bytes, outputs * 4 * 4);
    assert_eq!(normalised.weights_bytes - tutorial.weights_bytes, 3 * 128 * 5 * 4);
}
