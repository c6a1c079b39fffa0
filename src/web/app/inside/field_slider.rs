//! "How much of your digit does one value see?": a slider over the model's image layers shows
//! the receptive field of a value in the middle of each layer's maps as a box on the learner's
//! digit, with the two formulas that make it grow. Computed from the model's spec, so it is
//! right for any model the builder makes. While a guided step asks for a field's size, that
//! size is hidden here as the summary hides its numbers.

use super::field_on_digit::FieldOnDigit;
use crate::exercise::hidden::HiddenViews;
use crate::model::ModelSpec;
use crate::model::receptive_field::field_growth;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: Rc<ModelSpec>,
    /// Keras' names of the model's layers, in order.
    pub names: Rc<[String]>,
    /// The drawing as the model read it (784 values in 0..1).
    pub pixels: Rc<[f32]>,
}

#[function_component]
pub fn FieldSlider(props: &Props) -> Html {
    let steps = use_memo(props.spec.clone(), |spec| field_growth(spec).unwrap_or_default());
    let at = use_state(|| 0_usize);
    let hidden = use_context::<HiddenViews>().unwrap_or_default();
    if steps.is_empty() {
        return html! {};
    }
    let index = (*at).min(steps.len() - 1);
    let step = steps[index];
    let name = props.names.get(step.layer).cloned().unwrap_or_else(|| format!("layer {}", step.layer));
    let oninput = {
        let at = at.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            at.set(input.value().parse().unwrap_or(0));
        })
    };
    let what = if step.stride > 1 { "pooling window" } else { "kernel" };
    let secret = hidden.hides_field(step.after.size).then(|| hidden.label());
    let size_words = match &secret {
        Some(label) => format!("{name}: field {label}"),
        None => format!("{name}: {} × {} pixels", step.after.size, step.after.size),
    };
    html! {
        <div class="field-slider" id="field-slider">
            <h4 class="layer-title" id="field-slider-title">{ "How much of your digit does one value see?" }</h4>
            <p class="note">{ "Each layer slides its window over the maps below it, so a value deeper in the network \
                depends on a wider patch of the input: its receptive field. Move the slider through the layers." }</p>
            <label for="field-slider-input" class="field-slider-label">
                { format!("Layer {} of {}: ", index + 1, steps.len()) }<strong id="field-slider-layer">{ &name }</strong>
            </label>
            <input type="range" id="field-slider-input" min="0" max={(steps.len() - 1).to_string()} step="1"
                value={index.to_string()} {oninput} aria-valuetext={size_words} />
            <div class="field-slider-parts">
                <FieldOnDigit pixels={props.pixels.clone()} field={step.middle_rect()} id="field-slider-caption" />
                <dl class="field-formulas" id="field-formulas">
                    <dt>{ "field = field below + (window − 1) × jump below" }</dt>
                    if let Some(label) = &secret {
                        <dd id="field-size-formula" class="hidden-answer">{ label }</dd>
                    } else {
                        <dd id="field-size-formula" data-size={step.after.size.to_string()}>{ step.size_formula() }{ " pixels" }</dd>
                    }
                    <dt>{ "jump = jump below × stride" }</dt>
                    <dd id="field-jump-formula">{ step.jump_formula() }</dd>
                </dl>
            </div>
            <p class="note">{ format!(
                "{name}'s {what} is {w} × {w}{stride}. The jump is how many input pixels apart two neighbouring values' \
                 fields start; every pooling multiplies it, which is why fields grow faster after each pooling.",
                w = step.window,
                stride = if step.stride > 1 { format!(", moved {} pixels of its input at a time", step.stride) } else { String::new() },
            ) }</p>
        </div>
    }
}
