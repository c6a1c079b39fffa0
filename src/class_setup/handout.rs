//! The class handout: the class link as a QR code a phone can read, and a time plan for the
//! lesson that fits the minutes the teacher has.

use qrcode::render::svg;
use qrcode::{Color, QrCode};

use super::ClassSetup;
use crate::data::DataChoice;
use crate::hyperparameters::Hyperparameters;
use crate::wording::count;

/// Images a second a school laptop trains on the CPU, for the plan: under what the threaded
/// worker does on a 2-core machine (840 a second at batch 32), near the 1-thread fallback.
pub const PLAN_IMAGES_PER_SECOND: usize = 500;

fn code(link: &str) -> Result<QrCode, String> {
    QrCode::new(link.as_bytes()).map_err(|e| format!("the link cannot be drawn as a QR code: {e}"))
}

/// The link's QR code as an SVG picture: dark modules on white, with the quiet zone a reader
/// needs around it.
pub fn qr_svg(link: &str) -> Result<String, String> {
    let picture = code(link)?
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The `<svg>` element alone: the XML declaration before it has no place inside a page.
    Ok(picture.find("<svg").map_or(picture.clone(), |start| picture[start..].to_string()))
}

/// The same code's modules, row by row (true: dark), with its width in modules, without the
/// quiet zone: what the SVG draws.
pub fn qr_modules(link: &str) -> Result<(usize, Vec<bool>), String> {
    let code = code(link)?;
    Ok((code.width(), code.to_colors().into_iter().map(|c| c == Color::Dark).collect()))
}

/// One line of the plan: minutes, then what to do.
pub type PlanLine = (usize, String);

/// A plan for a lesson of `minutes`: opening the link, what the class link shows, in the page's
/// order, and the time left to explore. Every line gets at least a minute; a lesson too short
/// for them all keeps the lines and says how many minutes it needs.
pub fn time_plan(class: &ClassSetup, hyper: &Hyperparameters, data: DataChoice, minutes: usize) -> Vec<PlanLine> {
    let (train_images, _) = data.images();
    let images = hyper.train_subset.map_or(train_images, |n| n.min(train_images));
    let mut plan: Vec<PlanLine> = vec![(3, "Open the link; the data downloads while you read section 1.".into())];
    if class.shows(6) {
        plan.push((5, "Draw a few digits: the pre-trained model answers as you draw.".into()));
    }
    if class.shows(2) {
        let steps = class.step_indices().len();
        let which = if steps == 1 { "guided step".to_string() } else { format!("{steps} guided steps") };
        plan.push((3 * steps, format!("The {which}: predict first, then check.")));
    }
    if class.shows(3) {
        let seconds = hyper.epochs * images / PLAN_IMAGES_PER_SECOND;
        let training = seconds.div_ceil(60).max(1);
        plan.push((training + 2, format!(
            "Train: {} on {} images, about {} on a school laptop; watch the loss fall.",
            count(hyper.epochs, "epoch"),
            crate::model::digit_groups::thousands(images),
            count(training, "minute")
        )));
    }
    if class.shows(5) {
        plan.push((3, "Make your result card (Card, in 5. Runs) and give it to your teacher.".into()));
    }
    let used: usize = plan.iter().map(|(m, _)| m).sum();
    if used < minutes {
        plan.push((minutes - used, "Explore: change the model or the settings, train again, compare your runs.".into()));
    }
    plan
}
