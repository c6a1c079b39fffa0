//! A small square of numbers (a K × K patch, kernel or product grid, a pooling window), each
//! written with the same decimals; padding is shown as "pad" (it counts as 0), and one number
//! can be marked (the winner of a max pool). Each number keeps its exact value in `data-value`.

use crate::inspect::cell_numbers::fixed;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Row-major, `side × side`; `None` on padding.
    pub values: Vec<Option<f32>>,
    pub side: usize,
    pub decimals: usize,
    /// What the grid holds, for its heading and for screen readers.
    pub title: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// The index of the value to mark, and the words that say why.
    #[prop_or_default]
    pub marked: Option<(usize, AttrValue)>,
}

#[function_component]
pub fn NumberGrid(props: &Props) -> Html {
    let side = props.side.max(1);
    let cells = props.values.iter().enumerate().map(|(i, value)| {
        let mark = props.marked.as_ref().filter(|(m, _)| *m == i).map(|(_, why)| why.clone());
        match value {
            Some(v) => html! {
                <span class={classes!("num", mark.is_some().then_some("marked"), (*v < 0.0).then_some("negative"))}
                    data-value={v.to_string()}>
                    { fixed(*v, props.decimals) }
                    if let Some(why) = mark { <span class="visually-hidden">{ format!(" ({why})") }</span> }
                </span>
            },
            None => html! { <span class="num pad" data-value="0">{ "pad" }</span> },
        }
    });
    html! {
        <div class={classes!("number-grid", props.class.clone())}>
            <p class="grid-title">{ &props.title }</p>
            <div class="grid-scroll" role="group" aria-label={props.title.clone()} tabindex={(side > 5).then_some("0")}>
                <div class="num-grid" style={format!("grid-template-columns: repeat({side}, auto)")}>{ for cells }</div>
            </div>
        </div>
    }
}
