//! Recorded training runs in the browser's IndexedDB (through the `idb` crate), so they survive
//! reloads. Each run is one object, the JSON of a `RunRecord`, keyed by an auto-incremented
//! `id` the store writes into it.
//!
//! Since version 2 each run's model is kept too, in the separate store `models` keyed by the
//! run's id, so listing the runs never reads weights: `{ model: Uint8Array (a .convlab file),
//! checkpoint: Uint8Array | null (a stopped run's), bytes: number }`. Upgrading from version 1
//! adds that store and keeps every run. The database and its versions are in `database.rs`.
//!
//! Every change is announced to the page's other tabs (`changes.rs`), so their runs tables
//! show what this one recorded or deleted.

use super::changes::{self, Change};
use super::database::{self, MODELS, RUNS as STORE};
use crate::exercise::run_record::RunRecord;
use idb::{Database, Query, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

/// What a failure of the store means for the learner.
const UNAVAILABLE: &str = "Runs cannot be saved in this browser: its storage (IndexedDB) is not available — private browsing, or storage blocked for this site. Training, drawing and everything else still work; only the runs table stays empty.";

async fn open() -> Result<Database, String> {
    database::open().await.map_err(|e| format!("{UNAVAILABLE} ({e})"))
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
        database::commit(transaction).await?;
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
    changes::announce(Change::Runs);
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

/// Deletes the run with this id, and its kept model.
pub async fn delete(id: u32) -> Result<(), String> {
    let database = open().await?;
    let transaction = database.transaction(&[STORE, MODELS], TransactionMode::ReadWrite).map_err(describe)?;
    for name in [STORE, MODELS] {
        let store = transaction.object_store(name).map_err(describe)?;
        store.delete(Query::Key(JsValue::from(id))).map_err(describe)?.await.map_err(describe)?;
    }
    database::commit(transaction).await.map_err(describe)?;
    database.close();
    changes::announce(Change::Runs);
    Ok(())
}

fn describe(error: idb::Error) -> String {
    format!("The stored runs could not be read or changed: {error}")
}

/// Keeps run `id`'s model file and, for a stopped run, its checkpoint.
pub async fn put_model(id: u32, model: &[u8], checkpoint: Option<&[u8]>) -> Result<(), String> {
    let value = js_sys::Object::new();
    let set = |key: &str, v: &JsValue| js_sys::Reflect::set(&value, &key.into(), v).map(|_| ());
    let bytes = model.len() + checkpoint.map_or(0, <[u8]>::len);
    set("model", &js_sys::Uint8Array::from(model).into())
        .and_then(|_| set("checkpoint", &checkpoint.map_or(JsValue::NULL, |c| js_sys::Uint8Array::from(c).into())))
        .and_then(|_| set("bytes", &JsValue::from(bytes as f64)))
        .map_err(|_| "the model could not be converted".to_string())?;
    let database = open().await?;
    let saved = async {
        let transaction = database.transaction(&[MODELS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(MODELS)?;
        store.put(&value, Some(&JsValue::from(id)))?.await?;
        database::commit(transaction).await?;
        Ok::<_, idb::Error>(())
    }
    .await;
    database.close();
    if saved.is_ok() {
        changes::announce(Change::Runs);
    }
    saved.map_err(|e| {
        let reason = e.to_string();
        if reason.to_lowercase().contains("quota") {
            format!("Run {id}'s model could not be kept: the browser refused more storage ({reason}). Its figures are saved; delete old runs to make room. Training and drawing still work.")
        } else {
            format!("Run {id}'s model could not be kept: {reason}. Its figures are saved; training and drawing still work.")
        }
    })
}

/// Run `id`'s kept model file and checkpoint, if it has them.
pub async fn get_model(id: u32) -> Result<Option<(Vec<u8>, Option<Vec<u8>>)>, String> {
    let database = open().await?;
    let transaction = database.transaction(&[MODELS], TransactionMode::ReadOnly).map_err(describe)?;
    let store = transaction.object_store(MODELS).map_err(describe)?;
    let value = store.get(Query::Key(JsValue::from(id))).map_err(describe)?.await.map_err(describe)?;
    transaction.await.map_err(describe)?;
    database.close();
    Ok(value.map(|value| (bytes_of(&value, "model").unwrap_or_default(), bytes_of(&value, "checkpoint"))))
}

/// The byte size of every kept model (with its checkpoint), by run id.
pub async fn model_sizes() -> Result<Vec<(u32, u64, bool)>, String> {
    let database = open().await?;
    let transaction = database.transaction(&[MODELS], TransactionMode::ReadOnly).map_err(describe)?;
    let store = transaction.object_store(MODELS).map_err(describe)?;
    let keys = store.get_all_keys(None, None).map_err(describe)?.await.map_err(describe)?;
    let values = store.get_all(None, None).map_err(describe)?.await.map_err(describe)?;
    transaction.await.map_err(describe)?;
    database.close();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(key, value)| {
            let bytes = js_sys::Reflect::get(value, &"bytes".into()).ok()?.as_f64()?;
            let resumable = bytes_of(value, "checkpoint").is_some();
            Some((key.as_f64()? as u32, bytes as u64, resumable))
        })
        .collect())
}

fn bytes_of(value: &JsValue, key: &str) -> Option<Vec<u8>> {
    let field = js_sys::Reflect::get(value, &key.into()).ok()?;
    field.dyn_ref::<js_sys::Uint8Array>().map(js_sys::Uint8Array::to_vec)
}
