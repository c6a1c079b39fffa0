//! The page's one vocabulary for the data and its figures, as the Keras tutorial uses it: the
//! 60 000 training images are trained on; the 10 000 test images are never trained on, and the
//! tutorial passes them to `fit` as its validation data, so val_loss and val_accuracy after each
//! epoch and the final test loss and accuracy are measured on the same test images. Each figure's
//! "what this means" is written here once, so every place that shows the figure says the same.

/// Said once, where the data is described.
pub const DATA_SPLIT: &str = "As in the Keras tutorial, the network trains on the 60 000 training images only. The 10 000 \
     test images are never trained on: after each epoch they serve as validation data (val_loss, val_accuracy), and at \
     the end the same images give the test loss and test accuracy.";

/// The name of the images the validation figures and the test figures are measured on.
pub const VALIDATION_IMAGES: &str = "test images";

/// Training loss and accuracy during an epoch.
pub const TRAINING_FIGURES: &str = "Loss and accuracy are measured on the training images while the network learns \
     from them: each is the running mean over the images seen so far in this epoch, so it mixes early batches, when the \
     weights were still poor, with recent ones.";

/// val_loss and val_accuracy.
pub const VALIDATION_FIGURES: &str = "val_loss and val_accuracy are measured on test images the network never trains on \
     (the tutorial validates on the test set), once, at the end of each epoch, with the weights as they are then.";

/// Why val_accuracy can be higher than accuracy, above all after epoch 1.
pub const VALIDATION_ABOVE_TRAINING: &str = "That is why val_accuracy can beat accuracy, most of all after epoch 1: \
     accuracy averages the whole epoch, including its first batches when the network still guessed, while val_accuracy \
     sees only the network at the end of the epoch. It is not a sign that the test images are easier.";

/// The test loss and accuracy after training.
pub const TEST_FIGURES: &str = "Test accuracy is the share of the test images the trained network labels right \
     (0.95: 95 in 100); test loss is the cross-entropy on them. They are the last epoch's val_loss and val_accuracy, \
     measured once more on the same test images, none of which the network trained on.";

/// The confusion matrix.
pub const CONFUSION_FIGURES: &str = "Each count is a number of test images (never trained on): its row is the digit the \
     image shows, its column the digit the network answered. The diagonal holds the right answers; every other count is \
     a mistake.";

/// The runs table's figures.
pub const RUNS_FIGURES: &str = "Params is the model's number of parameters; s/epoch the wall time of one epoch, \
     validation included; images/s how many training images it learnt from per second; test accuracy the share of the \
     test images (never trained on) the final network labels right.";

/// What the training form's early-stopping field does.
pub const EARLY_STOPPING: &str = "Early stopping ends a run once val_loss has not gone lower for this many epochs in a row \
    (the patience), and the model keeps the weights of the epoch where val_loss was lowest, as Keras' EarlyStopping \
    does with restore_best_weights. Leave the field empty to train every epoch.";
