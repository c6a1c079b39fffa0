//! The learner's labelled digits in IndexedDB (store `digits` of `database.rs`, version 3), so
//! they survive reloads. Each digit is one object, the JSON of a `handwriting::MyDigit`
//! (`{ label, pixels: [784 numbers], strokes: [[[x, y], …], …] }`), keyed by an
//! auto-incremented `id` the store writes into it. A record that does not read back as a valid
//! digit is reported by id, so the learner can delete it.
//!
//! Two tabs share the store: an import checks for digits already kept in the same transaction
//! that adds the rest (IndexedDB runs read-write transactions on a store one after another, so
//! two tabs importing one file keep it once), and every change is announced to the other tabs
//! (`changes.rs`), which read the store again.

use super::changes::{self, Change};
use super::database::{self, DIGITS};
use crate::my_digits::digit_set::{DigitSet, not_yet_kept};
use crate::my_digits::MyDigit;
use idb::{Database, Query, TransactionMode};
use std::collections::HashSet;
use wasm_bindgen::JsValue;

/// A digit as stored, with its key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptDigit {
    pub id: u32,
    pub digit: MyDigit,
}

const UNAVAILABLE: &str = "Your digits cannot be kept in this browser: its storage (IndexedDB) is not available — private browsing, or storage blocked for this site. Drawing still works.";

async fn open() -> Result<Database, String> {
    database::open().await.map_err(|e| format!("{UNAVAILABLE} ({e})"))
}

/// Why a write failed, in the learner's words (the caller says what is left as it was).
fn refused(what: &str, error: idb::Error) -> String {
    let reason = error.to_string();
    if reason.to_lowercase().contains("quota") {
        format!("{what} could not be kept: the browser refused more storage ({reason}); delete digits or old runs to make room")
    } else {
        format!("{what} could not be kept: {reason}")
    }
}

fn to_value(digit: &MyDigit) -> Result<JsValue, String> {
    let json = serde_json::to_string(digit).map_err(|e| e.to_string())?;
    js_sys::JSON::parse(&json).map_err(|_| "the digit could not be converted".to_string())
}

