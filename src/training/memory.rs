//! How much memory a training run will need, estimated before it starts, so that a run that
//! cannot fit in a browser tab is refused with an explanation instead of trapping the worker.
//!
//! The worker is a wasm32 module: its linear memory can never exceed 4 GiB, and growing it close
//! to that fails. The estimate is plain arithmetic on the spec (no burn), so the page can run it
//! too. It models what burn's CPU backend keeps alive at the peak of a run, on the high side:
//!
//! - **Weights and optimiser** (fixed): weights, their gradients and Adam's two moments, plus one
//!   more copy while the update is computed: 5 × parameters × 4 bytes.
//! - **Training, per image of a batch**: the input image; every layer's output, its
//!   pre-activation where it has an activation (kept for the backward pass), and for
//!   MaxPooling2D the index of each maximum (8 bytes), for Dropout its mask and for
//!   BatchNormalization its normalised input (one float per output each); the gradient of every kept float tensor
//!   (same size); and for each convolution its im2col buffer, H_out × W_out × K² × C_in floats,
//!   once forward and once backward. Times the batch size (the batch actually used: at most the
//!   training subset).
//! - **Evaluation** (fixed): the trainer validates [`VALIDATION_BATCH`] test images at a time,
//!   forward only, so only one layer's tensors are alive at once: the peak over layers of its
//!   input, im2col buffer, pre-activation and output, times 500. wasm memory never shrinks and
//!   the allocator may not reuse training's blocks for it, so it is added, not overlapped.
//! - **MNIST** (fixed): the worker keeps all 70 000 images as bytes, with their labels.
//! - **Runtime** (fixed): code, stacks, burn's runtime and the allocator's own use.
//!
//! The tutorial at batch 32 comes to about 0.3 GB (the worker's measured heap is 0.19 GB before
//! any validation); the tutorial at batch 60 000 to about 72 GB (1.2 MB per image), which is refused. A
//! Conv2D(1024, 3×3, same) on the 28×28 input followed by MaxPooling2D(2), Flatten and Dense(10)
//! is refused at any batch size: evaluating 500 images through a 28 × 28 × 1024 output alone
//! takes 3 GB.

use core::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::data::PIXELS;
use crate::hyperparameters::{Hyperparameters, MAX_IMAGES};
use crate::model::digit_groups::thousands_u64;
use crate::model::{Activation, LayerSpec, ModelSpec, Shape, SpecError};

/// Test images per validation step of the trainer: small enough that Stop is handled within a
/// fraction of a second. Here rather than in the trainer so this estimate (which runs without
/// burn, on the page) uses the same figure.
pub const VALIDATION_BATCH: usize = 500;

/// The most memory a run may need: 3 GiB, below wasm32's hard 4 GiB because the allocator
/// rounds and fragments (a large tensor needs one contiguous block, and freed blocks are not
/// always reusable), and because growing the memory near 4 GiB already fails in browsers.
pub const MEMORY_BUDGET: u64 = 3 << 30;

/// Code, stacks, burn's runtime and allocator overhead: a fixed allowance (the worker's wasm is
/// about 10 MB; the rest is headroom).
pub const RUNTIME_ALLOWANCE: u64 = 64 << 20;

/// MNIST's training and test images.
const TRAIN_IMAGES: usize = MAX_IMAGES;
const TEST_IMAGES: usize = 10_000;

/// MNIST as the worker holds it: every image as 784 bytes plus a label byte.
pub const MNIST_BYTES: u64 = ((TRAIN_IMAGES + TEST_IMAGES) * (PIXELS + 1)) as u64;

const FLOAT: u64 = 4;
/// burn's CPU backend stores integer tensors (pooling indices) as i64.
const INDEX: u64 = 8;

