//! "Convolution up close", worker side: `explain_cell` on a few cells of every layer agrees with
//! the network's own value, survives JSON (the worker protocol), refuses requests that do not fit
//! the model; and the time one explanation takes.

mod cell_models;
mod common;

use std::time::Instant;

use burn::prelude::*;
use cell_models::{close, kernel_5_valid, noise, seeded, three_convs};
use convlab::inspect::{CellExplanation, CellIndex, CellRequest, explain_cell};
use convlab::model::{LayerSpec, ModelSpec, Shape};
use futures::executor::block_on;

/// Corners and a middle cell of each image layer, the first and last unit of each Dense layer.
fn some_cells(shape: Shape) -> Vec<CellIndex> {
    match shape {
        Shape::Image {
            height,
            width,
            channels,
        } => [
            (0, 0, 0),
            (channels - 1, height - 1, width - 1),
            (channels / 2, height / 2, 0),
        ]
        .map(|(channel, row, col)| CellIndex::Image { channel, row, col })
        .to_vec(),
        Shape::Flat(units) => vec![
            CellIndex::Unit { unit: 0, top: 3 },
            CellIndex::Unit {
                unit: units - 1,
                top: 3,
            },
        ],
    }
}

#[test]
fn explain_cell_agrees_with_the_network() {
    let device = Device::flex();
    for (spec, seed) in [
        (ModelSpec::tutorial(), 4),
        (kernel_5_valid(), 5),
        (three_convs(), 6),
    ] {
        let network = seeded(&spec, seed);
        let pixels = noise(seed + 100);
        let shapes = spec.output_shapes().unwrap();
        let mut explained = 0;
        for (layer, &shape) in shapes.iter().enumerate() {
            if spec.layers[layer] == LayerSpec::Flatten {
                continue;
            }
            for cell in some_cells(shape) {
                let request = CellRequest { layer, cell };
                let explanation =
                    block_on(explain_cell(&network, &spec, &pixels, &request, &device)).unwrap();
                let (result, network_value) =
                    (explanation.arithmetic.result(), explanation.network_value);
                assert!(
                    close(result, network_value),
                    "{request:?}: {result} vs {network_value}"
                );
                assert_eq!(explanation.request, request);
                let json = serde_json::to_string(&explanation).unwrap();
                assert_eq!(
                    serde_json::from_str::<CellExplanation>(&json).unwrap(),
                    explanation
                );
                explained += 1;
            }
        }
        assert!(explained >= 10);
    }
}

#[test]
fn requests_that_do_not_fit_are_refused() {
    let spec = ModelSpec::tutorial();
    let network = seeded(&spec, 9);
    let pixels = noise(9);
    let unit = CellIndex::Unit { unit: 0, top: 1 };
    let image = |channel, row, col| CellIndex::Image { channel, row, col };
    for (layer, cell, why) in [
        (5, unit, "Flatten"),
        (0, image(0, 28, 0), "row 28 of 28"),
        (0, image(32, 0, 0), "filter 32 of 32"),
        (3, image(0, 0, 7), "column 7 of 7"),
        (0, unit, "a unit of a convolution"),
        (6, image(0, 0, 0), "a cell of a Dense layer"),
        (6, CellIndex::Unit { unit: 10, top: 1 }, "unit 10 of 10"),
        (7, unit, "layer 8 of 7"),
    ] {
        let request = CellRequest { layer, cell };
        let result = block_on(explain_cell(
            &network,
            &spec,
            &pixels,
            &request,
            &Device::flex(),
        ));
        assert!(result.is_err(), "{why}");
    }
    let request = CellRequest {
        layer: 0,
        cell: image(0, 0, 0),
    };
    let short = block_on(explain_cell(
        &network,
        &spec,
        &pixels[1..],
        &request,
        &Device::flex(),
    ));
    assert!(short.is_err(), "783 pixels");
}

/// Prints (does not check) the median time of one `explain_cell` on the shipped tutorial model,
/// for a cell of each layer (and its size as JSON); the page's target is click → panel ≤ 50 ms.
#[test]
fn one_explanation_takes() {
    let (header, network) = common::shipped_model();
    let pixels = noise(8);
    for (layer, cell) in [
        (
            0,
            CellIndex::Image {
                channel: 5,
                row: 14,
                col: 14,
            },
        ),
        (
            1,
            CellIndex::Image {
                channel: 5,
                row: 7,
                col: 7,
            },
        ),
        (
            2,
            CellIndex::Image {
                channel: 5,
                row: 7,
                col: 7,
            },
        ),
        (
            3,
            CellIndex::Image {
                channel: 5,
                row: 3,
                col: 3,
            },
        ),
        (
            4,
            CellIndex::Image {
                channel: 31,
                row: 6,
                col: 6,
            },
        ),
        (6, CellIndex::Unit { unit: 3, top: 10 }),
    ] {
        let request = CellRequest { layer, cell };
        let mut times = Vec::with_capacity(51);
        let mut explanation = None;
        for _ in 0..51 {
            let start = Instant::now();
            let explained = block_on(explain_cell(&network, &header.spec, &pixels, &request, &Device::flex()));
            times.push(start.elapsed().as_secs_f64() * 1e3);
            explanation = Some(explained.unwrap());
        }
        times.sort_by(f64::total_cmp);
        let explanation = explanation.expect("51 calls");
        let bytes = serde_json::to_vec(&explanation).unwrap().len();
        eprintln!(
            "explain_cell, tutorial layer {layer}: median {:.2} ms (min {:.2}, max {:.2}) over 51 calls, {bytes} bytes as JSON",
            times[25], times[0], times[50]
        );
    }
}