/// Stores `digits` in one transaction (all or none) and returns them with their new ids; the
/// error names them `what`.
pub async fn add_all(digits: Vec<MyDigit>, what: &str) -> Result<Vec<KeptDigit>, String> {
    let values = digits.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
    let database = open().await?;
    let saved = async {
        let transaction = database.transaction(&[DIGITS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(DIGITS)?;
        let mut keys = Vec::with_capacity(values.len());
        for value in &values {
            keys.push(store.add(value, None)?.await?);
        }
        database::commit(transaction).await?;
        Ok::<_, idb::Error>(keys)
    }
    .await;
    database.close();
    let keys = saved.map_err(|e| refused(what, e))?;
    changes::announce(Change::Digits);
    Ok(keys.iter().zip(digits).map(|(key, digit)| KeptDigit { id: key.as_f64().unwrap_or_default() as u32, digit }).collect())
}

/// Keeps the digits of `set` not kept yet, checked against the store in the transaction that
/// adds them; the digits added (with their ids, in the order kept) and how many were skipped.
/// Refused whole when the store would hold more than a set may.
///
/// `known` are the digits this tab has read from the store. Inside the transaction only the
/// store's keys are read, and only the records this tab does not know (another tab's, or all
/// of them when the tab has not read the store yet) are read whole: with thousands kept, an
/// import then does not read (and make the page wait for) every kept digit again.
pub async fn import(set: &DigitSet, known: &[KeptDigit]) -> Result<(Vec<KeptDigit>, usize), String> {
    let database = open().await?;
    let imported = async {
        let transaction = database.transaction(&[DIGITS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(DIGITS)?;
        let ids: HashSet<u32> = store.get_all_keys(None, None)?.await?.iter().filter_map(JsValue::as_f64).map(|id| id as u32).collect();
        let known_ids: HashSet<u32> = known.iter().map(|k| k.id).collect();
        let unknown: Vec<u32> = ids.iter().copied().filter(|id| !known_ids.contains(id)).collect();
        let mut others = Vec::new();
        if unknown.len() > READ_ONE_BY_ONE {
            let all = store.get_all(None, None)?.await?;
            others.extend(all.iter().filter(|v| record_id(v).is_some_and(|id| !known_ids.contains(&id))).filter_map(label_and_pixels));
        } else {
            for id in unknown {
                if let Some(value) = store.get(Query::Key(JsValue::from(id)))?.await? {
                    others.extend(label_and_pixels(&value));
                }
            }
        }
        // A digit another tab deleted is no longer kept.
        let kept = known.iter().filter(|k| ids.contains(&k.id)).map(|k| &k.digit).chain(others.iter());
        let new = match not_yet_kept(kept, set) {
            Ok(new) => new,
            Err(refusal) => {
                // Nothing was written: the transaction ends without a change.
                let _ = transaction.abort();
                return Ok(Err(refusal.to_string()));
            }
        };
        let values = match new.iter().map(to_value).collect::<Result<Vec<_>, _>>() {
            Ok(values) => values,
            Err(reason) => {
                let _ = transaction.abort();
                return Ok(Err(reason));
            }
        };
        let mut keys = Vec::with_capacity(values.len());
        for value in &values {
            keys.push(store.add(value, None)?.await?);
        }
        database::commit(transaction).await?;
        Ok::<_, idb::Error>(Ok((keys, new)))
    }
    .await;
    database.close();
    let (keys, new) = imported.map_err(|e| refused("its digits", e))??;
    let skipped = set.len() - new.len();
    if !new.is_empty() {
        changes::announce(Change::Digits);
    }
    let added = keys.iter().zip(new).map(|(key, digit)| KeptDigit { id: key.as_f64().unwrap_or_default() as u32, digit }).collect();
    Ok((added, skipped))
}

/// Records an import reads one by one rather than all at once (see `import`).
const READ_ONE_BY_ONE: usize = 64;

fn record_id(value: &JsValue) -> Option<u32> {
    js_sys::Reflect::get(value, &"id".into()).ok().and_then(|id| id.as_f64()).map(|id| id as u32)
}

/// A stored record's label and pixels (strokes left out), enough to tell it from another digit.
fn label_and_pixels(value: &JsValue) -> Option<MyDigit> {
    let field = |name: &str| js_sys::Reflect::get(value, &name.into()).ok();
    let label = field("label")?.as_f64()?;
    let pixels = field("pixels")?;
    if !js_sys::Array::is_array(&pixels) || !(0.0..10.0).contains(&label) {
        return None;
    }
    let pixels = js_sys::Float32Array::new(&pixels).to_vec();
    Some(MyDigit { label: label as u8, pixels, strokes: Vec::new() })
}

/// A stored record as a digit, when it reads back as a valid one.
fn read_digit(value: &JsValue) -> Option<MyDigit> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str::<MyDigit>(&text).ok())
        .filter(|digit| digit.check(1).is_ok())
}

/// Every kept digit, oldest first, and the ids of records this version cannot read.
pub async fn all() -> Result<(Vec<KeptDigit>, Vec<u32>), String> {
    let database = open().await?;
    let read = async {
        let transaction = database.transaction(&[DIGITS], TransactionMode::ReadOnly)?;
        let values = transaction.object_store(DIGITS)?.get_all(None, None)?.await?;
        transaction.await?;
        Ok::<_, idb::Error>(values)
    }
    .await;
    database.close();
    let values = read.map_err(|e| format!("Your kept digits could not be read: {e}."))?;
    let (mut kept, mut unreadable) = (Vec::new(), Vec::new());
    for value in &values {
        let Some(id) = record_id(value) else { continue };
        match read_digit(value) {
            Some(digit) => kept.push(KeptDigit { id, digit }),
            None => unreadable.push(id),
        }
    }
    Ok((kept, unreadable))
}

/// Deletes the digits with these ids (one transaction).
pub async fn delete(ids: &[u32]) -> Result<(), String> {
    let database = open().await?;
    let deleted = async {
        let transaction = database.transaction(&[DIGITS], TransactionMode::ReadWrite)?;
        let store = transaction.object_store(DIGITS)?;
        for id in ids {
            store.delete(Query::Key(JsValue::from(*id)))?.await?;
        }
        database::commit(transaction).await?;
        Ok::<_, idb::Error>(())
    }
    .await;
    database.close();
    deleted.map_err(|e| format!("Your digits could not be deleted: {e}. Nothing was changed."))?;
    changes::announce(Change::Digits);
    Ok(())
}

/// Deletes every kept digit, readable or not.
pub async fn delete_all() -> Result<(), String> {
    let database = open().await?;
    let cleared = async {
        let transaction = database.transaction(&[DIGITS], TransactionMode::ReadWrite)?;
        transaction.object_store(DIGITS)?.clear()?.await?;
        database::commit(transaction).await?;
        Ok::<_, idb::Error>(())
    }
    .await;
    database.close();
    cleared.map_err(|e| format!("Your digits could not be deleted: {e}. Nothing was changed."))?;
    changes::announce(Change::Digits);
    Ok(())
}
