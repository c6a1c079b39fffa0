//! A Dense layer's outputs as bars that grow left (negative) or right (positive) of zero: for
//! the last layer, the ten logits that softmax turns into the probabilities. With `on_select`,
//! each bar is a button (to explain that unit's score).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub values: Vec<f32>,
    /// The unit to highlight (the top class), if any.
    #[prop_or_default]
    pub top: Option<usize>,
    #[prop_or_default]
    pub on_select: Option<Callback<usize>>,
    #[prop_or_default]
    pub selected: Option<usize>,
}

#[function_component]
pub fn LogitBars(props: &Props) -> Html {
    let reach = props.values.iter().map(|v| v.abs()).filter(|v| v.is_finite()).fold(0.0_f32, f32::max).max(1e-6);
    html! {
        <ul class="logits" id={props.id.clone()}>
            { for props.values.iter().enumerate().map(|(unit, &value)| {
                let share = (value.abs() / reach * 50.0).min(50.0);
                let (left, side) = if value < 0.0 { (50.0 - share, "negative") } else { (50.0, "positive") };
                let class = classes!("logit", (props.top == Some(unit)).then_some("top"));
                let parts = html! {
                    <>
                        <span class="digit">{ unit }</span>
                        <span class="track"><span class={classes!("fill", side)} style={format!("left: {left:.1}%; width: {share:.1}%")} /></span>
                        <span class="value">{ format!("{value:.2}") }</span>
                    </>
                };
                match &props.on_select {
                    Some(on_select) => {
                        let on_select = on_select.clone();
                        let pressed = props.selected == Some(unit);
                        html! {
                            <li>
                                <button type="button" class={classes!(class, "logit-button", pressed.then_some("selected"))}
                                    aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| on_select.emit(unit))}>
                                    <span class="visually-hidden">{ "Explain the score of " }</span>
                                    { parts }
                                </button>
                            </li>
                        }
                    }
                    None => html! { <li {class}>{ parts }</li> },
                }
            }) }
        </ul>
    }
}
