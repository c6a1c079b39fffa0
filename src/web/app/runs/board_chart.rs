//! The class board's chart: each card a point, its test accuracy against its parameters (on a
//! log scale: a class's models range from thousands to millions of parameters), the best ringed.

use crate::model::digit_groups::thousands;
use crate::result_cards::ResultCard;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Best first.
    pub cards: Vec<ResultCard>,
}

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 52.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 10.0;
const RIGHT: f64 = 14.0;

#[function_component]
pub fn BoardChart(props: &Props) -> Html {
    let cards = &props.cards;
    let logs: Vec<f64> = cards.iter().map(|c| (c.params.max(1) as f64).log10()).collect();
    // Whole decades around the points, at least one wide.
    let x_low = logs.iter().copied().fold(f64::MAX, f64::min).floor();
    let x_high = logs.iter().copied().fold(f64::MIN, f64::max).ceil().max(x_low + 1.0);
    // Accuracy from a multiple of 5 % under the lowest to 100 %.
    let lowest = cards.iter().map(|c| f64::from(c.test_accuracy)).fold(1.0, f64::min);
    let y_low = ((lowest * 20.0).floor() / 20.0).min(0.95);
    let x = |log: f64| LEFT + (log - x_low) / (x_high - x_low) * (WIDTH - LEFT - RIGHT);
    let y = |accuracy: f64| TOP + (1.0 - (accuracy - y_low) / (1.0 - y_low)) * (HEIGHT - TOP - BOTTOM);
    let decades = (x_low as i32)..=(x_high as i32);
    let steps = ((1.0 - y_low) / 0.05).round() as i32;
    html! {
        <figure class="board-chart">
            <svg id="board-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label={format!("Test accuracy against parameters, {}", count_words(cards.len()))}>
                { for decades.map(|d| {
                    let at = x(f64::from(d));
                    // The last label ends at its line, so it stays inside the picture.
                    let anchor = if f64::from(d) == x_high { "end" } else { "middle" };
                    html! { <g class="tick">
                        <line x1={at.to_string()} x2={at.to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                        <text x={at.to_string()} y={(HEIGHT - BOTTOM + 14.0).to_string()} text-anchor={anchor}>{ thousands(10usize.pow(d as u32)) }</text>
                    </g> }
                }) }
                { for (0..=steps).map(|k| {
                    let accuracy = y_low + f64::from(k) * 0.05;
                    let at = y(accuracy);
                    html! { <g class="tick">
                        <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={at.to_string()} y2={at.to_string()} />
                        <text x={(LEFT - 6.0).to_string()} y={(at + 4.0).to_string()} text-anchor="end">{ format!("{:.0} %", accuracy * 100.0) }</text>
                    </g> }
                }) }
                <text class="axis-title" x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ "parameters" }</text>
                { for cards.iter().zip(&logs).enumerate().map(|(i, (card, &log))| html! {
                    <circle class={if i == 0 { "card-point best" } else { "card-point" }} cx={format!("{:.1}", x(log))} cy={format!("{:.1}", y(f64::from(card.test_accuracy)))} r="5">
                        <title>{ format!("{}: {:.2} %, {} parameters", card.name.trim(), card.test_accuracy * 100.0, thousands(card.params)) }</title>
                    </circle>
                }) }
            </svg>
            <figcaption class="note">{ "Each point is a card: further right, more parameters; higher, more test images right. The best is ringed." }</figcaption>
        </figure>
    }
}

fn count_words(n: usize) -> String {
    crate::wording::count(n, "card")
}
