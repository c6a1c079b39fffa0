//! "Your own kernel": the editor's convolution is the one a first-layer Conv2D computes (same
//! padding, no flip), checked against burn's conv2d; typed weights are read or refused with a
//! reason; and the closest learned map is found by correlation.

use burn::prelude::*;
use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;
use convlab::inspect::kernel_playground::{
    CLEAR_MATCH, NEAR_TIE, Preset, WEIGHT_LIMIT, WeightError, apply_kernel, clearest_preset_match, closest_maps, correlation, parse_weight,
};

/// A 28 × 28 image with a vertical bar and a diagonal, values in 0..1.
fn digit() -> Vec<f32> {
    (0..28 * 28)
        .map(|i| {
            let (r, c) = (i / 28, i % 28);
            if (12..15).contains(&c) && (4..24).contains(&r) {
                1.0
            } else if r == c {
                0.5
            } else {
                0.0
            }
        })
        .collect()
}

#[test]
fn every_preset_matches_burns_conv2d_with_same_padding() {
    let device = Device::flex();
    let image = digit();
    let input = Tensor::<4>::from_data(TensorData::new(image.clone(), [1, 1, 28, 28]), &device);
    for preset in Preset::ALL {
        let weights = Tensor::<4>::from_data(TensorData::new(preset.weights().to_vec(), [1, 1, 3, 3]), &device);
        let expected: Vec<f32> = conv2d(input.clone(), weights, None, ConvOptions::new([1, 1], [1, 1], [1, 1], 1))
            .into_data()
            .iter::<f32>()
            .collect();
        let ours = apply_kernel(&image, 28, &preset.weights());
        for (i, (a, b)) in ours.iter().zip(&expected).enumerate() {
            assert!((a - b).abs() <= 1e-5, "{}: pixel {i}: {a} vs burn {b}", preset.name());
        }
    }
}

#[test]
fn the_identity_keeps_the_digit_and_an_edge_kernel_is_not_flipped() {
    let image = digit();
    assert_eq!(apply_kernel(&image, 28, &Preset::Identity.weights()), image);
    // Vertical edge = left minus right: on the bar's left side (column 11) the value is negative
    // (dark left, bright right), on its right side (column 15) positive.
    let edges = apply_kernel(&image, 28, &Preset::VerticalEdge.weights());
    assert!(edges[10 * 28 + 11] < 0.0 && edges[10 * 28 + 15] > 0.0);
}

#[test]
fn typed_weights_are_read_or_refused_with_a_reason() {
    assert_eq!(parse_weight(" -1 "), Ok(-1.0));
    assert_eq!(parse_weight("−2"), Ok(-2.0));
    assert_eq!(parse_weight("0,5"), Ok(0.5));
    assert_eq!(parse_weight("1e2"), Ok(100.0));
    assert!(matches!(parse_weight(""), Err(WeightError::NotANumber(_))));
    assert!(matches!(parse_weight("abc"), Err(WeightError::NotANumber(_))));
    assert!(matches!(parse_weight("NaN"), Err(WeightError::NotANumber(_))));
    assert!(matches!(parse_weight("inf"), Err(WeightError::NotANumber(_))));
    assert!(matches!(parse_weight("1e40"), Err(WeightError::NotANumber(_)) | Err(WeightError::TooLarge(_))));
    assert_eq!(parse_weight("1001"), Err(WeightError::TooLarge(1001.0)));
    assert_eq!(parse_weight(&WEIGHT_LIMIT.to_string()), Ok(WEIGHT_LIMIT));
    assert!(parse_weight("x").unwrap_err().to_string().contains("not a number"));
    // The largest weights on a 0..1 image keep every value finite.
    let huge = [WEIGHT_LIMIT; 9];
    assert!(apply_kernel(&vec![1.0; 784], 28, &huge).iter().all(|v| v.is_finite()));
}

