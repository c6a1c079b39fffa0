//! What a guided step's "try it" asks the drawing panel to do: the step lives in section 2,
//! the canvas in section 6, and `App` passes the order from one to the other.

/// The change to the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrawAction {
    /// Clear the canvas and draw a 1 with the keyboard pen.
    DrawOne,
    /// Move the digit the model sees 2 pixels right (drawing a 1 first on an empty canvas).
    ShiftRight,
}

/// One order: its number tells a second press of the same button from the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DrawOrder {
    pub serial: u32,
    pub action: DrawAction,
}
