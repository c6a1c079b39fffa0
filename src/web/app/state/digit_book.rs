//! "My digits": the learner's labelled digits as the page shows them, read from IndexedDB at
//! start and after every change, and whether the drawing panel collects them (the label
//! buttons under the canvas). The drawing panel keeps digits, the "My digits" panel lists,
//! exports, imports, deletes and checks them; both read this one state.

use crate::web::app::storage::digits::{self, KeptDigit};
use crate::data::LabelledDigits;
use crate::my_digits::MyDigit;
use crate::wording::{a_number, count, how_many};
use std::rc::Rc;
use yew::{Reducible, UseReducerDispatcher};

/// A line said under the canvas after a digit was kept or could not be.
#[derive(Clone, Debug, PartialEq)]
pub struct KeepNote {
    pub text: String,
    pub failed: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DigitBook {
    /// The drawing panel shows the label buttons and takes the keys 0–9.
    pub collecting: bool,
    /// The kept digits, oldest first.
    pub digits: Rc<Vec<KeptDigit>>,
    /// Ids of stored records this version cannot read.
    pub unreadable: Rc<Vec<u32>>,
    /// True once the store has been read (or could not be).
    pub loaded: bool,
    /// Why the store cannot be read, if it cannot.
    pub store_problem: Option<String>,
    pub keep_note: Option<KeepNote>,
}

pub enum BookAction {
    Collect(bool),
    Loaded(Result<(Vec<KeptDigit>, Vec<u32>), String>),
    Kept(KeptDigit),
    /// Digits an import added to the store (the page adds them rather than reading every kept
    /// digit again).
    Imported(Vec<KeptDigit>),
    KeepFailed(String),
}

impl DigitBook {
    /// How many digits of each label are kept.
    pub fn count_of(&self, label: u8) -> usize {
        self.digits.iter().filter(|k| k.digit.label == label).count()
    }

    /// Every kept digit as (784 pixels, label), oldest first: what fine-tuning trains on (the
    /// "Fine-tune on my digits" button of issue 14 sends them).
    #[allow(dead_code)]
    pub fn training_pairs(&self) -> Vec<(Vec<f32>, u8)> {
        self.digits.iter().map(|k| (k.digit.pixels.clone(), k.digit.label)).collect()
    }
}

impl DigitBook {
    /// The kept digits as the worker's messages carry them (`ToWorker::FineTune`, a run's
    /// `extra_digits`), oldest first.
    pub fn labelled_digits(&self) -> LabelledDigits {
        LabelledDigits {
            pixels: self.digits.iter().flat_map(|k| k.digit.pixels.iter().copied()).collect(),
            labels: self.digits.iter().map(|k| k.digit.label).collect(),
        }
    }
}

impl Reducible for DigitBook {
    type Action = BookAction;

    fn reduce(self: Rc<Self>, action: BookAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            BookAction::Collect(on) => {
                next.collecting = on;
                next.keep_note = None;
            }
            BookAction::Loaded(Ok((digits, unreadable))) => {
                next.digits = Rc::new(digits);
                next.unreadable = Rc::new(unreadable);
                next.store_problem = None;
                next.loaded = true;
            }
            BookAction::Loaded(Err(problem)) => {
                next.store_problem = Some(problem);
                next.loaded = true;
            }
            BookAction::Kept(kept) => {
                let label = kept.digit.label;
                Rc::make_mut(&mut next.digits).push(kept);
                let of_label = next.count_of(label);
                let total = next.digits.len();
                next.keep_note = Some(KeepNote {
                    text: format!(
                        "Kept as {}: {}, {} in all.",
                        a_number(u64::from(label)),
                        how_many(label, of_label),
                        count(total, "digit")
                    ),
                    failed: false,
                });
            }
            BookAction::Imported(added) => Rc::make_mut(&mut next.digits).extend(added),
            BookAction::KeepFailed(text) => next.keep_note = Some(KeepNote { text, failed: true }),
        }
        Rc::new(next)
    }
}

/// Reads the store again and puts what it holds on the page.
pub async fn reload(book: &UseReducerDispatcher<DigitBook>) {
    book.dispatch(BookAction::Loaded(digits::all().await));
}

/// Keeps `digit`; true when it was stored (the drawing can then be wiped).
pub async fn keep(book: &UseReducerDispatcher<DigitBook>, digit: MyDigit) -> bool {
    let label = digit.label;
    match digits::add_all(vec![digit], &format!("Your {label}")).await {
        Ok(mut kept) => {
            if let Some(kept) = kept.pop() {
                book.dispatch(BookAction::Kept(kept));
            }
            true
        }
        Err(message) => {
            book.dispatch(BookAction::KeepFailed(format!("{message}. Your drawing is still on the canvas.")));
            false
        }
    }
}

/// The learner's digits; `App` provides them around the whole page, as one reducer that the
/// drawing panel, the training form and "My digits" all read and change.
#[yew::hook]
pub fn use_book() -> yew::UseReducerHandle<DigitBook> {
    yew::use_context::<yew::UseReducerHandle<DigitBook>>().expect("App provides the digit book around the page")
}
