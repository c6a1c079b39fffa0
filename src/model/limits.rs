//! The largest model ConvLab agrees to build: [`ModelSpec::validate`](super::ModelSpec::validate)
//! enforces these (one setting at a time: [`check_setting`](super::validation::check_setting)),
//! so the model builder, the share link and the trainer refuse the same specs.
//!
//! Within these limits every size fits a 32-bit `usize` (wasm32): the largest image a layer can
//! output is 28 × 28 × 1024 = 802 816 values, and the largest single layer has
//! (28 × 28 × 1024 + 1) × 1024 ≈ 8.2 × 10⁸ parameters (a Dense layer on that image is slightly
//! smaller), below 2³² ≈ 4.3 × 10⁹. Totals over layers are counted in `u64`.

/// At most this many layers.
pub const MAX_LAYERS: usize = 32;
/// At most this many filters (Conv2D) or units (Dense) in one layer.
pub const MAX_WIDTH: usize = 1024;
/// At most this kernel (Conv2D) or pool (MaxPooling2D) size: larger windows than the 28×28
/// input make no sense.
pub const MAX_WINDOW: usize = 28;
/// At most this many parameters in all: 40 MB of f32 weights, five times that with gradients,
/// Adam's two moments and the update's copy; more would not train in a browser tab anyway.
pub const MAX_PARAMS: u64 = 10_000_000;

/// The largest Dropout rate: Keras takes any rate below 1, but a layer that drops more than nine
/// inputs in ten leaves too little to learn from.
pub const MAX_DROPOUT_RATE: f32 = 0.9;

/// The largest model file there can be: `MAX_PARAMS` f32 values, 1 MB for the header (see
/// `weights`) and 1 MB for burnpack's tensor names and alignment. Larger files are refused
/// before their bytes are read.
pub const MAX_MODEL_FILE_BYTES: u64 = MAX_PARAMS * 4 + (2 << 20);

/// The largest value of a layer setting, by its spec name ("filters", "kernel_size",
/// "pool_size", "units").
pub fn setting_max(setting: &str) -> usize {
    match setting {
        "filters" | "units" => MAX_WIDTH,
        _ => MAX_WINDOW,
    }
}
