//! Under "About this machine": what this browser offers ConvLab, each part with what the page
//! does without it (`crate::browser_support`), so no missing feature goes unsaid.

use crate::browser_support::features;
use crate::web::app::browser::browser_facts;
use yew::prelude::*;

#[function_component]
pub fn BrowserFeatures() -> Html {
    // The browser does not change under an open page.
    let facts = use_memo((), |_| browser_facts::read());
    html! {
        <ul id="browser-features" class="browser-features note" aria-label="What this browser offers">
            { for features(&facts).into_iter().map(|feature| html! {
                <li data-feature={feature.key} data-present={feature.present.to_string()}>
                    <strong>{ format!("{}: {}.", feature.name, if feature.present { "yes" } else { "no" }) }</strong>
                    { " " }{ feature.sentence }
                </li>
            }) }
        </ul>
    }
}
