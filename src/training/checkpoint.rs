//! A stopped run, kept so that it can go on later exactly where it stopped: the weights, Adam's
//! moments and time step, and the trainer's position (epoch, batch, steps, the shuffling RNG and
//! the epoch's running totals).
//!
//! ```text
//! bytes 0..8       b"CONVLABC"                      magic
//!       8..12      u32 LE, CHECKPOINT_FORMAT = 1     format version
//!       12..16     u32 LE, h                         header length
//!       16..24     u64 LE, w                         weights length
//!       24..32     u64 LE, o                         optimizer length
//!       32..32+h   JSON of Position                  where the run stands
//!       ..+w       a whole weights file (CONVLABW)   spec, settings, burnpack of the parameters
//!       ..+o       Adam's state                      per parameter: id, step count, two moments
//!       last 8     u64 LE, FNV-1a of all bytes before
//! ```
//!
//! The weights part is exactly a `.convlab` model file ([`Pretrained::encode`]), so a checkpoint
//! also carries the model. The checksum catches damage anywhere before burn parses a byte, and
//! every length is checked, so a damaged or cut-short file is a [`CheckpointError`], never a
//! panic.
//!
//! The shuffled order is not stored: the RNG's word position at the start of the epoch is, and
//! resuming shuffles again from there, which gives the same order and leaves the RNG where the
//! uninterrupted run had it. Adam's state is keyed by parameter ids, which burnpack keeps with
//! the weights, so the loaded network and the loaded optimizer match up. Format 1 stored Adam's
//! state as burn's `OptimizerRecord`; format 2 stores ConvLab's own (see `adam.rs` for why), and
//! every part is read from the device asynchronously, so checkpoints work on WebGPU too.

use std::sync::Arc;

use burn::tensor::Device;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::TrainingError;
use super::evaluate::Totals;
use super::adam::{AdamOptimizer, moments_from_bytes, moments_to_bytes};
use super::trainer::{Clock, Phase, Trainer};
use crate::data::Mnist;
use crate::model::ModelSpec;
use crate::model::share_link::encode_model;
use crate::model::weights::{self, Pretrained, WeightsError};

/// The first eight bytes of a ConvLab checkpoint.
pub const CHECKPOINT_MAGIC: &[u8; 8] = b"CONVLABC";
/// The checkpoint layout version this code writes and reads.
pub const CHECKPOINT_FORMAT: u32 = 2;
const PREFIX: usize = 32;
const CHECKSUM: usize = 8;
/// The position header is a few hundred bytes.
const MAX_HEADER: usize = 1 << 16;

/// Why a checkpoint could not be written, read or resumed.
#[derive(Debug, Error)]
pub enum CheckpointError {
    #[error("these bytes are not a ConvLab checkpoint ({0})")]
    NotCheckpoint(String),
    #[error(
        "checkpoint format {0} is not supported (this version reads format {CHECKPOINT_FORMAT})"
    )]
    UnsupportedFormat(u32),
    /// Cut short, damaged (checksum), or with impossible contents.
    #[error("the checkpoint is damaged or cut short: {0}")]
    Corrupt(String),
    #[error("the checkpoint is for the model {found}, not {expected}")]
    OtherModel { found: String, expected: String },
    /// The weights part could not be read or does not fit its model.
    #[error("{0}")]
    Weights(#[from] WeightsError),
    /// The data given to resume is not the data the run trained on.
    #[error("the run cannot go on with this data: {0}")]
    OtherData(String),
    #[error("the checkpoint could not be written: {0}")]
    Write(String),
    #[error("{0}")]
    Training(#[from] TrainingError),
}

/// Where a run stands when it stops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Completed epochs (the 0-based epoch in progress).
    pub epoch: usize,
    /// Batches done in that epoch; `batches_per_epoch` means its validation had not finished.
    pub batch: usize,
    /// Gradient steps since the run began.
    pub steps: usize,
    /// The shuffling RNG's word position at the start of the epoch in progress (or now, at an
    /// epoch boundary), in decimal: a u128.
    pub rng_word_pos: String,
    /// Training images per epoch and validation images the run used.
    pub train_len: usize,
    pub validation_images: usize,
    /// The epoch's running sums so far.
    pub loss_sum: f64,
    pub correct: u64,
    pub count: usize,
    /// Seconds the epoch has trained so far (its samples/s go on from there).
    pub epoch_seconds: f64,
}

