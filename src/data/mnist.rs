//! The MNIST data set: a training and a test split, built from the four files' bytes.

use super::files::{TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS};
use super::idx::{parse_images, parse_labels};
use super::{DataError, Split};

/// MNIST: 60 000 training and 10 000 test images with their labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mnist {
    /// The training split.
    pub train: Split,
    /// The test split, used as validation data, as in the tutorial.
    pub test: Split,
}

impl Mnist {
    /// Builds the data set from the contents of the four files (each gzip or raw), in the order
    /// of [`super::FILE_NAMES`].
    pub fn from_bytes(
        train_images: &[u8],
        train_labels: &[u8],
        test_images: &[u8],
        test_labels: &[u8],
    ) -> Result<Self, DataError> {
        Ok(Self {
            train: split(TRAIN_IMAGES, train_images, TRAIN_LABELS, train_labels)?,
            test: split(TEST_IMAGES, test_images, TEST_LABELS, test_labels)?,
        })
    }

    /// The data of a run whose training images are the first `subset` of MNIST's (all when
    /// `None`) followed by `extra` (the learner's digits); the test split is unchanged. The
    /// extra images come after the subset, so a quick run on a subset still includes them.
    pub fn with_extra_training(&self, subset: Option<usize>, extra: &Split) -> Mnist {
        let mnist = subset.map_or_else(|| self.train.clone(), |n| self.train.take(n));
        Mnist { train: mnist.concat(extra), test: self.test.clone() }
    }

    /// Loads the four files from `dir`, taking `NAME.gz` or else the uncompressed `NAME`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_dir(dir: impl AsRef<std::path::Path>) -> Result<Self, DataError> {
        let dir = dir.as_ref();
        let [a, b, c, d] = super::FILE_NAMES.map(|name| read_file(dir, name));
        Self::from_bytes(&a?, &b?, &c?, &d?)
    }

    /// Loads the four files from the folder named by the environment variable `MNIST_DIR`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_env() -> Result<Self, DataError> {
        match std::env::var_os("MNIST_DIR") {
            Some(dir) if !dir.is_empty() => Self::load_dir(dir),
            _ => Err(DataError::NoDataDir),
        }
    }
}

fn split(
    images_file: &str,
    images: &[u8],
    labels_file: &str,
    labels: &[u8],
) -> Result<Split, DataError> {
    let pixels = parse_images(images_file, images)?;
    let labels = parse_labels(labels_file, labels)?;
    Split::checked(images_file, pixels, labels_file, labels)
}

#[cfg(not(target_arch = "wasm32"))]
fn read_file(dir: &std::path::Path, gz_name: &str) -> Result<Vec<u8>, DataError> {
    let raw_name = gz_name.strip_suffix(".gz").unwrap_or(gz_name);
    for name in [gz_name, raw_name] {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => return Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                let file = path.display().to_string();
                return Err(DataError::Io {
                    file,
                    reason: e.to_string(),
                });
            }
        }
    }
    Err(DataError::Missing {
        file: gz_name.to_string(),
        dir: dir.display().to_string(),
    })
}
