//! A batch's gradient computed in shards (one per compute thread) against the same batch taken
//! whole: the loss, the count of right answers and every parameter's gradient must agree to float
//! rounding, for even and uneven shards.

use burn::module::{Module, ModuleVisitor, Param};
use burn::nn::loss::CrossEntropyLoss;
use burn::optim::GradientsParams;
use burn::prelude::*;
use convlab::model::{Mode, ModelSpec, Network};
use convlab::training::batch_shards::{BatchGradients, batch_gradients};

fn device() -> Device {
    Device::flex().autodiff()
}

/// `n` images with varied pixels and labels, so the gradient differs image by image.
fn batch(n: usize) -> (Tensor<4>, Tensor<1, Int>) {
    let pixels: Vec<f32> = (0..n * 784).map(|i| ((i * 37 + i / 784 * 11) % 255) as f32 / 255.0).collect();
    let labels: Vec<i64> = (0..n as i64).map(|i| (i * 7 + 3) % 10).collect();
    (
        Tensor::<4>::from_data(TensorData::new(pixels, [n, 1, 28, 28]), &device()),
        Tensor::<1, Int>::from_data(TensorData::new(labels, [n]), &device()),
    )
}

/// Every parameter's gradient, in the model's order, as plain numbers.
struct Gradients<'a> {
    grads: &'a GradientsParams,
    values: Vec<Vec<f32>>,
}

impl ModuleVisitor for Gradients<'_> {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        // None for BatchNormalization's moving statistics, which no gradient step changes.
        let grad = self.grads.get::<D>(param.id);
        self.values.push(grad.map_or_else(Vec::new, |g| g.into_data().iter::<f32>().collect()));
    }
}

fn figures(model: &Network, result: &BatchGradients) -> (f32, i64, Vec<Vec<f32>>) {
    let mut visitor = Gradients { grads: &result.grads, values: Vec::new() };
    model.visit(&mut visitor);
    let loss = result.loss.clone().into_scalar::<f32>();
    let correct = result.correct.clone().into_scalar::<i64>();
    (loss, correct, visitor.values)
}

#[test]
fn sharded_gradients_equal_the_whole_batch() {
    let model = Network::new(&ModelSpec::tutorial(), &device()).unwrap();
    let loss_fn = CrossEntropyLoss::new(None, &device());
    for n in [16, 19] {
        let (images, labels) = batch(n);
        let whole = batch_gradients(&model, &loss_fn, images.clone(), labels.clone(), 1, Mode::Training);
        let (loss, correct, grads) = figures(&model, &whole);
        assert!(loss.is_finite() && loss > 0.0);
        assert!(grads.iter().flatten().any(|g| g.abs() > 1e-6), "the gradient is not all zero");
        assert!(grads.iter().all(|g| !g.is_empty()), "every parameter has a gradient");
        for shards in [2, 3] {
            let sharded = batch_gradients(&model, &loss_fn, images.clone(), labels.clone(), shards, Mode::Training);
            let (shard_loss, shard_correct, shard_grads) = figures(&model, &sharded);
            assert!((loss - shard_loss).abs() < 1e-5, "{n} images, {shards} shards: loss {loss} vs {shard_loss}");
            assert_eq!(correct, shard_correct);
            assert_eq!(grads.len(), shard_grads.len());
            for (layer, (a, b)) in grads.iter().zip(&shard_grads).enumerate() {
                let scale = a.iter().fold(1e-3f32, |m, v| m.max(v.abs()));
                let worst = a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max);
                assert!(worst <= 1e-4 * scale, "{n} images, {shards} shards, parameter {layer}: off by {worst} (scale {scale})");
            }
        }
    }
}

#[test]
fn a_model_with_batch_normalization_takes_its_batch_whole() {
    // In training, BatchNormalization normalises by the whole batch's statistics; shards would
    // each use their own and give other gradients. So any shard count gives the whole batch's.
    let spec = ModelSpec::new(vec![
        convlab::model::LayerSpec::Conv2D {
            filters: 4,
            kernel_size: 3,
            activation: convlab::model::Activation::Relu,
            padding: convlab::model::Padding::Same,
        },
        convlab::model::LayerSpec::BatchNormalization,
        convlab::model::LayerSpec::Flatten,
        convlab::model::LayerSpec::Dense { units: 10, activation: convlab::model::Activation::Softmax },
    ]);
    let model = Network::new(&spec, &device()).unwrap();
    let loss_fn = CrossEntropyLoss::new(None, &device());
    let (images, labels) = batch(16);
    let whole = batch_gradients(&model, &loss_fn, images.clone(), labels.clone(), 1, Mode::Training);
    assert!(!whole.statistics.is_empty(), "the batch's statistics come back for the moving averages");
    let (loss, _, grads) = figures(&model, &whole);
    // Kernels, biases, γ and β have gradients; the moving mean and variance none.
    let with_gradients: Vec<bool> = grads.iter().map(|g| !g.is_empty()).collect();
    assert_eq!(with_gradients, [true, true, true, true, false, false, true, true]);
    let sharded = batch_gradients(&model, &loss_fn, images, labels, 2, Mode::Training);
    let (shard_loss, _, shard_grads) = figures(&model, &sharded);
    assert_eq!((loss, grads), (shard_loss, shard_grads));
}
