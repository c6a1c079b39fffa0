//! The tutorial's max-pool (2 × 2, stride 2, no padding) on burn's CPU backend, through burn's
//! backend-extension mechanism: one operation, `max_pool_2x2`, implemented for `Flex` (the
//! kernel in [`kernel`]) and for `Autodiff<Flex>` (the same kernel, keeping each output's winner
//! for a backward pass written here).
//!
//! Why: burn-flex runs every 2-D max-pool as a general 3-D pool (index arithmetic per output, an
//! index tensor of i64, a backward pass that scatters into a zeroed input). For the tutorial's
//! first pool at batch 32 that was ~8 ms of a ~40 ms training step on one thread.
//!
//! Other backends (WebGPU) and other pool settings keep burn's `MaxPool2d`: the network asks
//! [`takes_fast_path`] first, since an extension called on a backend it does not list panics.

mod kernel;

use std::sync::Arc;

use burn::backend::autodiff::checkpoint::base::Checkpointer;
use burn::backend::autodiff::checkpoint::strategy::CheckpointStrategy;
use burn::backend::autodiff::grads::Gradients;
use burn::backend::autodiff::ops::{Backward, Ops, OpsKind};
use burn::backend::flex::FlexTensor;
use burn::backend::tensor::FloatTensor;
use burn::backend::{Autodiff, Dispatch, Flex, backend_extension};
use burn::nn::PaddingConfig2d;
use burn::nn::pool::MaxPool2d;
use burn::prelude::*;
use burn::tensor::{DType, TensorData};

/// The operation, as a backend extension (the macro generates its `Dispatch` routing).
#[backend_extension(Flex, Autodiff)]
pub trait MaxPool2x2Backend: burn::backend::Backend {
    /// `[batch, channels, h, w]` → `[batch, channels, ⌊h/2⌋, ⌊w/2⌋]`, each output the largest of
    /// its 2 × 2 block.
    fn max_pool_2x2(x: FloatTensor<Self>) -> FloatTensor<Self>;
}

/// Whether `pool` applied to `x` can run as [`max_pool_2x2`]: the pool is 2 × 2 with stride 2, no
/// padding, dilation or ceil mode, and `x` is f32 on the CPU backend (with or without autodiff).
pub fn takes_fast_path(pool: &MaxPool2d, x: &Tensor<4>) -> bool {
    pool.kernel_size == [2, 2]
        && pool.stride == [2, 2]
        && matches!(pool.padding, PaddingConfig2d::Valid)
        && pool.dilation == [1, 1]
        && !pool.ceil_mode
        && x.dtype() == DType::F32
        && x.device().without_autodiff() == Device::flex()
}

/// The pool on a tensor that [`takes_fast_path`] accepted; equal to burn's `MaxPool2d` there,
/// gradients included.
pub fn max_pool_2x2(x: Tensor<4>) -> Tensor<4> {
    Tensor::from_dispatch(<Dispatch as MaxPool2x2Backend>::max_pool_2x2(x.into_dispatch()))
}

impl MaxPool2x2Backend for Flex {
    fn max_pool_2x2(x: FlexTensor) -> FlexTensor {
        pool(&x).0
    }
}

impl<C: CheckpointStrategy> MaxPool2x2Backend for Autodiff<Flex, C> {
    fn max_pool_2x2(x: FloatTensor<Self>) -> FloatTensor<Self> {
        match MaxPool2x2Backward.prepare::<C>([x.node()]).compute_bound().stateful() {
            OpsKind::Tracked(prep) => {
                let (output, winners) = pool(x.primitive());
                prep.finish(winners, output)
            }
            OpsKind::UnTracked(prep) => prep.finish(Flex::max_pool_2x2(x.into_primitive())),
        }
    }
}

/// What the backward pass needs: the input's dimensions and each output's winner code.
#[derive(Clone, Debug)]
struct Winners {
    input_dims: [usize; 4],
    codes: Arc<[u8]>,
}

/// Forward on flex: the pooled tensor and the winners.
fn pool(x: &FlexTensor) -> (FlexTensor, Winners) {
    let input_dims = dims(x);
    let [batch, channels, height, width] = input_dims;
    let x = x.to_contiguous();
    let input = x.as_slice::<f32>().expect("takes_fast_path admits f32 only");
    let (output, codes) = kernel::forward(input, height, width);
    let (out_height, out_width) = kernel::output_size(height, width);
    let output = FlexTensor::from_data(TensorData::new(output, [batch, channels, out_height, out_width]));
    (output, Winners { input_dims, codes: codes.into() })
}

fn dims(x: &FlexTensor) -> [usize; 4] {
    let shape = x.layout().shape();
    assert_eq!(shape.num_dims(), 4, "max_pool_2x2 takes [batch, channels, height, width]");
    [shape[0], shape[1], shape[2], shape[3]]
}

#[derive(Debug)]
struct MaxPool2x2Backward;

impl Backward<Flex, 1> for MaxPool2x2Backward {
    type State = Winners;

    fn backward(self, ops: Ops<Self::State, 1>, grads: &mut Gradients, _checkpointer: &mut Checkpointer) {
        let [parent] = ops.parents;
        let grad = grads.consume::<Flex>(&ops.node);
        let Some(parent) = parent else { return };
        let Winners { input_dims, codes } = ops.state;
        let [batch, channels, height, width] = input_dims;
        let grad = grad.to_contiguous();
        let grad = grad.as_slice::<f32>().expect("the gradient of an f32 output is f32");
        let input_grad = kernel::backward(grad, &codes, batch * channels, height, width);
        grads.register::<Flex>(parent.id, FlexTensor::from_data(TensorData::new(input_grad, input_dims)));
    }
}
