//! What the page keeps in the browser's IndexedDB: one database (`database`), the recorded runs
//! and their models (`runs`), the learner's digits (`digits`).

pub mod database;
pub mod digits;
pub mod runs;
