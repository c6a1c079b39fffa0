//! The page's IndexedDB database, "convlab", shared by the runs (`run_store.rs`) and the
//! learner's digits (`digit_store.rs`). Every opening names every store at the same version:
//! idb's builder deletes, on an upgrade, any store it is not told about.
//!
//! - version 1: `runs` (auto-incremented `id`);
//! - version 2: + `models`, keyed by the run's id;
//! - version 3: + `digits` (auto-incremented `id`): the learner's labelled digits.
//!
//! Upgrading only adds the stores that are missing; every run, model and digit stays.

use idb::builder::{DatabaseBuilder, ObjectStoreBuilder};
use idb::{Database, KeyPath};

const NAME: &str = "convlab";
const VERSION: u32 = 3;
pub const RUNS: &str = "runs";
pub const MODELS: &str = "models";
pub const DIGITS: &str = "digits";

/// Opens (creating or upgrading) the database.
pub async fn open() -> Result<Database, idb::Error> {
    DatabaseBuilder::new(NAME)
        .version(VERSION)
        .add_object_store(ObjectStoreBuilder::new(RUNS).key_path(Some(KeyPath::new_single("id"))).auto_increment(true))
        .add_object_store(ObjectStoreBuilder::new(MODELS))
        .add_object_store(ObjectStoreBuilder::new(DIGITS).key_path(Some(KeyPath::new_single("id"))).auto_increment(true))
        .build()
        .await
}
