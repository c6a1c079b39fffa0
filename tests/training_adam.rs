//! ConvLab's Adam (state kept by ConvLab so checkpoints work on any device) against burn's own
//! `ModuleOptimizer` with the same settings: the same gradients must give the same weights, and
//! moments saved and restored must go on exactly as if never saved.

use burn::module::{Module, ModuleVisitor, Param};
use burn::optim::{AdamConfig, GradientsParams};
use burn::prelude::*;
use convlab::model::{ModelSpec, Network};
use convlab::training::adam::{AdamOptimizer, KERAS_ADAM_EPSILON};
use futures::executor::block_on;

fn device() -> Device {
    Device::flex().autodiff()
}

/// A fixed batch of images and labels that differs with `step`.
fn batch(step: usize) -> (Tensor<4>, Tensor<1, Int>) {
    let pixels: Vec<f32> = (0..8 * 784).map(|i| ((i * 37 + step * 101) % 255) as f32 / 255.0).collect();
    let images = Tensor::<4>::from_data(TensorData::new(pixels, [8, 1, 28, 28]), &device());
    let labels = Tensor::<1, Int>::from_data(TensorData::from([0i64, 1, 2, 3, 4, 5, 6, 7].map(|l| (l + step as i64) % 10)), &device());
    (images, labels)
}

fn gradients(model: &Network, step: usize) -> GradientsParams {
    let (images, labels) = batch(step);
    let loss = burn::nn::loss::CrossEntropyLoss::new(None, &device()).forward(model.forward(images), labels);
    GradientsParams::from_grads(loss.backward(), model)
}

struct Collect(Vec<f32>);
impl ModuleVisitor for Collect {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        self.0.extend(param.val().into_data().iter::<f32>());
    }
}

fn weights(model: &Network) -> Vec<f32> {
    let mut collect = Collect(Vec::new());
    model.visit(&mut collect);
    collect.0
}

/// A network with every parameter initialised (burn initialises lazily, at first use).
fn start() -> Network {
    let model = Network::new(&ModelSpec::tutorial(), &device()).unwrap();
    weights(&model);
    model
}

#[test]
fn same_updates_as_burns_module_optimizer() {
    let mut ours = start();
    let mut theirs = ours.clone();
    assert_eq!(weights(&ours), weights(&theirs));
    let mut adam = AdamOptimizer::default();
    let mut burns = AdamConfig::new().with_epsilon(KERAS_ADAM_EPSILON).init();
    for step in 0..4 {
        let grads = gradients(&ours, step);
        ours = adam.step(1e-3, ours, grads);
        let grads = gradients(&theirs, step);
        theirs = burns.step(1e-3, theirs, grads);
        assert_eq!(weights(&ours), weights(&theirs), "after step {step}");
    }
}

#[test]
fn saved_and_restored_moments_go_on_identically() {
    let mut model = start();
    let mut adam = AdamOptimizer::default();
    for step in 0..2 {
        let grads = gradients(&model, step);
        model = adam.step(1e-3, model, grads);
    }
    let saved = block_on(adam.save()).unwrap();
    assert_eq!(saved.len(), weights_count(&model), "{saved:?}");
    let mut restored = AdamOptimizer::restore(&saved, &Device::flex()).unwrap();
    let (mut a, mut b) = (model.clone(), model);
    for step in 2..4 {
        let grads = gradients(&a, step);
        a = adam.step(1e-3, a, grads);
        let grads = gradients(&b, step);
        b = restored.step(1e-3, b, grads);
    }
    assert_eq!(weights(&a), weights(&b));
}

/// The number of parameter tensors (each has its own moments).
fn weights_count(model: &Network) -> usize {
    struct Count(usize);
    impl ModuleVisitor for Count {
        fn visit_float<const D: usize>(&mut self, _: &Param<Tensor<D>>) {
            self.0 += 1;
        }
    }
    let mut count = Count(0);
    model.visit(&mut count);
    count.0
}
