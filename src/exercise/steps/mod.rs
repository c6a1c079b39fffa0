//! The guided steps: a short course along the page. Each step asks the learner to predict
//! something (a count, a shape, a range or one of a few answers) before the page shows it, then
//! offers a "try it" that changes the page. Answers that are counts or shapes are never written
//! down here: they are computed from the step's model by the same summary the page shows, so
//! text and maths cannot drift. Answers that depend on a training run (an accuracy, the digits
//! most often confused) are judged against the learner's own run when there is one, and the
//! classic kernel that looks like a learned filter against the learner's own drawing.

//!
//! Split by concern: `cell_sum` (the hand-worked convolution cells), `quick_run` (the course's
//! one-epoch run and the answers judged against it), `overfitting` (the lesson's runs on few
//! images and the answers judged against their epochs), `course` (the steps themselves).

mod cell_sum;
mod course;
mod overfitting;
mod quick_run;

pub use cell_sum::CellSum;
use cell_sum::minus;
pub use course::STEPS;
pub use quick_run::{
    ACCURACY_RANGES, PAIRS, QUICK_RUN_IMAGES, USUAL_PAIR, USUAL_QUICK_RUN_RANGE, accuracy_range, is_quick_run,
    most_confused, pair_choice_is_right, quick_run,
};
use quick_run::PAIR_OPTIONS;
pub use overfitting::{
    CURVE_OPTIONS, GAP_OPTIONS, LESSON_EPOCHS, LESSON_IMAGES, LESSON_PATIENCE, LESSON_VALIDATION_IMAGES, LessonRun, SAME_GAP,
    USUAL_CURVE, USUAL_GAP, curve_choice, gap_choice, is_complete, last_gap, lesson_run, lesson_run_kind,
    lesson_run_with_early_stopping, stop_and_kept,
};

use super::answer::{Verdict, check, check_side, check_signed, parse_shape};
use crate::inspect::kernel_playground::{PresetMatch, Preset};
use crate::model::receptive_field::{field_growth, receptive_fields};
use crate::model::{LayerSpec, ModelSpec, ParamFormula, Shape, SpecError, Summary};
use crate::training::EpochSummary;

/// The number a count step asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The parameter count of the layer at this 0-based index.
    LayerParams(usize),
    /// The parameter count of the whole model.
    TotalParams,
}

/// What a step asks the learner to predict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// A parameter count, typed as a whole number.
    Count(Target),
    /// The output shape of the layer at this 0-based index, typed as numbers: "7 × 7 × 32".
    Shape(usize),
    /// One of `options`; `right` is the index of the right one.
    Choice { options: &'static [&'static str], right: usize },
    /// Which of [`ACCURACY_RANGES`] a quick run's test accuracy falls in: judged against the
    /// learner's run once it finishes.
    RunAccuracy,
    /// Which of [`PAIRS`] the confusion matrix mixes up most: judged against the matrix of the
    /// learner's run once there is one.
    ConfusedPair,
    /// One convolution output worked out by hand from the numbers the step shows, typed as a
    /// whole number.
    CellValue(CellSum),
    /// The side of the receptive field of the Conv2D with this 0-based index among the model's
    /// convolutions, typed as "18 × 18" or "18".
    FieldSize { conv: usize },
    /// Which classic kernel's map of the learner's drawing looks most like a learned first-layer
    /// filter's map: judged by the page's own computation on that drawing.
    PresetLike,
    /// Which of [`CURVE_OPTIONS`] the validation loss of the lesson's run (1 000 images, 15
    /// epochs) follows: judged against the learner's run once it finishes.
    ValLossCurve,
    /// Which of [`GAP_OPTIONS`] dropout does to the gap between training and validation
    /// accuracy at the last epoch: judged once the learner has both lesson runs.
    DropoutGap,
    /// After which epoch early stopping at [`LESSON_PATIENCE`] would have ended the learner's
    /// lesson run, typed as a whole number read off its epoch table.
    StopEpoch,
}

