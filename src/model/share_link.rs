//! A model and its training settings as a short, readable URL query (or fragment), so a learner
//! can share exactly what they built:
//!
//! ```text
//! model=c32.k3.same.relu-p2-c32.k3.same.relu-p2-c32.k3.same.relu-f-d10.softmax&epochs=5&batch=32&lr=0.001&seed=42
//! ```
//!
//! Layers are separated by `-`, a layer's settings by `.`: `c32.k3.same.relu` is Conv2D with
//! 32 filters, a 3×3 kernel, "same" padding and ReLU; `p2` MaxPooling2D(2); `f` Flatten;
//! `d10.softmax` Dense(10, softmax); `drop0.25` Dropout(0.25) (the rest of the token is the rate,
//! its dot included); `bn` BatchNormalization. Only URL-safe characters are used, so nothing is
//! escaped.
//! `subset=N` appears when training on the first N images only, `augment=1` when the training
//! images are distorted (`crate::augment`); a link without it trains without. `patience=N`
//! stops the run early once the validation loss has not improved for N epochs. `data=light`
//! trains on the light data set (`crate::data::DataChoice`), for a class on slow Wi-Fi.
//!
//! Decoding accepts a leading `#` or `?`, settings in any order, missing settings at Keras'
//! defaults (valid padding, linear activation, ConvLab's default hyperparameters), and ignores
//! keys it does not know (the page may add its own). Anything else is a [`ShareLinkError`],
//! never a panic. A link can come from anywhere, so the decoded model goes through
//! [`ModelSpec::validate`] (buildable, within [`super::limits`]) and the settings through
//! [`Hyperparameters::validate`]: a link accepts exactly what the model builder and the training
//! form accept.

use thiserror::Error;

use super::error::SpecError;
use super::spec::{Activation, LayerSpec, ModelSpec, Padding, Rate};
use crate::data::DataChoice;
use crate::hyperparameters::Hyperparameters;

// The limits, where the page (and older code) looks for them.
pub use super::limits::{MAX_LAYERS, MAX_PARAMS, MAX_WIDTH, MAX_WINDOW};
pub use crate::hyperparameters::{MAX_EPOCHS, MAX_IMAGES};

