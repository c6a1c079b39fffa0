//! One layer's channels as a grid of small images, under a heading such as
//! "conv2d → (28, 28, 32)"; 32 at a time, with buttons to page through more. Each channel is a
//! button when the grid is selectable, so a click or Enter shows it large.

use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use crate::inspect::Quantised;
use std::rc::Rc;
use yew::prelude::*;

/// Channels shown at once.
pub const PAGE: usize = 32;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The grid's element id (the heading's is `{id}-title`).
    pub id: AttrValue,
    pub title: AttrValue,
    /// What one channel is called in labels, e.g. "conv2d channel".
    pub noun: AttrValue,
    pub channels: Rc<Vec<Quantised>>,
    pub width: u32,
    pub height: u32,
    /// The channel shown large, if any.
    #[prop_or_default]
    pub selected: Option<usize>,
    /// Makes each channel a button that selects it.
    #[prop_or_default]
    pub on_select: Option<Callback<usize>>,
    /// Colours turn at 0 (blue below, red above) even when every value is on one side.
    #[prop_or_default]
    pub signed: bool,
    /// A title per channel (shown on hover), e.g. its total; its number when empty.
    #[prop_or_default]
    pub notes: Rc<Vec<String>>,
}

#[function_component]
pub fn ChannelGrid(props: &Props) -> Html {
    let page = use_state(|| 0usize);
    let count = props.channels.len();
    let pages = count.div_ceil(PAGE).max(1);
    // A smaller model may have fewer pages than the one before.
    let shown = (*page).min(pages - 1);
    let first = shown * PAGE;
    let last = (first + PAGE).min(count);
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let title_id = format!("{}-title", props.id);
    let cells = (first..last).map(|c| {
        let map = &props.channels[c];
        let note = props.notes.get(c).cloned().unwrap_or_default();
        let label = format!("{} {c}{}", props.noun, if note.is_empty() { String::new() } else { format!(", {note}") });
        let image = html! {
            <ByteImage levels={Rc::<[u8]>::from(map.levels.as_slice())} width={props.width} height={props.height}
                palette={if props.signed { Palette::signed(map) } else { Palette::for_values(map) }} class="map" label={label.clone()} />
        };
        match &props.on_select {
            Some(on_select) => {
                let on_select = on_select.clone();
                let pressed = props.selected == Some(c);
                html! {
                    <button type="button" class={classes!("map-button", pressed.then_some("selected"))} title={label.clone()}
                        aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| on_select.emit(c))}>
                        { image }
                    </button>
                }
            }
            None => html! { <span class="map-cell" title={label}>{ image }</span> },
        }
    });
    html! {
        <div class="layer-maps">
            <h4 id={title_id.clone()} class="layer-title">{ &props.title }</h4>
            if pages > 1 {
                <div class="map-pages">
                    <button type="button" class="small secondary" disabled={shown == 0} onclick={go(shown.saturating_sub(1))}
                        aria-label={format!("Previous channels of {}", props.title)}>{ "‹ Previous" }</button>
                    <span class="note">{ format!("channels {first}–{} of {count}", last - 1) }</span>
                    <button type="button" class="small secondary" disabled={shown + 1 >= pages} onclick={go(shown + 1)}
                        aria-label={format!("Next channels of {}", props.title)}>{ "Next ›" }</button>
                </div>
            }
            <div id={props.id.clone()} class="map-grid" role="group" aria-labelledby={title_id}>{ for cells }</div>
        </div>
    }
}
