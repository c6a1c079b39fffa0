//! Inputs made from valid files: byte edits (including overwritten lengths) and JSON values
//! swapped for odd ones.

use proptest::prelude::*;
use serde_json::Value;


/// One edit of a valid file.
#[derive(Clone, Debug)]
pub enum Edit {
    Set(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    /// A 32-bit little-endian or big-endian number written over four bytes: lengths and counts.
    Number(usize, u32, bool),
}

pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let number = prop_oneof![Just(0u32), Just(1), Just(u32::MAX), Just(u32::MAX / 2), Just(1 << 24), any::<u32>()];
    let edit = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Set(at, b)),
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..64)).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), 1usize..256).prop_map(|(at, n)| Edit::Remove(at, n)),
        (any::<usize>(), number, any::<bool>()).prop_map(|(at, n, big)| Edit::Number(at, n, big)),
    ];
    prop::collection::vec(edit, 1..6)
}

pub fn apply(valid: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = valid.to_vec();
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Set(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
            Edit::Cut(at) => bytes.truncate(at % len),
            Edit::Insert(at, more) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, more.iter().copied());
            }
            Edit::Remove(at, n) if !bytes.is_empty() => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Number(at, n, big) if bytes.len() >= 4 => {
                let at = at % (bytes.len() - 3);
                let written = if *big { n.to_be_bytes() } else { n.to_le_bytes() };
                bytes[at..at + 4].copy_from_slice(&written);
            }
            _ => {}
        }
    }
    bytes
}

/// Odd JSON values: extreme numbers, wrong types, long and strange strings, deep nesting.
pub fn odd_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            Just(serde_json::json!(0)),
            Just(serde_json::json!(-1)),
            Just(serde_json::json!(4_294_967_295u64)),
            Just(serde_json::json!(u64::MAX)),
            Just(serde_json::json!(i64::MIN)),
            Just(serde_json::json!(1e308)),
            Just(serde_json::json!(-1e-308)),
            Just(serde_json::json!(0.5)),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(|f| serde_json::json!(f)),
        ],
        prop_oneof![
            Just(String::new()),
            Just("__proto__".to_string()),
            Just("conv32-pool-conv32".to_string()),
            Just("x".repeat(10_000)),
            ".{0,40}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,8}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every place in `value` (a path of keys and indices), `value` itself first.
fn places(value: &Value, path: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(path.clone());
    match value {
        Value::Array(items) => {
            // The first few items stand for the rest (a digit set has thousands of numbers).
            for (i, item) in items.iter().enumerate().take(3) {
                let mut p = path.clone();
                p.push(PathStep::Index(i));
                places(item, p, out);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let mut p = path.clone();
                p.push(PathStep::Key(key.clone()));
                places(item, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

/// `json` with the value at its `pick`-th place replaced by `odd` (or removed, when `remove`
/// and the place is a field or an item).
pub fn swapped(json: &Value, pick: usize, odd: Value, remove: bool) -> Value {
    let mut out = json.clone();
    let mut all = Vec::new();
    places(json, Vec::new(), &mut all);
    let path = &all[pick % all.len()];
    let Some((last, parents)) = path.split_last() else { return odd };
    let mut at = &mut out;
    for step in parents {
        at = match step {
            PathStep::Key(k) => &mut at[k.as_str()],
            PathStep::Index(i) => &mut at[*i],
        };
    }
    match (last, at) {
        (PathStep::Key(k), Value::Object(fields)) if remove => {
            fields.remove(k);
        }
        (PathStep::Index(i), Value::Array(items)) if remove => {
            items.remove(*i);
        }
        (PathStep::Key(k), at) => at[k.as_str()] = odd,
        (PathStep::Index(i), at) => at[*i] = odd,
    }
    out
}