#[test]
fn the_closest_map_is_found_by_correlation_after_relu() {
    let image = digit();
    let own = apply_kernel(&image, 28, &Preset::SobelVertical.weights());
    let relu = |m: Vec<f32>| m.into_iter().map(|v| v.max(0.0)).collect::<Vec<f32>>();
    let learned = vec![
        relu(apply_kernel(&image, 28, &Preset::BoxBlur.weights())),
        vec![0.25; 784], // a flat map: no picture, left out
        relu(apply_kernel(&image, 28, &Preset::VerticalEdge.weights()).into_iter().map(|v| 3.0 * v).collect()),
        relu(apply_kernel(&image, 28, &Preset::HorizontalEdge.weights())),
    ];
    let ranked = closest_maps(&own, 28, &learned);
    assert_eq!(ranked.len(), 3, "the flat map is left out");
    assert_eq!(ranked[0].0, 2, "Sobel's vertical edges look most like the (scaled) vertical edge map: {ranked:?}");
    assert!(ranked[0].1 > 0.9);
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
    // A first layer with valid padding (26 × 26 maps): compared with the middle of the 28 × 28 map.
    let cropped: Vec<f32> = (1..27).flat_map(|r| (1..27).map(move |c| (r, c))).map(|(r, c)| learned[2][r * 28 + c]).collect();
    let ranked = closest_maps(&own, 28, &[learned[0][..676].to_vec(), cropped]);
    assert_eq!(ranked[0].0, 1, "{ranked:?}");
    assert!(ranked[0].1 > 0.9);
    assert_eq!(correlation(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), Some(1.0));
    assert_eq!(correlation(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
    assert_eq!(correlation(&[1.0, 1.0], &[1.0, 2.0]), None);
}

/// The guided step "which classic kernel looks like filter k?": the filter asked about is the one
/// a preset matches most clearly, and the answer is the preset whose map correlates best.
#[test]
fn the_preset_step_asks_about_the_filter_one_preset_matches_most_clearly() {
    let image = digit();
    let relu = |m: Vec<f32>| m.into_iter().map(|v| v.max(0.0)).collect::<Vec<f32>>();
    // A checkerboard matches no preset; the others are presets' own maps, so each has a perfect match.
    let checkerboard: Vec<f32> = (0..784).map(|i| ((i / 28 + i % 28) % 2) as f32).collect();
    let learned = vec![
        checkerboard.clone(),
        relu(apply_kernel(&image, 28, &Preset::HorizontalEdge.weights())),
        relu(apply_kernel(&image, 28, &Preset::BoxBlur.weights())),
        relu(apply_kernel(&image, 28, &Preset::VerticalEdge.weights()).into_iter().map(|v| 2.0 * v).collect()),
    ];
    let found = clearest_preset_match(&image, 28, &learned).expect("maps to compare");
    assert_ne!(found.filter, 0, "the checkerboard looks like no preset: {found:?}");
    assert!((found.correlation - 1.0).abs() < 1e-4, "a preset's own map: {found:?}");
    assert_eq!(found.preset.weights(), {
        // Each filter's own preset, in the order the maps were made.
        [Preset::HorizontalEdge, Preset::BoxBlur, Preset::VerticalEdge][found.filter - 1].weights()
    });
    // Its lead (the best preset over the best one not within NEAR_TIE of it) is the largest of
    // all filters, worked out here by brute force.
    let lead = |filter: usize| {
        let rs: Vec<f32> = Preset::ALL
            .iter()
            .filter_map(|p| correlation(&relu(apply_kernel(&image, 28, &p.weights())), &learned[filter]))
            .collect();
        let best = rs.iter().copied().fold(f32::MIN, f32::max);
        best - rs.iter().copied().filter(|&r| r < best - NEAR_TIE).fold(-1.0, f32::max)
    };
    for filter in 1..4 {
        assert!(lead(found.filter) >= lead(filter) - 1e-5, "filter {filter} leads by {} > {}", lead(filter), lead(found.filter));
    }
    assert!((found.lead() - lead(found.filter)).abs() < 1e-5);
    let best = found.all.iter().flatten().copied().fold(f32::MIN, f32::max);
    assert_eq!(Some(best), found.all[Preset::ALL.iter().position(|&p| p == found.preset).unwrap()]);
    // Near twins count as right too; the runner-up is the best preset that is not one.
    let accepted = found.accepted();
    assert_eq!(accepted[0], found.preset);
    for &preset in &Preset::ALL {
        let r = found.all[Preset::ALL.iter().position(|&p| p == preset).unwrap()];
        assert_eq!(found.accepts(preset), r.is_some_and(|r| r >= best - NEAR_TIE), "{preset:?}");
        assert_eq!(accepted.contains(&preset), found.accepts(preset));
    }
    if let Some((runner_up, r)) = found.runner_up {
        assert!(!found.accepts(runner_up) && r < best - NEAR_TIE);
    }

    // With only the checkerboard, it is still asked about (the best there is), below a clear match.
    let only = clearest_preset_match(&image, 28, &[checkerboard]).expect("still comparable");
    assert!(only.correlation < CLEAR_MATCH, "{only:?}");
    // Nothing drawn: every preset's map is flat, nothing to compare.
    assert_eq!(clearest_preset_match(&[0.0; 784], 28, &learned), None);
}
