//! The exported digit set: a set survives export and import exactly, and every kind of bad file
//! is refused with its own typed error and a message that names the digit and the problem.

use convlab::my_digits::{
    DigitSet, DigitSetError, FORMAT_VERSION, MAX_DIGITS, MAX_POINTS, MAX_STROKES, MyDigit, not_yet_kept,
};
use convlab::drawing::CanvasPoint;
use serde_json::{Value, json};

/// A digit whose image depends on `seed`, with one stroke.
fn digit(label: u8, seed: usize) -> MyDigit {
    let pixels = (0..784).map(|i| ((i * 7 + seed * 13) % 11) as f32 / 10.0).collect();
    let stroke = [[140.0, 40.0], [140.5, 120.25], [141.0, 240.0]].map(CanvasPoint::from).to_vec();
    MyDigit { label, pixels, strokes: vec![stroke] }
}

fn set(n: usize) -> DigitSet {
    DigitSet::new((0..n).map(|i| digit((i % 10) as u8, i)).collect()).unwrap()
}

/// The export of a two-digit set as a JSON value, to break one field at a time.
fn exported() -> Value {
    serde_json::from_str(&set(2).to_json()).unwrap()
}

fn read(value: &Value) -> Result<DigitSet, DigitSetError> {
    DigitSet::from_json(&value.to_string())
}

#[test]
fn export_then_import_gives_back_the_same_digits() {
    let original = set(20);
    let text = original.to_json();
    let back = DigitSet::from_json(&text).unwrap();
    assert_eq!(back, original);
    assert_eq!(back.counts(), [2; 10]);
    let pairs = back.training_pairs();
    assert_eq!(pairs.len(), 20);
    assert!(pairs.iter().all(|(pixels, _)| pixels.len() == 784));
    assert_eq!(pairs[13].1, 3);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "convlab-my-digits");
    assert_eq!(value["version"], FORMAT_VERSION);
    // Each stroke point is an `[x, y]` pair in the file, whatever type holds it in memory.
    assert_eq!(value["digits"][0]["strokes"], json!([[[140.0, 40.0], [140.5, 120.25], [141.0, 240.0]]]));
}

#[test]
fn a_digit_without_strokes_is_an_uploaded_picture() {
    let mut value = exported();
    value["digits"][0].as_object_mut().unwrap().remove("strokes");
    let set = read(&value).unwrap();
    assert!(set.digits()[0].strokes.is_empty());
}

#[test]
fn not_json_and_not_a_digit_set_are_refused() {
    assert!(matches!(DigitSet::from_json("{\"format\": "), Err(DigitSetError::NotJson(_))));
    assert_eq!(DigitSet::from_json("[1, 2, 3]"), Err(DigitSetError::NotADigitSet));
    let mut value = exported();
    value["format"] = json!("convlab-runs");
    let error = read(&value).unwrap_err();
    assert_eq!(error, DigitSetError::NotADigitSet);
    assert!(error.to_string().contains("not a ConvLab digit set"));
}

#[test]
fn another_version_is_refused_with_the_version_read() {
    for (version, shown) in [(json!(2), "2"), (json!(0), "0"), (json!("1"), "\"1\""), (json!(1.5), "1.5")] {
        let mut value = exported();
        value["version"] = version;
        let error = read(&value).unwrap_err();
        assert_eq!(error, DigitSetError::UnsupportedVersion { found: shown.into() });
        assert!(error.to_string().contains("this ConvLab reads version 1"), "{error}");
    }
    let mut value = exported();
    value.as_object_mut().unwrap().remove("version");
    assert!(matches!(read(&value), Err(DigitSetError::UnsupportedVersion { .. })));
}

#[test]
fn wrong_pixel_counts_are_refused_naming_the_digit() {
    for count in [0, 783, 785, 28] {
        let mut value = exported();
        value["digits"][1]["pixels"] = json!(vec![0.5; count]);
        let error = read(&value).unwrap_err();
        assert_eq!(error, DigitSetError::WrongPixelCount { digit: 2, count });
        assert_eq!(error.to_string(), format!("digit 2 has {count} pixels; a 28 × 28 image has 784"));
    }
}

#[test]
fn labels_outside_0_to_9_are_refused() {
    for label in [10, -1, 255, 256, 1_000_000] {
        let mut value = exported();
        value["digits"][0]["label"] = json!(label);
        let error = read(&value).unwrap_err();
        assert_eq!(error, DigitSetError::BadLabel { digit: 1, label });
        assert!(error.to_string().contains("labels are 0 to 9"));
    }
    let mut value = exported();
    value["digits"][0]["label"] = json!("7");
    assert!(matches!(read(&value), Err(DigitSetError::Malformed(m)) if m.starts_with("digit 1:")));
}

#[test]
fn pixels_outside_0_to_1_and_nan_are_refused() {
    for bad in [-0.01_f64, 1.001, 255.0] {
        let mut value = exported();
        value["digits"][1]["pixels"][400] = json!(bad);
        let error = read(&value).unwrap_err();
        assert_eq!(error, DigitSetError::BadPixel { digit: 2, index: 400, value: bad as f32 });
    }
    // JSON cannot carry NaN, but a digit handed over from the page's storage can.
    let mut nan = digit(4, 0);
    nan.pixels[17] = f32::NAN;
    let error = DigitSet::new(vec![digit(1, 1), nan]).unwrap_err();
    assert!(matches!(error, DigitSetError::BadPixel { digit: 2, index: 17, value } if value.is_nan()));
    assert_eq!(error.to_string(), "digit 2's pixel 17 is NaN; pixels are numbers from 0 to 1");
    let mut infinite = digit(4, 0);
    infinite.pixels[0] = f32::INFINITY;
    assert!(matches!(infinite.check(1), Err(DigitSetError::BadPixel { index: 0, .. })));
}

