//! "Your own kernel": nine weights the learner types (or a classic kernel picked), slid over
//! their latest drawing as the first Conv2D does it, with the map it makes beside the digit, and
//! which of the first layer's learned maps of the same drawing looks most like it (kept back
//! while the guided step on classic kernels and learned filters is open).

use crate::inspect::kernel_playground::{Kernel, Preset, SIDE, apply_kernel, closest_maps, parse_weight};
use crate::exercise::hidden::HiddenViews;
use crate::inspect::{LayerValues, Quantised};
use crate::web::app::state::inside::{InsideView, drawing_pixels};
use super::kernel_slide::KernelSlide;
use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

const DIGIT: usize = 28;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub inside: Rc<InsideView>,
}

fn texts_of(kernel: &Kernel) -> Vec<String> {
    kernel.iter().map(|w| format!("{}", (w * 1000.0).round() / 1000.0)).collect()
}

#[function_component]
pub fn KernelEditor(props: &Props) -> Html {
    let texts = use_state(|| texts_of(&Preset::SobelVertical.weights()));
    let hidden = use_context::<HiddenViews>().unwrap_or_default();
    // The kernel last typed in full: a weight being typed ("-", "0.") keeps the map as it was.
    let parsed: Vec<Result<f32, String>> = texts.iter().map(|t| parse_weight(t).map_err(|e| e.to_string())).collect();
    let last_good = use_mut_ref(|| Preset::SobelVertical.weights());
    if parsed.iter().all(Result::is_ok) {
        let mut kernel = [0.0; SIDE * SIDE];
        kernel.iter_mut().zip(&parsed).for_each(|(k, p)| *k = *p.as_ref().unwrap_or(&0.0));
        *last_good.borrow_mut() = kernel;
    }
    let kernel = *last_good.borrow();
    let grid = (0..SIDE * SIDE).map(|i| {
        let oninput = {
            let texts = texts.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let mut next = (*texts).clone();
                next[i] = input.value();
                texts.set(next);
            })
        };
        let bad = parsed[i].is_err();
        html! {
            <input type="text" inputmode="decimal" class={classes!("weight-input", bad.then_some("invalid"))} id={format!("own-weight-{i}")}
                value={texts[i].clone()} {oninput} aria-invalid={bad.to_string()}
                aria-label={format!("weight, row {}, column {}", i / SIDE + 1, i % SIDE + 1)} />
        }
    });
    let problems: Vec<String> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().err().map(|e| format!("Row {}, column {}: {e}.", i / SIDE + 1, i % SIDE + 1)))
        .collect();
    let presets = Preset::ALL.iter().map(|&preset| {
        let texts = texts.clone();
        // Compared as written: box blur's 1/9 is shown, and read back, as 0.111.
        let pressed = parsed.iter().all(Result::is_ok) && texts_of(&kernel) == texts_of(&preset.weights());
        html! {
            <button type="button" class={classes!("small", if pressed { "selected" } else { "secondary" })} aria-pressed={pressed.to_string()}
                title={preset.what_it_does()} onclick={Callback::from(move |_: MouseEvent| texts.set(texts_of(&preset.weights())))}>
                { preset.name() }
            </button>
        }
    });
    let described = Preset::ALL.iter().find(|p| texts_of(&p.weights()) == texts_of(&kernel)).map(|p| p.what_it_does());
    let drawing = props.inside.drawing.as_ref();
    let pixels = drawing.and_then(|d| drawing_pixels(d.request));
    let result = match (drawing, pixels) {
        (Some(drawing), Some(pixels)) => {
            let map: Rc<[f32]> = apply_kernel(&pixels, DIGIT, &kernel).into();
            let shown = Quantised::new(&map);
            // The first layer's maps of the same drawing, when the first layer is a convolution.
            let learned: Option<(&str, Vec<Vec<f32>>)> = drawing.maps.layers.first().and_then(|layer| match &layer.values {
                LayerValues::Channels(channels) if layer.name.starts_with("conv2d") => {
                    Some((layer.name.as_str(), channels.iter().map(Quantised::values).collect()))
                }
                _ => None,
            });
            let closest = learned.as_ref().map(|(name, maps)| (name, closest_maps(&map, DIGIT, maps)));
            html! {
                <div class="own-kernel-result">
                    <figure class="own-kernel-map">
                        <ByteImage levels={Rc::<[u8]>::from(shown.levels.as_slice())} width={DIGIT as u32} height={DIGIT as u32}
                            palette={Palette::for_values(&shown)} class="map-large" label="your kernel's map of your digit" />
                        <figcaption class="note" id="own-kernel-caption"
                            data-map={map.iter().map(|v| format!("{v:.5}")).collect::<Vec<_>>().join(",")}
                            data-pixels={pixels.iter().map(|v| format!("{v:.5}")).collect::<Vec<_>>().join(",")}>
                            { format!("Your kernel's map of your latest drawing: values {:.2} to {:.2}{}", shown.min, shown.max,
                                if shown.min < 0.0 { " (blue negative, red positive)." } else { "." }) }
                        </figcaption>
                    </figure>
                    <p class="note" id="own-kernel-closest">{ match &closest {
                        Some(_) if hidden.closest_filter => {
                            format!("Which learned filter looks most like your kernel is {}.", hidden.label())
                        }
                        Some((name, ranked)) if !ranked.is_empty() => {
                            let (best, r) = ranked[0];
                            format!(
                                "Of {name}'s {} learned maps of the same drawing, channel {best} looks most like yours after ReLU \
                                 (correlation {r:.2}; 1 would be the same picture){}. Press a channel of {name} above to see its kernel.",
                                learned.as_ref().map_or(0, |(_, m)| m.len()),
                                ranked.get(1).map_or(String::new(), |(c, r)| format!(", then channel {c} ({r:.2})"))
                            )
                        }
                        Some(_) => "Your kernel's map is flat on this drawing (every value the same), so it looks like none of the learned maps.".to_string(),
                        None => "The model that answers does not start with a convolution, so there are no learned maps to compare with.".to_string(),
                    } }</p>
                    <KernelSlide pixels={pixels.clone()} {kernel} map={map.clone()} />
                </div>
            }
        }
        _ => html! { <p class="note">{ "Draw a digit above to see what your kernel makes of it." }</p> },
    };
    html! {
        <div class="own-kernel" id="own-kernel">
            <p class="note">{ "A kernel is nine weights. Type your own, or start from a classic one; the map is your drawing with \
                the kernel laid on every pixel, each value under it multiplied by the weight on top and the nine products added \
                up, as the first convolution does it (zeros outside the digit)." }</p>
            <div class="preset-buttons" id="own-kernel-presets" tabindex="-1" role="group" aria-label="classic kernels">{ for presets }</div>
            if let Some(words) = described { <p class="note" id="own-kernel-words">{ words }</p> }
            <div class="own-kernel-parts">
                <div class="weight-grid" role="group" aria-label="your kernel's nine weights">{ for grid }</div>
                { result }
            </div>
            if !problems.is_empty() {
                <p class="error" role="alert" id="own-kernel-problem">{ problems.join(" ") }{ " The map shows the last kernel you typed in full." }</p>
            }
        </div>
    }
}
