//! What the page keeps in the browser's IndexedDB: one database (`database`), the recorded runs
//! and their models (`runs`), the learner's digits (`digits`); and in localStorage which run's
//! model answers drawings (`answering_choice`) and the name on result cards (`card_name`); other tabs are told of changes (`changes`);
//! everything counted and deleted at once (`start_over`).

pub mod answering_choice;
pub mod card_name;
pub mod changes;
pub mod database;
pub mod digits;
pub mod runs;
pub mod start_over;