/// The change a step's "try it" makes to the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TryIt {
    /// Load the step's model into the builder.
    LoadModel,
    /// Load the step's model and set the training form to the quick run ([`quick_run`]).
    QuickRun,
    /// The quick run with augmentation switched on.
    QuickRunAugmented,
    /// Clear the canvas and draw a 1 with the keyboard pen, then show layer 1's maps.
    DrawOne,
    /// Move the drawing the model sees 2 pixels to the right (and back), beside its maps.
    ShiftRight,
    /// Open a value of layer 1's first map on the learner's drawing, explained.
    OpenCell,
    /// Take the learner to the receptive-field slider.
    FieldSlider,
    /// Take the learner to the kernel editor.
    KernelEditor,
    /// Load the step's model and set the training form to the lesson's run ([`lesson_run`]),
    /// validating on [`LESSON_VALIDATION_IMAGES`].
    Lesson,
    /// The lesson's run with early stopping ([`lesson_run_with_early_stopping`]).
    LessonEarlyStopping,
}

/// How far [`TryIt::ShiftRight`] moves the drawing, in pixels of the 28 × 28 input.
pub const SHIFT_PIXELS: usize = 2;

/// What the learner's own run (or drawing) says, for the steps that depend on one.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunEvidence<'a> {
    /// The test accuracy of a quick run of the tutorial model finished after the prediction.
    pub quick_run_accuracy: Option<f32>,
    /// A confusion matrix computed after the prediction.
    pub confusion: Option<&'a [[u32; 10]; 10]>,
    /// The classic kernel that looks most like a learned filter on the current drawing
    /// ([`crate::inspect::kernel_playground::clearest_preset_match`]).
    pub preset: Option<PresetMatch>,
    /// The epochs of a whole lesson run of the tutorial model finished after the prediction.
    pub lesson_run: Option<&'a [EpochSummary]>,
    /// The epochs of a whole lesson run with dropout finished after the prediction.
    pub dropout_run: Option<&'a [EpochSummary]>,
    /// The epochs of the latest whole lesson run of the tutorial model, whenever it ran: the
    /// dropout run is compared with it, and the early-stopping step asks about it.
    pub earlier_lesson_run: Option<&'a [EpochSummary]>,
}

/// One guided step.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Stable key for the saved progress; never renamed.
    pub id: &'static str,
    pub title: &'static str,
    /// What to look at, then the question.
    pub question: &'static str,
    /// Shown after a wrong answer.
    pub hint: &'static str,
    /// Shown once the answer is revealed: why it is what it is.
    pub explanation: &'static str,
    /// What the "try it" button does, in words; shown beside it.
    pub suggestion: &'static str,
    pub try_it: TryIt,
    model: fn() -> ModelSpec,
    pub ask: Ask,
}

/// Steps are told apart by their ids (the page compares them to know when to re-render).
impl PartialEq for Step {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Step {
    /// The model the question is about (the "try it" loads it).
    pub fn spec(&self) -> ModelSpec {
        (self.model)()
    }

    pub fn summary(&self) -> Result<Summary, SpecError> {
        self.spec().summary()
    }

    /// The count a `Count` step asks for, computed by the core from the step's model.
    pub fn expected_count(&self) -> Option<usize> {
        let Ask::Count(target) = self.ask else { return None };
        let summary = self.summary().expect("every step's model is valid");
        Some(match target {
            Target::LayerParams(index) => summary.layers[index].params,
            Target::TotalParams => summary.total_params,
        })
    }

    /// The value a `CellValue` step asks for.
    pub fn expected_cell_value(&self) -> Option<i64> {
        let Ask::CellValue(cell) = self.ask else { return None };
        Some(cell.value())
    }

