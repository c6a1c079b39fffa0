//! Every parser of bytes from outside, fuzzed: model files, checkpoints, digit sets, share links,
//! MNIST's IDX files (raw and gzip), the course's saved progress and the typed answers. Each
//! target gets arbitrary bytes, random edits of a valid file (bytes changed, cut, inserted,
//! removed), and for the JSON inside, a valid file with one value swapped for an odd one. A
//! parser passes when it never panics, answers every input with a value or a typed error, and
//! never allocates more than its budget: a small multiple of the input plus what the format's
//! own limits allow, so that no length or count written in a file decides how much is allocated.
//!
//! `CONVLAB_FUZZ_CASES` sets the inputs per target and kind (64 by default, for CI);
//! `cargo xtask fuzz` runs many more and prints the figures. Needs MNIST_DIR for the checkpoint
//! (one real training step).

#[path = "../common/mod.rs"]
mod common;
mod allocation;
mod inputs;

use allocation::peak_of;
use inputs::{apply, edits, odd_value, swapped};

use std::sync::OnceLock;

use burn::prelude::*;
use convlab::data::{MAX_IDX_BYTES, parse_images, parse_labels};
use convlab::exercise::answer::{parse_count, parse_shape};
use convlab::exercise::progress::Progress;
use convlab::hyperparameters::Hyperparameters;
use convlab::inspect::kernel_playground::parse_weight;
use convlab::model::ModelSpec;
use convlab::model::share_link;
use convlab::model::weights::{MAX_FILE_BYTES as MAX_MODEL_BYTES, Pretrained};
use convlab::drawing::CanvasPoint;
use convlab::my_digits::digit_set::{DigitSet, MAX_FILE_BYTES as MAX_DIGIT_SET_BYTES, MyDigit};
use convlab::training::{Checkpoint, Trainer};
use futures::executor::block_on;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

// ---- The runner ----

fn cases() -> u32 {
    std::env::var("CONVLAB_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}

/// How a target fared: inputs tried, accepted, refused, the largest peak allocation.
#[derive(Default)]
struct Tally {
    tried: u64,
    accepted: u64,
    refused: u64,
    peak: usize,
}

/// Runs `parse` on inputs from `strategy`; `parse` says whether it accepted, and its peak
/// allocation must stay under `budget(input length)`.
fn fuzz<S: Strategy>(
    target: &str,
    kind: &str,
    strategy: S,
    budget: impl Fn(usize) -> usize,
    parse: impl Fn(&S::Value) -> (bool, usize),
) where
    S::Value: std::fmt::Debug,
{
    let tally = std::cell::RefCell::new(Tally::default());
    let config = Config { cases: cases(), failure_persistence: None, ..Config::default() };
    let result = TestRunner::new(config).run(&strategy, |input| {
        let ((accepted, len), peak) = peak_of(|| parse(&input));
        let mut t = tally.borrow_mut();
        t.tried += 1;
        if accepted { t.accepted += 1 } else { t.refused += 1 }
        t.peak = t.peak.max(peak);
        if peak > budget(len) {
            return Err(TestCaseError::fail(format!("{len} input bytes, {peak} bytes allocated at once; the budget is {}", budget(len))));
        }
        Ok(())
    });
    let t = tally.into_inner();
    println!("fuzz: {target} ({kind}): {} inputs, {} accepted, {} refused, peak allocation {:.1} MB", t.tried, t.accepted, t.refused, t.peak as f64 / 1e6);
    if let Err(e) = result {
        panic!("{target} ({kind}): {e}");
    }
}

const MB: usize = 1 << 20;

// ---- Valid files to start from ----

fn shipped_model() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/model/tutorial.bin")).expect("the shipped model"))
}

/// The shipped model's header as JSON, and where its weights start.
fn model_header(bytes: &[u8]) -> (Value, usize) {
    let len = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    (serde_json::from_slice(&bytes[16..16 + len]).unwrap(), 16 + len)
}

fn with_header(bytes: &[u8], header: &Value) -> Vec<u8> {
    let (_, weights_at) = model_header(bytes);
    let header = serde_json::to_vec(header).unwrap();
    let mut out = bytes[..12].to_vec();
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&bytes[weights_at..]);
    out
}

fn device() -> Device {
    Device::flex()
}

/// A model file of the tutorial with BatchNormalization and Dropout (its moving statistics too).
fn normalised_model() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let spec = common::specs::tutorial_normalised();
        let network = convlab::model::Network::new(&spec, &device()).unwrap();
        let about = Pretrained { spec, hyperparameters: Hyperparameters::default(), test_accuracy: None, test_loss: None };
        about.encode(&network).unwrap()
    })
}

// ---- Targets ----

