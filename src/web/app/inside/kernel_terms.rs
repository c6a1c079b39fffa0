//! One input channel's share of a convolution value: the K × K patch of the layer's input under
//! the kernel, the kernel's weights, their products pixel by pixel, and the products' sum.

use super::number_grid::NumberGrid;
use crate::inspect::cell_arithmetic::ChannelTerms;
use crate::inspect::cell_numbers::{fixed, shared_decimals};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub terms: ChannelTerms,
    pub kernel_size: usize,
    /// What the input is, e.g. "your digit" or "channel 4 of max_pooling2d".
    pub source: AttrValue,
    /// The decimals of the products and their sum: the whole value's (`conv_decimals`), so the
    /// sum reads as it does on its channel's button and in the total.
    pub sum_decimals: usize,
}

#[function_component]
pub fn KernelTerms(props: &Props) -> Html {
    let t = &props.terms;
    let k = props.kernel_size;
    let patch_decimals = shared_decimals(t.patch.iter().flatten().copied());
    let weight_decimals = shared_decimals(t.weights.iter().copied());
    let product_decimals = props.sum_decimals;
    let padded = t.patch.iter().any(Option::is_none);
    html! {
        <div class="kernel-terms" id={format!("kernel-terms-{}", t.channel)} data-channel={t.channel.to_string()}>
            <div class="term-grids">
                <NumberGrid values={t.patch.clone()} side={k} decimals={patch_decimals} class="patch"
                    title={format!("{} under the kernel", props.source)} />
                <span class="operator" aria-hidden="true">{ "×" }</span>
                <NumberGrid values={t.weights.iter().map(|w| Some(*w)).collect::<Vec<_>>()} side={k} decimals={weight_decimals}
                    class="weights" title="the kernel's weights" />
                <span class="operator" aria-hidden="true">{ "=" }</span>
                <NumberGrid values={t.products.iter().map(|p| Some(*p)).collect::<Vec<_>>()} side={k} decimals={product_decimals}
                    class="products" title="value × weight" />
            </div>
            if padded {
                <p class="note">{ "\"pad\" marks padding: the kernel hangs over the edge there, and the missing values count as 0." }</p>
            }
            <p class="channel-sum">
                { format!("Adding up the {} products: ", k * k) }
                <strong class="sum" data-value={t.sum.to_string()}>{ fixed(t.sum, product_decimals) }</strong>
            </p>
        </div>
    }
}
