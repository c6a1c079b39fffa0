//! The guided steps. Each one names a model, asks the learner to predict one number about it,
//! and only then reveals it. The expected answer is never written down here: it is computed
//! from the step's model by the same summary the page shows, so text and maths cannot drift.

use super::builder::{Setting, remove_layer, replace_layer, with_activation};
use crate::model::{Activation, LayerKind, ModelSpec, ParamFormula, SpecError, Summary};

/// The number a step asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The parameter count of the layer at this 0-based index.
    LayerParams(usize),
    /// The parameter count of the whole model.
    TotalParams,
}

/// One guided step.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Stable key for the saved progress; never renamed.
    pub id: &'static str,
    pub title: &'static str,
    /// The change to make, then the question.
    pub question: &'static str,
    /// Shown after a wrong answer.
    pub hint: &'static str,
    /// Shown once the answer is revealed: why the number is what it is.
    pub explanation: &'static str,
    /// The training run worth doing next.
    pub suggestion: &'static str,
    model: fn() -> ModelSpec,
    pub target: Target,
}

impl Step {
    /// The model the question is about (the builder loads it on request).
    pub fn spec(&self) -> ModelSpec {
        (self.model)()
    }

    pub fn summary(&self) -> Result<Summary, SpecError> {
        self.spec().summary()
    }

    /// The right answer, computed by the core from the step's model.
    pub fn expected(&self) -> usize {
        let summary = self.summary().expect("every step's model is valid");
        match self.target {
            Target::LayerParams(index) => summary.layers[index].params,
            Target::TotalParams => summary.total_params,
        }
    }

    /// The formula behind the answer, when it is one layer's count.
    pub fn formula(&self) -> Option<ParamFormula> {
        match self.target {
            Target::LayerParams(index) => self.summary().ok()?.layers.get(index)?.formula,
            Target::TotalParams => None,
        }
    }
}

/// The tutorial with one numeric setting of one layer changed.
fn tutorial_with(index: usize, setting: Setting, value: usize) -> ModelSpec {
    let spec = ModelSpec::tutorial();
    let layer = setting.set(&spec.layers[index], value);
    replace_layer(&spec, index, layer)
}

fn kernel_five() -> ModelSpec {
    tutorial_with(0, Setting::KernelSize, 5)
}

fn first_filters_doubled() -> ModelSpec {
    tutorial_with(0, Setting::Filters, 64)
}

/// The tutorial without its second convolution and the pooling after it.
fn one_block_fewer() -> ModelSpec {
    let spec = remove_layer(&ModelSpec::tutorial(), 3);
    remove_layer(&spec, 2)
}

fn sigmoid_everywhere() -> ModelSpec {
    let layers = ModelSpec::tutorial()
        .layers
        .iter()
        .map(|layer| match layer.kind() {
            LayerKind::Conv2D => with_activation(layer, Activation::Sigmoid),
            _ => layer.clone(),
        })
        .collect();
    ModelSpec::new(layers)
}