#[test]
fn model_files() {
    let valid = shipped_model();
    // An accepted model must answer: finite probabilities for an image of ink and a blank one
    // (weights edited into NaN, infinity or 1e38 were accepted before: they are refused now).
    let answers = |network: &convlab::model::Network| {
        let images: Vec<f32> = (0..2 * 784).map(|i| if i < 784 { (i % 3) as f32 / 2.0 } else { 0.0 }).collect();
        let out = block_on(convlab::training::predict(network, &images, &device())).unwrap();
        out.iter().flatten().all(|p| p.is_finite())
    };
    let parse = |bytes: &[u8]| {
        let decoded = Pretrained::decode(bytes, &device());
        if let Ok((_, network)) = &decoded {
            assert!(answers(network), "an accepted model answers with non-finite probabilities");
        }
        (decoded.is_ok(), bytes.len())
    };
    // A model up to the stated limit may be built: the budget is that, four times over.
    let budget = |len: usize| 8 * len + 4 * MAX_MODEL_BYTES as usize + 16 * MB;
    fuzz("model file", "arbitrary bytes", prop::collection::vec(any::<u8>(), 0..4096), budget, |b| parse(b));
    fuzz("model file", "edited", edits(), budget, |e| parse(&apply(valid, e)));
    fuzz("model file", "edited, BatchNormalization and Dropout", edits(), budget, |e| parse(&apply(normalised_model(), e)));
    let (header, _) = model_header(valid);
    fuzz("model file", "header value swapped", (any::<usize>(), odd_value(), any::<bool>()), budget, |(pick, odd, remove)| {
        parse(&with_header(valid, &swapped(&header, *pick, odd.clone(), *remove)))
    });
}

fn checkpoint() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let hyper = Hyperparameters { epochs: 1, batch_size: 32, seed: 3, train_subset: Some(64), ..Default::default() };
        let mut trainer = Trainer::new(&ModelSpec::tutorial(), hyper, common::real_mnist(32), &device(), Box::new(|| 0.0)).unwrap();
        block_on(trainer.step()).unwrap();
        trainer.stop();
        block_on(trainer.checkpoint()).unwrap().encode().unwrap()
    })
}

/// `bytes` with its last eight bytes made the FNV-1a checksum of the rest, as a writer would:
/// edits then reach the parts after the checksum test.
fn checksummed(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.len() < 8 {
        return bytes;
    }
    let end = bytes.len() - 8;
    let sum = bytes[..end].iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    bytes[end..].copy_from_slice(&sum.to_le_bytes());
    bytes
}

#[test]
fn checkpoints() {
    let valid = checkpoint();
    let parse = |bytes: &[u8]| (Checkpoint::decode(bytes).is_ok(), bytes.len());
    let budget = |len: usize| 8 * len + 16 * MB;
    fuzz("checkpoint", "arbitrary bytes", prop::collection::vec(any::<u8>(), 0..4096), budget, |b| parse(b));
    fuzz("checkpoint", "edited", edits(), budget, |e| parse(&apply(valid, e)));
    fuzz("checkpoint", "edited, checksum fixed", edits(), budget, |e| parse(&checksummed(apply(valid, e))));
}

/// An exported set of ten digits, each with an image and two strokes.
fn digit_set() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let digits = (0..10u8)
            .map(|label| MyDigit {
                label,
                pixels: (0..784).map(|i| ((i * 7 + usize::from(label)) % 11) as f32 / 10.0).collect(),
                strokes: vec![
                    (0..20).map(|i| CanvasPoint { x: 40.0 + i as f32 * 9.0, y: 60.0 }).collect(),
                    (0..20).map(|i| CanvasPoint { x: 140.0, y: 30.0 + i as f32 * 11.0 }).collect(),
                ],
            })
            .collect();
        DigitSet::new(digits).unwrap().to_json()
    })
}

#[test]
fn digit_sets() {
    let valid = digit_set();
    let parse = |text: &str| (DigitSet::from_json(text).is_ok(), text.len());
    // JSON's tree takes some forty times its text at worst (a number of two characters is a
    // 32-byte value, in lists that grow by doubling); the file size is capped first.
    let budget = |len: usize| 48 * len.min(MAX_DIGIT_SET_BYTES) + MB;
    fuzz("digit set", "arbitrary text", ".{0,2000}", budget, |t| parse(t));
    fuzz("digit set", "edited", edits(), budget, |e| parse(&String::from_utf8_lossy(&apply(valid.as_bytes(), e))));
    let json: Value = serde_json::from_str(valid).unwrap();
    fuzz("digit set", "value swapped", (any::<usize>(), odd_value(), any::<bool>()), budget, |(pick, odd, remove)| {
        parse(&swapped(&json, *pick, odd.clone(), *remove).to_string())
    });
}

