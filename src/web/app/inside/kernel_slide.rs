//! "Watch it slide": the learner's kernel moved over their digit one position at a time, the
//! map filling in row by row, with the nine products of the position just computed. The
//! learner drives it (one value, one row, play, pause, back to the start); it never starts by
//! itself and has no motion between steps, and with reduced motion asked for, Play moves more
//! slowly.

use super::field_on_digit::digit_levels;
use super::number_grid::NumberGrid;
use crate::inspect::cell_numbers::{fixed, shared_decimals};
use crate::inspect::kernel_playground::{Kernel, SIDE};
use crate::inspect::{Palette, Quantised};
use crate::web::app::widgets::byte_image::ByteImage;
use gloo_timers::callback::Interval;
use std::rc::Rc;
use yew::prelude::*;

const DIGIT: usize = 28;
const ALL: usize = DIGIT * DIGIT;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub pixels: Rc<[f32]>,
    pub kernel: Kernel,
    /// The kernel's map of the digit, computed once by the editor.
    pub map: Rc<[f32]>,
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A box over `rows × cols` cells of the 28 × 28 picture from (top, left), in percent.
fn boxed(top: isize, left: isize, rows: usize, cols: usize) -> String {
    let p = |n: f64| n * 100.0 / DIGIT as f64;
    format!("top: {:.3}%; left: {:.3}%; height: {:.3}%; width: {:.3}%", p(top as f64), p(left as f64), p(rows as f64), p(cols as f64))
}

#[function_component]
pub fn KernelSlide(props: &Props) -> Html {
    // How many values of the map are computed so far, in reading order.
    let done = use_state(|| 0_usize);
    let playing = use_state(|| false);
    {
        // A kernel or drawing changed: start again.
        let (done, playing) = (done.clone(), playing.clone());
        use_effect_with((props.kernel, props.pixels.clone()), move |_| {
            done.set(0);
            playing.set(false);
        });
    }
    {
        let (done, playing) = (done.clone(), playing.clone());
        use_effect_with((*playing, *done), move |&(on, at)| {
            let timer = (on && at < ALL).then(|| {
                let period = if reduced_motion() { 1200 } else { 400 };
                Interval::new(period, move || done.set((at / DIGIT + 1).min(DIGIT) * DIGIT))
            });
            if on && at >= ALL {
                playing.set(false);
            }
            move || drop(timer)
        });
    }
    let map = &props.map;
    let shown = Quantised::new(&map);
    let digit = digit_levels(&props.pixels);
    let step = |by: usize| {
        let (done, playing) = (done.clone(), playing.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            done.set(match by {
                0 => 0,
                1 => (*done + 1).min(ALL),
                _ => ((*done / DIGIT + 1) * DIGIT).min(ALL),
            });
        })
    };
    let toggle = {
        let (done, playing) = (done.clone(), playing.clone());
        Callback::from(move |_: MouseEvent| {
            if *done >= ALL {
                done.set(0);
            }
            playing.set(!*playing);
        })
    };
    let current = done.checked_sub(1);
    let arithmetic = current.map(|at| {
        let (row, col) = (at / DIGIT, at % DIGIT);
        let value = |r: isize, c: isize| {
            (r >= 0 && c >= 0 && r < DIGIT as isize && c < DIGIT as isize).then(|| props.pixels[r as usize * DIGIT + c as usize])
        };
        let patch: Vec<Option<f32>> =
            (0..SIDE * SIDE).map(|i| value(row as isize + (i / SIDE) as isize - 1, col as isize + (i % SIDE) as isize - 1)).collect();
        let products: Vec<Option<f32>> = patch.iter().zip(props.kernel).map(|(p, w)| Some(p.unwrap_or(0.0) * w)).collect();
        let decimals = shared_decimals(products.iter().flatten().copied().chain([map[at]]));
        html! {
            <div class="slide-arithmetic">
                <div class="term-grids">
                    <NumberGrid values={patch} side={SIDE} decimals={shared_decimals(props.pixels.iter().copied())} class="patch" title="your digit under the kernel" />
                    <span class="operator" aria-hidden="true">{ "×" }</span>
                    <NumberGrid values={props.kernel.iter().map(|w| Some(*w)).collect::<Vec<_>>()} side={SIDE} decimals={shared_decimals(props.kernel)} class="weights" title="your weights" />
                    <span class="operator" aria-hidden="true">{ "=" }</span>
                    <NumberGrid values={products} side={SIDE} {decimals} class="products" title="value × weight" />
                </div>
                <p class="channel-sum" id="slide-value" data-row={row.to_string()} data-col={col.to_string()} data-value={map[at].to_string()}>
                    { format!("Row {row}, column {col}: the 9 products add up to ") }<strong>{ fixed(map[at], decimals) }</strong>
                </p>
            </div>
        }
    });
    // The map so far: what is not computed yet is covered.
    let (row, col) = (*done / DIGIT, *done % DIGIT);
    let covers = html! {
        <>
            if *done < ALL && col > 0 { <span class="slide-cover" style={boxed(row as isize, col as isize, 1, DIGIT - col)} aria-hidden="true" /> }
            if *done < ALL { <span class="slide-cover" style={boxed((row + usize::from(col > 0)) as isize, 0, DIGIT - row - usize::from(col > 0), DIGIT)} aria-hidden="true" /> }
        </>
    };
    html! {
        <div class="kernel-slide" id="kernel-slide" data-done={done.to_string()}>
            <h4 class="layer-title">{ "Watch it slide" }</h4>
            <div class="slide-controls" role="group" aria-label="move the kernel">
                <button type="button" class="small" id="slide-play" onclick={toggle} aria-pressed={playing.to_string()}>
                    { if *playing { "Pause" } else { "Play, row by row" } }
                </button>
                <button type="button" class="small secondary" id="slide-step" onclick={step(1)}>{ "One value" }</button>
                <button type="button" class="small secondary" id="slide-row" onclick={step(DIGIT)}>{ "One row" }</button>
                <button type="button" class="small secondary" id="slide-reset" onclick={step(0)}>{ "Start again" }</button>
            </div>
            <p class="note" aria-live="polite" id="slide-status">{ match current {
                None => "The kernel waits at the top-left corner. Press One value to compute the first value of the map.".to_string(),
                Some(_) if *done >= ALL => "The whole map is computed: 784 positions, 9 products each.".to_string(),
                Some(at) => format!("{} of 784 values computed; the kernel is on row {}, column {}.", at + 1, at / DIGIT, at % DIGIT),
            } }</p>
            <div class="slide-parts">
                <div class="field-digit">
                    <ByteImage levels={digit} width={DIGIT as u32} height={DIGIT as u32} palette={Palette::Grey} class="field-image" label="your digit" />
                    if let Some(at) = current {
                        <span class="field-box" style={boxed((at / DIGIT) as isize - 1, (at % DIGIT) as isize - 1, SIDE, SIDE)} aria-hidden="true" />
                    }
                </div>
                <span class="operator" aria-hidden="true">{ "→" }</span>
                <div class="field-digit">
                    <ByteImage levels={Rc::<[u8]>::from(shown.levels.as_slice())} width={DIGIT as u32} height={DIGIT as u32}
                        palette={Palette::for_values(&shown)} class="field-image" label="the map so far" />
                    { covers }
                </div>
                { arithmetic.unwrap_or_default() }
            </div>
        </div>
    }
}