/// The estimate for one run, in bytes; see the module's documentation for what each part holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryPlan {
    /// The batch actually used: the batch size, or the training subset when that is smaller.
    pub batch_size: u64,
    /// Training memory per image of a batch (activations, their gradients, im2col buffers).
    pub per_image_bytes: u64,
    /// `batch_size × per_image_bytes`.
    pub batch_bytes: u64,
    /// Weights, gradients, Adam's two moments and the update's copy.
    pub weights_bytes: u64,
    /// Forward-only evaluation of [`VALIDATION_BATCH`] images.
    pub evaluation_bytes: u64,
    /// MNIST's images and labels as bytes.
    pub data_bytes: u64,
    /// [`RUNTIME_ALLOWANCE`].
    pub runtime_bytes: u64,
    /// Everything that does not grow with the batch: weights, evaluation, data and runtime.
    pub fixed_bytes: u64,
    /// `batch_bytes + fixed_bytes`.
    pub total_bytes: u64,
}

impl MemoryPlan {
    /// Whether the run stays within [`MEMORY_BUDGET`].
    pub fn fits(&self) -> bool {
        self.total_bytes <= MEMORY_BUDGET
    }

    /// The largest batch size that fits with this model (at most [`MAX_IMAGES`]), or `None`
    /// when not even a batch of one does.
    pub fn largest_batch(&self) -> Option<u64> {
        let room = MEMORY_BUDGET.checked_sub(self.fixed_bytes)?;
        let batch = (room / self.per_image_bytes.max(1)).min(MAX_IMAGES as u64);
        (batch > 0).then_some(batch)
    }
}

/// Why a run was refused before it started.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum MemoryError {
    #[error("the model cannot be built: {0}")]
    InvalidModel(#[from] SpecError),
    /// More than [`MEMORY_BUDGET`]; the message says how much, why and what to change.
    #[error("{}", refusal(.0))]
    TooLarge(MemoryPlan),
}

/// Estimates the memory a run of `spec` with `hyper` needs (never overflows: u64, saturating).
/// Fails only when the spec is invalid.
pub fn plan(spec: &ModelSpec, hyper: &Hyperparameters) -> Result<MemoryPlan, SpecError> {
    let summary = spec.summary()?;
    let mut per_image_floats = PIXELS as u64; // the batch's input images
    let mut per_image_index_bytes = 0u64;
    let mut evaluation_floats = 0u64;
    let mut input = Shape::INPUT;
    for (layer, line) in spec.layers.iter().zip(&summary.layers) {
        let output = line.output_shape;
        let cost = LayerCost::of(layer, input, output);
        // Kept for backward, plus a gradient of the same size; im2col forward and backward.
        per_image_floats = per_image_floats
            .saturating_add(cost.kept_floats.saturating_mul(2))
            .saturating_add(cost.im2col_floats.saturating_mul(2));
        per_image_index_bytes = per_image_index_bytes.saturating_add(cost.index_bytes);
        let forward_only = elements(input)
            .saturating_add(cost.im2col_floats)
            .saturating_add(cost.kept_floats);
        evaluation_floats = evaluation_floats.max(forward_only);
        input = output;
    }
    let per_image_bytes = per_image_floats
        .saturating_mul(FLOAT)
        .saturating_add(per_image_index_bytes);
    let train_images = hyper.train_subset.unwrap_or(TRAIN_IMAGES);
    let batch_size = hyper.batch_size.min(train_images) as u64;
    let batch_bytes = batch_size.saturating_mul(per_image_bytes);
    let weights_bytes = (summary.total_params as u64).saturating_mul(5 * FLOAT);
    let evaluation_bytes = evaluation_floats
        .saturating_mul(FLOAT)
        .saturating_mul(VALIDATION_BATCH as u64);
    let fixed_bytes = weights_bytes
        .saturating_add(evaluation_bytes)
        .saturating_add(MNIST_BYTES)
        .saturating_add(RUNTIME_ALLOWANCE);
    Ok(MemoryPlan {
        batch_size,
        per_image_bytes,
        batch_bytes,
        weights_bytes,
        evaluation_bytes,
        data_bytes: MNIST_BYTES,
        runtime_bytes: RUNTIME_ALLOWANCE,
        fixed_bytes,
        total_bytes: batch_bytes.saturating_add(fixed_bytes),
    })
}

