//! "What this means" beside a figure: a small button that shows a short explanation on hover,
//! on keyboard focus and on tap (a tooltip on hover alone would leave phones and keyboards out).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The explanation's id; the button is `{id}-button`.
    pub id: AttrValue,
    pub text: AttrValue,
    /// What the figure is, for the button's accessible name ("What val_accuracy means").
    #[prop_or(AttrValue::Static("this"))]
    pub about: AttrValue,
}

#[function_component]
pub fn Meaning(props: &Props) -> Html {
    let open = use_state(|| false);
    let on_click = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <span class={classes!("meaning", open.then_some("open"))}>
            <button type="button" class="meaning-button" id={format!("{}-button", props.id)} aria-expanded={open.to_string()}
                aria-controls={props.id.clone()} onclick={on_click}>
                { "What this means" }<span class="visually-hidden">{ format!(": {}", props.about) }</span>
            </button>
            <span class="meaning-text" id={props.id.clone()} role="note">{ &props.text }</span>
        </span>
    }
}
