//! Training on real MNIST: a short run learns, runs are reproducible, and Stop stops.
//! Needs MNIST_DIR (fails, does not skip, without it).

mod common;

use std::sync::Arc;

use burn::tensor::Device;
use convlab::data::Mnist;
use convlab::model::ModelSpec;
use convlab::training::{Hyperparameters, Trainer, TrainingEvent, evaluate, predict};
use futures::executor::block_on;

/// The full training set and the first 2000 test images (enough to tell learning from chance).
fn data() -> Arc<Mnist> {
    common::real_mnist(2000)
}

fn trainer(hyper: Hyperparameters) -> Trainer {
    let counter = std::cell::Cell::new(0.0);
    // A fake clock: 10 ms per reading, so rates are finite and the test does not depend on time.
    let clock = Box::new(move || {
        counter.set(counter.get() + 10.0);
        counter.get()
    });
    Trainer::new(
        &ModelSpec::tutorial(),
        hyper,
        data(),
        &Device::flex(),
        clock,
    )
    .unwrap()
}

fn quick(seed: u64) -> Hyperparameters {
    Hyperparameters {
        epochs: 1,
        batch_size: 32,
        seed,
        train_subset: Some(5000),
        ..Default::default()
    }
}

/// Batch losses of the first `n` steps.
fn first_losses(seed: u64, n: usize) -> Vec<f32> {
    let mut t = trainer(quick(seed));
    (0..n)
        .map(|_| match block_on(t.step()).unwrap() {
            Some(TrainingEvent::Batch(b)) => b.batch_loss,
            other => panic!("expected a batch, got {other:?}"),
        })
        .collect()
}

