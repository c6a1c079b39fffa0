//! Augmentation (`convlab::augment`): off by default and in old settings, a distorted digit
//! stays a digit of the same class with pixels in 0..1, the same seed distorts alike and
//! another seed differently, and a training run with it is reproducible. Runs without MNIST:
//! the images are digits of the synthetic set (`convlab::synthetic_digits`).

use std::cell::Cell;
use std::sync::Arc;

use burn::tensor::Device;
use convlab::augment::{Added, Distortion, Thickness, Wobble, augment_batch, batch_rng, flag_one, flat_top_six};
use convlab::data::{Mnist, PIXELS, Split};
use convlab::synthetic_digits::{self, SyntheticDigit, answers};
use convlab::model::weights::Pretrained;
use convlab::model::{ModelSpec, share_link};
use convlab::training::{Clock, Hyperparameters, Trainer, TrainingEvent};
use futures::executor::block_on;

fn digits() -> Vec<SyntheticDigit> {
    synthetic_digits::generate(4, 11)
}

fn batch_of(digits: &[SyntheticDigit]) -> Vec<f32> {
    digits.iter().flat_map(|d| d.pixels.clone()).collect()
}

fn labels_of(digits: &[SyntheticDigit]) -> Vec<u8> {
    digits.iter().map(|d| d.label).collect()
}

fn ink(image: &[f32]) -> f32 {
    image.iter().sum()
}

fn mean_difference(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
}

#[test]
fn off_by_default_and_in_settings_from_before_it() {
    assert!(!Hyperparameters::default().augment);
    let old: Hyperparameters = serde_json::from_str(
        r#"{"epochs":5,"batch_size":32,"learning_rate":0.001,"seed":42,"train_subset":null}"#,
    )
    .unwrap();
    assert!(
        !old.augment,
        "a record from before the setting reads as off"
    );
    let tutorial = share_link::encode(&ModelSpec::tutorial(), &Hyperparameters::default());
    assert!(
        !tutorial.contains("augment"),
        "the tutorial's link does not change: {tutorial}"
    );
    let (_, hyper) = share_link::decode(&tutorial).unwrap();
    assert!(!hyper.augment);
}

#[test]
fn links_carry_augmentation() {
    let on = Hyperparameters {
        augment: true,
        ..Hyperparameters::default()
    };
    let link = share_link::encode(&ModelSpec::tutorial(), &on);
    assert!(link.ends_with("&augment=1"), "{link}");
    assert_eq!(share_link::decode(&link).unwrap().1, on);
    let off = link.replace("augment=1", "augment=0");
    assert!(!share_link::decode(&off).unwrap().1.augment);
    let error = share_link::decode(&link.replace("augment=1", "augment=yes")).unwrap_err();
    assert!(error.to_string().contains("augment=yes"), "{error}");
}

#[test]
fn pixels_stay_in_range_and_every_image_keeps_ink() {
    let set = digits();
    let mut pixels = batch_of(&set);
    augment_batch(&mut pixels, &labels_of(&set), &mut batch_rng(42, 0, 0));
    assert_eq!(pixels.len(), set.len() * PIXELS);
    assert!(
        pixels
            .iter()
            .all(|v| v.is_finite() && (0.0..=1.0).contains(v))
    );
    for (image, digit) in pixels.chunks_exact(PIXELS).zip(&set) {
        let max = image.iter().copied().fold(0.0f32, f32::max);
        assert!(
            (max - 1.0).abs() < 1e-4,
            "full ink, as the page's preprocessing gives: {max}"
        );
        assert!(
            ink(image) > 0.3 * ink(&digit.pixels),
            "a {} kept its strokes",
            digit.label
        );
    }
}

#[test]
fn the_same_seed_distorts_alike_and_another_seed_or_batch_differently() {
    let set = digits();
    let clean = batch_of(&set);
    let run = |seed: u64, epoch: usize, batch: usize| {
        let mut pixels = clean.clone();
        augment_batch(
            &mut pixels,
            &labels_of(&set),
            &mut batch_rng(seed, epoch, batch),
        );
        pixels
    };
    let first = run(42, 0, 0);
    assert_eq!(
        first,
        run(42, 0, 0),
        "same seed, same batch: the same images"
    );
    assert_ne!(first, clean, "the images changed");
    for other in [run(43, 0, 0), run(42, 0, 1), run(42, 1, 0)] {
        assert!(
            mean_difference(&first, &other) > 0.01,
            "another seed, batch or epoch differs"
        );
    }
}

#[test]
fn no_distortion_keeps_the_digit() {
    // Resampling on the finer canvas and the centring step soften the edges a little; that
    // must change the digit less than moving it by one pixel does.
    for digit in digits() {
        let same = Distortion::NONE.apply(&digit.pixels);
        let mut moved = vec![0.0; PIXELS];
        for (i, v) in moved.iter_mut().enumerate() {
            if i % 28 > 0 {
                *v = digit.pixels[i - 1];
            }
        }
        let (difference, one_pixel) = (
            mean_difference(&same, &digit.pixels),
            mean_difference(&moved, &digit.pixels),
        );
        println!("{}: {difference} (moved by a pixel: {one_pixel})", digit.label);
        assert!(
            difference < one_pixel,
            "a {} changed by {difference}, moved by a pixel {one_pixel}",
            digit.label
        );
    }
}

