//! "Convolution up close": the request for one value and its answer survive serialisation as
//! they are, and a failure carries the request's number and kind.

use convlab::inspect::cell_arithmetic::{Planes, pool_cell};
use convlab::inspect::{CellArithmetic, CellExplanation, CellIndex, CellRequest};
use convlab::model::receptive_field::InputRect;
use convlab::protocol::{FromWorker, InspectReply, InspectRequest, InspectTopic, ModelTag, ToWorker};

#[test]
fn the_cell_request_round_trips() {
    let pixels: Vec<f32> = (0..784).map(|i| (i % 256) as f32 / 255.0).collect();
    let cell = CellRequest { layer: 2, cell: CellIndex::Image { channel: 5, row: 3, col: 11 } };
    let sent = ToWorker::Inspect(InspectRequest::Cell { request: 9, pixels: pixels.clone(), cell: cell.clone() });
    let json = serde_json::to_string(&sent).unwrap();
    let ToWorker::Inspect(back) = serde_json::from_str(&json).unwrap() else { panic!("another message came back: {json}") };
    assert_eq!(back, InspectRequest::Cell { request: 9, pixels, cell });
}

#[test]
fn the_answer_and_its_failure_round_trip() {
    let values: Vec<f32> = (0..16).map(|i| i as f32 * 0.25 - 1.0).collect();
    let arithmetic = CellArithmetic::Pool(pool_cell(Planes::new(&values, 1, 4, 4), 2, (0, 1, 0)));
    let explanation = CellExplanation {
        request: CellRequest { layer: 1, cell: CellIndex::Image { channel: 0, row: 1, col: 0 } },
        name: "max_pooling2d".into(),
        network_value: arithmetic.result(),
        arithmetic,
        field: InputRect { top: 2, left: 0, height: 4, width: 4 },
    };
    let reply = InspectReply::Cell {
        request: 4,
        model: ModelTag { id: 2, name: "the pre-trained tutorial model".into() },
        explanation: explanation.clone(),
        compute_ms: 1.5,
    };
    let json = serde_json::to_string(&FromWorker::Inspect(reply.clone())).unwrap();
    let FromWorker::Inspect(back) = serde_json::from_str(&json).unwrap() else { panic!("another message came back: {json}") };
    assert_eq!(back, reply);
    let InspectReply::Cell { explanation: back, .. } = back else { unreachable!() };
    assert_eq!(back.arithmetic.result(), 2.25, "the window's largest value");

    let failed = InspectReply::Failed { topic: InspectTopic::Cell, request: 4, message: "the model has 9 layers, not 40".into() };
    let json = serde_json::to_string(&FromWorker::Inspect(failed.clone())).unwrap();
    let FromWorker::Inspect(back) = serde_json::from_str(&json).unwrap() else { panic!("another message came back: {json}") };
    assert_eq!(back, failed);
}
