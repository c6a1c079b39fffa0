//! One row of `cargo xtask bench`'s table, shared by the in-browser figures (read back from
//! bench.mjs's JSON) and the native ones.

/// One figure, as bench.mjs writes it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Row {
    name: String,
    value: serde_json::Value,
    unit: String,
    note: String,
}

impl Row {
    pub fn new(name: String, value: String, unit: &str, note: String) -> Self {
        Self { name, value: value.into(), unit: unit.into(), note }
    }

    /// The same layout as bench.mjs's rows.
    pub fn print(&self) {
        let value = match &self.value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        println!("{:<48} {:>12} {:<10} {}", self.name, value, self.unit, self.note);
    }
}
