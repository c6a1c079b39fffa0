//! The model builder: presets, the layers (each a `LayerEditor`), and a row to add a layer.
//! After a move, removal or addition the keyboard focus follows the layer, because the rows
//! are re-used by position and would otherwise leave focus on a different layer.

use super::layer_editor::LayerEditor;
use crate::exercise::builder::{KINDS, Preset, default_insert_position, insert_layer, move_layer, new_layer, remove_layer, replace_layer};
use crate::model::{LayerKind, ModelSpec};
use web_sys::{HtmlElement, HtmlSelectElement};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ModelSpec,
    pub on_change: Callback<ModelSpec>,
}

#[function_component]
pub fn ModelBuilder(props: &Props) -> Html {
    // CSS selectors, separated by " | " and tried in order, to focus once the edit is rendered.
    let focus = use_mut_ref(|| None::<String>);
    let add_kind = use_state(|| LayerKind::Conv2D);
    let add_at = use_state(|| None::<usize>);
    {
        let focus = focus.clone();
        use_effect(move || {
            let Some(selectors) = focus.borrow_mut().take() else { return };
            let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
            let element = selectors.split(" | ").find_map(|selector| document.query_selector(selector).ok().flatten());
            if let Some(element) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                let _ = element.focus();
            }
        });
    }
    let spec = &props.spec;
    let count = spec.layers.len();
    let error = spec.validate().err();
    let error_at = error.as_ref().and_then(|e| e.layer_index());
    let layers = spec.layers.iter().enumerate().map(|(index, layer)| {
        let on_change = {
            let (spec, on_change) = (spec.clone(), props.on_change.clone());
            Callback::from(move |layer| on_change.emit(replace_layer(&spec, index, layer)))
        };
        let on_move = {
            let (spec, focus, on_change) = (spec.clone(), focus.clone(), props.on_change.clone());
            Callback::from(move |up: bool| {
                let (next, at) = move_layer(&spec, index, up);
                // The same button if it is still usable there, else its twin.
                let n = at + 1;
                let (first, second) = if up { ("up", "down") } else { ("down", "up") };
                *focus.borrow_mut() = Some(format!("#layer-{n}-{first}:not([disabled]) | #layer-{n}-{second}"));
                on_change.emit(next);
            })
        };
        let on_remove = {
            let (spec, focus, on_change) = (spec.clone(), focus.clone(), props.on_change.clone());
            Callback::from(move |_| {
                let next = remove_layer(&spec, index);
                // The layer that took its place, else the one before, else the add button.
                let target = if index < next.layers.len() { index + 1 } else { index };
                *focus.borrow_mut() = Some(if target == 0 { "#add-layer".into() } else { format!("#layer-{target}-remove") });
                on_change.emit(next);
            })
        };
        let message = (error_at == Some(index)).then(|| AttrValue::from(error.as_ref().map(ToString::to_string).unwrap_or_default()));
        html! { <LayerEditor {index} {count} layer={layer.clone()} error={message} {on_change} {on_move} {on_remove} /> }
    });

    let presets = Preset::ALL.map(|preset| {
        let onclick = {
            let (focus, on_change) = (focus.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                *focus.borrow_mut() = None;
                on_change.emit(preset.spec());
            })
        };
        let id = match preset { Preset::Tutorial => "preset-tutorial", Preset::DenseBaseline => "preset-dense" };
        let pressed = Preset::matching(spec) == Some(preset);
        html! { <button type="button" {id} class="secondary" aria-pressed={pressed.to_string()} {onclick}>{ preset.label() }</button> }
    });

    let position = add_at.unwrap_or_else(|| default_insert_position(spec, *add_kind)).min(count);
    let on_kind = {
        let (add_kind, add_at) = (add_kind.clone(), add_at.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(kind) = KINDS.into_iter().find(|k| k.name() == select.value()) {
                add_kind.set(kind);
                add_at.set(None); // back to the kind's natural place
            }
        })
    };
    let on_position = {
        let add_at = add_at.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            add_at.set(select.value().parse().ok());
        })
    };
    let on_add = {
        let (kind, spec, add_at) = (*add_kind, spec.clone(), add_at.clone());
        let (focus, on_change) = (focus.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            add_at.set(None);
            // The new layer's first control (Flatten has only its buttons).
            let n = position + 1;
            *focus.borrow_mut() = Some(format!("#layer-{n} input | #layer-{n} select | #layer-{n}-remove"));
            on_change.emit(insert_layer(&spec, position, new_layer(kind)));
        })
    };

    html! {
        <div class="builder" id="model-builder">
            <div class="presets" role="group" aria-label="Start from a preset">
                <span class="note">{ "Start from:" }</span>
                { for presets }
            </div>
            <p class="note builder-input">{ "Input: one 28 × 28 image with 1 grey channel, written (28, 28, 1)." }</p>
            <ol class="layers" aria-label="Layers, from the input to the output">
                { for layers }
            </ol>
            if let (Some(error), None) = (&error, error_at) {
                <p id="model-error" class="error" role="alert">{ error.to_string() }</p>
            }
            <div class="add-layer" role="group" aria-label="Add a layer">
                <label class="field">{ "New layer" }
                    <select id="add-kind" onchange={on_kind}>
                        { for KINDS.map(|k| html! { <option value={k.name()} selected={k == *add_kind}>{ k.name() }</option> }) }
                    </select>
                </label>
                <label class="field">{ "Where" }
                    <select id="add-position" onchange={on_position}>
                        { for (0..=count).map(|at| html! {
                            <option value={at.to_string()} selected={at == position}>{
                                if at == count { "at the end".to_string() } else { format!("before layer {} ({})", at + 1, spec.layers[at].kind()) }
                            }</option>
                        }) }
                    </select>
                </label>
                <button type="button" id="add-layer" onclick={on_add}>{ "Add layer" }</button>
            </div>
        </div>
    }
}