/// [`plan`], refused with [`MemoryError::TooLarge`] above [`MEMORY_BUDGET`].
pub fn check(spec: &ModelSpec, hyper: &Hyperparameters) -> Result<MemoryPlan, MemoryError> {
    let plan = plan(spec, hyper)?;
    if plan.fits() {
        Ok(plan)
    } else {
        Err(MemoryError::TooLarge(plan))
    }
}

/// What one layer keeps per image, as counts of values.
struct LayerCost {
    /// Float tensors kept for the backward pass: the output, and the pre-activation (or
    /// Dropout's mask, BatchNormalization's normalised input).
    kept_floats: u64,
    /// Pooling's argmax indices.
    index_bytes: u64,
    /// A convolution's unfolded input.
    im2col_floats: u64,
}

impl LayerCost {
    fn of(layer: &LayerSpec, input: Shape, output: Shape) -> Self {
        let out = elements(output);
        let pre_activation = match layer.activation() {
            Some(activation) if activation != Activation::Linear => out,
            _ => 0,
        };
        // Dropout's mask, BatchNormalization's normalised input: kept for the backward pass.
        let second_copy = match layer {
            LayerSpec::Dropout { .. } | LayerSpec::BatchNormalization => out,
            _ => 0,
        };
        let im2col_floats = match (layer, input, output) {
            (
                LayerSpec::Conv2D { kernel_size, .. },
                Shape::Image { channels, .. },
                Shape::Image { height, width, .. },
            ) => {
                let k = *kernel_size as u64;
                (height as u64)
                    .saturating_mul(width as u64)
                    .saturating_mul(k.saturating_mul(k))
                    .saturating_mul(channels as u64)
            }
            _ => 0,
        };
        let index_bytes = match layer {
            LayerSpec::MaxPooling2D { .. } => out.saturating_mul(INDEX),
            _ => 0,
        };
        Self {
            kept_floats: out.saturating_add(pre_activation).saturating_add(second_copy),
            index_bytes,
            im2col_floats,
        }
    }
}

fn elements(shape: Shape) -> u64 {
    shape.num_elements() as u64
}

/// The refusal: the estimate and its parts, the limit, and what to change.
fn refusal(plan: &MemoryPlan) -> String {
    let mut text = format!(
        "This run needs about {} of memory (batch {} × {} per image, plus {} for evaluating \
         {VALIDATION_BATCH} test images at a time, {} for MNIST and the runtime, and {} for the \
         weights and Adam's state), more than the {} ConvLab lets a browser tab use \
         (WebAssembly's hard limit is 4 GB). ",
        Bytes(plan.total_bytes),
        thousands_u64(plan.batch_size),
        Bytes(plan.per_image_bytes),
        Bytes(plan.evaluation_bytes),
        Bytes(plan.data_bytes.saturating_add(plan.runtime_bytes)),
        Bytes(plan.weights_bytes),
        Bytes(MEMORY_BUDGET),
    );
    match plan.largest_batch() {
        Some(batch) => text.push_str(&format!(
            "Use a batch size of at most {}, or a smaller model.",
            thousands_u64(round_down(batch))
        )),
        None => text.push_str(
            "Even a batch of 1 does not fit: use a smaller model (fewer filters or units, or a \
             MaxPooling2D layer earlier).",
        ),
    }
    text
}

/// `n` rounded down to two significant digits from 100 on (3 937 → 3 900), so the advice reads
/// as a round figure and stays within the limit.
fn round_down(n: u64) -> u64 {
    let mut step = 1;
    while n / step >= 100 {
        step *= 10;
    }
    n / step * step
}

/// A byte count for people, in binary units written as browsers and operating systems do
/// ("GB", "MB"): 3 GiB reads "3.0 GB".
struct Bytes(u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KB: f64 = 1024.0;
        let bytes = self.0 as f64;
        let (mb, gb) = (bytes / (KB * KB), bytes / (KB * KB * KB));
        if gb >= 1.0 {
            write!(f, "{gb:.1} GB")
        } else if mb >= 100.0 {
            write!(f, "{mb:.0} MB")
        } else if mb >= 0.01 {
            write!(f, "{mb:.2} MB")
        } else {
            write!(f, "{:.0} KB", bytes / KB)
        }
    }
}