#[test]
fn a_short_run_learns() {
    let mut t = trainer(quick(1));
    let mut batches = 0;
    let mut epochs = Vec::new();
    let mut finished = None;
    while let Some(event) = block_on(t.step()).unwrap() {
        match event {
            TrainingEvent::Batch(b) => {
                batches += 1;
                assert_eq!((b.batch, b.batches, b.epoch), (batches, 157, 1));
                assert!(b.loss.is_finite() && b.samples_per_sec > 0.0);
            }
            TrainingEvent::Validating(v) => assert_eq!(v.total, 2000),
            TrainingEvent::Epoch(e) => epochs.push(e),
            TrainingEvent::Finished(f) => finished = Some(f),
        }
    }
    assert_eq!(batches, 157, "5000 images in batches of 32");
    let e = &epochs;
    assert_eq!(e.len(), 1);
    println!("epoch: {:?}", e[0]);
    assert!(
        e[0].val_accuracy > 0.8,
        "val accuracy {} is not clearly above chance",
        e[0].val_accuracy
    );
    assert!(e[0].accuracy > 0.5 && e[0].val_loss < 1.0);
    let f = finished.expect("a Finished event");
    assert!(!f.stopped && f.epochs_completed == 1 && f.steps == 157);
    assert_eq!(f.partial_epoch, None, "a run that ends at an epoch's end has no partial epoch");
    assert!(t.is_finished() && block_on(t.step()).unwrap().is_none());

    // evaluate() agrees with the trainer's own validation, and predict() gives probabilities.
    let device = t.inference_device();
    let eval = block_on(evaluate(&t.model(), &data().test, 256, &device)).unwrap();
    assert!(
        (eval.accuracy - e[0].val_accuracy).abs() < 1e-6,
        "{eval:?} vs {:?}",
        e[0]
    );
    assert!((eval.loss - e[0].val_loss).abs() < 1e-3);
    let probs = block_on(predict(
        &t.model(),
        &data().test.scaled_pixels(&[0, 1, 2]),
        &device,
    ))
    .unwrap();
    assert_eq!(probs.len(), 3);
    for p in &probs {
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
    let argmax = |p: &[f32; 10]| (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
    let predicted: Vec<usize> = probs.iter().map(argmax).collect();
    println!(
        "predicted {predicted:?} for labels {:?}",
        &data().test.labels()[..3]
    );
}

#[test]
fn same_seed_same_losses() {
    let a = first_losses(7, 5);
    let b = first_losses(7, 5);
    assert_eq!(a, b, "two runs with seed 7 differ");
    let c = first_losses(8, 5);
    assert_ne!(a, c, "seeds 7 and 8 gave the same losses");
}

#[test]
fn stop_ends_training_between_batches() {
    let mut t = trainer(quick(3));
    let mut last = None;
    for _ in 0..3 {
        match block_on(t.step()).unwrap() {
            Some(TrainingEvent::Batch(b)) => last = Some(b),
            other => panic!("expected a batch, got {other:?}"),
        }
    }
    let last = last.unwrap();
    t.stop();
    match block_on(t.step()).unwrap() {
        Some(TrainingEvent::Finished(f)) => {
            assert!(f.stopped);
            assert_eq!((f.steps, f.epochs_completed), (3, 0));
            // The cut-short epoch is kept with the figures its last batch reported.
            let partial = f.partial_epoch.expect("a stop mid-epoch keeps the partial epoch");
            assert_eq!((partial.epoch, partial.batch, partial.batches), (1, 3, last.batches));
            assert_eq!((partial.loss, partial.accuracy, partial.samples), (last.loss, last.accuracy, last.samples));
        }
        other => panic!("expected Finished after stop, got {other:?}"),
    }
    assert!(block_on(t.step()).unwrap().is_none());
    // The model stays usable for prediction after a stop.
    let probs = block_on(predict(
        &t.model(),
        &data().test.scaled_pixels(&[0]),
        &t.inference_device(),
    ));
    assert_eq!(probs.unwrap().len(), 1);
}

#[test]
fn invalid_hyperparameters_are_rejected() {
    let bad = Hyperparameters {
        batch_size: 0,
        ..Default::default()
    };
    let clock = Box::new(|| 0.0);
    let err = Trainer::new(&ModelSpec::tutorial(), bad, data(), &Device::flex(), clock)
        .err()
        .unwrap();
    assert!(err.to_string().contains("batch size"), "{err}");
}

#[test]
fn events_are_plain_json() {
    let mut t = trainer(quick(4));
    let event = block_on(t.step()).unwrap().unwrap();
    let json = serde_json::to_string(&event).unwrap();
    assert!(json.starts_with(r#"{"type":"Batch","#), "{json}");
    let back: TrainingEvent = serde_json::from_str(&json).unwrap();
    assert_eq!(back, event);
}

/// Issue 28: the tutorial with BatchNormalization after each convolution and Dropout(0.25)
/// before the output layer reaches 98.5 % on the 10 000 MNIST test images in 3 epochs of all
/// 60 000 training images. Its validation (Dropout off, moving statistics) is the inference
/// path: if training did not keep the moving statistics, or predicting still dropped inputs,
/// this accuracy would not be reached. Three full epochs take about 2½ minutes natively on 2
/// cores: the longest native test, run with the rest since a test left to be run on demand is
/// one nobody runs.
#[test]
fn batch_normalization_and_dropout_reach_98_5_percent_in_3_epochs() {
    let data = Arc::new(Mnist::load_env().unwrap_or_else(|e| panic!("real MNIST is needed for this test: {e}")));
    let hyper = Hyperparameters { epochs: 3, ..Default::default() };
    let start = std::time::Instant::now();
    let mut t = Trainer::new(&common::specs::tutorial_normalised(), hyper, data.clone(), &Device::flex(), Box::new(|| 0.0)).unwrap();
    let mut epochs = Vec::new();
    while let Some(event) = block_on(t.step()).unwrap() {
        if let TrainingEvent::Epoch(e) = event {
            println!("epoch {}: loss {:.4}, accuracy {:.4}, test accuracy {:.4} ({:.0} s in)", e.epoch, e.loss, e.accuracy, e.val_accuracy, start.elapsed().as_secs_f64());
            epochs.push(e);
        }
    }
    let last = epochs.last().expect("three epochs");
    assert_eq!((epochs.len(), data.test.len()), (3, 10_000));
    assert!(last.val_accuracy >= 0.985, "test accuracy {} after 3 epochs", last.val_accuracy);
    // Evaluating the kept model again gives the same figure: predicting is deterministic.
    let eval = block_on(evaluate(&t.model(), &data.test, 500, &t.inference_device())).unwrap();
    assert!((eval.accuracy - last.val_accuracy).abs() < 1e-6, "{eval:?}");
}

#[test]
fn a_training_run_moves_the_moving_statistics_and_validates_with_them() {
    // The trainer's steps train (batch statistics, averaged into the moving ones); its
    // validation predicts with the moving ones, as evaluate() does on the kept model.
    let spec = common::specs::tutorial_normalised();
    let hyper = quick(5);
    let mut t = Trainer::new(&spec, hyper, data(), &Device::flex(), Box::new(|| 0.0)).unwrap();
    let mut epoch = None;
    while let Some(event) = block_on(t.step()).unwrap() {
        if let TrainingEvent::Epoch(e) = event {
            epoch = Some(e);
        }
    }
    let e = epoch.expect("one epoch");
    let [_, _, mean, variance] = t.model().batch_norm_parameters(1).unwrap().map(|x| x.into_data().iter::<f32>().collect::<Vec<f32>>());
    // 157 steps at momentum 0.99 keep 0.99^157 ≈ 0.21 of the start: the rest is the batches'.
    assert!(mean.iter().all(|&m| m != 0.0) && variance.iter().all(|&v| v != 1.0), "{mean:?} {variance:?}");
    let eval = block_on(evaluate(&t.model(), &data().test, 256, &t.inference_device())).unwrap();
    assert!((eval.accuracy - e.val_accuracy).abs() < 1e-6, "{eval:?} vs {e:?}");
    // The batches themselves are learnt. Validation is not yet, and that is Keras' behaviour too:
    // with a fifth of the moving statistics still at their start (mean 0, variance 1), the
    // prediction normalises by the wrong spread (12 % on the test images here, against 98.5 %
    // after a whole epoch of 1 875 steps).
    assert!(e.accuracy > 0.8, "{e:?}");
}
