//! Recorded runs: their derived figures and the CSV export.

use convlab::exercise::run_record::RunRecord;
use convlab::exercise::runs_csv::{COLUMNS, quote, to_csv};
use convlab::model::ModelSpec;
use convlab::training::{EarlyStop, EpochSummary, Hyperparameters};

fn epoch(epoch: usize, seconds: f64, samples_per_sec: f64, val_accuracy: f32) -> EpochSummary {
    EpochSummary {
        epoch,
        epochs: 2,
        loss: 0.5 / epoch as f32,
        accuracy: 0.9,
        val_loss: 0.25,
        val_accuracy,
        seconds,
        train_seconds: seconds - 1.0,
        samples_per_sec,
    }
}

fn record() -> RunRecord {
    RunRecord {
        id: Some(3),
        finished_at: "2025-01-02T03:04:05.000Z".into(),
        spec: ModelSpec::tutorial(),
        hyperparameters: Hyperparameters { epochs: 2, train_subset: Some(320), ..Hyperparameters::default() },
        validation_images: 100,
        params: 34_506,
        backend: "WebGPU (vendor, \"fast\")".into(),
        learner_digits: 0,
        stopped: false,
        diverged: None,
        epochs: vec![epoch(1, 10.0, 3000.0, 0.9), epoch(2, 12.0, 2000.0, 0.95)],
        partial_epoch: None,
        early_stop: None,
        test_loss: Some(0.125),
        test_accuracy: Some(0.95),
    }
}

#[test]
fn derived_figures() {
    let run = record();
    assert_eq!(run.seconds_per_epoch(), Some(11.0));
    assert_eq!(run.samples_per_sec(), Some(2500.0));
    assert_eq!(run.train_images(), 320);
    assert_eq!(run.val_accuracy_curve(), vec![(1.0, 0.9f32 as f64), (2.0, 0.95f32 as f64)]);
    let empty = RunRecord { epochs: vec![], ..run };
    assert_eq!(empty.seconds_per_epoch(), None);
}

#[test]
fn records_stored_before_divergence_was_recorded_still_read() {
    let mut json: serde_json::Value = serde_json::to_value(record()).unwrap();
    json.as_object_mut().unwrap().remove("diverged");
    let old: RunRecord = serde_json::from_value(json).unwrap();
    assert_eq!(old, record());
    assert_eq!(old.ending(), "");
    let diverged = RunRecord { diverged: Some("NaN".into()), test_loss: None, test_accuracy: None, ..record() };
    assert_eq!(diverged.ending(), "diverged");
    let again: RunRecord = serde_json::from_str(&serde_json::to_string(&diverged).unwrap()).unwrap();
    assert_eq!(again, diverged);
}

#[test]
fn json_round_trip_leaves_out_a_missing_id() {
    let run = record();
    let again: RunRecord = serde_json::from_str(&serde_json::to_string(&run).unwrap()).unwrap();
    assert_eq!(again, run);
    let unsaved = RunRecord { id: None, ..run };
    let json = serde_json::to_string(&unsaved).unwrap();
    assert!(!json.contains("\"id\""), "{json}");
}

#[test]
fn csv_has_a_header_and_one_quoted_row_per_run() {
    let diverged = RunRecord {
        id: Some(5),
        diverged: Some("the loss became NaN at epoch 1, batch 2".into()),
        epochs: vec![],
        partial_epoch: None,
        test_loss: None,
        test_accuracy: None,
        ..record()
    };
    let csv = to_csv(&[record(), RunRecord { id: Some(4), stopped: true, epochs: vec![], ..record() }, diverged]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert_eq!(lines[4], "");
    assert_eq!(lines[0], COLUMNS.join(","));
    assert_eq!(
        lines[1],
        "3,2025-01-02T03:04:05.000Z,c32.k3.same.relu-p2-c32.k3.same.relu-p2-c32.k3.same.relu-f-d10.softmax,\
         34506,\"WebGPU (vendor, \"\"fast\"\")\",2,32,0.001,42,320,100,false,false,11.00,2500,0.9500,0.1250,0.9500,\
         0.5000;0.2500,0.9000;0.9000,0.2500;0.2500,0.9000;0.9500,false,,"
    );
    let augmented = RunRecord {
        hyperparameters: Hyperparameters { augment: true, ..record().hyperparameters },
        ..record()
    };
    assert!(to_csv(&[augmented]).ends_with(",true,,\r\n"), "the augment column says augmentation was on");
    let stopped_early = RunRecord {
        hyperparameters: Hyperparameters { early_stopping: Some(1), ..record().hyperparameters },
        early_stop: Some(EarlyStop { after_epoch: 2, patience: 1, best_epoch: 1, best_val_loss: 0.25 }),
        ..record()
    };
    assert!(to_csv(&[stopped_early]).ends_with(",false,1,1\r\n"), "patience 1, the weights of epoch 1");
    assert!(lines[2].starts_with("4,"));
    assert!(lines[2].contains(",true,false,,,,0.1250,0.9500,,,,"), "{}", lines[2]);
    assert!(lines[3].starts_with("5,"));
    assert!(lines[3].contains(",false,true,,,,,,,,,"), "{}", lines[3]);
    assert!(lines[3].ends_with(",false,,"), "not augmented, no early stopping: {}", lines[3]);
    assert_eq!(to_csv(&[]), format!("{}\r\n", COLUMNS.join(",")));
    assert_eq!(quote("a\nb"), "\"a\nb\"");
    assert_eq!(quote("plain"), "plain");
}

#[test]
fn a_field_a_spreadsheet_would_run_is_written_as_text() {
    // What a hostile GPU adapter name (the backend column) could hold.
    assert_eq!(quote("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(quote("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
    assert_eq!(quote("-2+3"), "'-2+3");
    assert_eq!(quote("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(quote("\t=1"), "'\t=1");
    assert_eq!(quote("\r=1"), "\"'\r=1\"");
    // Numbers stay numbers.
    assert_eq!(quote("-0.5"), "-0.5");
    assert_eq!(quote("+3"), "+3");
    assert_eq!(quote("1e-3"), "1e-3");
    let run = RunRecord { backend: "=cmd|' /C calc'!A0".into(), ..record() };
    let csv = to_csv(&[run]);
    assert!(csv.contains(",'=cmd|' /C calc'!A0,"), "{csv}");
    assert!(!csv.contains(",=cmd"), "{csv}");
}