#[test]
fn share_links() {
    let valid = share_link::encode(&ModelSpec::tutorial(), &Hyperparameters::default());
    let parse = |link: &str| (share_link::decode(link).is_ok(), link.len());
    let budget = |len: usize| 16 * len + MB;
    fuzz("share link", "arbitrary text", ".{0,400}", budget, |t| parse(t));
    fuzz("share link", "link-like text", "[a-z0-9=&#?.%-]{0,200}", budget, |t| parse(t));
    fuzz("share link", "edited", edits(), budget, |e| parse(&String::from_utf8_lossy(&apply(valid.as_bytes(), e))));
    let normalised = share_link::encode(&common::specs::tutorial_normalised(), &Hyperparameters::default());
    fuzz("share link", "edited, BatchNormalization and Dropout", edits(), budget, |e| {
        parse(&String::from_utf8_lossy(&apply(normalised.as_bytes(), e)))
    });
}

/// A small valid IDX file of `count` images (and its labels), raw.
fn idx_files(count: u32) -> (Vec<u8>, Vec<u8>) {
    let mut images = vec![0, 0, 8, 3];
    for n in [count, 28, 28] {
        images.extend_from_slice(&n.to_be_bytes());
    }
    images.extend((0..count as usize * 784).map(|i| (i % 251) as u8));
    let mut labels = vec![0, 0, 8, 1];
    labels.extend_from_slice(&count.to_be_bytes());
    labels.extend((0..count).map(|i| (i % 10) as u8));
    (images, labels)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn idx_files_raw_and_gzip() {
    let (images, labels) = idx_files(3);
    let (gz_images, gz_labels) = (gzip(&images), gzip(&labels));
    let parse = |bytes: &[u8]| {
        let images = parse_images("fuzz-images", bytes);
        let labels = parse_labels("fuzz-labels", bytes);
        (images.is_ok() || labels.is_ok(), bytes.len())
    };
    // What a file decompresses to is capped; a raw file is only borrowed.
    let budget = |len: usize| 4 * len + 2 * MAX_IDX_BYTES as usize + MB;
    fuzz("IDX", "arbitrary bytes", prop::collection::vec(any::<u8>(), 0..4096), budget, |b| parse(b));
    for (name, valid) in [("images, edited", &images), ("labels, edited", &labels), ("gzip images, edited", &gz_images), ("gzip labels, edited", &gz_labels)] {
        fuzz("IDX", name, edits(), budget, |e| parse(&apply(valid, e)));
    }
}

#[test]
fn a_gzip_bomb_is_refused_within_the_bound() {
    // 100 MB of zeros after an IDX header: about 100 kB of gzip.
    let mut huge = vec![0u8; 100_000_000];
    huge[..4].copy_from_slice(&[0, 0, 8, 3]);
    let bomb = gzip(&huge);
    drop(huge);
    assert!(bomb.len() < 1_000_000, "{} bytes", bomb.len());
    let (result, peak) = peak_of(|| parse_images("bomb", &bomb));
    let error = result.expect_err("a file that inflates past any MNIST file").to_string();
    assert!(error.contains("more than any MNIST file"), "{error}");
    assert!(peak <= 2 * MAX_IDX_BYTES as usize + 2 * MB, "{peak} bytes allocated at once");
}

#[test]
fn saved_progress_and_typed_answers() {
    let budget = |len: usize| 48 * len + MB;
    fuzz("saved progress", "arbitrary text", ".{0,400}", budget, |t| {
        let progress = Progress::from_json(Some(t));
        (progress != Progress::default(), t.len())
    });
    let valid = serde_json::to_string(&Progress::default()).unwrap();
    let json: Value = serde_json::from_str(&valid).unwrap();
    fuzz("saved progress", "value swapped", (any::<usize>(), odd_value(), any::<bool>()), budget, |(pick, odd, remove)| {
        let text = swapped(&json, *pick, odd.clone(), *remove).to_string();
        (Progress::from_json(Some(&text)) != Progress::default(), text.len())
    });
    fuzz("typed answer", "arbitrary text", ".{0,200}", budget, |t| {
        (parse_count(t).is_some() | parse_shape(t).is_some() | parse_weight(t).is_ok(), t.len())
    });
}

#[test]
fn a_model_file_with_megabytes_appended_is_refused_before_it_is_read() {
    let file = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/model/tutorial.bin")).unwrap();
    let padded: Vec<u8> = file.iter().copied().chain(std::iter::repeat_n(0, 40 * MB)).collect();
    let (decoded, peak) = peak_of(|| Pretrained::decode(&padded, &device()));
    let message = decoded.err().expect("refused").to_string();
    assert!(message.contains("bytes follow the weights"), "{message}");
    // Before, the 40 MB were copied and read as burnpack first: the worker grew by 340 MB.
    assert!(peak < 4 * MB, "peak {peak} bytes while refusing a 40 MB tail");
    // A few bytes too many are still caught (after reading, so another model is named as such).
    let short_tail: Vec<u8> = file.iter().copied().chain([0u8; 16]).collect();
    assert!(Pretrained::decode(&short_tail, &device()).err().expect("refused").to_string().contains("16 bytes follow the weights"));
}
