//! Kept models and checkpoints on real MNIST: a model file reads back bit-identically; a run
//! stopped, saved, read back and resumed ends where the uninterrupted run ends; damaged files,
//! files of another model and other data give typed errors. Needs MNIST_DIR.

mod common;

use std::cell::Cell;
use std::sync::Arc;

use burn::prelude::*;
use convlab::data::Mnist;
use convlab::model::weights::{Pretrained, WeightsError};
use convlab::model::{ModelSpec, Network};
use convlab::training::{
    Checkpoint, CheckpointError, Clock, Hyperparameters, Trainer, TrainingEvent,
};
use futures::executor::block_on;

/// 320 training images (10 batches of 32 per epoch) and 100 validation images.
fn hyper() -> Hyperparameters {
    Hyperparameters {
        epochs: 2,
        batch_size: 32,
        seed: 7,
        train_subset: Some(320),
        ..Default::default()
    }
}

fn data() -> Arc<Mnist> {
    common::real_mnist(100)
}

fn clock() -> Clock {
    let counter = Cell::new(0.0);
    Box::new(move || {
        counter.set(counter.get() + 10.0);
        counter.get()
    })
}

fn fresh() -> Trainer {
    fresh_with(hyper())
}

fn fresh_with(hyper: Hyperparameters) -> Trainer {
    fresh_of(&ModelSpec::tutorial(), hyper)
}

fn fresh_of(spec: &ModelSpec, hyper: Hyperparameters) -> Trainer {
    Trainer::new(
        spec,
        hyper,
        data(),
        &Device::flex(),
        clock(),
    )
    .unwrap()
}

/// What a run reports, in order, without times.
#[derive(Debug, Default)]
struct Log {
    batch_losses: Vec<f32>,
    epochs: Vec<(usize, f32, f32, f32, f32)>,
    steps: Option<usize>,
}

/// Steps `trainer` until it finishes, or until `stop_after` more batches have been done.
fn drive(trainer: &mut Trainer, log: &mut Log, stop_after: Option<usize>) {
    let mut batches = 0;
    while let Some(event) = block_on(trainer.step()).unwrap() {
        match event {
            TrainingEvent::Batch(b) => {
                log.batch_losses.push(b.batch_loss);
                batches += 1;
                if Some(batches) == stop_after {
                    trainer.stop();
                }
            }
            TrainingEvent::Epoch(e) => {
                log.epochs
                    .push((e.epoch, e.loss, e.accuracy, e.val_loss, e.val_accuracy))
            }
            TrainingEvent::Finished(f) => {
                assert_eq!(f.stopped, stop_after.is_some());
                log.steps = Some(f.steps);
            }
            TrainingEvent::Validating(_) => {}
        }
    }
}

fn parameters(network: &Network) -> Vec<f32> {
    let images = Tensor::<4>::ones([2, 1, 28, 28], &Device::flex());
    let mut out: Vec<f32> = network
        .valid()
        .forward(images)
        .into_data()
        .iter::<f32>()
        .collect();
    for i in 0..network.len() {
        if let Some((w, b)) = network.conv_parameters(i) {
            out.extend(w.into_data().iter::<f32>());
            out.extend(
                b.into_iter()
                    .flat_map(|b| b.into_data().iter::<f32>().collect::<Vec<_>>()),
            );
        }
        for tensor in network.batch_norm_parameters(i).into_iter().flatten() {
            out.extend(tensor.into_data().iter::<f32>());
        }
        if let Some((w, b)) = network.dense_parameters(i) {
            out.extend(w.into_data().iter::<f32>());
            out.extend(
                b.into_iter()
                    .flat_map(|b| b.into_data().iter::<f32>().collect::<Vec<_>>()),
            );
        }
    }
    out
}

fn assert_close(a: &[f32], b: &[f32], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: lengths");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() <= 1e-5 * (1.0 + x.abs()),
            "{what}[{i}]: {x} vs {y}"
        );
    }
}

/// Stops after `n` batches, goes through bytes, resumes, and compares with the whole run.
fn resume_matches_uninterrupted(n: usize) {
    resume_matches_uninterrupted_with(n, hyper());
}

fn resume_matches_uninterrupted_with(n: usize, hyper: Hyperparameters) {
    resume_of_matches_uninterrupted(&ModelSpec::tutorial(), n, hyper);
}

fn resume_of_matches_uninterrupted(spec: &ModelSpec, n: usize, hyper: Hyperparameters) {
    let mut whole = fresh_of(spec, hyper.clone());
    let mut expected = Log::default();
    drive(&mut whole, &mut expected, None);

    let mut first = fresh_of(spec, hyper);
    let mut log = Log::default();
    drive(&mut first, &mut log, Some(n));
    assert_eq!(log.steps, Some(n), "stopped after {n} steps");
    let bytes = block_on(first.checkpoint()).unwrap().encode().unwrap();
    drop(first);

    let checkpoint = Checkpoint::decode(&bytes).unwrap();
    assert_eq!(checkpoint.position.steps, n);
    let mut resumed = Trainer::resume(&checkpoint, data(), &Device::flex(), clock()).unwrap();
    assert_eq!(resumed.steps(), n);
    drive(&mut resumed, &mut log, None);

    assert_eq!(log.steps, expected.steps, "same step count after {n}");
    assert_close(&log.batch_losses, &expected.batch_losses, "batch losses");
    assert_eq!(log.epochs.len(), expected.epochs.len());
    for (a, b) in log.epochs.iter().zip(&expected.epochs) {
        assert_eq!(a.0, b.0);
        assert_close(
            &[a.1, a.2, a.3, a.4],
            &[b.1, b.2, b.3, b.4],
            "epoch figures",
        );
    }
    assert_close(
        &parameters(&resumed.model()),
        &parameters(&whole.model()),
        "weights",
    );
}

