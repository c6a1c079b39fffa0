//! The synthetic evaluation set (`convlab::synthetic_digits`): generates it and prints how a
//! ConvLab model file does on it, per class, with its mistakes. Usage:
//!   synthetic-digits [--model PATH] [--per-class N] [--seed N] [--sheet PATH] [--mistakes PATH]
//! `--model` defaults to the shipped model, `www/model/tutorial.bin`; `--sheet` also writes
//! every digit as the model sees it (28 × 28), one class per row, as a PGM picture;
//! `--mistakes` the digits the model misreads.
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
    use std::path::PathBuf;
    use std::time::Instant;

    use burn::tensor::Device;
    use convlab::data::SIDE;
    use convlab::synthetic_digits::{self, SyntheticDigit, PER_CLASS, SEED, Score, answers};
    use convlab::model::weights::Pretrained;
    use futures::executor::block_on;

    const USAGE: &str = "usage: synthetic-digits [--model PATH] [--per-class N] [--seed N] [--sheet PATH] [--mistakes PATH]";

    struct Args {
        model: PathBuf,
        per_class: usize,
        seed: u64,
        sheet: Option<PathBuf>,
        mistakes: Option<PathBuf>,
    }

    fn parse_args() -> Result<Args, String> {
        let mut parsed = Args {
            model: PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/www/model/tutorial.bin"
            )),
            per_class: PER_CLASS,
            seed: SEED,
            sheet: None,
            mistakes: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            if flag == "--help" || flag == "-h" {
                println!("{USAGE}");
                std::process::exit(0);
            }
            let value = args
                .next()
                .ok_or(format!("{flag} needs a value\n{USAGE}"))?;
            let number = |v: &str| {
                v.parse::<u64>()
                    .map_err(|_| format!("{flag}: not a number: {v}"))
            };
            match flag.as_str() {
                "--model" => parsed.model = PathBuf::from(value),
                "--per-class" => parsed.per_class = number(&value)?.max(1) as usize,
                "--seed" => parsed.seed = number(&value)?,
                "--sheet" => parsed.sheet = Some(PathBuf::from(value)),
                "--mistakes" => parsed.mistakes = Some(PathBuf::from(value)),
                _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
            }
        }
        Ok(parsed)
    }

    pub fn run() -> Result<(), String> {
        let args = parse_args()?;
        let started = Instant::now();
        let set = synthetic_digits::generate(args.per_class, args.seed);
        println!(
            "{} synthetic digits ({} a class, seed {}) generated in {:.2}s",
            set.len(),
            args.per_class,
            args.seed,
            started.elapsed().as_secs_f64()
        );
        if let Some(path) = &args.sheet {
            std::fs::write(path, sheet(&set, args.per_class, true))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
        let bytes =
            std::fs::read(&args.model).map_err(|e| format!("{}: {e}", args.model.display()))?;
        let device = Device::flex();
        let (header, network) = Pretrained::decode(&bytes, &device).map_err(|e| e.to_string())?;
        println!(
            "model {}: {} bytes, MNIST test accuracy {}, trained with {:?}",
            args.model.display(),
            bytes.len(),
            header
                .test_accuracy
                .map_or("not recorded".into(), |a| format!("{:.4}", a)),
            header.hyperparameters
        );
        let answers = block_on(answers(&network, &set, &device)).map_err(|e| e.to_string())?;
        print!("{}", Score::new(&set, &answers).report());
        if let Some(path) = &args.mistakes {
            let misread: Vec<SyntheticDigit> = set
                .iter()
                .zip(&answers)
                .filter(|(d, a)| d.label != **a)
                .map(|(d, _)| d.clone())
                .collect();
            std::fs::write(path, sheet(&misread, misread.len().max(1), false))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            println!(
                "wrote the {} misread digits to {}",
                misread.len(),
                path.display()
            );
        }
        Ok(())
    }

    /// A binary PGM of the digits (ink white), `across` a row: one class a row when
    /// `by_class`, else in order.
    fn sheet(set: &[SyntheticDigit], across: usize, by_class: bool) -> Vec<u8> {
        let rows = if by_class {
            10
        } else {
            set.len().div_ceil(across).max(1)
        };
        let (width, height) = (across * SIDE, rows * SIDE);
        let mut out = format!("P5\n{width} {height}\n255\n").into_bytes();
        let mut pixels = vec![0u8; width * height];
        for (i, digit) in set.iter().enumerate() {
            let row = if by_class {
                usize::from(digit.label)
            } else {
                i / across
            };
            let col = i % across;
            for (k, &v) in digit.pixels.iter().enumerate() {
                let (y, x) = (row * SIDE + k / SIDE, col * SIDE + k % SIDE);
                pixels[y * width + x] = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
            }
        }
        out.extend(pixels);
        out
    }
}
