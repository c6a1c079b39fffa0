//! The synthetic evaluation set: balanced, every style of every digit used, deterministic for
//! a seed, and made of digits as the page's preprocessing gives them (28 × 28, 0..1, centred).

use convlab::data::PIXELS;
use convlab::synthetic_digits::styles::{STYLES, styles_of};
use convlab::synthetic_digits::{self, Score};

#[test]
fn every_digit_has_several_styles() {
    for digit in 0..10 {
        assert!(styles_of(digit).count() >= 3, "digit {digit}");
    }
    assert_eq!(STYLES.iter().filter(|s| s.digit > 9).count(), 0);
}

#[test]
fn the_set_is_balanced_and_uses_every_style() {
    let per_class = 12;
    let set = synthetic_digits::generate(per_class, 1);
    assert_eq!(set.len(), 10 * per_class);
    for digit in 0..10u8 {
        let of_digit: Vec<_> = set.iter().filter(|d| d.label == digit).collect();
        assert_eq!(of_digit.len(), per_class);
        for style in styles_of(digit) {
            assert!(
                of_digit.iter().any(|d| d.style == style.name),
                "{digit}: {}",
                style.name
            );
        }
    }
}

#[test]
fn digits_look_like_the_page_sends_them() {
    for digit in synthetic_digits::generate(5, 2) {
        let p = &digit.pixels;
        assert_eq!(p.len(), PIXELS);
        assert!(p.iter().all(|v| (0.0..=1.0).contains(v)));
        let total: f32 = p.iter().sum();
        assert!(total > 20.0, "a {} has ink", digit.label);
        let (mut cx, mut cy) = (0.0, 0.0);
        for (i, v) in p.iter().enumerate() {
            cx += (i % 28) as f32 * v;
            cy += (i / 28) as f32 * v;
        }
        let (cx, cy) = (cx / total, cy / total);
        assert!(
            (cx - 14.0).abs() < 1.0 && (cy - 14.0).abs() < 1.0,
            "centred: ({cx}, {cy})"
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_set_and_another_seed_another() {
    let set = synthetic_digits::generate(3, 7);
    assert_eq!(set, synthetic_digits::generate(3, 7));
    let other = synthetic_digits::generate(3, 8);
    assert_eq!(set.len(), other.len());
    assert!(
        set.iter()
            .zip(&other)
            .all(|(a, b)| a.label == b.label && a.pixels != b.pixels)
    );
    // More digits a class keep the first ones: each digit has its own random stream.
    assert_eq!(synthetic_digits::generate(5, 7)[0], set[0]);
}

#[test]
fn the_score_counts_per_class_and_groups_mistakes() {
    let set = synthetic_digits::generate(2, 3);
    let mut answers: Vec<u8> = set.iter().map(|d| d.label).collect();
    answers[0] = 8; // a 0 read as 8
    answers[1] = 8;
    let score = Score::new(&set, &answers);
    assert_eq!(score.right[0], 0);
    assert_eq!(score.right[1..], [2; 9]);
    assert!((score.accuracy() - 0.9).abs() < 1e-9);
    let report = score.report();
    assert!(report.contains("| 0 | 0/2 | 0.0 % |"), "{report}");
    assert!(report.contains("| all | 18/20 | 90.0 % |"), "{report}");
    assert!(report.contains("0 read as 8"), "{report}");
}

#[test]
fn the_shipped_model_reads_the_browser_tests_strokes() {
    // tests/e2e draw these with the page's 22 px pen and expect these answers from the shipped
    // model; checked here too, so a regenerated model that breaks them fails natively.
    use burn::tensor::Device;
    use convlab::drawing::{CanvasPoint, preprocess};
    use convlab::synthetic_digits::{CANVAS, paint};
    use convlab::model::weights::Pretrained;
    use convlab::training::predict;

    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/model/tutorial.bin"))
        .unwrap();
    let device = Device::flex();
    let (_, network) = Pretrained::decode(&bytes, &device).unwrap();
    let strokes: [(&[[f32; 2]], usize); 3] = [
        (&[[140.0, 40.0], [140.0, 240.0]], 1),
        (&[[60.0, 50.0], [220.0, 50.0], [120.0, 240.0]], 7),
        (&[[60.0, 60.0], [220.0, 60.0], [120.0, 240.0]], 7),
    ];
    for (points, expected) in strokes {
        let line: Vec<CanvasPoint> = points.iter().map(|&p| p.into()).collect();
        let ink = paint(&[line], 22.0, CANVAS);
        let digit = preprocess(&ink, CANVAS, CANVAS).unwrap();
        let p = futures::executor::block_on(predict(&network, digit.pixels(), &device)).unwrap();
        let top = (0..10).max_by(|&a, &b| p[0][a].total_cmp(&p[0][b])).unwrap();
        assert_eq!(top, expected, "{points:?}: {:?}", p[0]);
    }
}
