//! The IDX reader: what it rejects (and says), what it accepts, and the real MNIST files.

use std::io::Write;

use convlab::data::{DataError, FILE_NAMES, MNIST_FILES, Mnist, parse_images, parse_labels};
use flate2::{Compression, write::GzEncoder};

fn images_file(count: u32, rows: u32, cols: u32, pixels: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for v in [2051, count, rows, cols] {
        out.extend(u32::to_be_bytes(v));
    }
    out.extend((0..pixels).map(|i| (i % 256) as u8));
    out
}

fn labels_file(labels: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for v in [2049, labels.len() as u32] {
        out.extend(u32::to_be_bytes(v));
    }
    out.extend(labels);
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn raw_and_gzip_both_parse() {
    let raw = images_file(2, 28, 28, 2 * 784);
    let from_raw = parse_images("a", &raw).unwrap();
    let from_gz = parse_images("a.gz", &gzip(&raw)).unwrap();
    assert_eq!(from_raw.len(), 2 * 784);
    assert_eq!(from_raw, from_gz);
    assert_eq!(from_raw[..3], [0, 1, 2]);

    let labels = labels_file(&[3, 1, 4]);
    assert_eq!(parse_labels("l", &labels).unwrap(), [3, 1, 4]);
    assert_eq!(parse_labels("l.gz", &gzip(&labels)).unwrap(), [3, 1, 4]);
}

#[test]
fn truncated_files_are_rejected() {
    let raw = images_file(2, 28, 28, 2 * 784);
    let err = parse_images("imgs", &raw[..raw.len() - 1]).unwrap_err();
    assert!(matches!(
        err,
        DataError::PayloadLength {
            count: 2,
            expected: 1568,
            actual: 1567,
            ..
        }
    ));
    let msg = err.to_string();
    assert!(msg.contains("imgs") && msg.contains("re-download"), "{msg}");

    let err = parse_images("imgs", &raw[..10]).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::TooShort {
                len: 10,
                need: 16,
                ..
            }
        ),
        "{err}"
    );

    // A cut gzip stream fails in the decoder, and says so.
    let gz = gzip(&raw);
    let err = parse_images("imgs.gz", &gz[..gz.len() / 2]).unwrap_err();
    assert!(matches!(err, DataError::Gzip { .. }), "{err}");
    assert!(err.to_string().contains("imgs.gz"));
}

