//! One split of MNIST (train or test) kept as u8 pixels, and the batches built from it.
//! Pixels are scaled to 0..1 per batch, not up front: the training set as f32 is 188 MB, more
//! than one WebGPU buffer may hold, and four times the memory in the worker.

#[cfg(feature = "compute")]
use burn::tensor::{Device, Int, Tensor, TensorData};

use super::DataError;
use super::idx::{CLASSES, PIXELS, SIDE};

/// Images (u8, 784 per image, row-major) and their labels (0..=9), same count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pixels: Vec<u8>,
    labels: Vec<u8>,
}

impl Split {
    /// Builds a split from raw pixels (`n * 784` bytes) and `n` labels in 0..=9.
    pub fn new(pixels: Vec<u8>, labels: Vec<u8>) -> Result<Self, DataError> {
        Self::checked("images", pixels, "labels", labels)
    }

    /// Like [`Split::new`], with the file names to put in the error messages.
    pub(crate) fn checked(
        images_file: &str,
        pixels: Vec<u8>,
        labels_file: &str,
        labels: Vec<u8>,
    ) -> Result<Self, DataError> {
        if !pixels.len().is_multiple_of(PIXELS) {
            let count = (pixels.len() / PIXELS) as u32;
            return Err(DataError::PayloadLength {
                file: images_file.to_string(),
                count,
                expected: count as usize * PIXELS,
                actual: pixels.len(),
            });
        }
        if pixels.len() / PIXELS != labels.len() {
            return Err(DataError::CountMismatch {
                images_file: images_file.to_string(),
                images: pixels.len() / PIXELS,
                labels_file: labels_file.to_string(),
                labels: labels.len(),
            });
        }
        if let Some(index) = labels.iter().position(|&l| l as usize >= CLASSES) {
            let label = labels[index];
            return Err(DataError::LabelOutOfRange {
                file: labels_file.to_string(),
                index,
                label,
            });
        }
        Ok(Self { pixels, labels })
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the split holds no image.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// All labels, in file order.
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// The label of image `i`.
    pub fn label(&self, i: usize) -> u8 {
        self.labels[i]
    }

    /// The 784 pixels of image `i` (0..=255, row-major).
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * PIXELS..(i + 1) * PIXELS]
    }

    /// The images' shape as the tutorial prints it (NHWC, channels last): "(60000, 28, 28, 1)".
    pub fn images_shape(&self) -> String {
        format!("({}, {SIDE}, {SIDE}, 1)", self.len())
    }

    /// The labels' shape as the tutorial prints it: "(60000,)".
    pub fn labels_shape(&self) -> String {
        format!("({},)", self.len())
    }

    /// The first `n` images (all of them if there are fewer), e.g. a subset to train on quickly.
    pub fn take(&self, n: usize) -> Split {
        self.slice(0..n)
    }

    /// Images `range` (clamped to the split), e.g. to go through a split in parts.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Split {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        Split {
            pixels: self.pixels[start * PIXELS..end * PIXELS].to_vec(),
            labels: self.labels[start..end].to_vec(),
        }
    }

    /// The images at `indices`, in that order (repeats allowed), as a split of their own.
    pub fn pick(&self, indices: &[usize]) -> Split {
        let mut pixels = Vec::with_capacity(indices.len() * PIXELS);
        for &i in indices {
            pixels.extend_from_slice(self.image(i));
        }
        let labels = indices.iter().map(|&i| self.labels[i]).collect();
        Split { pixels, labels }
    }

    /// This split's images followed by `other`'s.
    pub fn concat(&self, other: &Split) -> Split {
        Split {
            pixels: [self.pixels.as_slice(), other.pixels.as_slice()].concat(),
            labels: [self.labels.as_slice(), other.labels.as_slice()].concat(),
        }
    }

    /// The images at `indices`, scaled to 0..1, concatenated (`indices.len() * 784` floats).
    pub fn scaled_pixels(&self, indices: &[usize]) -> Vec<f32> {
        let mut out = Vec::with_capacity(indices.len() * PIXELS);
        for &i in indices {
            out.extend(self.image(i).iter().map(|&p| f32::from(p) / 255.0));
        }
        out
    }

    #[cfg(feature = "compute")]
    /// The batch at `indices` on `device`: images `[b, 1, 28, 28]` (NCHW, f32 in 0..1) and
    /// labels `[b]`.
    pub fn batch(&self, indices: &[usize], device: &Device) -> (Tensor<4>, Tensor<1, Int>) {
        let b = indices.len();
        let images = TensorData::new(self.scaled_pixels(indices), [b, 1, SIDE, SIDE]);
        let labels: Vec<i64> = indices.iter().map(|&i| i64::from(self.labels[i])).collect();
        (
            Tensor::from_data(images, device),
            Tensor::from_data(TensorData::new(labels, [b]), device),
        )
    }
}
