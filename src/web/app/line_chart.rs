//! A small SVG line chart: x from 0 to `x_max` (epochs), y scaled to the data, a legend.
//! SVG from yew keeps the chart accessible and crisp at any size without a plotting dependency.

use yew::prelude::*;

const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 34.0;

#[derive(Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    /// CSS class giving the colour.
    pub class: &'static str,
    /// Draw a dot at each point (for sparse series such as per-epoch validation).
    pub dots: bool,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub title: AttrValue,
    pub x_max: f64,
    pub series: Vec<Series>,
    /// The largest value the data can take (1 for an accuracy): the axis stops there.
    #[prop_or_default]
    pub y_limit: Option<f64>,
}

#[function_component]
pub fn LineChart(props: &Props) -> Html {
    let values = props.series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (lo, hi) = if lo.is_finite() { nice_range(lo, hi) } else { (0.0, 1.0) };
    let hi = props.y_limit.map_or(hi, |limit| hi.min(limit).max(lo + 1e-3));
    let x_max = props.x_max.max(1.0);
    let sx = move |x: f64| LEFT + x / x_max * (WIDTH - LEFT - RIGHT);
    let sy = move |y: f64| TOP + (hi - y) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
    let y_ticks: Vec<f64> = (0..=4).map(|i| lo + (hi - lo) * i as f64 / 4.0).collect();
    let x_ticks: Vec<u32> = (0..=x_max.ceil() as u32).collect();
    html! {
        <figure class="chart">
            <svg id={props.id.clone()} viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={props.title.clone()}>
                { for y_ticks.iter().map(|&y| html! {
                    <g class="tick">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={sy(y).to_string()} y2={sy(y).to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(sy(y) + 4.0).to_string()} text-anchor="end">{ format!("{y:.2}") }</text>
                    </g>
                }) }
                { for x_ticks.iter().map(|&x| html! {
                    <text class="tick" x={sx(x as f64).to_string()} y={(HEIGHT - BOTTOM + 16.0).to_string()} text-anchor="middle">{ x }</text>
                }) }
                <text class="axis-label" x={((LEFT + WIDTH) / 2.0).to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ "epoch" }</text>
                { for props.series.iter().map(|s| {
                    let path: Vec<String> = s.points.iter().map(|&(x, y)| format!("{:.1},{:.1}", sx(x), sy(y))).collect();
                    html! {
                        <g class={classes!("series", s.class)}>
                            <polyline points={path.join(" ")} />
                            if s.dots {
                                { for s.points.iter().map(|&(x, y)| html! { <circle cx={sx(x).to_string()} cy={sy(y).to_string()} r="3" /> }) }
                            }
                        </g>
                    }
                }) }
            </svg>
            <figcaption>
                <strong>{ &props.title }</strong>
                { for props.series.iter().map(|s| html! { <span class={classes!("legend", s.class)}>{ &s.label }</span> }) }
            </figcaption>
        </figure>
    }
}

/// Widens [lo, hi] a little so lines do not touch the frame, and never to zero height.
fn nice_range(lo: f64, hi: f64) -> (f64, f64) {
    let pad = ((hi - lo) * 0.08).max(1e-3);
    ((lo - pad).max(0.0), hi + pad)
}
