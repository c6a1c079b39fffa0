//! Unfolding an image batch into k × k patches (im2col) on burn's CPU backend, through burn's
//! backend-extension mechanism: one operation, `unfold_patches`, for `Flex` and for
//! `Autodiff<Flex>` with its backward pass (col2im) written here. A convolution is then one
//! batched matrix product with burn's differentiable `matmul` (model/network/).
//!
//! Why: burn's `unfold4d` computes the patches as a convolution with an identity kernel, cheap for
//! one input channel and costly for 32 (a 32 → 288-channel convolution, and its backward is
//! another); and burn-flex's own convolution backward (the tutorial's second convolution, ~7 ms
//! of a ~21 ms step on one thread) gains little from a second thread. Here the patches are row
//! copies and their backward row additions, both spread over the threads.
//!
//! Only on flex: the network checks the device first (an extension called on a backend it does
//! not list panics); WebGPU keeps burn's `Conv2d`.

mod kernel;

use burn::backend::autodiff::checkpoint::base::Checkpointer;
use burn::backend::autodiff::checkpoint::strategy::CheckpointStrategy;
use burn::backend::autodiff::grads::Gradients;
use burn::backend::autodiff::ops::{Backward, Ops, OpsKind};
use burn::backend::flex::FlexTensor;
use burn::backend::tensor::FloatTensor;
use burn::backend::{Autodiff, Dispatch, Flex, backend_extension};
use burn::prelude::*;
use burn::tensor::TensorData;

use kernel::Patches;

/// The operation, as a backend extension (the macro generates its `Dispatch` routing).
#[backend_extension(Flex, Autodiff)]
pub trait UnfoldPatchesBackend: burn::backend::Backend {
    /// `[batch, channels, h, w]` → `[batch, channels · k · k, out_h · out_w]`, stride 1, `padding`
    /// zeros on every side: burn's `unfold4d` layout.
    fn unfold_patches(x: FloatTensor<Self>, kernel: usize, padding: usize) -> FloatTensor<Self>;
}

/// The k × k patches of `images` (f32, on flex, with or without autodiff), as burn's `unfold4d`
/// with stride 1, dilation 1 and `padding` on every side gives them; gradients included.
pub fn unfold_patches(images: Tensor<4>, kernel: usize, padding: usize) -> Tensor<3> {
    Tensor::from_dispatch(<Dispatch as UnfoldPatchesBackend>::unfold_patches(images.into_dispatch(), kernel, padding))
}

impl UnfoldPatchesBackend for Flex {
    fn unfold_patches(x: FlexTensor, kernel: usize, padding: usize) -> FlexTensor {
        unfold(&x, kernel, padding).0
    }
}

impl<C: CheckpointStrategy> UnfoldPatchesBackend for Autodiff<Flex, C> {
    fn unfold_patches(x: FloatTensor<Self>, kernel: usize, padding: usize) -> FloatTensor<Self> {
        match UnfoldBackward.prepare::<C>([x.node()]).compute_bound().stateful() {
            OpsKind::Tracked(prep) => {
                let (rows, input) = unfold(x.primitive(), kernel, padding);
                prep.finish(input, rows)
            }
            OpsKind::UnTracked(prep) => prep.finish(Flex::unfold_patches(x.into_primitive(), kernel, padding)),
        }
    }
}

/// The input's batch, channels and patch geometry: all the backward pass needs.
#[derive(Clone, Copy, Debug)]
struct Unfolded {
    batch: usize,
    channels: usize,
    patches: Patches,
}

fn unfold(x: &FlexTensor, kernel: usize, padding: usize) -> (FlexTensor, Unfolded) {
    let shape = x.layout().shape();
    assert_eq!(shape.num_dims(), 4, "unfold_patches takes [batch, channels, height, width]");
    let [batch, channels, height, width] = [shape[0], shape[1], shape[2], shape[3]];
    let patches = Patches { height, width, kernel, padding };
    let x = x.to_contiguous();
    let images = x.as_slice::<f32>().expect("the network unfolds f32 images only");
    let (out_height, out_width) = patches.output_size();
    let rows = kernel::unfold(images, patches);
    let rows = FlexTensor::from_data(TensorData::new(rows, [batch, channels * kernel * kernel, out_height * out_width]));
    (rows, Unfolded { batch, channels, patches })
}

#[derive(Debug)]
struct UnfoldBackward;

impl Backward<Flex, 1> for UnfoldBackward {
    type State = Unfolded;

    fn backward(self, ops: Ops<Self::State, 1>, grads: &mut Gradients, _checkpointer: &mut Checkpointer) {
        let [parent] = ops.parents;
        let grad = grads.consume::<Flex>(&ops.node);
        let Some(parent) = parent else { return };
        let Unfolded { batch, channels, patches } = ops.state;
        let grad = grad.to_contiguous();
        let rows = grad.as_slice::<f32>().expect("the gradient of f32 patches is f32");
        let images = kernel::fold(rows, batch * channels, patches);
        let dims = [batch, channels, patches.height, patches.width];
        grads.register::<Flex>(parent.id, FlexTensor::from_data(TensorData::new(images, dims)));
    }
}
