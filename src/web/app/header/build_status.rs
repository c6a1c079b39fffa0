//! One line under the title while `cargo xtask run` is still building the worker that trains
//! on WebGPU (the page is served before it, so a newcomer can start sooner): what is missing,
//! what works meanwhile, and when to reload. A hosted site never shows it.

use crate::web::app::browser::site_build::SiteBuild;
use yew::prelude::*;

#[function_component]
pub fn BuildStatus() -> Html {
    // Where the build stood when the page started (it picked its worker from that), and now.
    let at_start = use_state(SiteBuild::now);
    let now = use_state(SiteBuild::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            now.set(SiteBuild::now());
            let listener = web_sys::window()
                .map(|window| gloo_events::EventListener::new(&window, "convlab-building", move |_| now.set(SiteBuild::now())));
            move || drop(listener)
        });
    }
    let text = match (*at_start, *now) {
        (_, SiteBuild::WebGpuWorkerBuilding) => {
            "cargo xtask run is still building the part of ConvLab that trains on a graphics card (WebGPU). \
             Everything else works: until it is ready, training runs on this computer's processor."
        }
        (_, SiteBuild::WebGpuWorkerFailed) => {
            "The part of ConvLab that trains on a graphics card could not be built (the terminal running \
             cargo xtask run says why). Everything else works: training runs on this computer's processor."
        }
        (SiteBuild::Complete, SiteBuild::Complete) => return html! {},
        (_, SiteBuild::Complete) => {
            "The part of ConvLab that trains on a graphics card is built: reload the page to use it \
             (kept runs, models and your digits stay)."
        }
    };
    html! { <p id="build-status" class="build-status" role="status">{ text }</p> }
}
