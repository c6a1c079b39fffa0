//! A run whose loss stops being a number ends with an explanation instead of training on NaN;
//! a run that cannot fit in a browser tab is refused before it starts. Real MNIST (MNIST_DIR).

mod common;

use common::specs::deep_linear;

use std::sync::Arc;

use burn::tensor::Device;
use convlab::data::Mnist;
use convlab::model::share_link;
use convlab::model::ModelSpec;
use convlab::training::{
    EpochSummary, Hyperparameters, Trainer, TrainingError, TrainingEvent, evaluate,
};
use futures::executor::block_on;

/// The training set and the first 500 test images (validation is not what is tested here).
fn data() -> Arc<Mnist> {
    common::real_mnist(500)
}

fn trainer(spec: &ModelSpec, hyper: Hyperparameters) -> Result<Trainer, TrainingError> {
    Trainer::new(spec, hyper, data(), &Device::flex(), Box::new(|| 0.0))
}


fn settings(learning_rate: f64) -> Hyperparameters {
    Hyperparameters {
        epochs: 1,
        batch_size: 32,
        learning_rate,
        seed: 42,
        train_subset: Some(640),
        augment: false,
        early_stopping: None,
    }
}

/// Steps until the trainer fails; the batch events seen before, and the error.
fn run_until_error(t: &mut Trainer) -> (Vec<f32>, Option<TrainingError>) {
    let mut losses = Vec::new();
    loop {
        match block_on(t.step()) {
            Ok(Some(TrainingEvent::Batch(b))) => losses.push(b.batch_loss),
            Ok(Some(_)) => {}
            Ok(None) => return (losses, None),
            Err(e) => return (losses, Some(e)),
        }
    }
}

#[test]
fn a_learning_rate_of_10_on_a_deep_linear_stack_diverges_with_an_explanation() {
    let spec = deep_linear();
    let hyper = settings(10.0);
    assert!(spec.validate().is_ok() && hyper.validate().is_ok());
    println!("link: {}", share_link::encode(&spec, &hyper));
    let mut t = trainer(&spec, hyper).unwrap();
    let (losses, error) = run_until_error(&mut t);
    println!("finite batch losses before: {losses:?}");
    let Some(error) = error else {
        panic!("expected the run to diverge; losses {losses:?}");
    };
    let TrainingError::Diverged {
        epoch,
        batch,
        loss,
        learning_rate,
    } = error
    else {
        panic!("expected Diverged, got {error}");
    };
    println!("{error}");
    assert_eq!((epoch, batch), (1, losses.len() + 1));
    assert!(batch <= 5, "diverged only at batch {batch}");
    assert!(!loss.is_finite());
    assert_eq!(learning_rate, 10.0);
    assert!(losses.iter().all(|l| l.is_finite()));
    let message = error.to_string();
    assert!(
        message.ends_with("the learning rate 10 is far too large; try 0.001"),
        "{message}"
    );
    assert!(message.starts_with("the loss became "), "{message}");
    assert!(message.contains(&format!("at epoch 1, batch {batch}:")), "{message}");

    // The run is over; its (overflowed) model can still be evaluated without a panic.
    assert!(t.is_finished());
    assert!(matches!(block_on(t.step()), Ok(None)));
    let evaluation = block_on(evaluate(&t.model(), &data().test, 500, &t.inference_device()));
    let evaluation = evaluation.unwrap();
    assert!(!evaluation.loss.is_finite() || evaluation.loss > 2.0, "{evaluation:?}");
}

#[test]
fn a_small_learning_rate_blames_the_model_not_the_rate() {
    let error = TrainingError::Diverged {
        epoch: 2,
        batch: 7,
        loss: f32::INFINITY,
        learning_rate: 0.001,
    };
    assert_eq!(
        error.to_string(),
        "the loss became infinite at epoch 2, batch 7: the weights grew until the numbers \
         overflowed; try a smaller learning rate (the tutorial uses 0.001) or a smaller model"
    );
}

#[test]
fn a_non_finite_validation_loss_crosses_json() {
    // serde_json writes NaN and infinity as null; the page must still read the event.
    let event = TrainingEvent::Epoch(EpochSummary {
        epoch: 1,
        epochs: 1,
        loss: 2.3,
        accuracy: 0.1,
        val_loss: f32::INFINITY,
        val_accuracy: 0.1,
        seconds: 1.0,
        train_seconds: 1.0,
        samples_per_sec: 100.0,
    });
    let json = serde_json::to_string(&event).unwrap();
    assert!(json.contains(r#""val_loss":null"#), "{json}");
    let TrainingEvent::Epoch(back) = serde_json::from_str(&json).unwrap() else {
        panic!("an epoch event");
    };
    assert!(back.val_loss.is_nan());
    assert_eq!(back.loss, 2.3);
}

#[test]
fn a_run_too_large_for_a_browser_is_refused_before_it_starts() {
    // Conv2D(1024, 3×3, same) on the full 28×28 image (see tests/training_memory.rs).
    let (wide, _) = share_link::decode("model=c1024.k3.same.relu-p2-f-d10.softmax").unwrap();
    let Err(error) = trainer(&wide, settings(0.001)) else {
        panic!("the wide model must be refused");
    };
    assert!(matches!(error, TrainingError::Memory(_)), "{error}");
    let Err(error) = trainer(
        &ModelSpec::tutorial(),
        Hyperparameters {
            batch_size: 60_000,
            train_subset: None,
            ..settings(0.001)
        },
    ) else {
        panic!("batch 60 000 must be refused");
    };
    assert!(error.to_string().contains("Use a batch size of at most"), "{error}");
}
