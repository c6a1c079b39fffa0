//! Recorded runs as CSV (RFC 4180: comma-separated, CRLF line ends, quotes where needed), one
//! row per run; the per-epoch curves are `;`-separated lists inside one column each, so a
//! spreadsheet keeps one run per row.

use super::run_record::RunRecord;
use crate::training::EpochSummary;

/// The header row's columns, in order. Settings added later (`augment`, early stopping's
/// patience and, when it ended the run, the epoch whose weights the model kept) come last, so a
/// spreadsheet or script reading the earlier columns by position keeps working.
pub const COLUMNS: [&str; 25] = [
    "run",
    "finished_at",
    "model",
    "params",
    "backend",
    "epochs",
    "batch_size",
    "learning_rate",
    "seed",
    "train_images",
    "validation_images",
    "stopped",
    "diverged",
    "seconds_per_epoch",
    "samples_per_sec",
    "final_val_accuracy",
    "test_loss",
    "test_accuracy",
    "loss_per_epoch",
    "accuracy_per_epoch",
    "val_loss_per_epoch",
    "val_accuracy_per_epoch",
    "augment",
    "early_stopping_patience",
    "weights_of_epoch",
];

/// The whole file: header and one row per run.
pub fn to_csv(runs: &[RunRecord]) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for run in runs {
        let row: Vec<String> = row(run).iter().map(|field| quote(field)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn row(run: &RunRecord) -> Vec<String> {
    let hyper = &run.hyperparameters;
    let optional = |value: Option<f64>, digits: usize| {
        value.map_or_else(String::new, |v| format!("{v:.digits$}"))
    };
    let curve = |pick: fn(&EpochSummary) -> f32| {
        let values: Vec<String> = run.epochs.iter().map(|e| format!("{:.4}", pick(e))).collect();
        values.join(";")
    };
    vec![
        run.id.map_or_else(String::new, |id| id.to_string()),
        run.finished_at.clone(),
        run.model_code(),
        run.params.to_string(),
        run.backend.clone(),
        hyper.epochs.to_string(),
        hyper.batch_size.to_string(),
        hyper.learning_rate.to_string(),
        hyper.seed.to_string(),
        run.train_images().to_string(),
        run.validation_images.to_string(),
        run.stopped.to_string(),
        run.diverged.is_some().to_string(),
        optional(run.seconds_per_epoch(), 2),
        optional(run.samples_per_sec(), 0),
        run.epochs.last().map_or_else(String::new, |e| format!("{:.4}", e.val_accuracy)),
        optional(run.test_loss.map(f64::from), 4),
        optional(run.test_accuracy.map(f64::from), 4),
        curve(|e| e.loss),
        curve(|e| e.accuracy),
        curve(|e| e.val_loss),
        curve(|e| e.val_accuracy),
        hyper.augment.to_string(),
        hyper.early_stopping.map_or_else(String::new, |p| p.to_string()),
        run.early_stop.as_ref().map_or_else(String::new, |e| e.best_epoch.to_string()),
    ]
}

/// A field as CSV writes it: in double quotes (inner quotes doubled) when it holds a comma, a
/// quote or a line break, as is otherwise. A text field a spreadsheet would run as a formula (one
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return: a GPU adapter's name is outside
/// text) gets a leading apostrophe, as the usual CSV-injection advice says; numbers, negative
/// ones included, are written as they are so they stay numbers.
pub fn quote(field: &str) -> String {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err();
    let field = if formula { format!("'{field}") } else { field.to_string() };
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}
