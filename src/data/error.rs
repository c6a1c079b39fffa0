//! What can be wrong with an MNIST file, said so that the page or the CLI can show it as is.

use thiserror::Error;

/// A problem with one of the four MNIST files. Every message names the file, what is wrong,
/// and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DataError {
    #[error(
        "MNIST_DIR is not set; set it to the folder that holds the four MNIST files, e.g. MNIST_DIR=/work/shared/mnist"
    )]
    NoDataDir,

    #[error(
        "{file}: not found in {dir} (neither gzip-compressed nor uncompressed); put the four MNIST files there, or set MNIST_DIR to the folder that holds them"
    )]
    Missing { file: String, dir: String },

    #[error("{file}: cannot be read ({reason})")]
    Io { file: String, reason: String },

    #[error(
        "{file}: starts like gzip but does not decompress ({reason}); the download is probably incomplete, re-download it"
    )]
    Gzip { file: String, reason: String },

    #[error(
        "{file}: decompresses to more than {limit} bytes, more than any MNIST file; this is not an MNIST file, re-download it"
    )]
    TooLarge { file: String, limit: u64 },

    #[error(
        "{file}: only {len} bytes, too short for an IDX header of {need} bytes; the file is truncated, re-download it"
    )]
    TooShort {
        file: String,
        len: usize,
        need: usize,
    },

    #[error(
        "{file}: magic number {found} where IDX {kind} have {expected}; this is not an MNIST {kind} file (files swapped or corrupt?), re-download it"
    )]
    WrongMagic {
        file: String,
        kind: &'static str,
        found: u32,
        expected: u32,
    },

    #[error("{file}: images are {rows}x{cols}, MNIST images are 28x28; this is not an MNIST file")]
    WrongDimensions { file: String, rows: u32, cols: u32 },

    #[error(
        "{file}: the header announces {count} items ({expected} bytes of data) but the file holds {actual} bytes of data; it is truncated or corrupt, re-download it"
    )]
    PayloadLength {
        file: String,
        count: u32,
        expected: usize,
        actual: usize,
    },

    #[error(
        "{file}: label {label} at position {index} is outside 0..=9; the file is corrupt, re-download it"
    )]
    LabelOutOfRange {
        file: String,
        index: usize,
        label: u8,
    },

    #[error(
        "{images_file} holds {images} images but {labels_file} holds {labels} labels; the two files do not belong together, re-download both"
    )]
    CountMismatch {
        images_file: String,
        images: usize,
        labels_file: String,
        labels: usize,
    },
}
