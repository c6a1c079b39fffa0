//! The page's state, apart from the components: what the worker said (`page`), what the learner
//! is designing (`lab`), what the inside views show (`inside`) and the learner's kept digits
//! (`digit_book`), what a guided step asks the drawing panel to do (`draw_order`), and which
//! worker requests are still unanswered (`in_flight`). Only state here; nothing draws.

pub mod digit_book;
pub mod draw_order;
pub mod in_flight;
pub mod inside;
pub mod lab;
pub mod page;
