//! Recorded training runs in the browser's IndexedDB (through the `idb` crate), so they survive
//! reloads. Each run is one object, the JSON of a `RunRecord`, keyed by an auto-incremented
//! `id` the store writes into it.

use crate::exercise::run_record::RunRecord;
use idb::builder::{DatabaseBuilder, ObjectStoreBuilder};
use idb::{Database, KeyPath, Query, TransactionMode};
use wasm_bindgen::JsValue;

const DATABASE: &str = "convlab";
const STORE: &str = "runs";
const VERSION: u32 = 1;

async fn open() -> Result<Database, String> {
    DatabaseBuilder::new(DATABASE)
        .version(VERSION)
        .add_object_store(ObjectStoreBuilder::new(STORE).key_path(Some(KeyPath::new_single("id"))).auto_increment(true))
        .build()
        .await
        .map_err(|e| format!("the run store could not be opened: {e}"))
}

/// Stores `record` and returns its new id.
pub async fn add(record: &RunRecord) -> Result<u32, String> {
    let json = serde_json::to_string(record).map_err(|e| e.to_string())?;
    let value = js_sys::JSON::parse(&json).map_err(|_| "the run could not be converted".to_string())?;
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite).map_err(describe)?;
    let store = transaction.object_store(STORE).map_err(describe)?;
    let key = store.add(&value, None).map_err(describe)?.await.map_err(describe)?;
    transaction.commit().map_err(describe)?.await.map_err(describe)?;
    database.close();
    key.as_f64().map(|id| id as u32).ok_or_else(|| "the store returned no id".to_string())
}

/// Every stored run, oldest first. Records this version cannot read are skipped and counted.
pub async fn all() -> Result<(Vec<RunRecord>, usize), String> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadOnly).map_err(describe)?;
    let store = transaction.object_store(STORE).map_err(describe)?;
    let values = store.get_all(None, None).map_err(describe)?.await.map_err(describe)?;
    transaction.await.map_err(describe)?;
    database.close();
    let mut unreadable = 0;
    let runs = values
        .iter()
        .filter_map(|value| {
            let record = js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()).and_then(|text| serde_json::from_str(&text).ok());
            unreadable += usize::from(record.is_none());
            record
        })
        .collect();
    Ok((runs, unreadable))
}

/// Deletes the run with this id.
pub async fn delete(id: u32) -> Result<(), String> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite).map_err(describe)?;
    let store = transaction.object_store(STORE).map_err(describe)?;
    store.delete(Query::Key(JsValue::from(id))).map_err(describe)?.await.map_err(describe)?;
    transaction.commit().map_err(describe)?.await.map_err(describe)?;
    database.close();
    Ok(())
}

fn describe(error: idb::Error) -> String {
    format!("the run store failed: {error}")
}
