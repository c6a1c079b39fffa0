//! Adam with its per-parameter state held by ConvLab, so a stopped run can be kept and resumed
//! on any device. The update itself is burn's `Adam` (`Optimizer::step`); only the walk over the
//! parameters and the keeping of the moments are here.
//!
//! Why not burn's `ModuleOptimizer`, which does the same walk: its state can only be read with a
//! blocking read (`to_record`), and a blocking read of a WebGPU buffer panics in a browser; and it
//! loads a saved state onto burn's default device (`load_record`), which in the worker's build is
//! WebGPU even when the run trains on the CPU (and WebGPU may not exist at all). Here the moments
//! are read with one asynchronous transaction and loaded onto the device the run trains on.
//!
//! Each parameter's state is kept flattened to one dimension: Adam works element by element, so
//! the update is the same, and one rank serves every layer.

use std::collections::HashMap;

use burn::module::{ModuleMapper, Param, ParamId};
use burn::optim::{AdaptiveMomentumState, Adam, AdamConfig, AdamState, GradientsParams, Optimizer};
use burn::prelude::*;
use burn::tensor::Transaction;

use crate::model::Network;

/// Keras' Adam epsilon (burn's default is 1e-5); β1 0.9 and β2 0.999 are the same in both.
pub const KERAS_ADAM_EPSILON: f32 = 1e-7;

/// One parameter's moments as plain numbers: what a checkpoint stores.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedMoments {
    pub param: u64,
    /// Updates applied so far (Adam's bias correction depends on it).
    pub time: usize,
    pub moment_1: Vec<f32>,
    pub moment_2: Vec<f32>,
}

/// Adam's update and each parameter's moments, keyed by parameter id.
pub struct AdamOptimizer {
    adam: Adam,
    states: HashMap<ParamId, AdamState<1>>,
}

impl Default for AdamOptimizer {
    fn default() -> Self {
        Self {
            adam: AdamConfig::new().with_epsilon(KERAS_ADAM_EPSILON).build(),
            states: HashMap::new(),
        }
    }
}

impl AdamOptimizer {
    /// One update of every parameter of `model` that has a gradient in `grads`.
    pub fn step(&mut self, learning_rate: f64, model: Network, mut grads: GradientsParams) -> Network {
        let mut stepper = Stepper { adam: &self.adam, learning_rate, grads: &mut grads, states: &mut self.states };
        model.map(&mut stepper)
    }

    /// Every parameter's moments, read from the device in one asynchronous transaction (so it
    /// works on WebGPU in a browser too), ordered by parameter id.
    pub async fn save(&self) -> Result<Vec<SavedMoments>, String> {
        let mut entries: Vec<(&ParamId, &AdamState<1>)> = self.states.iter().collect();
        entries.sort_by_key(|(id, _)| id.val());
        let mut transaction = Transaction::default();
        for (_, state) in &entries {
            transaction = transaction
                .register(state.momentum.moment_1.clone())
                .register(state.momentum.moment_2.clone());
        }
        let data = transaction.execute_async().await.map_err(|e| format!("{e:?}"))?;
        let mut values = data.into_iter().map(|d| d.try_into_vec::<f32>().map_err(|e| format!("{e:?}")));
        entries
            .iter()
            .map(|(id, state)| {
                let moment_1 = values.next().ok_or("a moment is missing")??;
                let moment_2 = values.next().ok_or("a moment is missing")??;
                Ok(SavedMoments { param: id.val(), time: state.momentum.time, moment_1, moment_2 })
            })
            .collect()
    }

    /// Adam with `saved` moments, placed on `device` (the device the run trains on).
    pub fn restore(saved: &[SavedMoments], device: &Device) -> Result<Self, String> {
        let mut optimizer = Self::default();
        for moments in saved {
            if moments.moment_1.len() != moments.moment_2.len() || moments.time == 0 {
                return Err(format!("parameter {}'s moments do not fit together", moments.param));
            }
            let tensor = |values: &[f32]| Tensor::<1>::from_data(TensorData::new(values.to_vec(), [values.len()]), device);
            let momentum = AdaptiveMomentumState::new(moments.time, tensor(&moments.moment_1), tensor(&moments.moment_2));
            optimizer.states.insert(ParamId::from(moments.param), AdamState::new(momentum));
        }
        Ok(optimizer)
    }
}

