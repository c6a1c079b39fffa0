//! The learner's digits as kept and as shared: each digit is its label, the 28 × 28 image the
//! page made of the drawing (grey levels 0..1, 1 = ink, row after row, as `drawing::preprocess`
//! gives them) and the strokes it was drawn with, in canvas pixels.
//!
//! A set is exported as one JSON file:
//!
//! ```json
//! { "format": "convlab-my-digits", "version": 1,
//!   "digits": [ { "label": 3, "pixels": [0.0, …784 values…], "strokes": [[[140.0, 40.0], …], …] } ] }
//! ```
//!
//! Reading a file checks everything before anything is used: its size, that it is JSON, its
//! format name and version, the number of digits, and every digit's label, pixel count, pixel
//! values and strokes. The first problem found is a [`DigitSetError`] naming the digit (counted
//! from 1, as the learner would) and what was wrong.

use crate::data::{CLASSES, PIXELS};
use crate::drawing::CanvasPoint;
use crate::json_problem::in_plain_words;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;
use thiserror::Error;

/// The file's `format` field.
pub const FORMAT: &str = "convlab-my-digits";
/// The version this ConvLab writes and reads.
pub const FORMAT_VERSION: u64 = 1;
/// The most digits a set (and the store) may hold: a whole class's worth, not a data set.
pub const MAX_DIGITS: usize = 5_000;
/// The largest file read, in bytes (about 5 000 digits with long strokes).
pub const MAX_FILE_BYTES: usize = 50_000_000;
/// Strokes per digit, and points per digit over all its strokes.
pub const MAX_STROKES: usize = 200;
pub const MAX_POINTS: usize = 20_000;
/// The drawing canvas' side in pixels: stroke points lie in `0..=CANVAS_SIDE`.
pub const CANVAS_SIDE: f32 = 280.0;

/// One stroke: the pen's positions in canvas pixels, in order (in the file, each is `[x, y]`).
pub type Stroke = Vec<CanvasPoint>;

/// One digit the learner drew and labelled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyDigit {
    /// Which digit it is, 0 to 9.
    pub label: u8,
    /// The 784 grey levels the model sees (0..1, 1 = ink), row after row.
    pub pixels: Vec<f32>,
    /// How it was drawn; empty for an uploaded picture.
    #[serde(default)]
    pub strokes: Vec<Stroke>,
}

impl MyDigit {
    /// Checks the digit at `number` (counted from 1, for the message).
    pub fn check(&self, number: usize) -> Result<(), DigitSetError> {
        check_label(number, i64::from(self.label))?;
        check_pixels(number, &self.pixels)?;
        check_strokes(number, &self.strokes)
    }

    /// The image as grey levels 0..=255, for showing it.
    pub fn levels(&self) -> Vec<u8> {
        self.pixels.iter().map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8).collect()
    }

    /// Whether `other` is the same drawing with the same label (an import skips those already
    /// kept, so importing a file twice keeps each digit once).
    pub fn same_as(&self, other: &MyDigit) -> bool {
        self.label == other.label && self.pixels == other.pixels
    }
}

/// A checked set of digits: every digit valid, at most [`MAX_DIGITS`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DigitSet {
    digits: Vec<MyDigit>,
}

/// Why digits cannot be used (read from a file, or kept).
#[derive(Clone, Debug, PartialEq, Error)]
pub enum DigitSetError {
    #[error("the file is {bytes} bytes; a digit set file may have at most {limit}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("it is not JSON ({0})")]
    NotJson(String),
    #[error("it is not a ConvLab digit set: its \"format\" should be \"{FORMAT}\"")]
    NotADigitSet,
    #[error("its format version is {found}; this ConvLab reads version {FORMAT_VERSION}")]
    UnsupportedVersion { found: String },
    #[error("its digits are not as expected: {0}")]
    Malformed(String),
    #[error("it holds no digits")]
    Empty,
    #[error("it holds {count} digits; a set may have at most {limit}")]
    TooManyDigits { count: usize, limit: usize },
    #[error("you keep {kept} digits and it adds {added}; at most {limit} can be kept")]
    TooManyInAll { kept: usize, added: usize, limit: usize },
    #[error("digit {digit}'s label is {label}; labels are 0 to 9")]
    BadLabel { digit: usize, label: i64 },
    #[error("digit {digit} has {count} pixels; a 28 × 28 image has {PIXELS}")]
    WrongPixelCount { digit: usize, count: usize },
    #[error("digit {digit}'s pixel {index} is {value}; pixels are numbers from 0 to 1")]
    BadPixel { digit: usize, index: usize, value: f32 },
    #[error("digit {digit} has {count} strokes; at most {MAX_STROKES}")]
    TooManyStrokes { digit: usize, count: usize },
    #[error("digit {digit}'s strokes have {count} points; at most {MAX_POINTS}")]
    TooManyPoints { digit: usize, count: usize },
    #[error("digit {digit}'s stroke {stroke} has the point ({x}, {y}), outside the {CANVAS_SIDE} × {CANVAS_SIDE} canvas")]
    BadPoint { digit: usize, stroke: usize, x: f32, y: f32 },
}

/// A digit as a file may hold it: the label wide enough to say what was wrong with it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDigit {
    label: i64,
    pixels: Vec<f32>,
    #[serde(default)]
    strokes: Vec<Stroke>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    digits: &'a [MyDigit],
}

impl DigitSet {
    /// A set of `digits`, each checked.
    pub fn new(digits: Vec<MyDigit>) -> Result<Self, DigitSetError> {
        if digits.len() > MAX_DIGITS {
            return Err(DigitSetError::TooManyDigits { count: digits.len(), limit: MAX_DIGITS });
        }
        for (i, digit) in digits.iter().enumerate() {
            digit.check(i + 1)?;
        }
        Ok(Self { digits })
    }

