//! Result cards and the class board: a learner's run as a small card of text (who, which model
//! and settings, its test accuracy, how long it took, on what machine) to copy or save, and a
//! teacher's board that reads many pasted or dropped cards, refuses the malformed ones with a
//! reason each, and ranks the rest. Plain Rust, tested natively; the page only shows it.
//!
//! - [`card`]: one card, made from a recorded run, written as text, checked when read.
//! - [`reading`]: the cards in a pasted text or a file, each refused with its line and reason.
//! - [`board`]: the cards ranked, best first.

pub mod board;
pub mod card;
pub mod reading;

pub use board::{Board, ranked};
pub use card::{CardError, FORMAT, ResultCard, VERSION};
pub use reading::{CardProblem, Reading, read_cards};