    /// The layer (0-based, in the spec) a `FieldSize` step asks about.
    pub fn field_layer(&self) -> Option<usize> {
        let Ask::FieldSize { conv } = self.ask else { return None };
        let spec = self.spec();
        let convolutions = spec.layers.iter().enumerate().filter(|(_, l)| matches!(l, LayerSpec::Conv2D { .. }));
        convolutions.map(|(index, _)| index).nth(conv)
    }

    /// The side of the receptive field a `FieldSize` step asks for, computed from the spec.
    pub fn expected_field(&self) -> Option<usize> {
        let fields = receptive_fields(&self.spec()).ok()?;
        Some(fields[self.field_layer()?].size)
    }

    /// The working behind a computed answer, once revealed: the cell's arithmetic, or the
    /// receptive field growing layer by layer.
    pub fn working(&self) -> Option<String> {
        match self.ask {
            Ask::CellValue(cell) => Some(cell.working()),
            Ask::FieldSize { .. } => {
                let last = self.field_layer()?;
                let growth = field_growth(&self.spec()).ok()?;
                let lines: Vec<String> = growth
                    .iter()
                    .take_while(|g| g.layer <= last)
                    .map(|g| format!("layer {}: {}", g.layer + 1, g.size_formula()))
                    .collect();
                Some(lines.join("; "))
            }
            _ => None,
        }
    }

    /// The shape a `Shape` step asks for.
    pub fn expected_shape(&self) -> Option<Shape> {
        let Ask::Shape(index) = self.ask else { return None };
        Some(self.summary().expect("every step's model is valid").layers[index].output_shape)
    }

    /// The answer as the page writes it once revealed: "15,690", "(7, 7, 32)", or the option.
    /// For a run step it is the usual outcome; the page says the learner's own when there is one.
    pub fn answer_text(&self) -> String {
        match self.ask {
            Ask::Count(_) => super::answer::grouped(self.expected_count().unwrap_or_default()),
            Ask::Shape(_) => self.expected_shape().map(|s| s.to_string()).unwrap_or_default(),
            Ask::Choice { options, right } => options[right].to_string(),
            Ask::RunAccuracy => ACCURACY_RANGES[USUAL_QUICK_RUN_RANGE].0.to_string(),
            Ask::ConfusedPair => PAIR_OPTIONS[USUAL_PAIR].to_string(),
            Ask::CellValue(cell) => minus(cell.value() as f32),
            Ask::FieldSize { .. } => self.expected_field().map(|n| format!("{n} × {n}")).unwrap_or_default(),
            // Depends on the drawing: the page names the preset it found.
            Ask::PresetLike => String::new(),
            Ask::ValLossCurve => CURVE_OPTIONS[USUAL_CURVE].to_string(),
            Ask::DropoutGap => GAP_OPTIONS[USUAL_GAP].to_string(),
            // Depends on the learner's run: see `expected_stop`.
            Ask::StopEpoch => String::new(),
        }
    }

    /// Whether the learner types the answer (a number or a shape) rather than picking one.
    pub fn is_typed(&self) -> bool {
        matches!(self.ask, Ask::Count(_) | Ask::Shape(_) | Ask::CellValue(_) | Ask::FieldSize { .. } | Ask::StopEpoch)
    }

    /// Whether the step is judged on the learner's current drawing.
    pub fn needs_drawing(&self) -> bool {
        self.ask == Ask::PresetLike
    }

    /// Whether the answer comes from the learner's own training run.
    pub fn needs_run(&self) -> bool {
        matches!(self.ask, Ask::RunAccuracy | Ask::ConfusedPair | Ask::ValLossCurve | Ask::DropoutGap)
    }

    /// Whether the question is about a lesson run the learner trained before (it can only be
    /// asked once there is one).
    pub fn needs_earlier_run(&self) -> bool {
        self.ask == Ask::StopEpoch
    }

