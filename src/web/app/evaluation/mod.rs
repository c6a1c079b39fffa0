//! Section 4, "Evaluation and visualisation": predictions on test images and the confusion matrix.

mod confusion_panel;
mod prediction_grid;
pub mod section;
mod test_image_list;