#[test]
fn a_rotated_digit_keeps_its_ink_and_centre() {
    for digit in digits() {
        let turned = Distortion {
            rotation_deg: 15.0,
            ..Distortion::NONE
        }
        .apply(&digit.pixels);
        let ratio = ink(&turned) / ink(&digit.pixels);
        assert!(
            (0.75..1.33).contains(&ratio),
            "a {} turned has {ratio} of its ink",
            digit.label
        );
        let (mut sx, mut sy) = (0.0, 0.0);
        for (i, v) in turned.iter().enumerate() {
            sx += (i % 28) as f32 * v;
            sy += (i / 28) as f32 * v;
        }
        let total = ink(&turned);
        let (cx, cy) = (sx / total, sy / total);
        assert!(
            (cx - 14.0).abs() < 1.0 && (cy - 14.0).abs() < 1.0,
            "centred: ({cx}, {cy})"
        );
        assert!(
            mean_difference(&turned, &digit.pixels) > 0.01,
            "turned, not the same"
        );
    }
}

#[test]
fn a_thicker_pen_adds_ink_and_a_thinner_one_removes_some() {
    for digit in digits() {
        let at = |thickness| {
            ink(&Distortion {
                thickness,
                ..Distortion::NONE
            }
            .apply(&digit.pixels))
        };
        let (thin, same, thick) = (
            at(Thickness::Thinner),
            at(Thickness::Same),
            at(Thickness::Thicker(1)),
        );
        assert!(
            thin < same && same < thick,
            "{}: {thin} < {same} < {thick}",
            digit.label
        );
    }
}

#[test]
fn distorted_digits_keep_their_label() {
    // The shipped model reads the distorted digits as their labels (nearly always): the
    // distortions change how a digit is drawn, not which digit it is.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/model/tutorial.bin"
    ))
    .unwrap();
    let device = Device::flex();
    let (_, network) = Pretrained::decode(&bytes, &device).unwrap();
    let mut set = synthetic_digits::generate(20, 5);
    let mut pixels = batch_of(&set);
    augment_batch(&mut pixels, &labels_of(&set), &mut batch_rng(1, 0, 0));
    for (digit, image) in set.iter_mut().zip(pixels.chunks_exact(PIXELS)) {
        digit.pixels = image.to_vec();
    }
    let answers = block_on(answers(&network, &set, &device)).unwrap();
    let right = set
        .iter()
        .zip(&answers)
        .filter(|(d, a)| d.label == **a)
        .count();
    assert!(
        right * 100 >= set.len() * 90,
        "{right} of {} read right",
        set.len()
    );
}

/// A small data set made of synthetic digits, as MNIST bytes.
fn synthetic_mnist() -> Arc<Mnist> {
    let split = |set: Vec<SyntheticDigit>| {
        let pixels = set
            .iter()
            .flat_map(|d| d.pixels.iter().map(|v| (v * 255.0).round() as u8))
            .collect();
        Split::new(pixels, set.iter().map(|d| d.label).collect()).unwrap()
    };
    Arc::new(Mnist {
        train: split(synthetic_digits::generate(10, 3)),
        test: split(synthetic_digits::generate(2, 4)),
    })
}

fn clock() -> Clock {
    let now = Cell::new(0.0);
    Box::new(move || {
        now.set(now.get() + 1.0);
        now.get()
    })
}

/// The batch losses of a 2-epoch run on the synthetic digits.
fn losses(augment: bool, seed: u64) -> Vec<f32> {
    let hyper = Hyperparameters {
        epochs: 2,
        batch_size: 25,
        seed,
        augment,
        ..Default::default()
    };
    let mut trainer = Trainer::new(
        &ModelSpec::tutorial(),
        hyper,
        synthetic_mnist(),
        &Device::flex(),
        clock(),
    )
    .unwrap();
    let mut out = Vec::new();
    while let Some(event) = block_on(trainer.step()).unwrap() {
        if let TrainingEvent::Batch(b) = event {
            out.push(b.batch_loss);
        }
    }
    out
}

#[test]
fn a_run_with_augmentation_is_reproducible_and_differs_from_one_without() {
    let augmented = losses(true, 9);
    assert_eq!(augmented.len(), 8, "4 batches a epoch, 2 epochs");
    assert_eq!(augmented, losses(true, 9), "same seed, same run");
    assert_ne!(
        augmented,
        losses(false, 9),
        "augmentation changes what is learnt"
    );
}