#[test]
fn too_many_digits_are_refused_before_reading_them() {
    let one = exported()["digits"][0].clone();
    let value = json!({ "format": "convlab-my-digits", "version": 1, "digits": vec![one; MAX_DIGITS + 1] });
    assert_eq!(read(&value).unwrap_err(), DigitSetError::TooManyDigits { count: MAX_DIGITS + 1, limit: MAX_DIGITS });
    let many = (0..=MAX_DIGITS).map(|i| digit(0, i)).collect();
    assert!(matches!(DigitSet::new(many), Err(DigitSetError::TooManyDigits { .. })));
}

#[test]
fn an_empty_set_and_missing_digits_are_refused() {
    let value = json!({ "format": "convlab-my-digits", "version": 1, "digits": [] });
    assert_eq!(read(&value).unwrap_err(), DigitSetError::Empty);
    let value = json!({ "format": "convlab-my-digits", "version": 1 });
    assert!(matches!(read(&value), Err(DigitSetError::Malformed(_))));
    let value = json!({ "format": "convlab-my-digits", "version": 1, "digits": {} });
    assert!(matches!(read(&value), Err(DigitSetError::Malformed(_))));
}

#[test]
fn unknown_fields_in_a_digit_are_refused() {
    let mut value = exported();
    value["digits"][0]["colour"] = json!("red");
    assert!(matches!(read(&value), Err(DigitSetError::Malformed(m)) if m.contains("colour")));
}

#[test]
fn strokes_are_checked() {
    let mut value = exported();
    value["digits"][0]["strokes"] = json!([[[10.0, 10.0], [300.0, 10.0]]]);
    assert_eq!(read(&value).unwrap_err(), DigitSetError::BadPoint { digit: 1, stroke: 1, x: 300.0, y: 10.0 });
    value["digits"][0]["strokes"] = json!([[[10.0, 10.0]], [[5.0, -1.0]]]);
    assert_eq!(read(&value).unwrap_err(), DigitSetError::BadPoint { digit: 1, stroke: 2, x: 5.0, y: -1.0 });
    value["digits"][0]["strokes"] = json!([[[10.0]]]);
    assert!(matches!(read(&value), Err(DigitSetError::Malformed(_))));

    let mut many = digit(3, 0);
    let (one, two) = (CanvasPoint::new(1.0, 1.0), CanvasPoint::new(2.0, 2.0));
    many.strokes = vec![vec![one]; MAX_STROKES + 1];
    assert_eq!(many.check(1), Err(DigitSetError::TooManyStrokes { digit: 1, count: MAX_STROKES + 1 }));
    let mut long = digit(3, 0);
    long.strokes = vec![vec![one; MAX_POINTS], vec![two]];
    assert_eq!(long.check(1), Err(DigitSetError::TooManyPoints { digit: 1, count: MAX_POINTS + 1 }));
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let text = format!("{{\"format\": \"convlab-my-digits\", \"pad\": \"{}\"}}", " ".repeat(convlab::my_digits::MAX_FILE_BYTES));
    assert!(matches!(DigitSet::from_json(&text), Err(DigitSetError::TooLarge { .. })));
}

#[test]
fn importing_skips_digits_already_kept_and_respects_the_limit() {
    let kept: Vec<MyDigit> = (0..5).map(|i| digit(i as u8, i)).collect();
    let incoming = DigitSet::new(vec![digit(0, 0), digit(7, 70), digit(7, 70), digit(1, 2)]).unwrap();
    let new = not_yet_kept(&kept, &incoming).unwrap();
    assert_eq!(new, vec![digit(7, 70), digit(1, 2)], "kept ones and repeats are skipped; a new label is new");

    let full: Vec<MyDigit> = (0..MAX_DIGITS - 1).map(|i| digit(5, i)).collect();
    let error = not_yet_kept(&full, &incoming).unwrap_err();
    assert_eq!(error, DigitSetError::TooManyInAll { kept: MAX_DIGITS - 1, added: 3, limit: MAX_DIGITS });
}

#[test]
fn levels_show_the_image_as_bytes() {
    let mut d = digit(2, 0);
    d.pixels[0] = 1.0;
    d.pixels[1] = 0.0;
    d.pixels[2] = 0.5;
    let levels = d.levels();
    assert_eq!(levels.len(), 784);
    assert_eq!(&levels[..3], &[255, 0, 128]);
}

#[test]
fn recorded_strokes_are_rounded_kept_on_the_canvas_and_within_the_limits() {
    use convlab::my_digits::StrokeRecorder;
    let mut pen = StrokeRecorder::default();
    let at = CanvasPoint::new;
    pen.extend(at(10.04, 20.0));
    pen.extend(at(10.04, 20.0));
    pen.extend(at(-5.0, 300.0));
    pen.start(at(100.0, f32::NAN));
    assert_eq!(pen.strokes(), &[vec![at(10.0, 20.0), at(0.0, 280.0)], vec![at(100.0, 0.0)]]);
    for i in 0..2 * MAX_POINTS {
        pen.extend(at((i % 280) as f32, 1.0));
    }
    for _ in 0..2 * MAX_STROKES {
        pen.start(at(1.0, 1.0));
    }
    let digit = MyDigit { label: 1, pixels: vec![0.0; 784], strokes: pen.strokes().to_vec() };
    assert_eq!(digit.check(1), Ok(()), "a long scribble still makes a valid digit");
    assert_eq!(pen.strokes().iter().map(Vec::len).sum::<usize>(), MAX_POINTS);
    pen.clear();
    assert!(pen.strokes().is_empty());
}
