//! Editing a spec the way the model builder does: every operation returns a new spec and never
//! fails, because an unbuildable spec is a state the learner may pass through (the page shows
//! the core's validation message instead of refusing the edit).

use crate::model::{Activation, LayerKind, LayerSpec, ModelSpec, Padding, Rate};

/// Every layer kind, in the order the "add a layer" picker lists them.
pub const KINDS: [LayerKind; 6] = [
    LayerKind::Conv2D,
    LayerKind::MaxPooling2D,
    LayerKind::Flatten,
    LayerKind::Dense,
    LayerKind::Dropout,
    LayerKind::BatchNormalization,
];

/// A new Dropout layer's rate: the tutorial-style CNNs in Keras' examples drop a quarter.
pub const DEFAULT_DROPOUT_RATE: f32 = 0.25;

/// A starting point the learner can load in one click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The tutorial's CNN.
    Tutorial,
    /// The fully connected baseline the CNN is compared with.
    DenseBaseline,
}

impl Preset {
    pub const ALL: [Preset; 2] = [Preset::Tutorial, Preset::DenseBaseline];

    pub fn label(self) -> &'static str {
        match self {
            Preset::Tutorial => "Tutorial CNN",
            Preset::DenseBaseline => "Dense baseline",
        }
    }

    pub fn spec(self) -> ModelSpec {
        match self {
            Preset::Tutorial => ModelSpec::tutorial(),
            Preset::DenseBaseline => ModelSpec::dense_baseline(),
        }
    }

    /// The preset whose spec equals `spec`, if any.
    pub fn matching(spec: &ModelSpec) -> Option<Preset> {
        Preset::ALL.into_iter().find(|preset| preset.spec() == *spec)
    }
}

/// A sensible new layer of `kind`: the tutorial's settings for convolutions and pooling, a
/// hidden Dense layer of 64 ReLU units, Dropout of a quarter.
pub fn new_layer(kind: LayerKind) -> LayerSpec {
    match kind {
        LayerKind::Conv2D => LayerSpec::Conv2D {
            filters: 32,
            kernel_size: 3,
            activation: Activation::Relu,
            padding: Padding::Same,
        },
        LayerKind::MaxPooling2D => LayerSpec::MaxPooling2D { pool_size: 2 },
        LayerKind::Flatten => LayerSpec::Flatten,
        LayerKind::Dense => LayerSpec::Dense {
            units: 64,
            activation: Activation::Relu,
        },
        LayerKind::Dropout => LayerSpec::Dropout { rate: Rate(DEFAULT_DROPOUT_RATE) },
        LayerKind::BatchNormalization => LayerSpec::BatchNormalization,
    }
}

/// Where a new layer of `kind` most likely belongs, so that adding it to a valid spec keeps it
/// valid: image layers just before the Flatten layer, Flatten before the first Dense layer,
/// a hidden Dense layer, Dropout or BatchNormalization just before the output layer.
pub fn default_insert_position(spec: &ModelSpec, kind: LayerKind) -> usize {
    let len = spec.layers.len();
    let first = |wanted: LayerKind| spec.layers.iter().position(|l| l.kind() == wanted);
    match kind {
        LayerKind::Conv2D | LayerKind::MaxPooling2D => first(LayerKind::Flatten).unwrap_or(len),
        LayerKind::Flatten => first(LayerKind::Dense).unwrap_or(len),
        LayerKind::Dense | LayerKind::Dropout | LayerKind::BatchNormalization => len.saturating_sub(1),
    }
}

/// `spec` with `layer` inserted before position `index` (clamped to the end).
pub fn insert_layer(spec: &ModelSpec, index: usize, layer: LayerSpec) -> ModelSpec {
    let mut layers = spec.layers.clone();
    layers.insert(index.min(layers.len()), layer);
    ModelSpec::new(layers)
}

/// `spec` without the layer at `index` (unchanged when there is none).
pub fn remove_layer(spec: &ModelSpec, index: usize) -> ModelSpec {
    let mut layers = spec.layers.clone();
    if index < layers.len() {
        layers.remove(index);
    }
    ModelSpec::new(layers)
}

/// `spec` with the layer at `index` moved one place up (towards the input) or down, and the
/// index where it ended up; unchanged at either end.
pub fn move_layer(spec: &ModelSpec, index: usize, up: bool) -> (ModelSpec, usize) {
    let mut layers = spec.layers.clone();
    let target = if up { index.checked_sub(1) } else { Some(index + 1) };
    match target {
        Some(target) if index < layers.len() && target < layers.len() => {
            layers.swap(index, target);
            (ModelSpec::new(layers), target)
        }
        _ => (ModelSpec::new(layers), index),
    }
}

/// `spec` with the layer at `index` replaced by `layer`.
pub fn replace_layer(spec: &ModelSpec, index: usize, layer: LayerSpec) -> ModelSpec {
    let mut layers = spec.layers.clone();
    if let Some(slot) = layers.get_mut(index) {
        *slot = layer;
    }
    ModelSpec::new(layers)
}

/// A numeric setting of a layer, as the editor shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Filters,
    KernelSize,
    PoolSize,
    Units,
}

