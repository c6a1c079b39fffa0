//! Receptive fields: the tutorial's numbers, and a brute-force check on four models: with linear
//! activations and random weights, changing one input pixel changes exactly the output cells
//! whose computed input rectangle holds that pixel, for every one of the 784 pixels.

mod cell_models;

use cell_models::{all_linear, all_outputs, kernel_5_valid, noise, seeded, three_convs};
use convlab::model::ModelSpec;
use convlab::model::Shape;
use convlab::model::receptive_field::{InputRect, ReceptiveField, field_growth, receptive_fields};

#[test]
fn the_tutorials_fields() {
    let fields = receptive_fields(&ModelSpec::tutorial()).unwrap();
    let sizes: Vec<usize> = fields.iter().map(|f| f.size).collect();
    let jumps: Vec<usize> = fields.iter().map(|f| f.jump).collect();
    let starts: Vec<isize> = fields.iter().map(|f| f.start).collect();
    // conv 3×3, pool, conv, pool, conv, then Flatten and Dense see all 7 × 7 cells together.
    assert_eq!(sizes, [3, 4, 8, 10, 18, 42, 42]);
    assert_eq!(jumps, [1, 2, 2, 4, 4, 4, 4]);
    assert_eq!(starts, [-1, -1, -3, -3, -7, -7, -7]);
    let rect = |top, left, height, width| InputRect {
        top,
        left,
        height,
        width,
    };
    // The first convolution's corner reaches into the padding: 2 × 2 real pixels.
    assert_eq!(fields[0].input_rect(0, 0), rect(0, 0, 2, 2));
    assert_eq!(fields[0].input_rect(5, 9), rect(4, 8, 3, 3));
    assert_eq!(fields[3].input_rect(2, 4), rect(5, 13, 10, 10));
    assert_eq!(fields[4].input_rect(3, 3), rect(5, 5, 18, 18));
    assert_eq!(fields[4].input_rect(0, 6), rect(0, 17, 11, 11));
    assert_eq!(fields[6].input_rect(0, 0), rect(0, 0, 28, 28));
}

#[test]
fn the_fields_growth_is_written_with_its_numbers() {
    let steps = field_growth(&ModelSpec::tutorial()).unwrap();
    let sizes: Vec<String> = steps.iter().map(|s| s.size_formula()).collect();
    assert_eq!(sizes, ["1 + (3 − 1) × 1 = 3", "3 + (2 − 1) × 1 = 4", "4 + (3 − 1) × 2 = 8", "8 + (2 − 1) × 2 = 10", "10 + (3 − 1) × 4 = 18"]);
    let jumps: Vec<String> = steps.iter().map(|s| s.jump_formula()).collect();
    assert_eq!(jumps, ["1 × 1 = 1", "1 × 2 = 2", "2 × 1 = 2", "2 × 2 = 4", "4 × 1 = 4"]);
    assert_eq!(steps.iter().map(|s| s.layer).collect::<Vec<_>>(), [0, 1, 2, 3, 4], "Flatten and Dense are not image layers");
    // The middle cell of the third convolution (7 × 7, cell 3) sees 18 × 18 pixels from row 5.
    assert_eq!(steps[4].middle_rect(), InputRect { top: 5, left: 5, height: 18, width: 18 });
    // Every step's sizes agree with receptive_fields, for a builder model too.
    for spec in [ModelSpec::tutorial(), kernel_5_valid()] {
        let fields = receptive_fields(&spec).unwrap();
        for step in field_growth(&spec).unwrap() {
            assert_eq!(step.after, fields[step.layer]);
            assert_eq!(step.after.size, step.before.size + (step.window - 1) * step.before.jump);
        }
    }
}

/// Which output positions of each layer changed between `base` and `changed` (one image's
/// outputs each): `(row, col)` of an image layer changed when any channel did; a vector layer
/// counts as one position.
fn changed_positions(shape: Shape, base: &[f32], changed: &[f32]) -> Vec<bool> {
    let differs = |a: f32, b: f32| (a - b).abs() > 1e-3 * (1.0 + b.abs());
    match shape {
        Shape::Image { height, width, .. } => {
            let plane = height * width;
            (0..plane)
                .map(|p| {
                    base.iter()
                        .zip(changed)
                        .skip(p)
                        .step_by(plane)
                        .any(|(&b, &c)| differs(c, b))
                })
                .collect()
        }
        Shape::Flat(_) => vec![base.iter().zip(changed).any(|(&b, &c)| differs(c, b))],
    }
}

