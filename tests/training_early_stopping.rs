//! Early stopping (Keras' EarlyStopping on val_loss with restore_best_weights): the rule on
//! made-up losses, and a real run that overfits a few hundred images, stops, and keeps the
//! weights of its best epoch. Needs MNIST_DIR for the real run.

mod common;

use convlab::model::ModelSpec;
use convlab::model::share_link;
use convlab::training::EarlyStop;
use convlab::training::early_stopping::{Watch, lowest_val_loss};
use convlab::training::{EpochSummary, Hyperparameters, Trainer, evaluate};
use futures::executor::block_on;

/// Feeds `losses` (epochs 1, 2, …) to a watch; the stop, if any, and the epoch whose weights it
/// kept (the weights here are the epoch's number).
fn watch(patience: usize, losses: &[f32]) -> (Option<EarlyStop>, Option<usize>) {
    let mut watch = Watch::new(patience);
    for (i, &loss) in losses.iter().enumerate() {
        if let Some(stop) = watch.epoch_ended(i + 1, loss, || i + 1) {
            return (Some(stop), watch.into_best_weights());
        }
    }
    (None, watch.into_best_weights())
}

#[test]
fn the_run_stops_after_patience_epochs_without_a_lower_val_loss() {
    let (stop, kept) = watch(3, &[1.0, 0.8, 0.9, 0.85, 0.95, 0.5]);
    assert_eq!(stop, Some(EarlyStop { after_epoch: 5, patience: 3, best_epoch: 2, best_val_loss: 0.8 }));
    assert_eq!(kept, Some(2), "the best epoch's weights");
    // An equal loss is not an improvement (Keras' min_delta 0); a lower one resets the count.
    assert_eq!(watch(2, &[1.0, 1.0, 0.9, 0.95, 0.9]).0.map(|s| (s.after_epoch, s.best_epoch)), Some((5, 3)));
    assert_eq!(watch(1, &[1.0, 0.9, 0.8, 0.7]).0, None, "always improving: never stops");
    assert_eq!(watch(3, &[1.0, 2.0, 3.0]).0, None, "fewer epochs than the patience");
}

#[test]
fn a_non_finite_val_loss_is_never_the_best() {
    let (stop, kept) = watch(2, &[0.5, f32::NAN, f32::INFINITY]);
    assert_eq!(stop.map(|s| s.best_epoch), Some(1));
    assert_eq!(kept, Some(1));
    let (stop, kept) = watch(1, &[f32::NAN, f32::NAN]);
    assert_eq!(stop.map(|s| (s.after_epoch, s.best_epoch)), Some((1, 1)));
    assert_eq!(kept, None, "no finite epoch: nothing to take back, the last weights stay");
}

fn epoch(epoch: usize, val_loss: f32) -> EpochSummary {
    EpochSummary { epoch, epochs: 5, loss: 0.1, accuracy: 0.9, val_loss, val_accuracy: 0.9, seconds: 1.0, train_seconds: 1.0, samples_per_sec: 1.0 }
}

#[test]
fn the_lowest_val_loss_is_the_first_of_the_lowest_finite_ones() {
    assert_eq!(lowest_val_loss(&[epoch(1, 0.5), epoch(2, 0.3), epoch(3, 0.3), epoch(4, f32::NAN)]), Some(2));
    assert_eq!(lowest_val_loss(&[epoch(1, f32::NAN)]), None);
    assert_eq!(lowest_val_loss(&[]), None);
}

#[test]
fn the_patience_is_checked_carried_by_links_and_exported_to_keras() {
    let hyper = Hyperparameters { early_stopping: Some(0), ..Default::default() };
    assert_eq!(hyper.validate().unwrap_err(), "early stopping's patience (epochs) must be between 1 and 1000, not 0");
    let hyper = Hyperparameters { epochs: 15, early_stopping: Some(3), ..Default::default() };
    let link = share_link::encode(&ModelSpec::tutorial(), &hyper);
    assert!(link.ends_with("&patience=3"), "{link}");
    assert_eq!(share_link::decode(&link).unwrap().1, hyper);
    assert_eq!(share_link::decode(&link.replace("patience=3", "")).unwrap().1.early_stopping, None);
    assert!(share_link::decode(&link.replace("patience=3", "patience=0")).is_err());
    let script = ModelSpec::tutorial().to_keras_script(&hyper);
    assert!(script.contains("keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience=3, restore_best_weights=True)"), "{script}");
    assert!(script.contains("validation_data=(x_test, y_test), callbacks=[stop_early])"), "{script}");
    assert!(!ModelSpec::tutorial().to_keras_script(&Hyperparameters::default()).contains("EarlyStopping"));
}

/// Runs to the end; the epochs and how it finished.
fn run(hyper: Hyperparameters) -> (Trainer, Vec<EpochSummary>, convlab::training::FinishedSummary) {
    common::train_to_end(&ModelSpec::tutorial(), hyper, common::real_mnist(1000))
}

#[test]
fn a_run_that_overfits_stops_early_and_keeps_its_best_epochs_weights() {
    // 256 images, a high learning rate: the validation loss soon turns up.
    let hyper = Hyperparameters { epochs: 12, train_subset: Some(256), learning_rate: 0.005, seed: 11, early_stopping: Some(2), ..Default::default() };
    let (trainer, epochs, finished) = run(hyper.clone());
    let losses: Vec<f32> = epochs.iter().map(|e| e.val_loss).collect();
    let stop = finished.early_stop.clone().unwrap_or_else(|| panic!("no early stop; val_loss per epoch {losses:?}"));
    let best = lowest_val_loss(&epochs).unwrap();
    assert_eq!(stop.best_epoch, best, "{losses:?}");
    assert_eq!(stop.after_epoch, best + 2, "two epochs without a lower val_loss, {losses:?}");
    assert_eq!((finished.epochs_completed, epochs.len()), (stop.after_epoch, stop.after_epoch));
    assert!(stop.after_epoch < 12 && !finished.stopped);
    assert_eq!(stop.best_val_loss, losses[best - 1]);
    // The model is the best epoch's, not the last one's: its loss on the validation images is
    // the best epoch's val_loss again.
    let again = block_on(evaluate(&trainer.model(), &common::real_mnist(1000).test, 256, &trainer.inference_device())).unwrap();
    assert!((again.loss - stop.best_val_loss).abs() < 1e-4, "{} vs best {} (last {})", again.loss, stop.best_val_loss, losses.last().unwrap());
    assert!((again.loss - losses.last().unwrap()).abs() > 1e-3, "the last epoch's weights would give {}", losses.last().unwrap());

    // Without early stopping the same run trains all 12 epochs, the same way up to the stop.
    let (_, all, finished) = run(Hyperparameters { early_stopping: None, ..hyper });
    assert_eq!(all.len(), 12);
    assert_eq!(finished.early_stop, None);
    let same: Vec<f32> = all.iter().take(losses.len()).map(|e| e.val_loss).collect();
    assert_eq!(same, losses, "early stopping changes nothing before it stops");
}
