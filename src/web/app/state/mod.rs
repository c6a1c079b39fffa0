//! The page's state, apart from the components: what the worker said (`page`), what the learner
//! is designing (`lab`), what the inside views show (`inside`) and the learner's kept digits
//! (`digit_book`). Only reducers here; nothing draws.

pub mod digit_book;
pub mod inside;
pub mod lab;
pub mod page;