/// A stopped run: its model file, Adam's state and its position.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    pub position: Position,
    /// A whole weights file ([`Pretrained::encode`]): also a downloadable model.
    pub model_file: Vec<u8>,
    /// Adam's state ([`moments_to_bytes`]).
    optimizer: Vec<u8>,
    about: Pretrained,
}

impl Checkpoint {
    /// The model and how it is trained.
    pub fn about(&self) -> &Pretrained {
        &self.about
    }

    /// Refuses a checkpoint of another architecture than `spec`.
    pub fn expect_spec(&self, spec: &ModelSpec) -> Result<(), CheckpointError> {
        if self.about.spec != *spec {
            return Err(CheckpointError::OtherModel {
                found: encode_model(&self.about.spec),
                expected: encode_model(spec),
            });
        }
        Ok(())
    }

    /// The checkpoint as one file (see the module's layout).
    pub fn encode(&self) -> Result<Vec<u8>, CheckpointError> {
        let header = serde_json::to_vec(&self.position)
            .map_err(|e| CheckpointError::Write(e.to_string()))?;
        let mut out = Vec::with_capacity(
            PREFIX + header.len() + self.model_file.len() + self.optimizer.len() + CHECKSUM,
        );
        out.extend_from_slice(CHECKPOINT_MAGIC);
        out.extend_from_slice(&CHECKPOINT_FORMAT.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.model_file.len() as u64).to_le_bytes());
        out.extend_from_slice(&(self.optimizer.len() as u64).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&self.model_file);
        out.extend_from_slice(&self.optimizer);
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        Ok(out)
    }

    /// Reads a checkpoint file: checks magic, version, lengths and checksum, and reads both
    /// headers. The tensors are read when resuming.
    pub fn decode(bytes: &[u8]) -> Result<Checkpoint, CheckpointError> {
        if !bytes.starts_with(CHECKPOINT_MAGIC) {
            return Err(CheckpointError::NotCheckpoint(
                "no CONVLABC signature".into(),
            ));
        }
        if bytes.len() < PREFIX + CHECKSUM {
            return Err(CheckpointError::Corrupt(format!(
                "only {} bytes",
                bytes.len()
            )));
        }
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or([0; 4]));
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
        let format = u32_at(8);
        if format != CHECKPOINT_FORMAT {
            return Err(CheckpointError::UnsupportedFormat(format));
        }
        let h = u32_at(12) as u64;
        let (w, o) = (u64_at(16), u64_at(24));
        if h > MAX_HEADER as u64 {
            return Err(CheckpointError::Corrupt(format!("a {h}-byte header")));
        }
        let expected = (PREFIX as u64 + CHECKSUM as u64)
            .checked_add(h)
            .and_then(|n| n.checked_add(w))
            .and_then(|n| n.checked_add(o));
        if expected != Some(bytes.len() as u64) {
            return Err(CheckpointError::Corrupt(format!(
                "its parts need {} bytes, the file has {}",
                expected.map_or("more than 2^64".into(), |n| n.to_string()),
                bytes.len()
            )));
        }
        let body = &bytes[..bytes.len() - CHECKSUM];
        if fnv1a(body) != u64_at(bytes.len() - CHECKSUM) {
            return Err(CheckpointError::Corrupt(
                "the checksum does not match".into(),
            ));
        }
        let (h, w) = (h as usize, w as usize);
        let header = &body[PREFIX..PREFIX + h];
        let model_file = body[PREFIX + h..PREFIX + h + w].to_vec();
        let optimizer = body[PREFIX + h + w..].to_vec();
        let position: Position = serde_json::from_slice(header)
            .map_err(|e| CheckpointError::Corrupt(format!("unreadable position: {e}")))?;
        parse_word_pos(&position.rng_word_pos)?;
        moments_from_bytes(&optimizer)
            .map_err(|e| CheckpointError::Corrupt(format!("Adam's state: {e}")))?;
        let about = Pretrained::read_header(&model_file)?;
        Ok(Checkpoint {
            position,
            model_file,
            optimizer,
            about,
        })
    }
}

