//! A spec as the Python Keras code that builds (and trains) the same model, so a learner can
//! take what they designed here to a notebook.
//!
//! Every setting is written out, defaults included (`padding="valid"`, `activation="linear"`):
//! the point is to show what each layer does.

use core::fmt::Write;

use super::spec::{INPUT_CHANNELS, INPUT_HEIGHT, INPUT_WIDTH, LayerSpec, ModelSpec};
use crate::hyperparameters::Hyperparameters;

impl ModelSpec {
    /// The model as a `keras.Sequential([...])` assignment to `model`, e.g. for the tutorial:
    ///
    /// ```text
    /// model = keras.Sequential(
    ///     [
    ///         keras.Input(shape=(28, 28, 1)),
    ///         layers.Conv2D(32, kernel_size=(3, 3), activation="relu", padding="same"),
    ///         layers.MaxPooling2D(pool_size=(2, 2)),
    ///         ...
    ///         layers.Flatten(),
    ///         layers.Dense(10, activation="softmax"),
    ///     ]
    /// )
    /// ```
    pub fn to_keras(&self) -> String {
        let mut out = String::from("model = keras.Sequential(\n    [\n");
        let input = format!("keras.Input(shape=({INPUT_HEIGHT}, {INPUT_WIDTH}, {INPUT_CHANNELS}))");
        for line in core::iter::once(input).chain(self.layers.iter().map(keras_layer)) {
            let _ = writeln!(out, "        {line},");
        }
        out.push_str("    ]\n)\n");
        out
    }

    /// A runnable script: imports, the MNIST loading and scaling of the tutorial, the model
    /// ([`ModelSpec::to_keras`]), and `compile`/`fit` with `hyper` (Adam, sparse categorical
    /// cross-entropy, accuracy).
    pub fn to_keras_script(&self, hyper: &Hyperparameters) -> String {
        let mut out = String::new();
        out.push_str("import keras\nfrom keras import layers\n\n");
        let _ = writeln!(out, "keras.utils.set_random_seed({})\n", hyper.seed);
        out.push_str("(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\n");
        out.push_str("x_train = x_train.astype(\"float32\")[..., None] / 255\n");
        out.push_str("x_test = x_test.astype(\"float32\")[..., None] / 255\n");
        if let Some(n) = hyper.train_subset {
            let _ = writeln!(out, "x_train, y_train = x_train[:{n}], y_train[:{n}]");
        }
        if hyper.augment {
            // Keras has no layer that matches ConvLab's drawing-like distortions exactly.
            out.push_str(
                "# ConvLab trained on distorted images (augmentation); this script trains on \
                 MNIST as it is.\n",
            );
        }
        out.push('\n');
        out.push_str(&self.to_keras());
        out.push_str("model.summary()\n\n");
        out.push_str(&keras_compile(hyper));
        let callbacks = match hyper.early_stopping {
            Some(patience) => {
                let _ = writeln!(
                    out,
                    "stop_early = keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience={patience}, restore_best_weights=True)"
                );
                ", callbacks=[stop_early]"
            }
            None => "",
        };
        let _ = writeln!(
            out,
            "model.fit(x_train, y_train, batch_size={}, epochs={}, validation_data=(x_test, y_test){callbacks})",
            hyper.batch_size, hyper.epochs
        );
        out.push_str("model.evaluate(x_test, y_test)\n");
        out
    }
}

/// The `model.compile(...)` call with Adam at `hyper.learning_rate`. Keras' Adam epsilon
/// (1e-7) is its default, the same value ConvLab trains with, so it is not written.
pub fn keras_compile(hyper: &Hyperparameters) -> String {
    format!(
        "model.compile(\n    loss=\"sparse_categorical_crossentropy\",\n    \
         optimizer=keras.optimizers.Adam(learning_rate={}),\n    \
         metrics=[\"accuracy\"],\n)\n",
        python_float(hyper.learning_rate.to_string())
    )
}

/// One layer as its `layers.X(...)` constructor call.
fn keras_layer(layer: &LayerSpec) -> String {
    match layer {
        LayerSpec::Conv2D {
            filters,
            kernel_size: k,
            activation,
            padding,
        } => format!(
            "layers.Conv2D({filters}, kernel_size=({k}, {k}), activation=\"{activation}\", padding=\"{padding}\")"
        ),
        LayerSpec::MaxPooling2D { pool_size: p } => {
            format!("layers.MaxPooling2D(pool_size=({p}, {p}))")
        }
        LayerSpec::Flatten => "layers.Flatten()".to_string(),
        LayerSpec::Dense { units, activation } => {
            format!("layers.Dense({units}, activation=\"{activation}\")")
        }
        LayerSpec::Dropout { rate } => format!("layers.Dropout({})", python_float(rate.to_string())),
        // Keras' defaults are ConvLab's (momentum 0.99, epsilon 0.001).
        LayerSpec::BatchNormalization => "layers.BatchNormalization()".to_string(),
    }
}

/// A float as Python reads it back, from Rust's shortest round-trip form (`0.25`, `1`): with a
/// decimal point so that e.g. `1` stays a float (`inf` and `NaN` are left as they are). An f32
/// (a Dropout rate) goes through its own form, so 0.1 stays `0.1`, not its f64 widening.
fn python_float(text: String) -> String {
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        format!("{text}.0")
    } else {
        text
    }
}
