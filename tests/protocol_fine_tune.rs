//! The fine-tuning messages cross between page and worker as serde data: a request may leave
//! out the settings, and every event, the report and a failure come back as they went.

use convlab::data::LabelledDigits;
use convlab::protocol::{FromWorker, ToWorker};
use convlab::training::fine_tune::Moment;
use convlab::training::{
    BatchProgress, FineTuneEvent, FineTuneFigures, FineTuneReport, FineTuneSettings,
};

#[test]
fn a_request_without_settings_takes_the_defaults() {
    let json = r#"{"FineTune": {"request": 3, "digits": {"pixels": [], "labels": []}}}"#;
    let ToWorker::FineTune {
        request,
        digits,
        settings,
    } = serde_json::from_str(json).unwrap()
    else {
        panic!("not a FineTune request");
    };
    assert_eq!(
        (request, digits, settings),
        (3, LabelledDigits::default(), FineTuneSettings::default())
    );
}

#[test]
fn events_reports_and_failures_round_trip() {
    let figures = FineTuneFigures {
        held_out_accuracy: 0.6,
        held_out_loss: 1.5,
        mnist_accuracy: 0.99,
        mnist_loss: 0.03,
    };
    let step = BatchProgress {
        epoch: 1,
        epochs: 1,
        batch: 7,
        batches: 300,
        loss: 0.4,
        accuracy: 0.9,
        batch_loss: 0.3,
        samples: 224,
        samples_per_sec: 700.0,
    };
    let events = [
        FineTuneEvent::Measuring {
            moment: Moment::Before,
            done: 60,
            total: 2060,
        },
        FineTuneEvent::Before(figures),
        FineTuneEvent::Step(step),
        FineTuneEvent::Stopped { steps: 7 },
    ];
    for event in events {
        let message = FromWorker::FineTuning {
            request: 1,
            event: event.clone(),
        };
        let back: FromWorker =
            serde_json::from_str(&serde_json::to_string(&message).unwrap()).unwrap();
        let FromWorker::FineTuning {
            request: 1,
            event: back,
        } = back
        else {
            panic!("{back:?}")
        };
        assert_eq!(back, event);
    }
    let report = FineTuneReport {
        before: figures,
        after: FineTuneFigures {
            held_out_accuracy: 0.9,
            ..figures
        },
        steps: 300,
        train_digits: 240,
        held_out_digits: 60,
        held_out_labels: (0..60).map(|i| (i % 10) as u8).collect(),
        mnist_test_images: 2000,
        missing_classes: vec![4],
    };
    let json = serde_json::to_string(&FromWorker::FineTuned {
        request: 2,
        report: report.clone(),
    })
    .unwrap();
    let FromWorker::FineTuned {
        request: 2,
        report: back,
    } = serde_json::from_str(&json).unwrap()
    else {
        panic!("{json}")
    };
    assert_eq!(back, report);
    let json = serde_json::to_string(&FromWorker::FineTuneFailed {
        request: 5,
        message: "no".into(),
    })
    .unwrap();
    assert!(matches!(
        serde_json::from_str(&json).unwrap(),
        FromWorker::FineTuneFailed { request: 5, .. }
    ));
}