/// The steps, in order.
pub static STEPS: [Step; 8] = [
    Step {
        id: "first-conv",
        title: "Count the first layer's parameters",
        question: "The tutorial's first Conv2D layer has 32 filters. Each filter looks at a 3 × 3 \
                   window of the input, which has 1 channel (grey), and adds a bias. How many \
                   parameters does the layer learn?",
        hint: "One filter holds a weight for each of the 3 × 3 window's cells on each input \
               channel, plus one bias. Then count all the filters.",
        explanation: "Each filter has 3 × 3 × 1 = 9 weights and 1 bias, so 10 numbers, and the \
                      layer has 32 filters.",
        suggestion: "Train the tutorial model once (1 epoch on a few thousand images is enough) \
                     to get a reference run for the later steps.",
        model: ModelSpec::tutorial,
        target: Target::LayerParams(0),
    },
    Step {
        id: "dense-head",
        title: "Count the classifier's parameters",
        question: "Two poolings shrink the 28 × 28 image to 7 × 7, still with 32 channels, and \
                   Flatten lays those numbers out in one row. How many parameters does the last \
                   layer, Dense with 10 units, have?",
        hint: "First count what Flatten outputs: 7 × 7 × 32. Every one of the 10 units has a \
               weight for each of those numbers, and one bias.",
        explanation: "Flatten gives 7 × 7 × 32 = 1568 numbers; 1568 × 10 weights plus 10 \
                      biases. Almost half of the whole model sits in this one layer.",
        suggestion: "Look at the summary: the three convolutions together hold fewer parameters \
                     than you might expect for what they do.",
        model: ModelSpec::tutorial,
        target: Target::LayerParams(6),
    },
    Step {
        id: "kernel-5",
        title: "A larger kernel",
        question: "Give the first Conv2D layer a 5 × 5 kernel instead of 3 × 3. How many \
                   parameters will that layer have?",
        hint: "Only the window changes: 5 × 5 cells instead of 3 × 3, on the same single \
               channel, for the same 32 filters.",
        explanation: "Each filter now has 25 weights and a bias. The output shape stays 28 × 28 × \
                      32, because \"same\" padding keeps the size, so no other layer changes.",
        suggestion: "Load this model and train it with the same settings and seed as your \
                     reference run, then compare the two in Runs.",
        model: kernel_five,
        target: Target::LayerParams(0),
    },
    Step {
        id: "double-filters",
        title: "Double the filters",
        question: "Give the first Conv2D layer 64 filters instead of 32. Predict the parameter \
                   count of the second Conv2D layer (layer 3), which you did not touch.",
        hint: "The second convolution reads the first one's output: it now has 64 channels, so \
               C_in in (3 × 3 × C_in + 1) × 32 doubles.",
        explanation: "Each of the second layer's 32 filters now spans 3 × 3 × 64 inputs. \
                      Widening one layer makes the next one larger too.",
        suggestion: "Train it and compare the seconds per epoch with your reference run: more \
                     filters cost time as well as parameters.",
        model: first_filters_doubled,
        target: Target::LayerParams(2),
    },
    Step {
        id: "remove-conv",
        title: "Remove a convolution",
        question: "Remove the second Conv2D layer and the MaxPooling2D after it. The image now \
                   reaches Flatten at 14 × 14 instead of 7 × 7. How many parameters does the \
                   Dense layer (now layer 5) have?",
        hint: "Flatten now outputs 14 × 14 × 32 numbers. Each of the 10 units has a weight \
               for every one of them, plus a bias.",
        explanation: "14 × 14 × 32 = 6272 inputs, four times as many as before, so the Dense \
                      layer is four times larger. Pooling is what keeps the classifier small.",
        suggestion: "Train it: it has twice the parameters of the tutorial model; is it any \
                     better?",
        model: one_block_fewer,
        target: Target::LayerParams(4),
    },
    Step {
        id: "sigmoid",
        title: "Sigmoid instead of ReLU",
        question: "Replace ReLU by sigmoid in all three Conv2D layers. How many parameters does \
                   the whole model have now?",
        hint: "An activation is a fixed function applied to every output. Does it have \
               anything to learn?",
        explanation: "The count is unchanged: activations have no parameters. What changes is \
                      learning: sigmoid flattens out for large inputs, its gradients are small, \
                      and training starts much more slowly.",
        suggestion: "Train it for 1 epoch with your reference run's settings and compare the \
                     validation accuracy in Runs.",
        model: sigmoid_everywhere,
        target: Target::TotalParams,
    },
    Step {
        id: "dense-baseline",
        title: "The dense baseline",
        question: "The dense baseline flattens the image at once and has a hidden Dense layer \
                   of 128 ReLU units before the 10 outputs. How many parameters does it have \
                   in all?",
        hint: "784 inputs × 128 units + 128 biases, then 128 × 10 + 10.",
        explanation: "About three times the CNN's 34,506 parameters. Trained as long, it usually \
                      reaches about 97 % test accuracy where the CNN reaches about 99 %: a \
                      convolution reuses one small filter all over the image instead of \
                      learning a weight for every pixel.",
        suggestion: "Train it with the settings of your reference run and compare accuracy and \
                     parameters in Runs.",
        model: ModelSpec::dense_baseline,
        target: Target::TotalParams,
    },
    Step {
        id: "augment",
        title: "Why does augmentation help?",
        question: "Tick \"Augment the training images\" under Training: every training image is \
                   then tilted, slanted, stretched, moved, drawn thicker or thinner and blurred a \
                   little, differently each time it is seen. How many parameters does the \
                   tutorial model have when it trains this way?",
        hint: "Augmentation changes the images the model learns from. Does it add a layer, a \
               filter or a weight?",
        explanation: "The tutorial's count, unchanged: augmentation changes the data, not the \
                      model. MNIST's \
                      writers held pens on paper; people drawing on a screen tilt, slant and \
                      thicken their digits in ways the 60 000 images rarely show. Seeing such \
                      variations in training teaches the filters to ignore them, so the model \
                      reads drawn digits better while MNIST's test accuracy stays about the \
                      same. The pre-trained model that answers your first drawings was trained \
                      this way: check how it reads your own digits under My digits.",
        suggestion: "Train the tutorial model twice with the same seed, once with and once \
                     without augmentation, then use each for drawing (Runs) and draw tilted, \
                     thick or flagged digits: which one reads your handwriting better?",
        model: ModelSpec::tutorial,
        target: Target::TotalParams,
    },
];
