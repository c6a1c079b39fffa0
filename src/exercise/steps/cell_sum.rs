//! One convolution output small enough to work out in one's head, for the course's cell steps.

use crate::inspect::cell_arithmetic::{ConvCell, Planes, conv_cell};
use crate::model::{Activation, Padding};

/// One convolution output small enough to work out in one's head: a 3 × 3 patch of a digit
/// (1 ink, 0 paper), a 3 × 3 kernel of small whole weights, and a bias. The answer is computed
/// by the same arithmetic that explains a value of the learner's own network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellSum {
    /// Row-major, as the page shows them.
    pub patch: [i32; 9],
    pub kernel: [i32; 9],
    pub bias: i32,
}

impl CellSum {
    /// The arithmetic of a ReLU Conv2D on this patch, as the "one value, explained" panel does it.
    pub fn arithmetic(&self) -> ConvCell {
        let patch = self.patch.map(|v| v as f32);
        let kernel = self.kernel.map(|w| w as f32);
        conv_cell(Planes::new(&patch, 1, 3, 3), &kernel, self.bias as f32, 3, Padding::Valid, Activation::Relu, (0, 0, 0))
    }

    /// The value after ReLU; whole numbers in, so a whole number out.
    pub fn value(&self) -> i64 {
        self.arithmetic().result.round() as i64
    }

    /// The working, written out: "1 × 1 + 1 × 0 + … = 4, 4 + (−1) = 3, ReLU(3) = 3".
    pub fn working(&self) -> String {
        let cell = self.arithmetic();
        let signed = |v: f32| if v < 0.0 { format!("({})", minus(v)) } else { minus(v) };
        let terms = self.patch.iter().zip(&self.kernel).map(|(p, w)| format!("{p} × {}", signed(*w as f32))).collect::<Vec<_>>();
        format!(
            "{} = {}; {} + {} = {}; ReLU({}) = {}",
            terms.join(" + "),
            minus(cell.total),
            minus(cell.total),
            signed(cell.bias),
            minus(cell.pre_activation),
            minus(cell.pre_activation),
            minus(cell.result)
        )
    }
}

/// A whole number with a typographic minus.
pub(super) fn minus(v: f32) -> String {
    format!("{}", v.round() as i64).replace('-', "−")
}
