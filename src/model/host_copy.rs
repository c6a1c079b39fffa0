//! A network copied onto the CPU (`flex`), read from wherever it lives in one asynchronous
//! transaction. burn's record API reads parameters with a blocking read, which panics on a
//! WebGPU buffer in a browser; a CPU copy can then be written like any other model.

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::prelude::*;
use burn::tensor::Transaction;

use super::network::Network;

/// `network`'s weights, on `flex`, with the same parameter ids (so a saved optimizer state still
/// matches them). A network already on `flex` is returned as it is.
pub async fn to_cpu(network: &Network) -> Result<Network, String> {
    let cpu = Device::flex();
    let mut gather = Gather { transaction: Some(Transaction::default()), on_cpu: true, cpu: cpu.clone() };
    network.visit(&mut gather);
    if gather.on_cpu {
        return Ok(network.clone());
    }
    let transaction = gather.transaction.take().unwrap_or_default();
    let data = transaction.execute_async().await.map_err(|e| format!("the weights could not be read from the GPU: {e:?}"))?;
    let mut place = Place { data: data.into_iter(), cpu, missing: false };
    let copied = network.clone().map(&mut place);
    if place.missing {
        return Err("the weights read from the GPU do not match the model's parameters".into());
    }
    Ok(copied)
}

/// Registers every parameter in a transaction, in the order `Module::map` visits them too.
struct Gather {
    transaction: Option<Transaction>,
    on_cpu: bool,
    cpu: Device,
}

impl ModuleVisitor for Gather {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let tensor = param.val();
        self.on_cpu &= tensor.device().without_autodiff() == self.cpu;
        self.transaction = self.transaction.take().map(|t| t.register(tensor));
    }
}

/// Replaces each parameter by its read values on the CPU, keeping its id.
struct Place {
    data: std::vec::IntoIter<TensorData>,
    cpu: Device,
    /// Set when there were fewer values than parameters (the copy is then refused).
    missing: bool,
}

impl ModuleMapper for Place {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        let copied = match self.data.next() {
            Some(data) => Tensor::from_data(data, &self.cpu),
            None => {
                self.missing = true;
                tensor
            }
        };
        Param::from_mapped_value(id, copied, mapper)
    }
}