#[test]
fn resumed_with_batch_normalization_ends_as_uninterrupted() {
    // The moving statistics travel in the model file and γ and β's Adam moments with the rest:
    // without either, the resumed run's predictions or weights would drift from the whole run's.
    // (No Dropout here: its random mask comes from the process's generator, which tests running
    // beside this one also draw from.)
    let spec = ModelSpec::new(
        common::specs::tutorial_normalised()
            .layers
            .into_iter()
            .filter(|l| !matches!(l, convlab::model::LayerSpec::Dropout { .. }))
            .collect(),
    );
    resume_of_matches_uninterrupted(&spec, 13, hyper());
}

#[test]
fn resumed_mid_epoch_ends_as_uninterrupted() {
    resume_matches_uninterrupted(13);
}

#[test]
fn resumed_before_validation_ends_as_uninterrupted() {
    // 10 batches: the first epoch's training is done, its validation is not.
    resume_matches_uninterrupted(10);
}

#[test]
fn resumed_in_first_epoch_ends_as_uninterrupted() {
    resume_matches_uninterrupted(3);
}

#[test]
fn resumed_with_augmentation_ends_as_uninterrupted() {
    // The distortions come from the seed, the epoch and the batch, so the resumed run distorts
    // its batches as the uninterrupted one does.
    let augmented = Hyperparameters {
        augment: true,
        ..hyper()
    };
    resume_matches_uninterrupted_with(13, augmented);
}

#[test]
fn a_model_file_predicts_bit_identically() {
    let mut t = fresh();
    drive(&mut t, &mut Log::default(), Some(5));
    let about = Pretrained {
        spec: ModelSpec::tutorial(),
        hyperparameters: hyper(),
        test_accuracy: Some(0.5),
        test_loss: Some(1.5),
    };
    let model = t.model();
    let bytes = about.encode(&model).unwrap();
    let (read, network) = Pretrained::decode(&bytes, &Device::flex()).unwrap();
    assert_eq!(read, about);
    let pixels = data().test.scaled_pixels(&(0..20).collect::<Vec<_>>());
    let images =
        Tensor::<1>::from_floats(pixels.as_slice(), &Device::flex()).reshape([20, 1, 28, 28]);
    let a: Vec<f32> = model
        .forward(images.clone())
        .into_data()
        .iter::<f32>()
        .collect();
    let b: Vec<f32> = network.forward(images).into_data().iter::<f32>().collect();
    assert_eq!(
        a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        b.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
    // The checkpoint's model part is the same kind of file.
    let checkpoint = block_on(t.checkpoint()).unwrap();
    let (_, from_checkpoint) = Pretrained::decode(&checkpoint.model_file, &Device::flex()).unwrap();
    assert_eq!(parameters(&from_checkpoint), parameters(&model));
}

fn stopped_checkpoint() -> Vec<u8> {
    let mut t = fresh();
    drive(&mut t, &mut Log::default(), Some(2));
    block_on(t.checkpoint()).unwrap().encode().unwrap()
}

#[test]
fn damaged_or_cut_checkpoints_are_typed_errors() {
    let bytes = stopped_checkpoint();
    let len = bytes.len();
    for cut in (0..len)
        .step_by(len / 97)
        .chain([1, 8, 31, 32, len - 9, len - 1])
    {
        match Checkpoint::decode(&bytes[..cut]) {
            Err(CheckpointError::Corrupt(_) | CheckpointError::NotCheckpoint(_)) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    for at in (0..len).step_by(len / 53).skip(1) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5a;
        match Checkpoint::decode(&damaged) {
            Err(
                CheckpointError::Corrupt(_)
                | CheckpointError::UnsupportedFormat(_)
                | CheckpointError::NotCheckpoint(_),
            ) => {}
            other => panic!("byte {at} flipped: {other:?}"),
        }
    }
    let mut newer = bytes.clone();
    newer[8] = 9;
    assert!(matches!(
        Checkpoint::decode(&newer),
        Err(CheckpointError::UnsupportedFormat(9))
    ));
    assert!(matches!(
        Checkpoint::decode(b"hello world"),
        Err(CheckpointError::NotCheckpoint(_))
    ));
    // A model file is not a checkpoint, and a checkpoint is not a model file.
    let checkpoint = Checkpoint::decode(&bytes).unwrap();
    assert!(matches!(
        Checkpoint::decode(&checkpoint.model_file),
        Err(CheckpointError::NotCheckpoint(_))
    ));
    assert!(matches!(
        Pretrained::decode(&bytes, &Device::flex()),
        Err(WeightsError::NotWeights(_))
    ));
}

#[test]
fn another_model_or_other_data_is_refused() {
    let checkpoint = Checkpoint::decode(&stopped_checkpoint()).unwrap();
    let other = ModelSpec::new(ModelSpec::tutorial().layers[2..].to_vec());
    assert!(matches!(
        checkpoint.expect_spec(&other),
        Err(CheckpointError::OtherModel { .. })
    ));
    checkpoint.expect_spec(&ModelSpec::tutorial()).unwrap();
    assert!(matches!(
        convlab::model::weights::from_bytes(&other, &checkpoint.model_file, &Device::flex()),
        Err(WeightsError::OtherModel { .. })
    ));
    let fewer = Arc::new(Mnist {
        train: data().train.clone(),
        test: data().test.take(50),
    });
    assert!(matches!(
        Trainer::resume(&checkpoint, fewer, &Device::flex(), clock()),
        Err(CheckpointError::OtherData(_))
    ));
}
