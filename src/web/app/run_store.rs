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

/// What a failure of the store means for the learner.
const UNAVAILABLE: &str = "Runs cannot be saved in this browser: its storage (IndexedDB) is not available — private browsing, or storage blocked for this site. Training, drawing and everything else still work; only the runs table stays empty.";

async fn open() -> Result<Database, String> {
    DatabaseBuilder::new(DATABASE)
        .version(VERSION)
        .add_object_store(ObjectStoreBuilder::new(STORE).key_path(Some(KeyPath::new_single("id"))).auto_increment(true))
        .build()
        .await
        .map_err(|e| format!("{UNAVAILABLE} ({e})"))
}

/// Stores `record` and returns its new id.
pub async fn add(record: &RunRecord) -> Result<u32, String> {
    let json = serde_json::to_string(record).map_err(|e| e.to_string())?;
    let value = js_sys::JSON::parse(&json).map_err(|_| "the run could not be converted".to_string())?;
    let database = open().await?;
    let saved = async {
        let transaction = database.transaction(&[STORE], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(STORE)?;
        let key = store.add(&value, None)?.await?;
        transaction.commit()?.await?;
        Ok::<_, idb::Error>(key)
    }
    .await;
    database.close();
    let key = saved.map_err(|e| {
        let reason = e.to_string();
        if reason.to_lowercase().contains("quota") {
            format!("This run could not be saved: the browser refused more storage ({reason}). Delete old runs to make room; training still works.")
        } else {
            format!("This run could not be saved: {reason}. Training still works.")
        }
    })?;
    key.as_f64().map(|id| id as u32).ok_or_else(|| "the store returned no id".to_string())
}

/// Every stored run, oldest first, and the ids of the records this version cannot read (so the
/// learner can delete them).
pub async fn all() -> Result<(Vec<RunRecord>, Vec<u32>), String> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE], TransactionMode::ReadOnly).map_err(describe)?;
    let store = transaction.object_store(STORE).map_err(describe)?;
    let values = store.get_all(None, None).map_err(describe)?.await.map_err(describe)?;
    transaction.await.map_err(describe)?;
    database.close();
    let mut unreadable = Vec::new();
    let runs = values
        .iter()
        .filter_map(|value| {
            let record = js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()).and_then(|text| serde_json::from_str(&text).ok());
            if record.is_none() {
                let id = js_sys::Reflect::get(value, &"id".into()).ok().and_then(|id| id.as_f64());
                unreadable.extend(id.map(|id| id as u32));
            }
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
    format!("The stored runs could not be read or changed: {error}")
}
