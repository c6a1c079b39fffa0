//! The CPU backend's 2 × 2 max-pool (model::max_pool_2x2) against burn's `MaxPool2d`: the same
//! outputs and the same input gradients, for even and odd sizes, many ties and negative values,
//! with and without autodiff; and the pools it must leave to burn.

use burn::nn::PaddingConfig2d;
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::prelude::*;
use burn::tensor::Distribution;
use convlab::model::max_pool_2x2::{max_pool_2x2, takes_fast_path};

fn tutorial_pool() -> MaxPool2d {
    MaxPool2dConfig::new([2, 2]).init()
}

/// Values from -3 to 3 in steps of 0.5: negatives, and ties in most 2 × 2 blocks.
fn coarse_values(dims: [usize; 4], device: &Device) -> Tensor<4> {
    let x = Tensor::<4>::random(dims, Distribution::Uniform(-3.0, 3.0), device);
    (x * 2.0).round() / 2.0
}

fn shapes() -> [[usize; 4]; 6] {
    [[2, 3, 8, 8], [1, 2, 7, 9], [3, 1, 5, 4], [2, 4, 28, 28], [1, 1, 2, 3], [2, 2, 1, 5]]
}

#[test]
fn outputs_equal_burns_max_pool_on_plain_flex() {
    let device = Device::flex();
    let pool = tutorial_pool();
    for dims in shapes() {
        let x = coarse_values(dims, &device);
        assert!(takes_fast_path(&pool, &x));
        let fast = max_pool_2x2(x.clone());
        let reference = pool.forward(x);
        assert_eq!(fast.dims(), reference.dims(), "{dims:?}");
        fast.into_data().assert_eq(&reference.into_data(), true);
    }
}

#[test]
fn outputs_and_gradients_equal_burns_max_pool_with_autodiff() {
    let device = Device::flex().autodiff();
    let pool = tutorial_pool();
    for dims in shapes() {
        let values = coarse_values(dims, &device);
        let fast_input = values.clone().require_grad();
        let reference_input = values.require_grad();
        let fast = max_pool_2x2(fast_input.clone());
        let reference = pool.forward(reference_input.clone());
        assert_eq!(fast.dims(), reference.dims(), "{dims:?}");
        fast.clone().into_data().assert_eq(&reference.clone().into_data(), true);

        // A weighted sum, so each output's gradient differs and a misrouted one shows.
        let mix = Tensor::<4>::random(reference.dims(), Distribution::Uniform(-1.0, 1.0), &device);
        let fast_grads = (fast * mix.clone()).sum().backward();
        let reference_grads = (reference * mix).sum().backward();
        let fast_grad = fast_input.grad(&fast_grads).expect("input gradient");
        let reference_grad = reference_input.grad(&reference_grads).expect("input gradient");
        assert_eq!(fast_grad.dims(), dims);
        fast_grad.into_data().assert_eq(&reference_grad.into_data(), true);
    }
}

#[test]
fn a_pool_inside_a_longer_graph_passes_gradients_on() {
    // A layer before and after the pool, as in the network: gradients reach the first one.
    let device = Device::flex().autodiff();
    let weight = Tensor::<4>::random([1, 3, 1, 1], Distribution::Uniform(-1.0, 1.0), &device).require_grad();
    let x = coarse_values([2, 3, 6, 6], &device);
    let fast = (max_pool_2x2((x.clone() * weight.clone()).abs()) * 3.0).sum().backward();
    let reference = (tutorial_pool().forward((x * weight.clone()).abs()) * 3.0).sum().backward();
    weight.grad(&fast).expect("gradient").into_data().assert_eq(&weight.grad(&reference).expect("gradient").into_data(), true);
}

#[test]
fn other_pools_and_dtypes_stay_with_burn() {
    let x = Tensor::<4>::zeros([1, 1, 6, 6], &Device::flex());
    assert!(!takes_fast_path(&MaxPool2dConfig::new([3, 3]).init(), &x));
    assert!(!takes_fast_path(&MaxPool2dConfig::new([2, 2]).with_strides([1, 1]).init(), &x));
    assert!(!takes_fast_path(&MaxPool2dConfig::new([2, 2]).with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1)).init(), &x));
    assert!(!takes_fast_path(&MaxPool2dConfig::new([2, 2]).with_ceil_mode(true).init(), &x));
    assert!(!takes_fast_path(&tutorial_pool(), &x.cast(burn::tensor::DType::F64)));
}
