//! Counting a network's weights that no trained network holds: NaN, infinite, or so large that
//! a drawing's answer overflows (a damaged file), on the CPU.

use burn::module::{Module, ModuleVisitor, Param};
use burn::prelude::*;

use super::network::Network;

/// The largest weight a network may hold. Trained networks stay far below; a few weights of
/// 1e30, still finite, make every answer NaN.
pub const MAX_WEIGHT: f32 = 1e6;

/// How many of `network`'s weights are NaN, infinite or beyond ±[`MAX_WEIGHT`]. The network
/// must live on the CPU (`flex`): its values are read synchronously.
pub fn impossible_weights(network: &Network) -> usize {
    let mut count = Count(0);
    network.visit(&mut count);
    count.0
}

struct Count(usize);

impl ModuleVisitor for Count {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let values = param.val().into_data().convert::<f32>();
        self.0 += values.as_slice::<f32>().map_or(0, |v| v.iter().filter(|x| !(x.abs() <= MAX_WEIGHT)).count());
    }
}