#[derive(Clone, Debug, PartialEq, Error)]
pub enum ShareLinkError {
    #[error("the link has no model (no \"model=\" part)")]
    NoModel,
    #[error("\"{0}\" is not a key=value pair")]
    NotAPair(String),
    #[error("\"{0}\" appears twice in the link")]
    Duplicate(String),
    /// `index` is 0-based; the message numbers layers from 1, as the page does.
    #[error("layer {} (\"{token}\"): {reason}", index + 1)]
    BadLayer {
        index: usize,
        token: String,
        reason: String,
    },
    #[error("\"{key}={value}\": {reason}")]
    BadValue {
        key: String,
        value: String,
        reason: String,
    },
    /// Not buildable, or beyond the limits (too many layers, filters or parameters).
    #[error("the linked model cannot be built: {0}")]
    InvalidModel(#[from] SpecError),
    #[error("the linked training settings are invalid: {0}")]
    InvalidSettings(String),
}

/// The query string for `spec` trained with `hyper` (no leading `?` or `#`).
pub fn encode(spec: &ModelSpec, hyper: &Hyperparameters) -> String {
    let mut out = format!(
        "model={}&epochs={}&batch={}&lr={}&seed={}",
        encode_model(spec),
        hyper.epochs,
        hyper.batch_size,
        hyper.learning_rate,
        hyper.seed
    );
    if let Some(n) = hyper.train_subset {
        out.push_str(&format!("&subset={n}"));
    }
    if hyper.augment {
        out.push_str("&augment=1");
    }
    if let Some(patience) = hyper.early_stopping {
        out.push_str(&format!("&patience={patience}"));
    }
    out
}

/// The model part alone, e.g. `c32.k3.same.relu-p2-f-d10.softmax`: also a compact name for
/// the model in messages.
pub fn encode_model(spec: &ModelSpec) -> String {
    let layers: Vec<String> = spec.layers.iter().map(layer_token).collect();
    layers.join("-")
}

/// [`encode`], and `&data=light` when the run trains on the light data set.
pub fn encode_with_data(spec: &ModelSpec, hyper: &Hyperparameters, data: DataChoice) -> String {
    let mut out = encode(spec, hyper);
    if let Some(word) = data.link_word() {
        out.push_str(&format!("&data={word}"));
    }
    out
}

/// The model and settings in a link made by [`encode`] (or typed by hand).
pub fn decode(link: &str) -> Result<(ModelSpec, Hyperparameters), ShareLinkError> {
    decode_with_data(link).map(|(spec, hyper, _)| (spec, hyper))
}

/// Which data a link asks for: `data=light`, `data=full`, or none (the full set). Read alone,
/// so a link with no model can still choose the data.
pub fn data_choice(link: &str) -> Result<DataChoice, ShareLinkError> {
    let link = link.trim().trim_start_matches(['#', '?']);
    let values: Vec<&str> = link.split('&').filter_map(|item| item.strip_prefix("data=")).collect();
    match values.as_slice() {
        [] => Ok(DataChoice::Full),
        [value] => data_word(value),
        _ => Err(ShareLinkError::Duplicate("data".into())),
    }
}

fn data_word(value: &str) -> Result<DataChoice, ShareLinkError> {
    match value {
        "light" => Ok(DataChoice::Light),
        "full" => Ok(DataChoice::Full),
        _ => Err(bad("data", value, "light (18 000 training and 2 000 test images) or full")),
    }
}

/// The model, settings and data in a link made by [`encode_with_data`] (or typed by hand).
pub fn decode_with_data(link: &str) -> Result<(ModelSpec, Hyperparameters, DataChoice), ShareLinkError> {
    let link = link.trim().trim_start_matches(['#', '?']);
    let mut seen: Vec<&str> = Vec::new();
    let mut spec = None;
    let mut hyper = Hyperparameters::default();
    let mut data = DataChoice::Full;
    for item in link.split('&').filter(|item| !item.is_empty()) {
        let (key, value) = item
            .split_once('=')
            .ok_or_else(|| ShareLinkError::NotAPair(excerpt(item)))?;
        if seen.contains(&key) {
            return Err(ShareLinkError::Duplicate(excerpt(key)));
        }
        seen.push(key);
        match key {
            "model" => spec = Some(parse_model(value)?),
            "epochs" => hyper.epochs = number(key, value)?,
            "batch" => hyper.batch_size = number(key, value)?,
            "subset" => hyper.train_subset = Some(number(key, value)?),
            "patience" => hyper.early_stopping = Some(number(key, value)?),
            "seed" => {
                hyper.seed = value
                    .parse()
                    .map_err(|_| bad(key, value, "not a whole number"))?
            }
            "augment" => {
                hyper.augment = match value {
                    "1" => true,
                    "0" => false,
                    _ => return Err(bad(key, value, "1 (on) or 0 (off)")),
                }
            }
            "lr" => {
                hyper.learning_rate = value.parse().map_err(|_| bad(key, value, "not a number"))?
            }
            "data" => data = data_word(value)?,
            _ => {} // someone else's parameter
        }
    }
    let spec = spec.ok_or(ShareLinkError::NoModel)?;
    spec.validate()?;
    hyper.validate().map_err(ShareLinkError::InvalidSettings)?;
    Ok((spec, hyper, data))
}

/// One layer's token, e.g. `c32.k3.same.relu`.
fn layer_token(layer: &LayerSpec) -> String {
    match layer {
        LayerSpec::Conv2D {
            filters,
            kernel_size,
            activation,
            padding,
        } => format!("c{filters}.k{kernel_size}.{padding}.{activation}"),
        LayerSpec::MaxPooling2D { pool_size } => format!("p{pool_size}"),
        LayerSpec::Flatten => "f".to_string(),
        LayerSpec::Dense { units, activation } => format!("d{units}.{activation}"),
        // An f32 prints in decimals, never with an exponent (whose `-` would split the layer).
        LayerSpec::Dropout { rate } => format!("{DROPOUT}{rate}"),
        LayerSpec::BatchNormalization => BATCH_NORMALIZATION.to_string(),
    }
}

fn parse_model(value: &str) -> Result<ModelSpec, ShareLinkError> {
    let layers = value
        .split('-')
        .enumerate()
        .map(|(index, token)| {
            parse_layer(token).map_err(|reason| ShareLinkError::BadLayer {
                index,
                token: excerpt(token),
                reason,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ModelSpec::new(layers))
}

/// A settings slot that may be given at most once.
fn set_once<T>(slot: &mut Option<T>, value: T, what: &str) -> Result<(), String> {
    if slot.replace(value).is_some() {
        return Err(format!("{what} is given twice"));
    }
    Ok(())
}

/// The tokens of the two layers named by a word rather than a letter.
const DROPOUT: &str = "drop";
const BATCH_NORMALIZATION: &str = "bn";

fn parse_layer(token: &str) -> Result<LayerSpec, String> {
    // Before the letters: `drop…` starts like a Dense layer's `d`.
    if let Some(rate) = token.strip_prefix(DROPOUT) {
        let rate: f32 = rate
            .parse()
            .map_err(|_| format!("the Dropout rate must be a number such as 0.25, not \"{}\"", excerpt(rate)))?;
        return Ok(LayerSpec::Dropout { rate: Rate(rate) });
    }
    if token == BATCH_NORMALIZATION {
        return Ok(LayerSpec::BatchNormalization);
    }
    let mut fields = token.split('.');
    let head = fields.next().unwrap_or_default();
    let kind = head.chars().next().ok_or("empty layer")?;
    let size = &head[kind.len_utf8()..];
    let (mut kernel, mut padding, mut activation) = (None, None, None);
    for field in fields {
        if let Some(k) = field.strip_prefix('k') {
            set_once(
                &mut kernel,
                setting(k, "kernel size")?,
                "the kernel size",
            )?;
        } else if let Some(p) = [Padding::Same, Padding::Valid]
            .into_iter()
            .find(|p| p.name() == field)
        {
            set_once(&mut padding, p, "the padding")?;
        } else if let Some(a) = Activation::ALL.into_iter().find(|a| a.name() == field) {
            set_once(&mut activation, a, "the activation")?;
        } else {
            return Err(format!("unknown setting \"{}\"", excerpt(field)));
        }
    }
    let misplaced = match kind {
        'c' => None,
        'd' => kernel
            .map(|_| "a kernel size")
            .or(padding.map(|_| "a padding")),
        _ => kernel
            .map(|_| "a kernel size")
            .or(padding.map(|_| "a padding"))
            .or(activation.map(|_| "an activation")),
    };
    if let Some(what) = misplaced {
        return Err(format!(
            "only Conv2D (and Dense, for activations) takes {what}"
        ));
    }
    let activation = activation.unwrap_or_default();
    match kind {
        'c' => Ok(LayerSpec::Conv2D {
            filters: setting(size, "filters")?,
            kernel_size: kernel.ok_or("Conv2D needs a kernel size, e.g. k3")?,
            activation,
            padding: padding.unwrap_or_default(),
        }),
        'p' => Ok(LayerSpec::MaxPooling2D {
            pool_size: setting(size, "pool size")?,
        }),
        'f' if size.is_empty() => Ok(LayerSpec::Flatten),
        'f' => Err("Flatten takes no size".to_string()),
        'd' => Ok(LayerSpec::Dense {
            units: setting(size, "units")?,
            activation,
        }),
        _ => Err("not a layer: layers start with c, p, f, d, drop or bn".to_string()),
    }
}

/// A layer setting: a whole number (its range is for [`ModelSpec::validate`] to check).
fn setting(text: &str, what: &str) -> Result<usize, String> {
    whole(text).map_err(|reason| format!("{what} {reason}"))
}

/// A training setting: a whole number (its range is for [`Hyperparameters::validate`]).
fn number(key: &str, value: &str) -> Result<usize, ShareLinkError> {
    whole(value).map_err(|reason| bad(key, value, &format!("the value {reason}")))
}

/// `text` as a `usize`, or why not ("must be a whole number, not \"x\"").
fn whole(text: &str) -> Result<usize, String> {
    use core::num::IntErrorKind;
    text.parse::<usize>().map_err(|e| match e.kind() {
        IntErrorKind::PosOverflow => format!("is far too large: {}", excerpt(text)),
        _ => format!("must be a whole number, not \"{}\"", excerpt(text)),
    })
}

fn bad(key: &str, value: &str, reason: &str) -> ShareLinkError {
    ShareLinkError::BadValue {
        key: excerpt(key),
        value: excerpt(value),
        reason: reason.to_string(),
    }
}

/// A piece of a link as messages quote it: whole when short, else its start and its length, so a
/// huge link cannot make a huge message (or a page as wide as it).
pub fn excerpt(text: &str) -> String {
    const SHOWN: usize = 32;
    let length = text.chars().count();
    if length <= SHOWN + 8 {
        return text.to_string();
    }
    let start: String = text.chars().take(SHOWN).collect();
    format!("{start}… ({length} characters)")
}
