//! A teacher's class link: which of the page's seven sections show, which guided steps are
//! assigned, and the class's name, carried in the share link beside the model, the settings and
//! the data (`class=Year%209B&show=1.2.3.6&steps=1.2.15`). Opening such a link shows only what
//! the teacher chose, with a line that says so and a way out to the full lab. Read with the same
//! care as the rest of a link: a bad part is refused with what it may be. The handout
//! ([`handout`]) draws the link as a QR code and plans the lesson's minutes.

pub mod handout;

pub use handout::{PLAN_IMAGES_PER_SECOND, PlanLine, qr_modules, qr_svg, time_plan};

use thiserror::Error;

use crate::exercise::steps::STEPS;

/// The page's sections, numbered as on the page.
pub const SECTIONS: [&str; 7] = ["Data", "Model", "Train", "Evaluate", "Runs", "Draw", "Share"];
/// A class name fits a heading and a handout's title.
pub const MAX_NAME: usize = 40;

/// What a class link fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassSetup {
    /// As the teacher typed it (letters, digits, spaces, `-`, `.`, `'`).
    pub name: String,
    /// The sections shown, 1 to 7, in order.
    pub sections: Vec<usize>,
    /// The guided steps assigned, 1 to 17, in order; empty: every step.
    pub steps: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ClassLinkError {
    #[error("the class name is empty")]
    NoName,
    #[error("the class name is longer than {MAX_NAME} characters")]
    LongName,
    #[error("the class name may hold letters, digits, spaces, \"-\", \".\" and \"'\" only")]
    NameCharacters,
    #[error("\"{key}={value}\": {reason}")]
    BadList { key: &'static str, value: String, reason: String },
    #[error("a class link shows at least one section")]
    NoSection,
    #[error("\"{0}\" appears twice in the link")]
    Duplicate(&'static str),
}

impl ClassSetup {
    /// Checks a setup made on the page, as one read from a link is.
    pub fn new(name: &str, sections: Vec<usize>, steps: Vec<usize>) -> Result<ClassSetup, ClassLinkError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ClassLinkError::NoName);
        }
        if name.chars().count() > MAX_NAME {
            return Err(ClassLinkError::LongName);
        }
        if !name.chars().all(|c| c.is_alphanumeric() || " -.'".contains(c)) {
            return Err(ClassLinkError::NameCharacters);
        }
        let sections = sorted(sections);
        let steps = sorted(steps);
        if sections.is_empty() {
            return Err(ClassLinkError::NoSection);
        }
        if let Some(&bad) = sections.iter().find(|&&s| !(1..=SECTIONS.len()).contains(&s)) {
            return Err(list_error("show", &bad.to_string(), format!("sections are numbered 1 to {}", SECTIONS.len())));
        }
        if let Some(&bad) = steps.iter().find(|&&s| !(1..=STEPS.len()).contains(&s)) {
            return Err(list_error("steps", &bad.to_string(), format!("guided steps are numbered 1 to {}", STEPS.len())));
        }
        Ok(ClassSetup { name: name.to_string(), sections, steps })
    }

    /// Whether section `number` (1 to 7) shows.
    pub fn shows(&self, number: usize) -> bool {
        self.sections.contains(&number)
    }

    /// The 0-based indices of the assigned steps (every step when none is named).
    pub fn step_indices(&self) -> Vec<usize> {
        if self.steps.is_empty() { (0..STEPS.len()).collect() } else { self.steps.iter().map(|s| s - 1).collect() }
    }

    /// The link's part for this setup (no leading `&`); spaces escaped, the rest is URL-safe.
    pub fn link_part(&self) -> String {
        let list = |numbers: &[usize]| numbers.iter().map(usize::to_string).collect::<Vec<_>>().join(".");
        let mut part = format!("class={}&show={}", self.name.replace(' ', "%20").replace('\'', "%27"), list(&self.sections));
        if !self.steps.is_empty() {
            part.push_str(&format!("&steps={}", list(&self.steps)));
        }
        part
    }

    /// What the class sees, in a line: "Data, Model and Train; guided steps 1, 2 and 15".
    pub fn words(&self) -> String {
        let sections: Vec<String> = self.sections.iter().map(|&s| SECTIONS[s - 1].to_string()).collect();
        let steps = if self.steps.is_empty() {
            "every guided step".to_string()
        } else {
            let numbers: Vec<String> = self.steps.iter().map(usize::to_string).collect();
            format!("guided {} {}", if numbers.len() == 1 { "step" } else { "steps" }, and_list(&numbers))
        };
        format!("{}; {steps}", and_list(&sections))
    }
}

/// The class setup a link holds (already unescaped), if it names a class.
pub fn class_in_link(link: &str) -> Result<Option<ClassSetup>, ClassLinkError> {
    let link = link.trim().trim_start_matches(['#', '?']);
    let value = |key: &'static str| -> Result<Option<&str>, ClassLinkError> {
        let mut found = link.split('&').filter_map(|item| item.strip_prefix(key)?.strip_prefix('='));
        let first = found.next();
        if found.next().is_some() {
            return Err(ClassLinkError::Duplicate(key));
        }
        Ok(first)
    };
    let Some(name) = value("class")? else { return Ok(None) };
    let numbers = |key: &'static str, text: &str| -> Result<Vec<usize>, ClassLinkError> {
        text.split('.')
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<usize>().map_err(|_| list_error(key, text, "numbers joined by dots, such as 1.2.6".into())))
            .collect()
    };
    let sections = match value("show")? {
        Some(text) => numbers("show", text)?,
        None => (1..=SECTIONS.len()).collect(),
    };
    let steps = match value("steps")? {
        Some(text) => numbers("steps", text)?,
        None => Vec::new(),
    };
    ClassSetup::new(name, sections, steps).map(Some)
}

fn sorted(mut numbers: Vec<usize>) -> Vec<usize> {
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

fn list_error(key: &'static str, value: &str, reason: String) -> ClassLinkError {
    ClassLinkError::BadList { key, value: crate::model::share_link::excerpt(value), reason }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
