//! Where a training step's time goes: each layer of the tutorial CNN timed alone, forward and
//! backward, at batch 32 on burn's CPU backend (`flex` with autodiff), with one thread and with
//! all of them, next to the whole network's forward + backward. Burn's own `MaxPool2d` is timed
//! on the pools' inputs too, for comparison with ConvLab's 2 × 2 pool (model::max_pool_2x2).
//! Usage: layer-profile [--batch-size N] [--repeats N]; prints a table, medians in ms.
//! Natively only: on wasm32 this binary is empty.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = native::run() {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use burn::nn::pool::MaxPool2dConfig;
    use burn::prelude::*;
    use burn::tensor::Distribution;
    use convlab::model::{LayerOutput, LayerSpec, ModelSpec, Network};

    const USAGE: &str = "usage: layer-profile [--batch-size N] [--repeats N]";

    /// One row: what was timed, its forward and backward medians (ms) per thread count.
    struct Row {
        name: String,
        times: Vec<(f64, f64)>,
    }

    pub fn run() -> Result<(), String> {
        let (batch, repeats) = parse_args()?;
        let all_threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let thread_counts: Vec<usize> = if all_threads > 1 { vec![1, all_threads] } else { vec![1] };
        let device = Device::flex().autodiff();
        let spec = ModelSpec::tutorial();
        let network = Network::new(&spec, &device).map_err(|e| e.to_string())?;
        let images = Tensor::<4>::random([batch, 1, 28, 28], Distribution::Uniform(0.0, 1.0), &device);

        let mut rows: Vec<Row> = Vec::new();
        for &threads in &thread_counts {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
            let times = pool.install(|| profile(&network, &spec, images.clone(), repeats));
            for (index, (name, forward, backward)) in times.into_iter().enumerate() {
                match rows.get_mut(index) {
                    Some(row) => row.times.push((forward, backward)),
                    None => rows.push(Row { name, times: vec![(forward, backward)] }),
                }
            }
        }
        print_table(&rows, &thread_counts, batch, repeats);
        Ok(())
    }

    fn parse_args() -> Result<(usize, usize), String> {
        let (mut batch, mut repeats) = (32, 30);
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let value = args.next().ok_or(format!("{flag} needs a value\n{USAGE}"))?;
            let number = value.parse::<usize>().map_err(|_| format!("{flag}: not a number: {value}"))?;
            match flag.as_str() {
                "--batch-size" => batch = number.max(1),
                "--repeats" => repeats = number.max(1),
                _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
            }
        }
        Ok((batch, repeats))
    }

    /// (name, forward ms, backward ms) per layer, then burn's pool on each pool's input, then the
    /// whole network.
    fn profile(network: &Network, spec: &ModelSpec, images: Tensor<4>, repeats: usize) -> Vec<(String, f64, f64)> {
        let (_, outputs) = network.forward_with_activations(images.clone());
        let inputs: Vec<LayerOutput> = core::iter::once(LayerOutput::Image(images.clone())).chain(outputs).collect();
        let mut rows = Vec::new();
        for (index, layer) in spec.layers.iter().enumerate() {
            // The first layer's input needs no gradient in training; every other one does.
            let input = detached(&inputs[index], index > 0);
            let name = format!("{} {}", index + 1, describe(layer));
            let (forward, backward) = time(repeats, || network.forward_layer(index, input.clone()));
            rows.push((name, forward, backward));
        }
        let burn_pool = MaxPool2dConfig::new([2, 2]).init();
        for (index, layer) in spec.layers.iter().enumerate() {
            if let (LayerSpec::MaxPooling2D { pool_size: 2 }, LayerOutput::Image(x)) = (layer, detached(&inputs[index], true)) {
                let name = format!("{} burn's MaxPool2d, for comparison", index + 1);
                let (forward, backward) = time(repeats, || LayerOutput::Image(burn_pool.forward(x.clone())));
                rows.push((name, forward, backward));
            }
        }
        let (forward, backward) = time(repeats, || LayerOutput::Flat(network.forward(images.clone())));
        rows.push(("whole network".into(), forward, backward));
        rows
    }

    /// A copy of `x` that starts a new graph, tracking its gradient if `tracked`.
    fn detached(x: &LayerOutput, tracked: bool) -> LayerOutput {
        match x {
            LayerOutput::Image(x) if tracked => LayerOutput::Image(x.clone().detach().require_grad()),
            LayerOutput::Image(x) => LayerOutput::Image(x.clone().detach()),
            LayerOutput::Flat(x) if tracked => LayerOutput::Flat(x.clone().detach().require_grad()),
            LayerOutput::Flat(x) => LayerOutput::Flat(x.clone().detach()),
        }
    }

    /// Median forward and backward times (ms) of `forward` and of the backward pass of its
    /// output's sum, after two unmeasured rounds. burn's CPU backend computes eagerly, so the
    /// clock stops when the call returns.
    fn time(repeats: usize, forward: impl Fn() -> LayerOutput) -> (f64, f64) {
        let (mut forwards, mut backwards) = (Vec::new(), Vec::new());
        for round in 0..repeats + 2 {
            let started = Instant::now();
            let output = forward();
            let forward_ms = started.elapsed().as_secs_f64() * 1e3;
            let sum = match output {
                LayerOutput::Image(y) => y.sum(),
                LayerOutput::Flat(y) => y.sum(),
            };
            let started = Instant::now();
            let gradients = sum.backward();
            let backward_ms = started.elapsed().as_secs_f64() * 1e3;
            drop(gradients);
            if round >= 2 {
                forwards.push(forward_ms);
                backwards.push(backward_ms);
            }
        }
        (median(forwards), median(backwards))
    }

    fn median(mut values: Vec<f64>) -> f64 {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    }

    fn describe(layer: &LayerSpec) -> String {
        match layer {
            LayerSpec::Conv2D { filters, kernel_size, .. } => format!("Conv2D({filters}, {kernel_size}×{kernel_size})"),
            LayerSpec::MaxPooling2D { pool_size } => format!("MaxPooling2D({pool_size}×{pool_size})"),
            LayerSpec::Flatten => "Flatten".into(),
            LayerSpec::Dense { units, .. } => format!("Dense({units})"),
            LayerSpec::Dropout { rate } => format!("Dropout({rate})"),
            LayerSpec::BatchNormalization => "BatchNormalization".into(),
        }
    }

    fn print_table(rows: &[Row], thread_counts: &[usize], batch: usize, repeats: usize) {
        println!("per-layer time, tutorial CNN, batch {batch}, flex + autodiff, median of {repeats} (ms)");
        print!("{:<44}", "layer");
        for threads in thread_counts {
            let label = if *threads == 1 { "1 thread".to_string() } else { format!("{threads} threads") };
            print!(" {:>24}", format!("{label}: fwd / bwd"));
        }
        println!();
        for row in rows {
            print!("{:<44}", row.name);
            for (forward, backward) in &row.times {
                print!(" {:>24}", format!("{forward:.2} / {backward:.2}"));
            }
            println!();
        }
    }
}
