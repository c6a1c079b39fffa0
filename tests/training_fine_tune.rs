//! Fine-tuning on a learner's digits: the shipped model, fine-tuned on a made-up handwriting
//! (MNIST digits slanted and thickened, `common::handwriting`), gets much better at held-out
//! digits of that handwriting while staying good at MNIST. Real MNIST (MNIST_DIR).
//!
//! Measured (default settings: 300 steps of 32, half the learner's, learning rate 1e-4, 30
//! digits per class of which 6 are held out; the augmentation hook still empty): held-out
//! accuracy 60.0 % → 90.0 %, MNIST (2 000 test images) 99.05 % → 99.05 %, in 6.8 s natively.

mod common;

use std::sync::Arc;
use std::time::Instant;

use burn::tensor::Device;
use common::handwriting::handwritten_digits;
use convlab::data::Mnist;
use convlab::training::{FineTuneEvent, FineTuneReport, FineTuneSettings, FineTuner, TrainingError};
use futures::executor::block_on;

fn data() -> Arc<Mnist> {
    common::real_mnist(10_000)
}

fn tuner(settings: FineTuneSettings, per_class: usize) -> FineTuner {
    let (_, model) = common::shipped_model();
    let digits = handwritten_digits(&data().train, per_class);
    FineTuner::new(&model, &digits, data(), settings, &Device::flex(), Box::new(|| 0.0)).unwrap()
}

/// Steps until finished; the report and every step's loss.
fn run(tuner: &mut FineTuner) -> Result<(FineTuneReport, Vec<f32>), TrainingError> {
    let mut losses = Vec::new();
    while let Some(event) = block_on(tuner.step())? {
        match event {
            FineTuneEvent::Step(step) => losses.push(step.batch_loss),
            FineTuneEvent::Finished(report) => return Ok((report, losses)),
            _ => {}
        }
    }
    panic!("fine-tuning ended without a report");
}

#[test]
fn fine_tuning_learns_the_handwriting_and_keeps_mnist() {
    let started = Instant::now();
    let mut t = tuner(FineTuneSettings::default(), 30);
    let (report, losses) = run(&mut t).unwrap();
    println!("{report:#?}\nfirst and last losses {:?} {:?}", &losses[..3], &losses[losses.len() - 3..]);
    println!("took {:.1} s", started.elapsed().as_secs_f64());
    assert_eq!((report.steps, losses.len()), (300, 300));
    assert_eq!((report.train_digits, report.held_out_digits), (240, 60));
    assert_eq!(report.mnist_test_images, 2000);
    let (before, after) = (report.before, report.after);
    assert!(
        before.held_out_accuracy < 0.75,
        "the handwriting should be hard for the shipped model, it got {}",
        before.held_out_accuracy
    );
    assert!(
        after.held_out_accuracy >= before.held_out_accuracy + 0.20,
        "held-out handwriting accuracy went from {} to {}, not up by 20 points",
        before.held_out_accuracy,
        after.held_out_accuracy
    );
    assert!(
        after.mnist_accuracy >= before.mnist_accuracy - 0.01,
        "MNIST accuracy fell from {} to {}, more than 1 point",
        before.mnist_accuracy,
        after.mnist_accuracy
    );
}
