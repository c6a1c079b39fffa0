//! Counting a network's weights that no trained network holds: NaN, infinite, or so large that
//! a drawing's answer overflows, or a negative moving variance (a damaged file), on the CPU.

use burn::module::{Module, ModuleVisitor, Param};
use burn::prelude::*;

use super::network::Network;

/// The largest weight a network may hold. Trained networks stay far below; a few weights of
/// 1e30, still finite, make every answer NaN.
pub const MAX_WEIGHT: f32 = 1e6;

/// How many of `network`'s weights are NaN, infinite or beyond ±[`MAX_WEIGHT`], or are a
/// BatchNormalization moving variance below 0 (its square root would make every answer NaN).
/// The network must live on the CPU (`flex`): its values are read synchronously.
pub fn impossible_weights(network: &Network) -> usize {
    let mut count = Count(0);
    network.visit(&mut count);
    let negative_variances: usize = (0..network.len())
        .filter_map(|index| network.batch_norm_parameters(index))
        .map(|[_, _, _, variance]| variance.into_data().iter::<f32>().filter(|v| *v < 0.0).count())
        .sum();
    count.0 + negative_variances
}

struct Count(usize);

impl ModuleVisitor for Count {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let values = param.val().into_data().convert::<f32>();
        self.0 += values.as_slice::<f32>().map_or(0, |v| v.iter().filter(|x| !(x.abs() <= MAX_WEIGHT)).count());
    }
}
