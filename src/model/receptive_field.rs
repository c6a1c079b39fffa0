//! Receptive fields: which part of the 28×28 input one output cell of each layer sees, from the
//! spec alone (plain Rust, no backend).
//!
//! Every layer here is square and the input is square, so one axis describes both. Walking the
//! layers from the input (a cell sees itself: size 1, jump 1, start 0), a layer with a
//! `k × k` window, stride `s` and `p` rows of padding before the input turns the field into
//!
//! ```text
//! size  = size_before + (k − 1) · jump_before
//! jump  = jump_before · s
//! start = start_before − p · jump_before
//! ```
//!
//! (`jump`: how far apart in the input two neighbouring cells' fields start; `start`: where the
//! field of cell 0 starts, negative when it reaches into padding). A Conv2D has `s = 1` and
//! `p = 0` (valid) or `(k − 1) / 2` (same; burn puts an even kernel's extra padding at the
//! bottom and right); a MaxPooling2D has `s = k`, `p = 0`. Cell `(row, col)` then sees input
//! rows `start + row · jump ..= start + row · jump + size − 1` (and likewise columns), clipped
//! to the image. The tutorial's layers see 3×3, 4×4, 8×8, 10×10 and 18×18 pixels.

use serde::{Deserialize, Serialize};

use super::error::SpecError;
use super::shape::Shape;
use super::spec::{INPUT_HEIGHT, LayerSpec, ModelSpec, Padding};

/// The receptive field of one layer's output cells, along either axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceptiveField {
    /// How many input pixels one cell sees, before clipping to the image.
    pub size: usize,
    /// The input distance between the fields of neighbouring cells (the strides multiplied).
    pub jump: usize,
    /// Where cell 0's field starts in the input (negative: in the padding).
    pub start: isize,
    /// The layer's output height (= width). Flatten and Dense layers count as one cell that
    /// sees what all cells of the last image layer see together.
    pub cells: usize,
}

/// A rectangle of input pixels, clipped to the 28×28 image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRect {
    pub top: usize,
    pub left: usize,
    pub height: usize,
    pub width: usize,
}

impl InputRect {
    /// Whether input pixel `(y, x)` lies in the rectangle.
    pub fn contains(&self, y: usize, x: usize) -> bool {
        (self.top..self.top + self.height).contains(&y)
            && (self.left..self.left + self.width).contains(&x)
    }
}

impl ReceptiveField {
    /// The field of the input image itself: each pixel sees itself.
    pub const INPUT: ReceptiveField = ReceptiveField {
        size: 1,
        jump: 1,
        start: 0,
        cells: INPUT_HEIGHT,
    };

    /// The input pixels cell `(row, col)` sees (`(0, 0)` for Flatten and Dense layers).
    pub fn input_rect(&self, row: usize, col: usize) -> InputRect {
        let (top, height) = self.span(row);
        let (left, width) = self.span(col);
        InputRect {
            top,
            left,
            height,
            width,
        }
    }

    /// Cell `index`'s field along one axis as (first pixel, length), clipped to the image.
    fn span(&self, index: usize) -> (usize, usize) {
        let first = self.start + (index * self.jump) as isize;
        let end = first + self.size as isize; // exclusive
        let (first, end) = (
            first.clamp(0, INPUT_HEIGHT as isize),
            end.clamp(0, INPUT_HEIGHT as isize),
        );
        (first as usize, (end - first) as usize)
    }

    /// The field after `layer` (whose output is `output`), given this field before it.
    fn through(self, layer: &LayerSpec, output: Shape) -> ReceptiveField {
        let (window, stride, pad) = match *layer {
            LayerSpec::Conv2D {
                kernel_size,
                padding,
                ..
            } => (kernel_size, 1, padding_before(padding, kernel_size)),
            LayerSpec::MaxPooling2D { pool_size } => (pool_size, pool_size, 0),
            LayerSpec::Flatten | LayerSpec::Dense { .. } => return self.merged(),
            // Value by value: each output depends on the same pixels as its input.
            LayerSpec::Dropout { .. } | LayerSpec::BatchNormalization => return self,
        };
        let Shape::Image { height, .. } = output else {
            unreachable!("validated: image layers output images")
        };
        ReceptiveField {
            size: self.size + (window - 1) * self.jump,
            jump: self.jump * stride,
            start: self.start - (pad * self.jump) as isize,
            cells: height,
        }
    }

    /// All cells as one: the span from cell 0's field to the last cell's (fields never leave
    /// gaps, as each layer's size is at least its jump).
    fn merged(self) -> ReceptiveField {
        ReceptiveField {
            size: self.size + (self.cells - 1) * self.jump,
            cells: 1,
            ..self
        }
    }
}

/// The rows (or columns) of zero padding a stride-1 convolution adds before its input: none for
/// valid; `(k − 1) / 2` for same, because burn (like TensorFlow) puts the extra pixel of an even
/// kernel at the bottom and right.
pub fn padding_before(padding: Padding, kernel_size: usize) -> usize {
    match padding {
        Padding::Valid => 0,
        Padding::Same => (kernel_size - 1) / 2,
    }
}

/// Every layer's receptive field, in order (errors: the spec cannot be built).
pub fn receptive_fields(spec: &ModelSpec) -> Result<Vec<ReceptiveField>, SpecError> {
    let shapes = spec.output_shapes()?;
    let mut field = ReceptiveField::INPUT;
    Ok(spec
        .layers
        .iter()
        .zip(shapes)
        .map(|(layer, output)| {
            field = field.through(layer, output);
            field
        })
        .collect())
}

/// How one image layer widens the field of the layer below: the numbers of the formula in the
/// module's comment, for the page to write out ("4 + (3 − 1) × 2 = 8").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldGrowth {
    /// The layer's index in the spec.
    pub layer: usize,
    /// The window it slides (kernel or pool size) and its stride.
    pub window: usize,
    pub stride: usize,
    /// The field before the layer and after it.
    pub before: ReceptiveField,
    pub after: ReceptiveField,
}

impl FieldGrowth {
    /// `size = size_before + (window − 1) × jump_before`, with the numbers.
    pub fn size_formula(&self) -> String {
        format!(
            "{} + ({} − 1) × {} = {}",
            self.before.size, self.window, self.before.jump, self.after.size
        )
    }

    /// `jump = jump_before × stride`, with the numbers.
    pub fn jump_formula(&self) -> String {
        format!("{} × {} = {}", self.before.jump, self.stride, self.after.jump)
    }

    /// The input pixels a cell in the middle of the layer's output sees.
    pub fn middle_rect(&self) -> InputRect {
        let middle = (self.after.cells.max(1) - 1) / 2;
        self.after.input_rect(middle, middle)
    }
}

/// The field's growth through every image layer (Conv2D and MaxPooling2D), in order.
pub fn field_growth(spec: &ModelSpec) -> Result<Vec<FieldGrowth>, SpecError> {
    let fields = receptive_fields(spec)?;
    let mut before = ReceptiveField::INPUT;
    let mut steps = Vec::new();
    for (layer, (spec, after)) in spec.layers.iter().zip(fields).enumerate() {
        let (window, stride) = match *spec {
            LayerSpec::Conv2D { kernel_size, .. } => (kernel_size, 1),
            LayerSpec::MaxPooling2D { pool_size } => (pool_size, pool_size),
            LayerSpec::Flatten | LayerSpec::Dense { .. } => break,
            // They leave the field as it is.
            LayerSpec::Dropout { .. } | LayerSpec::BatchNormalization => continue,
        };
        steps.push(FieldGrowth { layer, window, stride, before, after });
        before = after;
    }
    Ok(steps)
}