impl Setting {
    /// The settings a layer of `kind` has, in the editor's order.
    pub fn of(kind: LayerKind) -> &'static [Setting] {
        match kind {
            LayerKind::Conv2D => &[Setting::Filters, Setting::KernelSize],
            LayerKind::MaxPooling2D => &[Setting::PoolSize],
            // Dropout's rate is a fraction, edited by `Edit::Rate`.
            LayerKind::Flatten | LayerKind::Dropout | LayerKind::BatchNormalization => &[],
            LayerKind::Dense => &[Setting::Units],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Setting::Filters => "Filters",
            Setting::KernelSize => "Kernel size",
            Setting::PoolSize => "Pool size",
            Setting::Units => "Units",
        }
    }

    /// Short id part for the page, e.g. `kernel`.
    /// The setting's name in the spec and in the core's messages, e.g. `"kernel_size"`.
    pub fn field(self) -> &'static str {
        match self {
            Setting::Filters => "filters",
            Setting::KernelSize => "kernel_size",
            Setting::PoolSize => "pool_size",
            Setting::Units => "units",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Setting::Filters => "filters",
            Setting::KernelSize => "kernel",
            Setting::PoolSize => "pool",
            Setting::Units => "units",
        }
    }

    /// The value `layer` has for this setting, if it has it.
    pub fn get(self, layer: &LayerSpec) -> Option<usize> {
        match (self, layer) {
            (Setting::Filters, LayerSpec::Conv2D { filters, .. }) => Some(*filters),
            (Setting::KernelSize, LayerSpec::Conv2D { kernel_size, .. }) => Some(*kernel_size),
            (Setting::PoolSize, LayerSpec::MaxPooling2D { pool_size }) => Some(*pool_size),
            (Setting::Units, LayerSpec::Dense { units, .. }) => Some(*units),
            _ => None,
        }
    }

    /// `layer` with this setting at `value` (unchanged if the layer has no such setting).
    pub fn set(self, layer: &LayerSpec, value: usize) -> LayerSpec {
        let mut layer = layer.clone();
        match (self, &mut layer) {
            (Setting::Filters, LayerSpec::Conv2D { filters, .. }) => *filters = value,
            (Setting::KernelSize, LayerSpec::Conv2D { kernel_size, .. }) => *kernel_size = value,
            (Setting::PoolSize, LayerSpec::MaxPooling2D { pool_size }) => *pool_size = value,
            (Setting::Units, LayerSpec::Dense { units, .. }) => *units = value,
            _ => {}
        }
        layer
    }
}

/// `layer` with another activation (pooling and flattening have none and stay as they are).
pub fn with_activation(layer: &LayerSpec, new: Activation) -> LayerSpec {
    let mut layer = layer.clone();
    if let LayerSpec::Conv2D { activation, .. } | LayerSpec::Dense { activation, .. } = &mut layer {
        *activation = new;
    }
    layer
}

/// `layer` with another padding (only convolutions have one).
pub fn with_padding(layer: &LayerSpec, new: Padding) -> LayerSpec {
    let mut layer = layer.clone();
    if let LayerSpec::Conv2D { padding, .. } = &mut layer {
        *padding = new;
    }
    layer
}

/// `layer` with another Dropout rate (other layers have none and stay as they are).
pub fn with_rate(layer: &LayerSpec, new: Rate) -> LayerSpec {
    let mut layer = layer.clone();
    if let LayerSpec::Dropout { rate } = &mut layer {
        *rate = new;
    }
    layer
}

/// One edit of the builder, applied to whatever the spec is when it is handled: two quick key
/// presses then never work on the same stale copy of the spec.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace the whole model (a preset, a guided step's model).
    Load(ModelSpec),
    Set { index: usize, setting: Setting, value: usize },
    Activation { index: usize, activation: Activation },
    Padding { index: usize, padding: Padding },
    /// A Dropout layer's rate, as typed (validation says when it is out of range).
    Rate { index: usize, rate: Rate },
    /// Move a layer one place up (towards the input) or down.
    Move { index: usize, up: bool },
    Remove { index: usize },
    /// Insert a new layer of `kind` before position `index`.
    Insert { index: usize, kind: LayerKind },
}

impl Edit {
    pub fn apply(&self, spec: &ModelSpec) -> ModelSpec {
        let layer = |index: usize| spec.layers.get(index);
        match *self {
            Edit::Load(ref next) => next.clone(),
            Edit::Set { index, setting, value } => match layer(index) {
                Some(old) => replace_layer(spec, index, setting.set(old, value)),
                None => spec.clone(),
            },
            Edit::Activation { index, activation } => match layer(index) {
                Some(old) => replace_layer(spec, index, with_activation(old, activation)),
                None => spec.clone(),
            },
            Edit::Padding { index, padding } => match layer(index) {
                Some(old) => replace_layer(spec, index, with_padding(old, padding)),
                None => spec.clone(),
            },
            Edit::Rate { index, rate } => match layer(index) {
                Some(old) => replace_layer(spec, index, with_rate(old, rate)),
                None => spec.clone(),
            },
            Edit::Move { index, up } => move_layer(spec, index, up).0,
            Edit::Remove { index } => remove_layer(spec, index),
            Edit::Insert { index, kind } => insert_layer(spec, index, new_layer(kind)),
        }
    }
}
