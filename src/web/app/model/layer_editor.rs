//! One layer of the model builder: its settings as real inputs and selects, buttons to move or
//! remove it, and the core's message when this is the layer that makes the model impossible.

use crate::exercise::builder::{Edit, Setting};
use crate::model::limits::{MAX_DROPOUT_RATE, setting_max};
use crate::model::validation::check_setting;
use crate::model::{Activation, LayerKind, LayerSpec, Padding, Rate};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// 0-based position in the model.
    pub index: usize,
    /// How many layers the model has (to disable "move down" on the last one).
    pub count: usize,
    pub layer: LayerSpec,
    /// The validation message, when this layer is the offending one.
    pub error: Option<AttrValue>,
    /// Every change, by position: applied to the model as it is when handled.
    pub on_edit: Callback<Edit>,
}

#[function_component]
pub fn LayerEditor(props: &Props) -> Html {
    let n = props.index + 1;
    let id = |part: &str| format!("layer-{n}-{part}");
    let (index, kind) = (props.index, props.layer.kind());
    // A number too large for this machine's `usize` (wasm32: over 4 294 967 295) is kept as typed,
    // so the field and the message show what the learner wrote, not a saturated value.
    let too_large = use_state(|| None::<(Setting, u64)>);
    let numbers = Setting::of(kind).iter().map(|&setting| {
        let value = setting.get(&props.layer).unwrap_or_default();
        let oninput = {
            let too_large = too_large.clone();
            props.on_edit.reform(move |event: InputEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                // An emptied field reads as 0, which the core reports as "must be at least 1".
                let wide = input.value().trim().parse::<u64>().unwrap_or(0);
                let value = usize::try_from(wide).unwrap_or(usize::MAX);
                too_large.set((value as u64 != wide).then_some((setting, wide)));
                Edit::Set { index, setting, value }
            })
        };
        let max = setting_max(setting.field());
        let shown = too_large.filter(|(s, _)| *s == setting).map_or(value as u64, |(_, wide)| wide);
        html! {
            <label class="field">{ setting.label() }
                <input id={id(setting.id())} type="number" min="1" max={max.to_string()} step="1" value={shown.to_string()} {oninput} />
            </label>
        }
    });
    // The core's own check and message, on the value as typed.
    let error = match *too_large {
        Some((setting, wide)) => check_setting(index, kind, setting.field(), wide).err().map(|e| AttrValue::from(e.to_string())),
        None => props.error.clone(),
    };
    let padding = match &props.layer {
        LayerSpec::Conv2D { padding, .. } => {
            let onchange = props.on_edit.reform(move |event: Event| {
                let select: HtmlSelectElement = event.target_unchecked_into();
                let padding = if select.value() == "valid" { Padding::Valid } else { Padding::Same };
                Edit::Padding { index, padding }
            });
            Some(html! {
                <label class="field">{ "Padding" }
                    <select id={id("padding")} {onchange}>
                        { for [Padding::Same, Padding::Valid].map(|p| html! { <option value={p.name()} selected={p == *padding}>{ p.name() }</option> }) }
                    </select>
                </label>
            })
        }
        _ => None,
    };
    // The rate as typed while it reads as the spec's rate, so that "0." on the way to "0.25" is
    // not rewritten as "0" under the learner's cursor.
    let typed_rate = use_state(|| None::<String>);
    let rate = match props.layer {
        LayerSpec::Dropout { rate } => {
            let oninput = {
                let typed_rate = typed_rate.clone();
                props.on_edit.reform(move |event: InputEvent| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    // Anything that is not a number reads as NaN, which the core refuses with its message.
                    let rate = Rate(input.value().trim().parse::<f32>().unwrap_or(f32::NAN));
                    typed_rate.set(Some(input.value()));
                    Edit::Rate { index, rate }
                })
            };
            let reads_as = |text: &String| Rate(text.trim().parse::<f32>().unwrap_or(f32::NAN)) == rate;
            let shown = typed_rate.as_ref().filter(|text| reads_as(text)).cloned().unwrap_or_else(|| rate.to_string());
            Some(html! {
                <label class="field">{ "Rate" }
                    <input id={id("rate")} type="number" min="0" max={MAX_DROPOUT_RATE.to_string()} step="0.05"
                        value={shown} {oninput} />
                </label>
            })
        }
        _ => None,
    };
    let activation = props.layer.activation().map(|current| {
        let onchange = props.on_edit.reform(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let activation = Activation::ALL.into_iter().find(|a| a.name() == select.value()).unwrap_or_default();
            Edit::Activation { index, activation }
        });
        html! {
            <label class="field">{ "Activation" }
                <select id={id("activation")} {onchange}>
                    { for Activation::ALL.map(|a| html! { <option value={a.name()} selected={a == current}>{ a.name() }</option> }) }
                </select>
            </label>
        }
    });
    let on_up = props.on_edit.reform(move |_: MouseEvent| Edit::Move { index, up: true });
    let on_down = props.on_edit.reform(move |_: MouseEvent| Edit::Move { index, up: false });
    let on_remove = props.on_edit.reform(move |_: MouseEvent| Edit::Remove { index });
    let error_id = id("error");
    html! {
        <li id={format!("layer-{n}")} class={classes!("layer", error.is_some().then_some("invalid"))}
            aria-describedby={error.as_ref().map(|_| error_id.clone())}>
            <span class="layer-name">{ format!("{n}. {kind}") }</span>
            <div class="layer-fields">
                { for numbers }
                { for padding }
                { for rate }
                { for activation }
                if let Some(note) = no_settings_note(kind) {
                    <span class="note">{ note }</span>
                }
            </div>
            // After the settings, so the Tab order follows the row from left to right.
            <span class="layer-buttons">
                <button type="button" id={id("up")} class="small" onclick={on_up} disabled={props.index == 0}
                    aria-label={format!("Move layer {n} ({kind}) up")}>{ "↑" }</button>
                <button type="button" id={id("down")} class="small" onclick={on_down} disabled={n >= props.count}
                    aria-label={format!("Move layer {n} ({kind}) down")}>{ "↓" }</button>
                <button type="button" id={id("remove")} class="small remove" onclick={on_remove}
                    aria-label={format!("Remove layer {n} ({kind})")}>{ "Remove" }</button>
            </span>
            if let Some(message) = &error {
                <p id={error_id} class="error layer-error" role="alert">{ message }</p>
            }
        </li>
    }
}

/// What a layer without settings does, in place of its settings.
fn no_settings_note(kind: LayerKind) -> Option<&'static str> {
    match kind {
        LayerKind::Flatten => Some("Lays the image out as one long row of numbers; no settings."),
        LayerKind::BatchNormalization => Some(
            "Rescales each channel (or unit) to mean 0 and variance 1, then scales by γ and shifts by β, which it learns; \
             Keras' settings (momentum 0.99, epsilon 0.001).",
        ),
        _ => None,
    }
}