/// The set's plain "single stroke" 1s and some digit that is not a stroke.
fn plain_one_and_eight() -> (Vec<f32>, Vec<f32>) {
    let set = synthetic_digits::generate(8, 13);
    let one = set
        .iter()
        .find(|d| d.label == 1 && d.style == "single stroke")
        .unwrap();
    let eight = set.iter().find(|d| d.label == 8).unwrap();
    (one.pixels.clone(), eight.pixels.clone())
}

#[test]
fn only_ones_get_a_flag_or_a_base() {
    let (one, eight) = plain_one_and_eight();
    let mut added = Vec::new();
    for seed in 0..40 {
        let mut rng = batch_rng(seed, 0, 0);
        let mut image = one.clone();
        let what = flag_one(&mut image, 1, &mut rng);
        match what {
            Added::Nothing => assert_eq!(image, one),
            _ => {
                assert!(ink(&image) > ink(&one) + 3.0, "a flag adds ink");
                assert!(image.iter().all(|v| (0.0..=1.0).contains(v)));
                // The flag is at the top left of the stem: ink appears there, not at the foot.
                let top_left: f32 = (0..784)
                    .filter(|i| i / 28 < 14 && i % 28 < 14)
                    .map(|i| image[i] - one[i])
                    .sum();
                assert!(top_left > 1.0, "ink added at the top left: {top_left}");
            }
        }
        added.push(what);
        let mut seven = one.clone();
        assert_eq!(
            flag_one(&mut seven, 7, &mut rng),
            Added::Nothing,
            "a 7 is left alone"
        );
        assert_eq!(seven, one);
        let mut not_a_stroke = eight.clone();
        assert_eq!(
            flag_one(&mut not_a_stroke, 1, &mut rng),
            Added::Nothing,
            "not one stroke"
        );
    }
    assert!(
        added.contains(&Added::Flag) && added.contains(&Added::FlagAndBase),
        "{added:?}"
    );
    assert!(added.contains(&Added::Nothing), "not every 1 gets a flag");
}

/// A curved-top 6 of the synthetic set.
fn curled_six() -> Vec<f32> {
    let set = synthetic_digits::generate(12, 13);
    set.iter().find(|d| d.label == 6 && d.style == "curl").unwrap().pixels.clone()
}

#[test]
fn only_sixes_get_a_flat_top_at_their_top_right() {
    let six = curled_six();
    let (mut some, mut none) = (false, false);
    for seed in 0..40 {
        let mut rng = batch_rng(seed, 0, 0);
        let mut image = six.clone();
        if flat_top_six(&mut image, 6, &mut rng) {
            some = true;
            assert!(image.iter().all(|v| (0.0..=1.0).contains(v)));
            let added = |rows: std::ops::Range<usize>, columns: std::ops::Range<usize>| -> f32 {
                rows.flat_map(|y| columns.clone().map(move |x| y * 28 + x)).map(|i| image[i] - six[i]).sum()
            };
            // The stroke leaves the top of the stem to the right: ink in the top third, none in
            // the bottom half where the loop is.
            assert!(added(0..10, 0..28) > 1.5, "ink added at the top: {}", added(0..10, 0..28));
            assert_eq!(added(14..28, 0..28), 0.0, "the loop is left alone");
        } else {
            none = true;
            assert_eq!(image, six);
        }
        for label in [0, 1, 5, 8, 9] {
            let mut other = six.clone();
            assert!(!flat_top_six(&mut other, label, &mut rng), "a {label} is left alone");
            assert_eq!(other, six);
        }
    }
    assert!(some && none, "some 6s get a flat top, not all");
}

#[test]
fn a_wobble_bends_the_strokes_a_little_and_keeps_the_digit_in_place() {
    for (digit, seed) in digits().iter().zip(0..) {
        let plain = Distortion::NONE.apply(&digit.pixels);
        let mut rng = batch_rng(seed, 0, 0);
        let bent = Distortion {
            wobble: Wobble::sample(&mut rng),
            ..Distortion::NONE
        }
        .apply(&digit.pixels);
        let difference = mean_difference(&bent, &plain);
        assert!(difference > 0.005, "a {} bent is not the same: {difference}", digit.label);
        let ratio = ink(&bent) / ink(&plain);
        // The centring step scales the digit to its 20-pixel box again, so a bend that shortens
        // it also thickens it: the ink changes about as much as with a 15° turn, not more.
        assert!((0.7..1.45).contains(&ratio), "a {} bent keeps its ink: {ratio}", digit.label);
        // Less than moving the whole digit by three pixels would change it (a node moves by up
        // to 1.5 pixels on each axis, 2.1 along a diagonal).
        let mut moved = vec![0.0; PIXELS];
        for y in 0..28 {
            for x in 3..28 {
                moved[y * 28 + x] = plain[y * 28 + x - 3];
            }
        }
        let three_pixels = mean_difference(&moved, &plain);
        assert!(difference < three_pixels, "a {} bent by {difference}, moved by three pixels {three_pixels}", digit.label);
    }
}
