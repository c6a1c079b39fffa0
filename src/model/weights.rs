//! A trained network's weights as bytes and back, so the app can ship a pre-trained model and
//! the worker can load it from an HTTP response (there is no file system on wasm).
//!
//! The weights themselves are burn's own record format, burnpack (`Module::into_record`,
//! always part of burn-core: no extra dependency or feature), f32 as trained. A ConvLab weights
//! file wraps them with a JSON header saying which model they belong to and how it was trained:
//!
//! ```text
//! bytes 0..8     b"CONVLABW"                     magic
//!       8..12    u32 little-endian, FORMAT = 1    format version
//!       12..16   u32 little-endian, n             header length
//!       16..16+n JSON of Pretrained               spec, hyperparameters, test figures
//!       16+n..   burnpack                         the parameters, by module path
//! ```
//!
//! The tutorial CNN (34 506 parameters) makes a file of about 140 KB.

use burn::module::Module;
use burn::store::{ModuleRecord, RecordError};
use burn::tensor::{Bytes, Device};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::error::SpecError;
use super::network::Network;
use super::share_link::encode_model;
use super::spec::ModelSpec;
use crate::hyperparameters::Hyperparameters;

/// The first eight bytes of a ConvLab weights file.
pub const MAGIC: &[u8; 8] = b"CONVLABW";
/// The file layout version this code writes and reads.
pub const FORMAT: u32 = 1;
/// Headers are a few hundred bytes; a larger length means the file is corrupt.
const MAX_HEADER: usize = 1 << 20;
const PREFIX: usize = MAGIC.len() + 8;
/// Larger files are refused before they are parsed.
pub use super::limits::MAX_MODEL_FILE_BYTES as MAX_FILE_BYTES;

#[derive(Clone, Debug, PartialEq, Error)]
pub enum WeightsError {
    #[error("these bytes are not ConvLab weights ({0})")]
    NotWeights(String),
    /// Starts like weights but cannot be read: cut short or damaged.
    #[error("the weights file is damaged or cut short: {0}")]
    Corrupt(String),
    #[error("weights format {0} is not supported (this version reads format {FORMAT})")]
    UnsupportedFormat(u32),
    #[error("the weights file's header is unreadable: {0}")]
    BadHeader(String),
    #[error("the weights are for the model {found}, not {expected}")]
    OtherModel { found: String, expected: String },
    #[error("the model cannot be built: {0}")]
    InvalidSpec(#[from] SpecError),
    /// Shapes or parameter names differ: the bytes come from another model.
    #[error("the weights do not fit the model {model}: {reason}")]
    DoNotFit { model: String, reason: String },
    #[error("the weights could not be written: {0}")]
    Write(String),
    /// Larger than any model ConvLab can build ([`MAX_FILE_BYTES`]).
    #[error("the file is {} MB, more than any ConvLab model needs ({} MB at most)", mb(*.0), mb(MAX_FILE_BYTES))]
    TooLarge(u64),
    /// Weights that are not numbers, infinite or beyond ±1e6, or a negative moving variance:
    /// every answer would be NaN.
    #[error("the weights file is damaged: {0} of its weights are not numbers, are beyond ±1 000 000 or are a negative variance, which no trained network holds")]
    ImpossibleWeights(usize),
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// What a weights file says about its model, shown by the page next to the pre-trained model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pretrained {
    /// The architecture the weights belong to.
    pub spec: ModelSpec,
    /// How it was trained.
    pub hyperparameters: Hyperparameters,
    /// Accuracy on the 10 000 MNIST test images, when measured.
    #[serde(default)]
    pub test_accuracy: Option<f32>,
    /// Mean loss on the test images, when measured.
    #[serde(default)]
    pub test_loss: Option<f32>,
}

/// The network's parameters as burnpack bytes (no header: see [`Pretrained::encode`]).
///
/// Reads the parameters synchronously: natively or on `flex`, not on WebGPU in a browser.
pub fn to_bytes(network: &Network) -> Result<Vec<u8>, WeightsError> {
    let bytes = network
        .clone()
        .into_record()
        .into_bytes()
        .map_err(|e| WeightsError::Write(e.to_string()))?;
    Ok(bytes.to_vec())
}

/// The network `spec` describes, on `device`, with the weights in `bytes`: either bare burnpack
/// from [`to_bytes`] or a whole weights file from [`Pretrained::encode`], whose spec must then
/// be `spec`. Fails, without panicking, when the bytes are corrupt or belong to another model.
pub fn from_bytes(
    spec: &ModelSpec,
    bytes: &[u8],
    device: &Device,
) -> Result<Network, WeightsError> {
    if !bytes.starts_with(MAGIC) {
        check_size(bytes)?;
        return load(spec, bytes, device);
    }
    let (pretrained, weights) = split(bytes)?;
    if pretrained.spec != *spec {
        return Err(WeightsError::OtherModel {
            found: encode_model(&pretrained.spec),
            expected: encode_model(spec),
        });
    }
    load(spec, weights, device)
}

impl Pretrained {
    /// A whole weights file: header, then `network`'s parameters. `network` must have been built
    /// from `self.spec` (checked when loading).
    pub fn encode(&self, network: &Network) -> Result<Vec<u8>, WeightsError> {
        let header = serde_json::to_vec(self).map_err(|e| WeightsError::Write(e.to_string()))?;
        let weights = to_bytes(network)?;
        let mut out = Vec::with_capacity(PREFIX + header.len() + weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&weights);
        Ok(out)
    }