/// Walks the model's parameters and applies Adam to each with its gradient.
struct Stepper<'a> {
    adam: &'a Adam,
    learning_rate: f64,
    grads: &'a mut GradientsParams,
    states: &'a mut HashMap<ParamId, AdamState<1>>,
}

impl ModuleMapper for Stepper<'_> {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        let Some(grad) = self.grads.remove::<D>(id) else {
            return Param::from_mapped_value(id, tensor, mapper);
        };
        let require_grad = tensor.is_require_grad();
        let checkpointing = tensor.gradient_checkpointing_strategy();
        let weights = tensor.inner();
        let shape = weights.shape();
        let len = shape.num_elements();
        let state = self.states.remove(&id);
        let (updated, state) = self.adam.step(self.learning_rate, weights.reshape([len]), grad.reshape([len]), state);
        if let Some(state) = state {
            self.states.insert(id, state);
        }
        // Back on the autodiff graph as burn's own optimizer leaves a parameter.
        let mut updated = Tensor::from_inner(updated.reshape(shape));
        if let Some(strategy) = checkpointing {
            updated = updated.with_gradient_checkpointing_strategy(strategy);
        }
        if require_grad {
            updated = updated.require_grad();
        }
        Param::from_mapped_value(id, updated, mapper)
    }
}

/// Saved moments as bytes: a u32 count, then per parameter its id, time and length (u64 each)
/// and its two moments (f32), all little-endian.
pub fn moments_to_bytes(saved: &[SavedMoments]) -> Vec<u8> {
    let floats: usize = saved.iter().map(|m| m.moment_1.len() + m.moment_2.len()).sum();
    let mut out = Vec::with_capacity(4 + saved.len() * 24 + floats * 4);
    out.extend_from_slice(&(saved.len() as u32).to_le_bytes());
    for moments in saved {
        for word in [moments.param, moments.time as u64, moments.moment_1.len() as u64] {
            out.extend_from_slice(&word.to_le_bytes());
        }
        for value in moments.moment_1.iter().chain(&moments.moment_2) {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out
}

/// Reads [`moments_to_bytes`]'s layout; every length is checked against what is left, so bytes
/// that are cut short or damaged give an error, never a panic or a huge allocation.
pub fn moments_from_bytes(bytes: &[u8]) -> Result<Vec<SavedMoments>, String> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Result<&[u8], String> {
        if rest.len() < n {
            return Err(format!("Adam's state ends {} bytes early", n - rest.len()));
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Ok(head)
    };
    let count = u32::from_le_bytes(take(4)?.try_into().unwrap_or_default());
    let mut saved = Vec::new();
    for _ in 0..count {
        let mut word = || take(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()));
        let (param, time, len) = (word()?, word()?, word()?);
        let floats = usize::try_from(len).ok().and_then(|n| n.checked_mul(8)).ok_or("a moment's length is impossible")?;
        let values: Vec<f32> = take(floats)?.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().unwrap_or_default())).collect();
        let (moment_1, moment_2) = values.split_at(values.len() / 2);
        let time = usize::try_from(time).map_err(|_| "Adam's step count is impossible")?;
        saved.push(SavedMoments { param, time, moment_1: moment_1.to_vec(), moment_2: moment_2.to_vec() });
    }
    if !rest.is_empty() {
        return Err(format!("{} bytes follow Adam's state", rest.len()));
    }
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<SavedMoments> {
        vec![
            SavedMoments { param: 7, time: 3, moment_1: vec![0.5, -1.0], moment_2: vec![0.25, 1.0] },
            SavedMoments { param: 9, time: 3, moment_1: vec![], moment_2: vec![] },
        ]
    }

    #[test]
    fn moments_round_trip_and_every_cut_is_an_error() {
        let bytes = moments_to_bytes(&sample());
        assert_eq!(moments_from_bytes(&bytes).unwrap(), sample());
        for cut in 0..bytes.len() {
            assert!(moments_from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(moments_from_bytes(&longer).is_err());
    }

    #[test]
    fn an_impossible_length_is_an_error_not_an_allocation() {
        let mut bytes = 1u32.to_le_bytes().to_vec();
        for word in [1u64, 1, u64::MAX] {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        assert!(moments_from_bytes(&bytes).is_err());
    }
}
