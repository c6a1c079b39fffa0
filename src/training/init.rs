//! Reproducible weights: the same seed gives the same initial network, even with other
//! trainers in the same process.

use std::sync::Mutex;

use burn::module::{Module, ModuleVisitor, Param};
use burn::tensor::{Device, Tensor};

use super::TrainingError;
use crate::model::{ModelSpec, Network};

/// Builds the network with weights that depend on `seed` alone. burn initialises parameters
/// lazily, at first use, from the backend's RNG, which on flex is one per process: another
/// trainer (a parallel test) could draw from it in between. So seed and initialise every
/// parameter at once, under a lock.
pub(crate) fn seeded_network(
    spec: &ModelSpec,
    device: &Device,
    seed: u64,
) -> Result<Network, TrainingError> {
    static INIT: Mutex<()> = Mutex::new(());
    let _guard = INIT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    device.seed(seed);
    let model = Network::new(spec, device)?;
    model.visit(&mut Initialise);
    Ok(model)
}

struct Initialise;

impl ModuleVisitor for Initialise {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let _ = param.val();
    }
}
