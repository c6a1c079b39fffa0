//! The course's seventeen steps, in order: their words, models and what each asks. The last
//! three are a lesson on overfitting (`overfitting.rs`).

use super::{Ask, CellSum, Step, Target, TryIt};
use crate::model::ModelSpec;

/// The two cells of the course, under one kernel (Sobel's, for vertical edges): a patch with ink
/// on its left and paper on its right (a stroke's right edge), then the mirror image (its left
/// edge), whose sum is negative.
const RIGHT_EDGE_OF_A_STROKE: CellSum = CellSum { patch: [1, 1, 0, 1, 1, 0, 1, 1, 0], kernel: [1, 0, -1, 2, 0, -2, 1, 0, -1], bias: -1 };
const LEFT_EDGE_OF_A_STROKE: CellSum = CellSum { patch: [0, 1, 1, 0, 1, 1, 0, 1, 1], kernel: [1, 0, -1, 2, 0, -2, 1, 0, -1], bias: -1 };

/// The course's steps, in order.
pub static STEPS: [Step; 17] = [
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
        suggestion: "Set the first layer's kernel size to 5 in the builder above and watch its \
                     count in the summary grow: only the window changes.",
        try_it: TryIt::LoadModel,
        model: ModelSpec::tutorial,
        ask: Ask::Count(Target::LayerParams(0)),
    },
    Step {
        id: "pool-shape",
        title: "Follow the shape through the layers",
        question: "The image enters as 28 × 28 with 1 channel. Each Conv2D keeps the height and \
                   width (its padding is \"same\") and gives 32 channels; each MaxPooling2D keeps \
                   the largest value of every 2 × 2 block. What shape leaves the second \
                   MaxPooling2D (layer 4)? Type height × width × channels.",
        hint: "Pooling halves the height and the width and keeps the channels. Halve 28 twice.",
        explanation: "28 → 14 after the first pooling, 14 → 7 after the second, and the last \
                      convolution gave 32 channels. Each pooling throws away three values of \
                      every four, so the layers after it have less to look at.",
        suggestion: "Set layer 2's pool size to 4 in the builder and watch every shape after \
                     it shrink.",
        try_it: TryIt::LoadModel,
        model: ModelSpec::tutorial,
        ask: Ask::Shape(3),
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
        suggestion: "Remove layer 4 (the second pooling) in the builder: the Dense layer gets \
                     four times larger. Pooling is what keeps the classifier small.",
        try_it: TryIt::LoadModel,
        model: ModelSpec::tutorial,
        ask: Ask::Count(Target::LayerParams(6)),
    },
    Step {
        id: "one-epoch",
        title: "Predict a quick run",
        question: "Train the tutorial model for one epoch on 6 400 training images: 200 batches \
                   of 32, about a tenth of MNIST, seen once. What test accuracy will it reach? \
                   Pick a range, then train, and the page compares your prediction with your \
                   run.",
        hint: "200 small steps are few, but each one learns from 32 digits, and digits are \
               much alike.",
        explanation: "A tenth of MNIST, seen once, is already enough for most test digits: \
                      the filters find strokes early. The last few per cent are the slow part: \
                      that is what the full 60 000 images and more epochs buy.",
        suggestion: "Set up this run: the tutorial model, 1 epoch, 6 400 training images. Then \
                     press Train under 3. Training.",
        try_it: TryIt::QuickRun,
        model: ModelSpec::tutorial,
        ask: Ask::RunAccuracy,
    },
    Step {
        id: "confused-pair",
        title: "Which digits get mixed up",
        question: "At the end of a run, the confusion matrix under 4. Evaluation counts every \
                   test image by its true digit and the model's answer. Which pair of digits will \
                   your model mix up most often (both ways added up)? Predict it before you train.",
        hint: "Think of digits whose strokes differ by one small part: a closed top, a bar, a \
               curve.",
        explanation: "A 4 whose top almost closes looks like a 9, a 3 with a flat top like a 5, \
                      a 7 with a long foot like a 2. The model relies on a few strokes; when one \
                      is missing or ambiguous, the neighbouring digit wins. Press a count in the \
                      matrix to see those images: some would make a person hesitate too.",
        suggestion: "Train (the quick run is enough): the matrix is computed at the end of the \
                     run, and the page compares it with your prediction.",
        try_it: TryIt::QuickRun,
        model: ModelSpec::tutorial,
        ask: Ask::ConfusedPair,
    },
    Step {
        id: "val-beats-train",
        title: "Why validation beats training after one epoch",
        question: "After the first epoch, the epoch table shows accuracy (on the training \
                   images) lower than val_accuracy (on test images the model never learns \
                   from). How can the model do better on images it has never seen?",
        hint: "When, during the epoch, is each of the two numbers measured?",
        explanation: "accuracy is a running mean over the whole epoch, and early batches were \
                      judged when the model still guessed; val_accuracy is measured once, by \
                      the model as it stands at the end. From the second epoch on, the two come \
                      closer, and accuracy usually ends above.",
        suggestion: "Set up the quick run and train it: the epoch table shows accuracy below \
                     val_accuracy. Then set Epochs to 2 and train again: the two come closer.",
        try_it: TryIt::QuickRun,
        model: ModelSpec::tutorial,
        ask: Ask::Choice {
            options: &[
                "The test images are easier than the training images.",
                "accuracy is a running mean over the epoch, while the model was still learning; \
                 val_accuracy is measured at the end of the epoch.",
                "The model is trained on the test images too.",
                "val_accuracy is rounded up.",
            ],
            right: 1,
        },
    },
    Step {
        id: "first-map",
        title: "What the first layer sees",
        question: "Draw a 1: a single vertical stroke. What does one of the first Conv2D layer's \
                   32 feature maps look like?",
        hint: "A 3 × 3 filter slides over every position of the image, and \"same\" padding \
               keeps the 28 × 28 size.",
        explanation: "Each map is the image once more, 28 × 28, bright where the filter's \
                      pattern is found: one map lights up the left edge of the stroke, another \
                      the right edge, another the whole stroke. The first layer finds edges and \
                      directions, not digits.",
        suggestion: "Let the page draw a 1 for you (with the keyboard pen, as you could) and \
                     look at layer 1's maps beside the canvas; then add a bar to turn it into a \
                     7 and watch other maps light up.",
        try_it: TryIt::DrawOne,
        model: ModelSpec::tutorial,
        ask: Ask::Choice {
            options: &[
                "A 28 × 28 picture in which the stroke, or one of its edges, lights up where the 1 is.",
                "A 3 × 3 copy of the filter.",
                "Random speckles: the first layer has not learnt any shapes.",
                "One number: how much the image looks like a 1.",
            ],
            right: 0,
        },
    },
    Step {
        id: "cell-value",
        title: "What is this cell's value?",
        question: "A convolution computes each value of its map from a 3 × 3 patch of the layer \
                   below. Here is such a patch of a digit (1 is ink, 0 is paper), the kernel a \
                   filter lays on it, and the filter's bias. Multiply each pixel by the weight \
                   on top of it, add the nine products and the bias, then apply ReLU. What value \
                   does the cell get?",
        hint: "Only the pixels that are 1 count: add up the weights lying on ink, then add the \
               bias. ReLU keeps a positive number as it is.",
        explanation: "Every value of every map is this small sum, on the pixels under the \
                      kernel at that place. This kernel weighs the left column up and the right \
                      column down, so it answers where ink lies to the left of paper: the right \
                      edge of a stroke.",
        suggestion: "Open a value of layer 1 on your own drawing: the panel shows the same \
                     products, sum, bias and ReLU, with your network's own weights.",
        try_it: TryIt::OpenCell,
        model: ModelSpec::tutorial,
        ask: Ask::CellValue(RIGHT_EDGE_OF_A_STROKE),
    },
    Step {
        id: "cell-relu",
        title: "A cell on the other side of the stroke",
        question: "The same kernel and bias, one step further along the digit: now the ink is \
                   on the right of the patch. Work out the sum and the bias again, then apply \
                   ReLU. What value does the cell get?",
        hint: "The products add up to less than zero this time. What does ReLU do with a \
               negative number?",
        explanation: "ReLU keeps positive sums and turns every negative one into 0. So this \
                      filter answers on one side of a stroke and stays silent on the other: \
                      that is why one of layer 1's maps of a 1 lights up only one edge.",
        suggestion: "Open a value of layer 1 on your own drawing and look for one whose sum is \
                     negative: its result is 0, black in the map.",
        try_it: TryIt::OpenCell,
        model: ModelSpec::tutorial,
        ask: Ask::CellValue(LEFT_EDGE_OF_A_STROKE),
    },
    Step {
        id: "field-size",
        title: "How much of the input does one cell see?",
        question: "One value of the first Conv2D sees a 3 × 3 patch of the 28 × 28 input. Each \
                   layer above slides its window over the maps below, so its values see more. \
                   How much of the input does one value of the third Conv2D (layer 5) see? Type \
                   its side, such as 5 × 5.",
        hint: "A layer's field = the field below + (window − 1) × the jump below, and each \
               2 × 2 pooling doubles the jump: neighbouring values of a pooled map are 2 input \
               pixels apart, then 4. Start at 3 and walk up the layers.",
        explanation: "Pooling spreads neighbouring values further apart in the input, so a \
                      3 × 3 window after two poolings spans many input pixels. Values deep in \
                      the network see large parts of the digit: whole strokes and how they \
                      meet, not only edges.",
        suggestion: "Move the slider under the feature maps through the layers and watch the \
                     box on your digit grow.",
        try_it: TryIt::FieldSlider,
        model: ModelSpec::tutorial,
        ask: Ask::FieldSize { conv: 2 },
    },
    Step {
        id: "preset-filter",
        title: "Which classic kernel looks like a learned filter?",
        question: "People designed kernels by hand long before networks learned them: blur, \
                   sharpen, edge finders (they are under Your own kernel). The page picked one \
                   of the first layer's learned filters, named below, whose map of your drawing \
                   one classic kernel matches most clearly. Which classic kernel, slid over your \
                   drawing, makes the map most like that filter's?",
        hint: "Look where the filter's map is bright: on the whole stroke, or only on one side \
               of it (left, right, top or bottom)?",
        explanation: "The page slid every classic kernel over your drawing, kept its positive \
                      values (ReLU, as the layer does) and measured how much each map looks \
                      like the filter's (correlation: 1 would be the same picture). Training \
                      found kernels much like the ones people designed by hand, edge finders \
                      above all, without being told what an edge is.",
        suggestion: "Pick the classic kernels one by one under Your own kernel and compare \
                     their maps with the filter's.",
        try_it: TryIt::KernelEditor,
        model: ModelSpec::tutorial,
        ask: Ask::PresetLike,
    },
    Step {
        id: "pool-shift",
        title: "Pooling and a shifted digit",
        question: "Draw the same digit 2 pixels further to the right. What happens to the first \
                   MaxPooling2D's 14 × 14 maps?",
        hint: "Pooling keeps one value for each 2 × 2 block. How many blocks is 2 pixels?",
        explanation: "2 pixels are one 2 × 2 block, so the pooled maps move by 1 pixel and \
                      otherwise hardly change. After the second pooling the same shift is half \
                      a pixel: the deeper the layer, the less it cares exactly where a stroke \
                      is, which is why a shifted digit is still read right.",
        suggestion: "Move your drawing 2 pixels to the right and back, and compare the maps \
                     beside the canvas: layer 1's move with the digit, the pooled ones barely \
                     change, and so do the bars.",
        try_it: TryIt::ShiftRight,
        model: ModelSpec::tutorial,
        ask: Ask::Choice {
            options: &[
                "They do not change at all.",
                "They move 2 pixels to the right.",
                "They move 1 pixel to the right and otherwise look the same.",
                "They show a different pattern.",
            ],
            right: 2,
        },
    },
    Step {
        id: "dense-baseline",
        title: "The dense baseline",
        question: "The dense baseline flattens the image at once and has a hidden Dense layer \
                   of 128 ReLU units before the 10 outputs. How many parameters does it have \
                   in all?",
        hint: "784 inputs × 128 units + 128 biases, then 128 × 10 + 10.",
        explanation: "About three times the CNN's 34,506 parameters, and trained as long it \
                      usually ends a point or two below it: a convolution reuses one small \
                      filter all over the image instead of learning a weight for every pixel.",
        suggestion: "Set up the same quick run with the dense baseline, train it, and compare \
                     its test accuracy with your CNN run in 5. Runs.",
        try_it: TryIt::QuickRun,
        model: ModelSpec::dense_baseline,
        ask: Ask::Count(Target::TotalParams),
    },
    Step {
        id: "augment",
        title: "Why does augmentation help?",
        question: "With \"Augment the training images\" ticked under 3. Training, every \
                   training image is tilted, slanted, stretched, moved, drawn thicker or thinner \
                   and blurred a little, differently each time it is seen. What does that \
                   change?",
        hint: "Augmentation changes the images the model learns from. Does it add a layer, a \
               filter or a weight?",
        explanation: "MNIST's writers held pens on paper; people drawing on a screen tilt, slant \
                      and thicken their digits in ways the 60 000 images rarely show. Seeing such \
                      variations in training teaches the filters to ignore them, so the model \
                      reads drawn digits better, while its parameters stay the same and its MNIST \
                      test accuracy stays about the same. The pre-trained model that answers \
                      your first drawings was trained this way.",
        suggestion: "Set up the quick run with augmentation, train it, then use it for drawing \
                     (5. Runs) and draw tilted or thick digits: which model reads your \
                     handwriting better?",
        try_it: TryIt::QuickRunAugmented,
        model: ModelSpec::tutorial,
        ask: Ask::Choice {
            options: &[
                "The model gets more parameters to learn the distortions.",
                "The model reads drawn digits better; its parameters and MNIST test accuracy stay about the same.",
                "The test accuracy on MNIST jumps to 100 %.",
                "Training gets faster.",
            ],
            right: 1,
        },
    },
    Step {
        id: "overfit-curve",
        title: "Train too long on too few images",
        question: "Train the tutorial model for 15 epochs on only 1 000 training images, and \
                   validate it on 2 000 test images. The epoch table shows loss and accuracy on \
                   the training images, val_loss and val_accuracy on the validation images, and \
                   accuracy will climb towards 100 %. What will val_loss do over the 15 epochs? \
                   Pick one, then train, and the page compares your prediction with your run.",
        hint: "1 000 images are few, and 15 epochs show the model each of them 15 times. Does \
               learning those images by heart help with digits it has never seen?",
        explanation: "At first the model learns what all 1s or all 7s have in common, and \
                      val_loss falls. Then it learns the 1 000 training images by heart, quirks \
                      included: accuracy nears 100 % while val_loss rises again, because the \
                      model grows more and more sure of the answers it gets wrong on new digits. \
                      That is overfitting. The epoch table and the loss chart mark the epoch \
                      where val_loss was lowest: the model was at its best there, not at the end.",
        suggestion: "Set up this run: the tutorial model, 15 epochs on 1 000 training images, \
                     2 000 validation images. Then press Train under 3. Training; it takes \
                     well under a minute.",
        try_it: TryIt::Lesson,
        model: ModelSpec::tutorial,
        ask: Ask::ValLossCurve,
    },
    Step {
        id: "dropout-gap",
        title: "Dropout against overfitting",
        question: "Dropout(0.25) sets a random quarter of the numbers passing through it to 0 at \
                   every training step, a different quarter each time, and lets everything \
                   through when the model is evaluated. Put one after each MaxPooling2D and \
                   train the same run again: 15 epochs on 1 000 images. At the last epoch, what \
                   happens to the gap between accuracy (training images) and val_accuracy \
                   (validation images), compared with your run without dropout?",
        hint: "With dropout, every training step uses a different, weakened network: no filter \
               can count on another one being there. Is it easier or harder to learn 1 000 \
               images by heart that way?",
        explanation: "Dropout makes training harder on purpose: accuracy, measured with dropout \
                      at work, ends lower, and the model cannot lean on the quirks of single \
                      images, so val_accuracy holds or rises and val_loss turns up later and less. \
                      Compare the two runs side by side in the runs table under 5. Runs (the \
                      same 34,506 parameters: dropout learns none) and their curves in the charts. \
                      Augmentation (step 14) fights overfitting another way: it makes 1 000 \
                      images look like many more.",
        suggestion: "Load the tutorial model with Dropout(0.25) after each pooling and set up \
                     the same run, then press Train under 3. Training and compare both runs \
                     under 5. Runs.",
        try_it: TryIt::Lesson,
        model: ModelSpec::tutorial_with_dropout,
        ask: Ask::DropoutGap,
    },
    Step {
        id: "early-stop",
        title: "When would early stopping have stopped?",
        question: "Early stopping watches val_loss after every epoch. With a patience of 3, it \
                   ends the run once val_loss has not gone below its lowest so far for 3 epochs \
                   in a row, and keeps the weights of that lowest epoch. Here is val_loss, epoch \
                   by epoch, of your run without dropout (15 epochs on 1 000 images). After \
                   which epoch would early stopping have ended it? If val_loss never fails to \
                   improve 3 epochs in a row, type 15.",
        hint: "Go down the epochs keeping the lowest val_loss so far. Each epoch that does not \
               go below it counts one; a lower one starts the count again. The run ends at the \
               third in a row.",
        explanation: "Early stopping spares the epochs after the best one and hands back the \
                      model of the lowest val_loss, which usually does best on the test images \
                      too. A patience of 1 would stop at the first bump of a noisy curve; a \
                      longer one trains on in case a lower point comes later. The watch only \
                      knows the epochs so far, so it can stop before the lowest val_loss of the \
                      whole run when an early dip is followed by 3 worse epochs.",
        suggestion: "Set up the same run with early stopping at patience 3 and train it: with \
                     the same seed, its epoch table says after which epoch it stopped and whose \
                     weights it kept.",
        try_it: TryIt::LessonEarlyStopping,
        model: ModelSpec::tutorial,
        ask: Ask::StopEpoch,
    },
];
