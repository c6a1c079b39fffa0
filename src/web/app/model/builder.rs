//! The model builder: presets, the layers (each a `LayerEditor`), and a row to add a layer.
//! Edits go out as `Edit`s, applied to the current spec by the reducer. After a move, removal
//! or addition the keyboard focus follows the layer: rows are re-used by position and would
//! otherwise leave the focus on whichever layer now sits there.

use super::layer_editor::LayerEditor;
use crate::exercise::builder::{Edit, KINDS, Preset, default_insert_position};
use crate::model::{LayerKind, ModelSpec};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ModelSpec,
    pub on_edit: Callback<Edit>,
}

/// Where the focus should go once `edit` is rendered, for a model of `count` layers: CSS
/// selectors separated by " | ", tried in order.
fn focus_after(edit: &Edit, count: usize) -> Option<String> {
    match *edit {
        Edit::Move { index, up } => {
            let at = if up { index.saturating_sub(1) } else { (index + 1).min(count.saturating_sub(1)) };
            let n = at + 1;
            // The same button if it still works there (not at either end), else its twin.
            let (same, twin) = if up { ("up", "down") } else { ("down", "up") };
            Some(format!("#layer-{n}-{same}:not([disabled]) | #layer-{n}-{twin}"))
        }
        Edit::Remove { index } => {
            // The layer that takes its place, else the one before it, else the Add button.
            let n = if index + 1 < count { index + 1 } else { index };
            Some(if n == 0 { "#add-layer".to_string() } else { format!("#layer-{n}-remove") })
        }
        Edit::Insert { index, .. } => {
            let n = index + 1;
            Some(format!("#layer-{n} input | #layer-{n} select | #layer-{n}-remove"))
        }
        _ => None,
    }
}

#[function_component]
pub fn ModelBuilder(props: &Props) -> Html {
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
    let on_edit = {
        let (focus, on_edit) = (focus.clone(), props.on_edit.clone());
        Callback::from(move |edit: Edit| {
            *focus.borrow_mut() = focus_after(&edit, count);
            on_edit.emit(edit);
        })
    };
    let error = spec.validate().err();
    let error_at = error.as_ref().and_then(|e| e.layer_index());

    let layers = spec.layers.iter().enumerate().map(|(index, layer)| {
        let message = match &error {
            Some(error) if error_at == Some(index) => Some(AttrValue::from(error.to_string())),
            _ => None,
        };
        html! { <LayerEditor {index} {count} layer={layer.clone()} error={message} on_edit={on_edit.clone()} /> }
    });

    let presets = Preset::ALL.map(|preset| {
        let onclick = on_edit.reform(move |_: MouseEvent| Edit::Load(preset.spec()));
        let id = match preset {
            Preset::Tutorial => "preset-tutorial",
            Preset::DenseBaseline => "preset-dense",
        };
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
        let (kind, add_at) = (*add_kind, add_at.clone());
        on_edit.reform(move |_: MouseEvent| {
            add_at.set(None);
            Edit::Insert { index: position, kind }
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