    pub fn digits(&self) -> &[MyDigit] {
        &self.digits
    }

    pub fn into_digits(self) -> Vec<MyDigit> {
        self.digits
    }

    pub fn len(&self) -> usize {
        self.digits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    /// How many digits of each label, 0 to 9.
    pub fn counts(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for digit in &self.digits {
            counts[usize::from(digit.label)] += 1;
        }
        counts
    }

    /// Every digit as (784 pixels, label): what a model trains or is evaluated on.
    pub fn training_pairs(&self) -> Vec<(Vec<f32>, u8)> {
        self.digits.iter().map(|d| (d.pixels.clone(), d.label)).collect()
    }

    /// The export file's text.
    pub fn to_json(&self) -> String {
        let file = FileOut { format: FORMAT, version: FORMAT_VERSION, digits: &self.digits };
        serde_json::to_string(&file).expect("digits always serialise: their numbers are finite")
    }

    /// Reads an export file, checking everything; the first problem is the error.
    pub fn from_json(text: &str) -> Result<Self, DigitSetError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(DigitSetError::TooLarge { bytes: text.len(), limit: MAX_FILE_BYTES });
        }
        let value: Value = serde_json::from_str(text).map_err(|e| DigitSetError::NotJson(in_plain_words(&e)))?;
        let Value::Object(mut file) = value else { return Err(DigitSetError::NotADigitSet) };
        if file.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(DigitSetError::NotADigitSet);
        }
        match file.get("version") {
            Some(version) if version.as_u64() == Some(FORMAT_VERSION) => {}
            Some(version) => return Err(DigitSetError::UnsupportedVersion { found: version.to_string() }),
            None => return Err(DigitSetError::UnsupportedVersion { found: "missing".into() }),
        }
        let digits = match file.remove("digits") {
            Some(Value::Array(digits)) => digits,
            Some(_) => return Err(DigitSetError::Malformed("\"digits\" is not a list".into())),
            None => return Err(DigitSetError::Malformed("there is no \"digits\" list".into())),
        };
        if digits.is_empty() {
            return Err(DigitSetError::Empty);
        }
        if digits.len() > MAX_DIGITS {
            return Err(DigitSetError::TooManyDigits { count: digits.len(), limit: MAX_DIGITS });
        }
        let mut checked = Vec::with_capacity(digits.len());
        for (i, digit) in digits.into_iter().enumerate() {
            let number = i + 1;
            let digit: FileDigit =
                serde_json::from_value(digit).map_err(|e| DigitSetError::Malformed(format!("digit {number}: {}", in_plain_words(&e))))?;
            check_label(number, digit.label)?;
            let digit = MyDigit { label: digit.label as u8, pixels: digit.pixels, strokes: digit.strokes };
            digit.check(number)?;
            checked.push(digit);
        }
        Ok(Self { digits: checked })
    }
}

/// The digits of `incoming` that are not among `kept` (nor repeated within `incoming`), when
/// adding them keeps the total within [`MAX_DIGITS`].
pub fn not_yet_kept<'a>(kept: impl IntoIterator<Item = &'a MyDigit>, incoming: &DigitSet) -> Result<Vec<MyDigit>, DigitSetError> {
    // Compared by label and the pixels' bits, hashed: an import of thousands stays quick.
    let key = |d: &MyDigit| (d.label, d.pixels.iter().map(|v| v.to_bits()).collect::<Vec<u32>>());
    let (mut seen, mut kept_count) = (HashSet::<(u8, Vec<u32>)>::new(), 0);
    for digit in kept {
        seen.insert(key(digit));
        kept_count += 1;
    }
    let new: Vec<MyDigit> = incoming.digits().iter().filter(|d| seen.insert(key(d))).cloned().collect();
    if kept_count + new.len() > MAX_DIGITS {
        return Err(DigitSetError::TooManyInAll { kept: kept_count, added: new.len(), limit: MAX_DIGITS });
    }
    Ok(new)
}

fn check_label(digit: usize, label: i64) -> Result<(), DigitSetError> {
    if (0..CLASSES as i64).contains(&label) { Ok(()) } else { Err(DigitSetError::BadLabel { digit, label }) }
}

fn check_pixels(digit: usize, pixels: &[f32]) -> Result<(), DigitSetError> {
    if pixels.len() != PIXELS {
        return Err(DigitSetError::WrongPixelCount { digit, count: pixels.len() });
    }
    // `contains` is false for NaN, so a NaN pixel is refused too.
    match pixels.iter().position(|v| !(0.0..=1.0).contains(v)) {
        Some(index) => Err(DigitSetError::BadPixel { digit, index, value: pixels[index] }),
        None => Ok(()),
    }
}

fn check_strokes(digit: usize, strokes: &[Stroke]) -> Result<(), DigitSetError> {
    if strokes.len() > MAX_STROKES {
        return Err(DigitSetError::TooManyStrokes { digit, count: strokes.len() });
    }
    let points: usize = strokes.iter().map(Vec::len).sum();
    if points > MAX_POINTS {
        return Err(DigitSetError::TooManyPoints { digit, count: points });
    }
    for (i, stroke) in strokes.iter().enumerate() {
        let on_canvas = |p: &&CanvasPoint| (0.0..=CANVAS_SIDE).contains(&p.x) && (0.0..=CANVAS_SIDE).contains(&p.y);
        if let Some(&CanvasPoint { x, y }) = stroke.iter().find(|p| !on_canvas(p)) {
            return Err(DigitSetError::BadPoint { digit, stroke: i + 1, x, y });
        }
    }
    Ok(())
}
