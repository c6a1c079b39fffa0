//! The batches of a fine-tuning run: some of the learner's digits (their training part, in
//! shuffled passes, repeated as often as the steps need) and the rest MNIST training images
//! drawn at random, distorted by the augmentation when it is on.

use burn::tensor::{Device, Int, Tensor, TensorData};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::FineTuneSettings;
use crate::data::{SIDE, Split};

/// Builds one mixed batch after another, reproducibly from the settings' seed.
pub(super) struct Mixer {
    /// The learner's training digits (the held-out ones are not here).
    learner: Split,
    order: Vec<usize>,
    next: usize,
    learner_per_batch: usize,
    batch_size: usize,
    augment: bool,
    /// Chooses the images.
    rng: ChaCha8Rng,
    /// Distorts them: a stream of its own, so augmentation on or off sees the same images.
    augment_rng: ChaCha8Rng,
}

impl Mixer {
    pub fn new(learner: Split, settings: &FineTuneSettings) -> Self {
        let mut augment_rng = ChaCha8Rng::seed_from_u64(settings.seed);
        augment_rng.set_stream(1);
        Self {
            learner,
            order: Vec::new(),
            next: 0,
            learner_per_batch: settings.learner_per_batch(),
            batch_size: settings.batch_size,
            augment: settings.augment,
            rng: ChaCha8Rng::seed_from_u64(settings.seed),
            augment_rng,
        }
    }

    /// The next batch on `device`: images `[b, 1, 28, 28]` in 0..1 and labels `[b]`.
    pub fn next_batch(&mut self, mnist: &Split, device: &Device) -> (Tensor<4>, Tensor<1, Int>) {
        let mine: Vec<usize> = (0..self.learner_per_batch)
            .map(|_| self.next_learner())
            .collect();
        let theirs: Vec<usize> = (mine.len()..self.batch_size)
            .map(|_| self.rng.random_range(0..mnist.len() as u32) as usize)
            .collect();
        let mut pixels = self.learner.scaled_pixels(&mine);
        pixels.extend(mnist.scaled_pixels(&theirs));
        if self.augment {
            augment(&mut pixels, &mut self.augment_rng);
        }
        let labels: Vec<i64> = (mine.iter().map(|&i| self.learner.label(i)))
            .chain(theirs.iter().map(|&i| mnist.label(i)))
            .map(i64::from)
            .collect();
        let b = labels.len();
        (
            Tensor::from_data(TensorData::new(pixels, [b, 1, SIDE, SIDE]), device),
            Tensor::from_data(TensorData::new(labels, [b]), device),
        )
    }

    /// The next of the learner's digits; a new shuffled pass when one is used up (Fisher–Yates
    /// on u32 draws, as the trainer shuffles, so wasm32 and 64-bit hosts agree).
    fn next_learner(&mut self) -> usize {
        if self.next == self.order.len() {
            self.order = (0..self.learner.len()).collect();
            for i in (1..self.order.len()).rev() {
                let j = self.rng.random_range(0..=i as u32) as usize;
                self.order.swap(i, j);
            }
            self.next = 0;
        }
        self.next += 1;
        self.order[self.next - 1]
    }
}

/// AUGMENTATION HOOK (issue 14, to connect at merge): distorts every image of a batch in place
/// (784 values in 0..1 per image, learner's and MNIST's alike) with `rng`. It does nothing
/// until the augmentation of `Hyperparameters.augment` is merged; then this body becomes
/// `crate::augment::augment_batch(pixels, rng)`.
fn augment(pixels: &mut [f32], rng: &mut ChaCha8Rng) {
    let _ = (pixels, rng);
}