/// The positions whose input rectangle holds pixel `(y, x)`.
fn positions_seeing(field: &ReceptiveField, shape: Shape, y: usize, x: usize) -> Vec<bool> {
    let side = match shape {
        Shape::Image { height, .. } => height,
        Shape::Flat(_) => 1,
    };
    (0..side * side)
        .map(|p| field.input_rect(p / side, p % side).contains(y, x))
        .collect()
}

/// Perturbs every pixel by ±1000 (large, so that a max pool passes the change on whichever way
/// the weights turn it) and compares the changed positions with the computed rectangles.
fn brute_force(spec: &ModelSpec, seed: u64) {
    let spec = all_linear(spec);
    let network = seeded(&spec, seed);
    let fields = receptive_fields(&spec).unwrap();
    let shapes = spec.output_shapes().unwrap();
    let base_image = noise(seed + 1);
    let base = all_outputs(&network, &base_image);
    const CHUNK: usize = 49; // pixels per batch of 2 × 49 images
    for first in (0..784).step_by(CHUNK) {
        let pixels: Vec<usize> = (first..(first + CHUNK).min(784)).collect();
        let mut images = Vec::with_capacity(pixels.len() * 2 * 784);
        for &pixel in &pixels {
            for delta in [1000.0, -1000.0] {
                let mut image = base_image.clone();
                image[pixel] += delta;
                images.extend(image);
            }
        }
        let outputs = all_outputs(&network, &images);
        for (layer, (&shape, field)) in shapes.iter().zip(&fields).enumerate() {
            let size = shape.num_elements();
            for (i, &pixel) in pixels.iter().enumerate() {
                let one = |k: usize| &outputs[layer][k * size..(k + 1) * size];
                let plus = changed_positions(shape, &base[layer], one(2 * i));
                let minus = changed_positions(shape, &base[layer], one(2 * i + 1));
                let changed: Vec<bool> = plus.iter().zip(&minus).map(|(a, b)| *a || *b).collect();
                let expected = positions_seeing(field, shape, pixel / 28, pixel % 28);
                assert_eq!(
                    changed,
                    expected,
                    "layer {layer} ({shape}), pixel ({}, {})",
                    pixel / 28,
                    pixel % 28
                );
            }
        }
    }
}

#[test]
fn fields_match_brute_force_on_the_tutorial() {
    brute_force(&ModelSpec::tutorial(), 20);
}

#[test]
fn fields_match_brute_force_on_builder_models() {
    // (a) 5×5 valid with a 3×3 pool; (b) even kernels with same padding, an odd row dropped.
    brute_force(&kernel_5_valid(), 21);
    brute_force(&three_convs(), 22);
    brute_force(&ModelSpec::dense_baseline(), 23);
}

#[test]
fn dropout_and_batch_normalization_leave_the_field_as_it_is() {
    use convlab::model::{LayerSpec, Rate};
    // The tutorial with each of them after every layer but the last: each leaves the field of
    // the layer before it, and the growth steps are the tutorial's, at their new indices.
    let tutorial = ModelSpec::tutorial();
    let last = tutorial.layers.len() - 1;
    let mut layers = Vec::new();
    for (i, layer) in tutorial.layers.iter().enumerate() {
        layers.push(layer.clone());
        if i != last {
            layers.push(LayerSpec::BatchNormalization);
            layers.push(LayerSpec::Dropout { rate: Rate(0.5) });
        }
    }
    let spec = ModelSpec::new(layers);
    let (plain, with) = (receptive_fields(&tutorial).unwrap(), receptive_fields(&spec).unwrap());
    for (i, field) in plain.iter().enumerate() {
        assert_eq!(with[3 * i], *field, "layer {i}");
        if i != last {
            assert_eq!((with[3 * i + 1], with[3 * i + 2]), (*field, *field), "after layer {i}");
        }
    }
    let steps = |spec: &ModelSpec| -> Vec<_> {
        field_growth(spec).unwrap().into_iter().map(|g| (g.window, g.stride, g.before, g.after)).collect()
    };
    assert_eq!(steps(&spec), steps(&tutorial));
    assert_eq!(field_growth(&spec).unwrap().iter().map(|g| g.layer).collect::<Vec<_>>(), [0, 3, 6, 9, 12]);
}
