//! MNIST in IDX format: reading and checking the four files, keeping the pixels as u8, and
//! building f32 batches on a device.

mod error;
mod files;
mod idx;
mod labelled_digits;
mod light;
mod mnist;
mod split;

pub use error::DataError;
pub use files::{
    FILE_NAMES, MNIST_FILES, MnistFile, TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS,
};
pub use idx::{
    CLASSES, IMAGES_MAGIC, LABELS_MAGIC, MAX_IDX_BYTES, PIXELS, SIDE, decompress, parse_images,
    parse_labels,
};
pub use labelled_digits::{DigitsError, LabelledDigits};
pub use light::{DataChoice, LIGHT_FILES, LIGHT_FOLDER, LIGHT_TEST, LIGHT_TRAIN, LightFile, first_items};
pub use mnist::Mnist;
pub use split::Split;
