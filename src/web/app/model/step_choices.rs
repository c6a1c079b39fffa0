//! A step's options as a group of radio buttons, with the button that submits the pick.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The step's id, so each step's radio group has its own name.
    pub step: AttrValue,
    pub options: Vec<&'static str>,
    /// The submit button's words: "Check", or "Keep my prediction" for a run step.
    pub submit: AttrValue,
    pub on_pick: Callback<usize>,
    /// Shown beside the submit button (Show the answer).
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn StepChoices(props: &Props) -> Html {
    let picked = use_state(|| None::<usize>);
    // A new step starts with nothing picked.
    {
        let picked = picked.clone();
        use_effect_with(props.step.clone(), move |_| picked.set(None));
    }
    let on_submit = {
        let (picked, on_pick) = (picked.clone(), props.on_pick.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(choice) = *picked {
                on_pick.emit(choice);
            }
        })
    };
    let options = props.options.iter().enumerate().map(|(i, text)| {
        let onchange = {
            let picked = picked.clone();
            Callback::from(move |event: Event| {
                if event.target_unchecked_into::<HtmlInputElement>().checked() {
                    picked.set(Some(i));
                }
            })
        };
        let id = format!("step-option-{}", i + 1);
        html! {
            <li>
                <input type="radio" id={id.clone()} name={format!("step-{}-choice", props.step)} value={i.to_string()}
                    checked={*picked == Some(i)} {onchange} />
                <label for={id}>{ *text }</label>
            </li>
        }
    });
    html! {
        <form class="step-choices" onsubmit={on_submit}>
            <fieldset>
                <legend>{ "Your prediction" }</legend>
                <ul class="choices">{ for options }</ul>
            </fieldset>
            <div class="buttons">
                <button type="submit" id="step-check" disabled={picked.is_none()}>{ props.submit.clone() }</button>
                { props.children.clone() }
            </div>
        </form>
    }
}
