//! A figure held back until the learner answers the guided step that asks for it: "?" on
//! screen, and in words for screen readers, so the number is nowhere in the page.

use crate::exercise::hidden::hidden_label;
use yew::prelude::*;

/// What stands in for a figure that step `step` (1-based) asks for.
pub fn hidden_answer(step: usize) -> Html {
    html! {
        <span class="hidden-answer"><span aria-hidden="true">{ "?" }</span><span class="visually-hidden">{ hidden_label(step) }</span></span>
    }
}
