//! The benchmark: trains the tutorial CNN natively on burn's CPU backend (`flex`) on full MNIST
//! from `MNIST_DIR`, printing what Keras prints. Usage:
//!   MNIST_DIR=/path/to/mnist train-native [--epochs N] [--batch-size N] [--subset N] [--seed N]
//!                                         [--augment] [--save PATH]
//!   MNIST_DIR=/path/to/mnist train-native --augment-cost
//! `--augment-cost` only times the augmentation (`convlab::augment`) of the first 9 600 training
//! images in batches of 32, three rounds, and prints its cost an image (a `cargo xtask bench` row).
//! `--augment` distorts the training images the way people draw (`convlab::augment`). At the
//! end it prints the test accuracy and the per-class accuracy on the synthetic
//! digits (`convlab::synthetic_digits`).
//! `--save` writes the trained weights, with the spec, settings and test figures, as a ConvLab
//! weights file (`model::weights`), e.g. the app's default model `www/model/tutorial.bin`.
//! Natively only: on wasm32 this binary is empty (the browser has its own entry point).

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
    use std::io::Write;
    use std::path::PathBuf;
    use std::sync::Arc;
    use std::time::Instant;

    use burn::module::Module;
    use burn::tensor::Device;
    use convlab::augment;
    use convlab::data::Mnist;
    use convlab::synthetic_digits::{self, PER_CLASS, SEED, Score, answers};
    use convlab::model::{ModelSpec, Network};
    use convlab::model::weights::Pretrained;
    use convlab::training::{Hyperparameters, Trainer, TrainingEvent, evaluate};
    use futures::executor::block_on;

    const USAGE: &str = "usage: train-native [--epochs N] [--batch-size N] [--subset N] [--seed N] [--augment] [--finish N] [--from PATH] [--save PATH]\n\
                         reads the four MNIST files from the folder named by MNIST_DIR;\n\
                         --augment distorts the training images the way people draw;\n\
                         --finish N trains N more epochs at a tenth of the learning rate (shuffled with seed + 1);\n\
                         --from PATH skips the first epochs: the weights file at PATH is their result (with --finish);\n\
                         --augment-cost only times the augmentation of 9 600 images;\n\
                         --save writes the trained weights file to PATH";

    /// What the command line asks for.
    struct Args {
        hyper: Hyperparameters,
        save: Option<PathBuf>,
        finish: usize,
        from: Option<PathBuf>,
    }

    fn parse_args() -> Result<Args, String> {
        let mut hyper = Hyperparameters::default();
        let (mut save, mut finish, mut from) = (None, 0, None);
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            if flag == "--help" || flag == "-h" {
                println!("{USAGE}");
                std::process::exit(0);
            }
            if flag == "--augment" {
                hyper.augment = true;
                continue;
            }
            let value = args
                .next()
                .ok_or(format!("{flag} needs a value\n{USAGE}"))?;
            let number = |v: &str| {
                v.parse::<u64>()
                    .map_err(|_| format!("{flag}: not a number: {v}"))
            };
            match flag.as_str() {
                "--epochs" => hyper.epochs = number(&value)? as usize,
                "--batch-size" => hyper.batch_size = number(&value)? as usize,
                "--subset" => hyper.train_subset = Some(number(&value)? as usize),
                "--seed" => hyper.seed = number(&value)?,
                "--save" => save = Some(PathBuf::from(value)),
                "--finish" => finish = number(&value)? as usize,
                "--from" => from = Some(PathBuf::from(value)),
                _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
            }
        }
        if from.is_some() && finish == 0 {
            return Err(format!("--from needs --finish N: the epochs to train after the file's\n{USAGE}"));
        }
        Ok(Args { hyper, save, finish, from })
    }

    pub fn run() -> Result<(), String> {
        if std::env::args().nth(1).as_deref() == Some("--augment-cost") {
            return augment_cost();
        }
        let Args { hyper, save, finish, from } = parse_args()?;
        let started = Instant::now();
        let data = Arc::new(Mnist::load_env().map_err(|e| e.to_string())?);
        println!("x_train shape: {}", data.train.images_shape());
        println!(
            "{} train samples, {} test samples",
            data.train.len(),
            data.test.len()
        );
        println!("loaded in {:.2}s", started.elapsed().as_secs_f64());

        let device = Device::flex();
        let spec = ModelSpec::tutorial();
        // The first epochs: trained here, or read from --from's file (whose header says how).
        let (mut hyper, mut model) = match &from {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
                let (about, network) = Pretrained::decode(&bytes, &device).map_err(|e| format!("{}: {e}", path.display()))?;
                println!("starting from {}: {:?}", path.display(), about.hyperparameters);
                (about.hyperparameters, network)
            }
            None => {
                let trainer = Trainer::new(&spec, hyper.clone(), data.clone(), &device, clock())
                    .map_err(|e| e.to_string())?;
                (hyper, train(trainer)?)
            }
        };
        if finish > 0 {
            // A tenth of the learning rate settles the weights the larger steps leave jittering
            // around (at 0.001 the MNIST test accuracy moved by up to 0.2 points from epoch to
            // epoch: 99.31, 99.18, 99.12 % over epochs 8–10 of the shipped model's run).
            let slower = Hyperparameters {
                epochs: finish,
                learning_rate: hyper.learning_rate / 10.0,
                seed: hyper.seed + 1,
                ..hyper.clone()
            };
            let weights = convlab::model::weights::to_bytes(&model).map_err(|e| e.to_string())?;
            let trainer = Trainer::continuing(&spec, slower, data.clone(), &device, clock(), &weights)
                .map_err(|e| e.to_string())?;
            model = train(trainer)?;
            hyper.epochs += finish;
        }

        let test = block_on(evaluate(&model, &data.test, 500, &device))
            .map_err(|e| e.to_string())?;
        println!("Test loss: {:.4}", test.loss);
        println!("Test accuracy: {:.4}", test.accuracy);
        let synthetic = synthetic_digits::generate(PER_CLASS, SEED);
        let answers = block_on(answers(&model, &synthetic, &device)).map_err(|e| e.to_string())?;
        println!("Synthetic digits ({} a class, seed {SEED}):", PER_CLASS);
        print!("{}", Score::new(&synthetic, &answers).report());
        if let Some(path) = save {
            // The header records every epoch (with --finish, the last ones at a tenth of the
            // learning rate it names: docs/model.md says so).
            let pretrained = Pretrained {
                spec,
                hyperparameters: hyper,
                test_accuracy: Some(test.accuracy),
                test_loss: Some(test.loss),
            };
            let bytes = pretrained.encode(&model).map_err(|e| e.to_string())?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("saved {} ({} bytes)", path.display(), bytes.len());
        }
        println!("total time: {:.1}s", started.elapsed().as_secs_f64());
        Ok(())
    }

    /// Milliseconds since the trainer was made, as its clock.
    fn clock() -> convlab::training::Clock {
        let origin = Instant::now();
        Box::new(move || origin.elapsed().as_secs_f64() * 1000.0)
    }

    /// Runs `trainer` to its end, printing what Keras prints; its trained network.
    fn train(mut trainer: Trainer) -> Result<Network, String> {
        println!(
            "model: tutorial CNN, {} parameters; backend flex (CPU), {} threads; {:?}",
            trainer.model().num_params(),
            rayon::current_num_threads(),
            trainer.hyperparameters()
        );
        let mut total_samples_per_sec = Vec::new();
        while let Some(event) = block_on(trainer.step()).map_err(|e| e.to_string())? {
            match event {
                TrainingEvent::Batch(p) if p.batch == 1 => {
                    println!("Epoch {}/{}", p.epoch, p.epochs);
                }
                TrainingEvent::Batch(p) if p.batch % 100 == 0 || p.batch == p.batches => {
                    eprint!(
                        "\r{}/{} - loss: {:.4} - accuracy: {:.4} - {:.0} samples/s   ",
                        p.batch, p.batches, p.loss, p.accuracy, p.samples_per_sec
                    );
                    let _ = std::io::stderr().flush();
                }
                TrainingEvent::Epoch(e) => {
                    eprintln!();
                    println!(
                        "{}/{}: {:.1}s ({:.1}s training, {:.0} samples/s) - loss: {:.4} - accuracy: {:.4} - val_loss: {:.4} - val_accuracy: {:.4}",
                        e.epoch,
                        e.epochs,
                        e.seconds,
                        e.train_seconds,
                        e.samples_per_sec,
                        e.loss,
                        e.accuracy,
                        e.val_loss,
                        e.val_accuracy
                    );
                    total_samples_per_sec.push(e.samples_per_sec);
                }
                TrainingEvent::Finished(f) => {
                    println!("finished: {} epochs, {} steps", f.epochs_completed, f.steps);
                }
                _ => {}
            }
        }

        let mean =
            total_samples_per_sec.iter().sum::<f64>() / total_samples_per_sec.len().max(1) as f64;
        println!("mean training throughput: {mean:.0} samples/s");
        Ok(trainer.model())
    }

    /// `--augment-cost`: the mean time augmentation takes an image, on the first 9 600 training
    /// images in batches of 32 (each batch's distortions from `augment::batch_rng`, as in a run),
    /// three rounds; the batch's pixels are copied before each round, outside the timing.
    fn augment_cost() -> Result<(), String> {
        const IMAGES: usize = 9_600;
        const BATCH: usize = 32;
        let data = Mnist::load_env().map_err(|e| e.to_string())?;
        let batches: Vec<(Vec<f32>, Vec<u8>)> = (0..IMAGES / BATCH)
            .map(|b| {
                let indices: Vec<usize> = (b * BATCH..(b + 1) * BATCH).collect();
                (data.train.scaled_pixels(&indices), indices.iter().map(|&i| data.train.label(i)).collect())
            })
            .collect();
        let mut rounds = Vec::new();
        for _ in 0..3 {
            let mut spent = std::time::Duration::ZERO;
            for (b, (pixels, labels)) in batches.iter().enumerate() {
                let mut pixels = pixels.clone();
                let mut rng = augment::batch_rng(42, 0, b);
                let started = Instant::now();
                augment::augment_batch(&mut pixels, labels, &mut rng);
                spent += started.elapsed();
                std::hint::black_box(&pixels);
            }
            rounds.push(spent.as_secs_f64() * 1e6 / IMAGES as f64);
        }
        let mean = rounds.iter().sum::<f64>() / rounds.len() as f64;
        let each: Vec<String> = rounds.iter().map(|r| format!("{r:.1}")).collect();
        println!("augmentation: {mean:.1} µs an image ({IMAGES} images in batches of {BATCH}, rounds {} µs)", each.join(", "));
        Ok(())
    }
}
