//! Small builders for model specs, shared by the spec and training tests.

use convlab::model::{Activation, LayerSpec, ModelSpec, Padding, Rate, Shape, SpecError};

pub fn conv(filters: usize, kernel_size: usize, padding: Padding) -> LayerSpec {
    LayerSpec::Conv2D {
        filters,
        kernel_size,
        activation: Activation::Relu,
        padding,
    }
}

pub fn pool(pool_size: usize) -> LayerSpec {
    LayerSpec::MaxPooling2D { pool_size }
}

pub fn dense(units: usize, activation: Activation) -> LayerSpec {
    LayerSpec::Dense { units, activation }
}

pub fn output() -> LayerSpec {
    dense(10, Activation::Softmax)
}

pub fn image(height: usize, width: usize, channels: usize) -> Shape {
    Shape::Image {
        height,
        width,
        channels,
    }
}

/// The error for `layers`, after checking its message names the layer the way the page does.
pub fn error_of(layers: Vec<LayerSpec>, index: usize, kind: &str) -> SpecError {
    let error = ModelSpec::new(layers)
        .validate()
        .expect_err("spec should be rejected");
    assert_eq!(error.layer_index(), Some(index), "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("layer {} ({kind})", index + 1)),
        "{message}"
    );
    error
}

/// Flatten, 24 × Dense(256, linear), Dense(10, softmax): no activation bounds anything, so once
/// Adam's first steps have moved every weight by about the learning rate, the activations grow
/// by a large factor per layer and overflow f32 (the divergence tests).
pub fn deep_linear() -> ModelSpec {
    let mut layers = vec![LayerSpec::Flatten];
    layers.extend((0..24).map(|_| dense(256, Activation::Linear)));
    layers.push(output());
    ModelSpec::new(layers)
}

/// The tutorial CNN with BatchNormalization after each convolution and Dropout(0.25) before the
/// output layer: 34 506 + 3 × 4 × 32 = 34 890 parameters, 192 of them the moving statistics.
pub fn tutorial_normalised() -> ModelSpec {
    let mut layers = Vec::new();
    for layer in ModelSpec::tutorial().layers {
        let after_conv = matches!(layer, LayerSpec::Conv2D { .. });
        if layer == LayerSpec::Flatten {
            layers.push(layer);
            layers.push(LayerSpec::Dropout { rate: Rate(0.25) });
            continue;
        }
        layers.push(layer);
        if after_conv {
            layers.push(LayerSpec::BatchNormalization);
        }
    }
    ModelSpec::new(layers)
}