    /// For the early-stopping step: the epoch after which early stopping would have ended the
    /// learner's lesson run, and the epoch whose weights it would keep.
    pub fn expected_stop(&self, run: &RunEvidence) -> Option<(usize, usize)> {
        if self.ask != Ask::StopEpoch {
            return None;
        }
        stop_and_kept(run.earlier_lesson_run?, LESSON_PATIENCE)
    }

    /// Judges a typed prediction, against the learner's run for the step that needs one
    /// (`None` until there is one).
    pub fn check_typed_against(&self, text: &str, run: &RunEvidence) -> Option<Verdict> {
        match self.ask {
            Ask::StopEpoch => Some(check(text, self.expected_stop(run)?.0)),
            _ => Some(self.check_typed(text)),
        }
    }

    /// The options to pick from, for the steps that are not typed.
    pub fn options(&self) -> Vec<&'static str> {
        match self.ask {
            Ask::Choice { options, .. } => options.to_vec(),
            Ask::RunAccuracy => ACCURACY_RANGES.iter().map(|r| r.0).collect(),
            Ask::ConfusedPair => PAIR_OPTIONS.to_vec(),
            Ask::PresetLike => Preset::ALL.iter().map(|p| p.name()).collect(),
            Ask::ValLossCurve => CURVE_OPTIONS.to_vec(),
            Ask::DropoutGap => GAP_OPTIONS.to_vec(),
            Ask::Count(_) | Ask::Shape(_) | Ask::CellValue(_) | Ask::FieldSize { .. } | Ask::StopEpoch => Vec::new(),
        }
    }

    /// Judges a typed prediction (count and shape steps).
    pub fn check_typed(&self, text: &str) -> Verdict {
        match self.ask {
            Ask::Count(_) => check(text, self.expected_count().unwrap_or_default()),
            Ask::Shape(_) => match parse_shape(text) {
                None => Verdict::NotAShape,
                Some(numbers) if numbers == shape_numbers(self.expected_shape().expect("a shape step")) => Verdict::Right,
                Some(_) => Verdict::Wrong,
            },
            Ask::CellValue(cell) => check_signed(text, cell.value()),
            Ask::FieldSize { .. } => check_side(text, self.expected_field().unwrap_or_default()),
            // Needs the learner's run: `check_typed_against`.
            _ => Verdict::NotANumber,
        }
    }

    /// Judges a picked option. A run step is judged against the learner's run: `None` until
    /// the run (or its confusion matrix) is there.
    pub fn check_choice(&self, choice: usize, run: &RunEvidence) -> Option<Verdict> {
        let right = match self.ask {
            Ask::Choice { right, .. } => choice == right,
            Ask::RunAccuracy => accuracy_range(run.quick_run_accuracy?) == choice,
            Ask::ConfusedPair => pair_choice_is_right(choice, run.confusion?),
            Ask::PresetLike => {
                let found = run.preset?;
                Preset::ALL.get(choice).is_some_and(|&p| found.accepts(p))
            }
            Ask::ValLossCurve => curve_choice(run.lesson_run?)? == choice,
            Ask::DropoutGap => gap_choice(run.earlier_lesson_run?, run.dropout_run?)? == choice,
            Ask::Count(_) | Ask::Shape(_) | Ask::CellValue(_) | Ask::FieldSize { .. } | Ask::StopEpoch => {
                return Some(Verdict::NotANumber);
            }
        };
        Some(if right { Verdict::Right } else { Verdict::Wrong })
    }

    /// The formula behind the answer, when it is one layer's count.
    pub fn formula(&self) -> Option<ParamFormula> {
        match self.ask {
            Ask::Count(Target::LayerParams(index)) => self.summary().ok()?.layers.get(index)?.formula,
            _ => None,
        }
    }
}

/// A shape as the numbers a learner types: height, width, channels, or one length.
pub fn shape_numbers(shape: Shape) -> Vec<u64> {
    match shape {
        Shape::Image { height, width, channels } => vec![height as u64, width as u64, channels as u64],
        Shape::Flat(n) => vec![n as u64],
    }
}
