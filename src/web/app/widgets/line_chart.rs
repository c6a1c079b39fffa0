//! A small SVG line chart: x from 0 to `x_max` (epochs), y on an axis from `inspect::axis`
//! (nice linear ticks, a log scale for losses, or an accuracy scale that zooms to the data), a
//! legend, and values on hover or keyboard focus. SVG from yew keeps the chart accessible and
//! crisp at any size without a plotting dependency.

use crate::inspect::axis::Axis;
use yew::prelude::*;

// A small drawing area, so that its 13.5-unit labels stay at least 11 px on screen in the
// narrowest chart (about 272 px on a 360 px phone).
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 38.0;

#[derive(Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    /// CSS class giving the colour.
    pub class: &'static str,
    /// Draw a dot at each point (for sparse series such as per-epoch validation).
    pub dots: bool,
}

/// How the y axis is scaled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum YAxis {
    /// Linear, from nice ticks around the data.
    #[default]
    Linear,
    /// Logarithmic, for losses: late small improvements stay visible.
    Log,
    /// Ends at 1 and starts just below the data (0.98 when it is all above 98 %).
    Accuracy,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub title: AttrValue,
    pub x_max: f64,
    pub series: Vec<Series>,
    #[prop_or_default]
    pub y_axis: YAxis,
    /// A vertical line at this epoch with its words (e.g. where the validation loss was
    /// lowest).
    #[prop_or_default]
    pub mark: Option<(f64, AttrValue)>,
}

#[function_component]
pub fn LineChart(props: &Props) -> Html {
    let values: Vec<f64> = props.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|v| v.is_finite()).collect();
    let y = match props.y_axis {
        YAxis::Linear => {
            let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            if lo.is_finite() { Axis::linear(lo, hi, 5) } else { Axis::linear(0.0, 1.0, 5) }
        }
        YAxis::Log => Axis::log(&values),
        YAxis::Accuracy => Axis::accuracy(&values),
    };
    // Epochs are whole: a one-epoch run has ticks 0 and 1, not 0.2, 0.4… that read as data.
    let mut x = Axis::linear(0.0, props.x_max.max(1.0), 6);
    x.ticks.retain(|t| t.fract() == 0.0);
    let sx = |v: f64| LEFT + along(&x, v) * (WIDTH - LEFT - RIGHT);
    let sy = |v: f64| TOP + (1.0 - along(&y, v)) * (HEIGHT - TOP - BOTTOM);
    let title_id = format!("{}-title", props.id);
    html! {
        <figure class="chart">
            <svg id={props.id.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group" aria-labelledby={title_id.clone()}>
                { for y.ticks.iter().map(|&tick| html! {
                    <g class="tick">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={sy(tick).to_string()} y2={sy(tick).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(sy(tick) + 4.0).to_string()} text-anchor="end">{ tick.to_string() }</text>
                    </g>
                }) }
                { for x.ticks.iter().map(|&tick| html! {
                    <text class="tick" x={sx(tick).to_string()} y={(HEIGHT - BOTTOM + 16.0).to_string()} text-anchor="middle">{ tick.to_string() }</text>
                }) }
                <text class="axis-label" x={((LEFT + WIDTH) / 2.0).to_string()} y={(HEIGHT - 3.0).to_string()} text-anchor="middle">{ "epoch" }</text>
                if let Some((at, words)) = &props.mark {
                    <g class="chart-mark">
                        <line x1={sx(*at).to_string()} x2={sx(*at).to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                        // The words on the side with more room.
                        <text x={(sx(*at) + if sx(*at) < WIDTH / 2.0 { 3.0 } else { -3.0 }).to_string()} y={(TOP + 11.0).to_string()}
                            text-anchor={if sx(*at) < WIDTH / 2.0 { "start" } else { "end" }}>{ words }</text>
                    </g>
                }
                { for props.series.iter().map(|s| {
                    let path: Vec<String> = s.points.iter().map(|&(px, py)| format!("{:.1},{:.1}", sx(px), sy(py))).collect();
                    // Every point of a sparse series, and the end of each epoch of a dense one, shows
                    // its value on hover and on keyboard focus.
                    let marked = s.points.iter().enumerate().filter(|&(i, &(px, _))| {
                        s.dots || i + 1 == s.points.len() || (px > 0.0 && (px - px.round()).abs() < 1e-9)
                    });
                    html! {
                        <g class={classes!("series", s.class)}>
                            <polyline points={path.join(" ")} />
                            // A series of one point (a one-epoch run's validation) says its value
                            // beside it: a lone dot on an axis says little.
                            if let [(px, py)] = s.points.as_slice() {
                                <text class="point-value" x={(sx(*px) - 6.0).to_string()} y={(sy(*py) - 8.0).to_string()} text-anchor="end">
                                    { trimmed(*py, 4) }
                                </text>
                            }
                            { for marked.map(|(_, &(px, py))| {
                                let text = format!("{}, epoch {}: {}", s.label, trimmed(px, 2), trimmed(py, 4));
                                html! {
                                    <circle class={classes!((!s.dots).then_some("marker"))} cx={sx(px).to_string()} cy={sy(py).to_string()}
                                        r={if s.dots { "3" } else { "2.5" }} tabindex="0" role="img" aria-label={text.clone()}>
                                        <title>{ text }</title>
                                    </circle>
                                }
                            }) }
                        </g>
                    }
                }) }
            </svg>
            <figcaption>
                <strong id={title_id}>{ &props.title }</strong>
                { for props.series.iter().map(|s| html! { <span class={classes!("legend", s.class)}>{ &s.label }</span> }) }
            </figcaption>
        </figure>
    }
}

/// Where `v` falls on `axis`, 0..1, kept in the frame (a loss of 0 on a log axis sits at the
/// bottom).
fn along(axis: &Axis, v: f64) -> f64 {
    let f = axis.fraction(v);
    if f.is_finite() { f.clamp(0.0, 1.0) } else { 0.0 }
}

/// `v` with at most `digits` decimals, without trailing zeros.
fn trimmed(v: f64, digits: usize) -> String {
    let text = format!("{v:.digits$}");
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}
