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
use idb::{Database, KeyPath, Transaction};
use wasm_bindgen::JsValue;

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

/// Commits `transaction` and waits for its end: `Ok` once it has committed. A transaction the
/// browser aborts when it commits ends with an `abort` event and no `error` event, which idb's
/// future gives as `Ok(TransactionResult::Aborted)`: that is how a real quota failure comes
/// (Chromium checks the quota at commit, after every request of the transaction succeeded), so
/// here it is the transaction's own error, a QuotaExceededError.
pub async fn commit(transaction: Transaction) -> Result<(), idb::Error> {
    let handle = JsValue::from(transaction);
    if Transaction::try_from(handle.clone())?.commit()?.await?.is_committed() {
        return Ok(());
    }
    Err(Transaction::try_from(handle)?.error().map_or(idb::Error::DomExceptionNotFound, idb::Error::DomException))
}