#[test]
fn wrong_magic_is_rejected() {
    // A labels file where images are expected: the usual mix-up.
    let labels = labels_file(&[1; 16]);
    let err = parse_images("swapped", &labels).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::WrongMagic {
                found: 2049,
                expected: 2051,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("swapped"));

    let images = images_file(1, 28, 28, 784);
    let err = parse_labels("swapped", &images).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::WrongMagic {
                found: 2051,
                expected: 2049,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn wrong_dimensions_are_rejected() {
    let err = parse_images("small", &images_file(1, 27, 28, 27 * 28)).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::WrongDimensions {
                rows: 27,
                cols: 28,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn count_mismatches_are_rejected() {
    // Header count vs payload: more data than announced is corruption too.
    let mut labels = labels_file(&[1, 2, 3]);
    labels.push(4);
    let err = parse_labels("labels", &labels).unwrap_err();
    assert!(matches!(
        err,
        DataError::PayloadLength {
            count: 3,
            expected: 3,
            actual: 4,
            ..
        }
    ));

    // Images vs labels: each file is fine, together they are not.
    let images = images_file(3, 28, 28, 3 * 784);
    let two = labels_file(&[1, 2]);
    let ok = labels_file(&[0]);
    let okimg = images_file(1, 28, 28, 784);
    let err = Mnist::from_bytes(&images, &two, &okimg, &ok).unwrap_err();
    match &err {
        DataError::CountMismatch {
            images: 3,
            labels: 2,
            images_file,
            labels_file,
        } => {
            assert_eq!(images_file, FILE_NAMES[0]);
            assert_eq!(labels_file, FILE_NAMES[1]);
        }
        other => panic!("expected a count mismatch, got {other:?}"),
    }
    assert!(err.to_string().contains("3 images"), "{err}");
}

#[test]
fn labels_above_nine_are_rejected() {
    let err = parse_labels("labels", &labels_file(&[0, 9, 10, 2])).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::LabelOutOfRange {
                index: 2,
                label: 10,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("0..=9"));
}

#[test]
fn file_table_is_consistent() {
    for (file, name) in MNIST_FILES.iter().zip(FILE_NAMES) {
        assert_eq!(file.name, name);
        assert_eq!(file.raw_name(), name.strip_suffix(".gz").unwrap());
        assert_eq!(file.gz_sha256.len(), 64);
        assert_eq!(file.raw_sha256.len(), 64);
    }
}

/// Fails (does not skip) without the data: set MNIST_DIR to the folder of the four files.
fn real_mnist() -> Mnist {
    Mnist::load_env().unwrap_or_else(|e| panic!("real MNIST is needed for this test: {e}"))
}

#[test]
fn real_files_have_the_tutorial_shapes() {
    let mnist = real_mnist();
    assert_eq!(mnist.train.len(), 60_000);
    assert_eq!(mnist.test.len(), 10_000);
    assert_eq!(mnist.train.images_shape(), "(60000, 28, 28, 1)");
    assert_eq!(mnist.test.images_shape(), "(10000, 28, 28, 1)");
    assert_eq!(mnist.train.labels_shape(), "(60000,)");
    assert_eq!(mnist.train.labels()[..10], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    assert_eq!(mnist.test.labels()[..10], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
}

#[test]
fn real_files_have_their_listed_sizes() {
    let dir = std::env::var("MNIST_DIR").expect("set MNIST_DIR to the folder of the MNIST files");
    let dir = std::path::Path::new(&dir);
    for file in MNIST_FILES {
        // The folder may hold gzip files (the originals, or recompressed by `cargo xtask`) or the
        // uncompressed files: the content is what must match.
        let raw = match std::fs::read(dir.join(file.name)) {
            Ok(gz) => {
                convlab::data::decompress(file.name, &gz)
                    .unwrap()
                    .into_owned()
            }
            Err(_) => std::fs::read(dir.join(file.raw_name())).unwrap(),
        };
        assert_eq!(raw.len() as u64, file.raw_len, "{}", file.name);
    }
}

#[test]
fn batches_are_nchw_and_scaled() {
    let mnist = real_mnist();
    let device = burn::tensor::Device::flex();
    let (images, labels) = mnist.train.batch(&[0, 1, 2], &device);
    assert_eq!(images.dims(), [3, 1, 28, 28]);
    assert_eq!(labels.dims(), [3]);
    let pixels = mnist.train.scaled_pixels(&[0]);
    assert!(pixels.iter().all(|p| (0.0..=1.0).contains(p)));
    assert!(
        pixels.contains(&1.0),
        "the first digit has saturated pixels"
    );
    let labels: Vec<i64> = labels.into_data().iter::<i64>().collect();
    assert_eq!(labels, [5, 0, 4]);
}

#[test]
fn a_slice_keeps_its_images_with_their_labels_and_clamps_to_the_split() {
    use convlab::data::Split;
    let pixels: Vec<u8> = (0..5 * 784).map(|i| (i / 784) as u8).collect();
    let split = Split::new(pixels, vec![4, 3, 2, 1, 0]).unwrap();
    let middle = split.slice(1..3);
    assert_eq!(middle.labels(), [3, 2]);
    assert_eq!(middle.image(0), split.image(1));
    assert_eq!(middle.image(1)[0], 2);
    // Parts of 2 cover the split exactly once, the last one shorter.
    let parts: Vec<u8> = (0..5).step_by(2).flat_map(|s| split.slice(s..s + 2).labels().to_vec()).collect();
    assert_eq!(parts, split.labels());
    assert_eq!(split.slice(4..10).len(), 1);
    assert!(split.slice(7..9).is_empty());
    assert_eq!(split.take(2), split.slice(0..2));
}
