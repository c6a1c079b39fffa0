//! ConvLab's short explanations, one part beside each section of the page, following the path
//! of the classic notebook: data, convolutions, the model, training, evaluation, and beyond.

use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Data,
    Model,
    Training,
    Evaluation,
    /// Under the confusion matrix: why classic mistakes happen.
    Confusion,
    /// Beside the feature maps: what to look for in each layer.
    Inside,
    Beyond,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub part: Part,
}

#[function_component]
pub fn TutorialText(props: &Props) -> Html {
    let body = match props.part {
        Part::Data => html! {
            <>
                <p>{ "MNIST holds 70 000 small photos of handwritten digits, each with its label 0 to 9: 60 000 to learn \
                      from and 10 000 kept aside to test on. Every image is 28 × 28 pixels of one grey channel." }</p>
                <p>{ "The shape (60000, 28, 28, 1) reads: 60 000 images, 28 rows, 28 columns, 1 channel. The pixel values \
                      0 to 255 are divided by 255, so the network sees numbers between 0 and 1." }</p>
            </>
        },
        Part::Model => html! {
            <>
                <p>{ "A plain dense network would flatten each image into 784 numbers first and forget which pixels were \
                      neighbours. A convolution keeps the image as an image: it slides small filters (say 3 × 3) over it, \
                      and each filter answers \"is my pattern here?\" at every position. The same few weights are reused \
                      everywhere, so an edge is recognised wherever it appears." }</p>
                <p>{ "The tutorial's model stacks three convolutions (32 filters each, ReLU) with max pooling between them: \
                      pooling keeps the strongest answer of each 2 × 2 block, halving height and width. Then Flatten lays \
                      the 7 × 7 × 32 result out in one row and a Dense layer of 10 units with softmax turns it into one \
                      probability per digit." }</p>
                <p>{ "Edit the layers below: the summary under them recomputes every output shape and parameter count, \
                      with the formula each count comes from. Then work through the guided steps." }</p>
            </>
        },
        Part::Training => html! {
            <>
                <p>{ "Training shows the network batches of images (32 by default), measures how wrong its probabilities \
                      are (the loss: sparse categorical cross-entropy) and lets the Adam optimiser nudge every parameter to \
                      lower it. One epoch is one pass over the training images." }</p>
                <p>{ "During an epoch, loss and accuracy are running means over the images seen so far in it. At the end of \
                      each epoch the model is checked on test images it never learns from: val_loss and val_accuracy. \
                      Seconds and images/s say how fast your machine trains. The seed fixes the starting weights and the \
                      shuffling, so the same seed on the same backend repeats a run. Fewer training images make a quick try." }</p>
            </>
        },
        Part::Evaluation => html! {
            <>
                <p>{ "Evaluation runs the trained model once more on the test images. Test accuracy is the share it labels \
                      right (0.99 means 99 in 100); test loss is the same cross-entropy as in training. Only these images say \
                      how the model does on digits it has not seen." }</p>
                <p>{ "The grid shows test images 100 to 149, each titled with its true label and the model's answer: green \
                      when they agree, red when not. The mistakes are often digits a person would hesitate on too." }</p>
            </>
        },
        Part::Confusion => html! {
            <>
                <p>{ "Each row is a true digit, each column the model's answer: the diagonal holds the right answers,                       everything else is a mistake, counted. Press a count to see those test images." }</p>
                <p>{ "The mistakes are not random. A 4 whose top almost closes is read as a 9, a 3 with a flat top as a 5,                       a 7 written without its bar as a 1, a 5 as a 6: the strokes the model relies on are missing or                       ambiguous. Some of the images are mislabelled or would puzzle a person too." }</p>
            </>
        },
        Part::Inside => html! {
            <>
                <p>{ "Every small image is one channel: the answers of one filter at every position of your digit, bright                       where its pattern is found. In the first layer the filters look at 3 × 3 pixels, so they find edges                       and stroke directions: one lights up on the left side of a stroke, another on horizontal bars." }</p>
                <p>{ "Pooling keeps the strongest answer in each 2 × 2 block, so its maps are half as high and wide: the                       network keeps what was found and forgets exactly where. Each layer deeper sees a wider part of the                       digit through the ones below, so its channels answer coarser parts, such as a loop, an ending stroke                       or a crossing, and look less like your drawing." }</p>
                <p>{ "At the end the Dense layer weighs every value of the last maps; the heat maps under the logits show                       which places argued for the answer. Draw slowly and watch the maps change as a 1 becomes a 7." }</p>
            </>
        },
        Part::Beyond => html! {
            <p>{ "Convolutions are not only for images. The same idea slides a filter along one axis for sequences such \
                  as sound or sensor readings (Conv1D), or through a volume for 3-D data such as medical scans or video \
                  frames stacked in time (Conv3D). The parameter count follows the same rule: window size × input \
                  channels + 1, times the filters." }</p>
        },
    };
    html! { <div class="tutorial-text">{ body }</div> }
}