impl Trainer {
    /// The run as it stands, to be resumed later with [`Trainer::resume`]: normally taken once
    /// the trainer has stopped. Reads the weights and Adam's state from the device
    /// asynchronously, so it works on any device, WebGPU in a browser included.
    pub async fn checkpoint(&self) -> Result<Checkpoint, CheckpointError> {
        let about = Pretrained {
            spec: self.spec.clone(),
            hyperparameters: self.hyper.clone(),
            test_accuracy: None,
            test_loss: None,
        };
        let model_file = about.encode_async(&self.model()).await?;
        let optimizer = moments_to_bytes(
            &self.core.optim.save().await.map_err(CheckpointError::Write)?,
        );
        // Mid-epoch (or before its validation) the order of this epoch is drawn again on resume.
        let word_pos = if self.batch == 0 {
            self.rng.get_word_pos()
        } else {
            self.epoch_word_pos
        };
        let position = Position {
            epoch: self.epoch,
            batch: self.batch,
            steps: self.steps,
            rng_word_pos: word_pos.to_string(),
            train_len: self.train_len,
            validation_images: self.data.test.len(),
            loss_sum: self.running.loss_sum,
            correct: self.running.correct,
            count: self.running.count,
            epoch_seconds: if self.batch == 0 {
                0.0
            } else {
                ((self.clock)() - self.epoch_start_ms) / 1000.0
            },
        };
        Ok(Checkpoint {
            position,
            model_file,
            optimizer,
            about,
        })
    }

    /// Goes on with a stopped run: same weights, same Adam moments and time step, same data
    /// order, same step count. `data` must be what the run trained on (same training subset
    /// length and validation images). A resumed run ends where the uninterrupted run would.
    pub fn resume(
        checkpoint: &Checkpoint,
        data: Arc<Mnist>,
        device: &Device,
        clock: Clock,
    ) -> Result<Self, CheckpointError> {
        let position = &checkpoint.position;
        let about = &checkpoint.about;
        let autodiff = device.clone().autodiff();
        let model = weights::from_bytes(&about.spec, &checkpoint.model_file, &autodiff)?;
        let mut trainer = Trainer::with_model(
            &about.spec,
            about.hyperparameters.clone(),
            data,
            &autodiff,
            clock,
            model,
        )?;
        if trainer.train_len != position.train_len
            || trainer.data.test.len() != position.validation_images
        {
            return Err(CheckpointError::OtherData(format!(
                "it trained on {} images and validated on {}; these data have {} and {}",
                position.train_len,
                position.validation_images,
                trainer.train_len,
                trainer.data.test.len()
            )));
        }
        let batches = trainer.batches_per_epoch();
        if position.epoch > trainer.hyper.epochs
            || position.batch > batches
            || (position.epoch == trainer.hyper.epochs && position.batch > 0)
            || position.steps < position.epoch * batches + position.batch
        {
            return Err(CheckpointError::Corrupt(format!(
                "epoch {} batch {} after {} steps cannot happen with {} epochs of {batches} batches",
                position.epoch, position.batch, position.steps, trainer.hyper.epochs
            )));
        }
        // Adam's moments go on the device the run trains on (its plain form, where the
        // gradients are), whatever burn's default device is.
        let moments = moments_from_bytes(&checkpoint.optimizer)
            .map_err(|e| CheckpointError::Corrupt(format!("Adam's state: {e}")))?;
        trainer.core.optim = AdamOptimizer::restore(&moments, &device.clone().without_autodiff())
            .map_err(|e| CheckpointError::Corrupt(format!("Adam's state: {e}")))?;
        trainer.rng = ChaCha8Rng::seed_from_u64(trainer.hyper.seed);
        trainer
            .rng
            .set_word_pos(parse_word_pos(&position.rng_word_pos)?);
        trainer.epoch = position.epoch;
        trainer.steps = position.steps;
        if position.batch > 0 {
            // Draws this epoch's order again, exactly as the run did when the epoch began.
            trainer.start_epoch();
            trainer.batch = position.batch;
            trainer.running = Totals {
                loss_sum: position.loss_sum,
                correct: position.correct,
                count: position.count,
            };
            trainer.epoch_start_ms = (trainer.clock)() - position.epoch_seconds * 1000.0;
            if position.batch == batches {
                trainer.phase = Phase::Validate {
                    next: 0,
                    totals: Totals::default(),
                    model: trainer.model(),
                    train_seconds: position.epoch_seconds,
                };
            }
        }
        Ok(trainer)
    }
}

fn parse_word_pos(text: &str) -> Result<u128, CheckpointError> {
    text.parse()
        .map_err(|_| CheckpointError::Corrupt(format!("RNG position {text:?} is not a number")))
}

/// FNV-1a, 64 bits: enough to tell a damaged file from a sound one (not a security measure).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