    /// As [`Pretrained::encode`], for a network on any device: the weights are read in one
    /// asynchronous transaction ([`super::host_copy`]), so a model trained on WebGPU can be
    /// written in a browser too.
    pub async fn encode_async(&self, network: &Network) -> Result<Vec<u8>, WeightsError> {
        let on_cpu = super::host_copy::to_cpu(network).await.map_err(WeightsError::Write)?;
        self.encode(&on_cpu)
    }

    /// The header of a weights file, without loading the weights.
    pub fn read_header(bytes: &[u8]) -> Result<Pretrained, WeightsError> {
        split(bytes).map(|(pretrained, _)| pretrained)
    }

    /// The header of a weights file and its network, built on `device`.
    pub fn decode(bytes: &[u8], device: &Device) -> Result<(Pretrained, Network), WeightsError> {
        let (pretrained, weights) = split(bytes)?;
        let network = load(&pretrained.spec, weights, device)?;
        Ok((pretrained, network))
    }
}

/// A weights file → its header and its burnpack part.
fn split(bytes: &[u8]) -> Result<(Pretrained, &[u8]), WeightsError> {
    check_size(bytes)?;
    if !bytes.starts_with(MAGIC) {
        return Err(WeightsError::NotWeights("no CONVLABW signature".into()));
    }
    if bytes.len() < PREFIX {
        return Err(WeightsError::Corrupt(format!("only {} bytes", bytes.len())));
    }
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let format = word(MAGIC.len());
    if format != FORMAT {
        return Err(WeightsError::UnsupportedFormat(format));
    }
    let header_len = word(MAGIC.len() + 4) as usize;
    if header_len > MAX_HEADER {
        return Err(WeightsError::BadHeader(format!(
            "a {header_len}-byte header"
        )));
    }
    let end = PREFIX + header_len;
    let header = bytes.get(PREFIX..end).ok_or_else(|| {
        let left = bytes.len() - PREFIX;
        WeightsError::Corrupt(format!("the header needs {header_len} bytes, {left} left"))
    })?;
    let pretrained: Pretrained =
        serde_json::from_slice(header).map_err(|e| WeightsError::BadHeader(crate::json_problem::in_plain_words(&e)))?;
    pretrained.check()?;
    Ok((pretrained, &bytes[end..]))
}

/// Refuses bytes larger than any ConvLab model file.
fn check_size(bytes: &[u8]) -> Result<(), WeightsError> {
    match bytes.len() as u64 {
        n if n > MAX_FILE_BYTES => Err(WeightsError::TooLarge(n)),
        _ => Ok(()),
    }
}

impl Pretrained {
    /// Refuses figures no training could have written (the page shows them): settings out of
    /// their ranges, an accuracy outside 0–100 %, a loss that is negative or not finite.
    fn check(&self) -> Result<(), WeightsError> {
        let bad = |why: String| Err(WeightsError::BadHeader(why));
        if let Err(why) = self.hyperparameters.validate() {
            return bad(format!("its training settings cannot be: {why}"));
        }
        if let Some(a) = self.test_accuracy.filter(|a| !(0.0..=1.0).contains(a)) {
            return bad(format!("its test accuracy {a} is not between 0 and 1"));
        }
        if let Some(l) = self.test_loss.filter(|l| !(l.is_finite() && *l >= 0.0)) {
            return bad(format!("its test loss {l} is not a number of 0 or more"));
        }
        Ok(())
    }
}

/// Builds `spec`'s network and loads the burnpack `weights` into it. burn checks every
/// parameter: a wrong shape, a missing or an extra tensor is refused.
fn load(spec: &ModelSpec, weights: &[u8], device: &Device) -> Result<Network, WeightsError> {
    // A file ConvLab writes for this model is as long as the parameters of a fresh one, written
    // on the CPU (names and shapes fix the length). One far longer is refused before anything
    // is read, so that it costs the worker no copies of itself (40 MB of zeros appended to the
    // tutorial's file grew the worker by 340 MB when only `load_on` checked); one a little too
    // long is read first, so that another model's weights are named as such.
    let whole = to_bytes(&Network::new(spec, &Device::flex())?)?.len();
    if weights.len() > whole.saturating_mul(2).max(whole + (1 << 20)) {
        return Err(WeightsError::Corrupt(format!("{} bytes follow the weights", weights.len() - whole)));
    }
    let network = load_on(spec, weights, device, whole)?;
    // A weight that is NaN, infinite or huge makes every answer NaN. The values are checked on the
    // CPU, where reading them is synchronous (reading a GPU buffer so would fail in a browser):
    // a network loaded on a GPU is loaded once more there, which costs little next to a run.
    let cpu = Device::flex();
    let on_cpu = if device.clone().without_autodiff() == cpu { network.clone() } else { load_on(spec, weights, &cpu, whole)? };
    match super::finite::impossible_weights(&on_cpu) {
        0 => {}
        n => return Err(WeightsError::ImpossibleWeights(n)),
    }
    Ok(network)
}

/// `whole`: the length of this model's weights as ConvLab writes them.
fn load_on(spec: &ModelSpec, weights: &[u8], device: &Device, whole: usize) -> Result<Network, WeightsError> {
    let network = Network::new(spec, device)?;
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(weights.to_vec()))
        .map_err(|e| corrupt(weights, e))?
        // Values land in the network's own float type (f32), whatever the file holds.
        .cast_to_module_dtype();
    let network = network.try_load_record(record).map_err(|e| match e {
        RecordError::Validation(reason) => WeightsError::DoNotFit {
            model: encode_model(spec),
            reason,
        },
        other => corrupt(weights, other),
    })?;
    // burnpack reads what its index points to and ignores anything after it: without this a file
    // with bytes appended would load.
    if weights.len() > whole {
        return Err(WeightsError::Corrupt(format!("{} bytes follow the weights", weights.len() - whole)));
    }
    Ok(network)
}

/// Tells damaged burnpack from bytes that never were burnpack.
fn corrupt(weights: &[u8], error: RecordError) -> WeightsError {
    // burnpack files start with "BURN" as a little-endian u32: b"NRUB".
    let reason = error.to_string();
    if weights.starts_with(b"NRUB") {
        WeightsError::Corrupt(reason)
    } else {
        WeightsError::NotWeights(reason)
    }
}
