//! Random and extreme specs and settings thrown at everything that checks or measures them:
//! `validate`, `output_shapes`, `summary`, the share link and the memory estimate never panic
//! and never overflow (this crate is built with overflow checks in release), agree with each
//! other, and what they accept can be built.

use burn::prelude::*;
use convlab::model::limits::{MAX_DROPOUT_RATE, MAX_LAYERS, MAX_PARAMS, MAX_WIDTH, MAX_WINDOW};
use convlab::model::share_link;
use convlab::model::{Activation, LayerSpec, ModelSpec, Network, Padding, Rate};
use convlab::training::memory::{self, MEMORY_BUDGET};
use convlab::training::{Hyperparameters, MAX_EPOCHS, MAX_IMAGES};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// A size around the interesting edges: 0, 1, the limit, one past it, `usize::MAX`, or anything
/// in between (weighted towards small values, which make buildable models).
fn size(limit: usize) -> impl Strategy<Value = usize> {
    prop_oneof![
        1 => Just(0),
        1 => Just(1),
        1 => Just(limit),
        1 => Just(limit + 1),
        1 => Just(usize::MAX),
        1 => Just(usize::MAX / 2 + 1),
        2 => 1..=limit,
        3 => 1..=8usize,
    ]
}

/// A size within 1..=limit, mostly small: shaped specs built from these pass or fail on their
/// structure and total size rather than on one setting.
fn valid_size(limit: usize) -> impl Strategy<Value = usize> {
    prop_oneof![
        1 => Just(1),
        1 => Just(limit),
        2 => 1..=limit,
        8 => 1..=16usize,
    ]
}

fn activation() -> impl Strategy<Value = Activation> {
    prop::sample::select(Activation::ALL.to_vec())
}

/// A hidden layer's activation: softmax (refused there) only now and then.
fn hidden_activation() -> impl Strategy<Value = Activation> {
    prop_oneof![
        30 => prop::sample::select(vec![
            Activation::Relu,
            Activation::Sigmoid,
            Activation::Tanh,
            Activation::Linear,
        ]),
        1 => Just(Activation::Softmax),
    ]
}

fn padding() -> impl Strategy<Value = Padding> {
    prop_oneof![Just(Padding::Same), Just(Padding::Valid)]
}

/// A Dropout rate around its edges: NaN, infinities, −0, negative, 0, the limit, just past it,
/// 1, anything in range, any f32 at all.
fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(-0.0f32),
        1 => Just(-0.1f32),
        1 => Just(0.0f32),
        1 => Just(MAX_DROPOUT_RATE),
        1 => Just(f32::from_bits(MAX_DROPOUT_RATE.to_bits() + 1)),
        1 => Just(1.0f32),
        1 => Just(f32::MIN_POSITIVE / 4.0),
        4 => 0.0..=MAX_DROPOUT_RATE,
        1 => any::<f32>(),
    ]
    .prop_map(Rate)
}

/// A layer that works value by value, with a rate in range: fits anywhere but last.
fn value_layer() -> impl Strategy<Value = LayerSpec> {
    prop_oneof![
        Just(LayerSpec::BatchNormalization),
        (0.0..=MAX_DROPOUT_RATE).prop_map(|rate| LayerSpec::Dropout { rate: Rate(rate) }),
    ]
}

fn layer() -> impl Strategy<Value = LayerSpec> {
    prop_oneof![
        (size(MAX_WIDTH), size(MAX_WINDOW), activation(), padding()).prop_map(
            |(filters, kernel_size, activation, padding)| LayerSpec::Conv2D {
                filters,
                kernel_size,
                activation,
                padding,
            }
        ),
        size(MAX_WINDOW).prop_map(|pool_size| LayerSpec::MaxPooling2D { pool_size }),
        Just(LayerSpec::Flatten),
        (size(MAX_WIDTH), activation())
            .prop_map(|(units, activation)| LayerSpec::Dense { units, activation }),
        rate().prop_map(|rate| LayerSpec::Dropout { rate }),
        Just(LayerSpec::BatchNormalization),
    ]
}

/// Anything: mostly invalid.
fn any_spec() -> impl Strategy<Value = ModelSpec> {
    prop::collection::vec(layer(), 0..=40).prop_map(ModelSpec::new)
}

/// The shape of a real model (images, Flatten, vectors, Dense(10) last) with extreme sizes, so
/// that a good share passes validation and the limits are met from both sides.
fn shaped_spec() -> impl Strategy<Value = ModelSpec> {
    let image_layer = prop_oneof![
        (valid_size(MAX_WIDTH), valid_size(6), hidden_activation(), padding()).prop_map(
            |(filters, kernel_size, activation, padding)| LayerSpec::Conv2D {
                filters,
                kernel_size,
                activation,
                padding,
            }
        ),
        (1..=4usize).prop_map(|pool_size| LayerSpec::MaxPooling2D { pool_size }),
        value_layer(),
    ];
    let dense = prop_oneof![
        3 => (valid_size(MAX_WIDTH), hidden_activation())
            .prop_map(|(units, activation)| LayerSpec::Dense { units, activation }),
        1 => value_layer(),
    ];
    let last = prop_oneof![
        4 => Just(Activation::Softmax),
        1 => Just(Activation::Linear),
        1 => activation()
    ];
    (
        prop::collection::vec(image_layer, 0..=6),
        prop::collection::vec(dense, 0..=34),
        last,
    )
        .prop_map(|(images, denses, activation)| {
            let mut layers = images;
            layers.push(LayerSpec::Flatten);
            layers.extend(denses);
            layers.push(LayerSpec::Dense {
                units: 10,
                activation,
            });
            ModelSpec::new(layers)
        })
}

fn spec() -> impl Strategy<Value = ModelSpec> {
    prop_oneof![1 => any_spec(), 3 => shaped_spec()]
}

fn learning_rate() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(-0.001),
        1 => Just(1e308),
        1 => Just(1e9),
        1 => Just(1e-6),
        1 => Just(1e-7),
        1 => Just(10.0),
        1 => Just(10.000001),
        1 => Just(f64::MIN_POSITIVE),
        3 => 1e-6..=10.0f64,
        1 => any::<f64>(),
    ]
}

fn hyperparameters() -> impl Strategy<Value = Hyperparameters> {
    (
        size(MAX_EPOCHS),
        size(MAX_IMAGES),
        learning_rate(),
        any::<u64>(),
        prop::option::of(size(MAX_IMAGES)),
        any::<bool>(),
        prop::option::of(size(MAX_EPOCHS)),
    )
        .prop_map(
            |(epochs, batch_size, learning_rate, seed, train_subset, augment, early_stopping)| Hyperparameters {
                epochs,
                batch_size,
                learning_rate,
                seed,
                train_subset,
                augment,
                early_stopping,
            },
        )
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn validation_shapes_and_summary_agree(spec in spec()) {
        let valid = spec.validate();
        let shapes = spec.output_shapes();
        let summary = spec.summary();
        prop_assert_eq!(valid.is_ok(), shapes.is_ok());
        prop_assert_eq!(valid.is_ok(), summary.is_ok());
        match (valid, summary) {
            (Ok(()), Ok(summary)) => {
                prop_assert!(spec.layers.len() <= MAX_LAYERS);
                let sum: u64 = summary.layers.iter().map(|l| l.params as u64).sum();
                prop_assert_eq!(summary.total_params as u64, sum);
                prop_assert!(sum <= MAX_PARAMS);
                for (line, shape) in summary.layers.iter().zip(shapes.unwrap()) {
                    prop_assert_eq!(line.output_shape, shape);
                    let formula = line.formula.map_or(0, |f| f.count_u64());
                    prop_assert_eq!(line.params as u64, formula);
                    // The table renders without a panic.
                    let _ = line.formula.map(|f| (f.text(), f.mathml()));
                }
                let _ = summary.to_string();
            }
            (Err(error), _) => {
                // The message and the highlighted layer never point past the spec.
                prop_assert!(!error.to_string().is_empty());
                if let Some(index) = error.layer_index() {
                    prop_assert!(index < spec.layers.len());
                }
            }
            (Ok(()), Err(error)) => prop_assert!(false, "summary refused a valid spec: {}", error),
        }
    }

    #[test]
    fn links_decode_exactly_what_validation_accepts(spec in spec(), hyper in hyperparameters()) {
        let link = share_link::encode(&spec, &hyper);
        let decoded = share_link::decode(&link);
        let acceptable = spec.validate().is_ok() && hyper.validate().is_ok();
        prop_assert_eq!(decoded.is_ok(), acceptable, "{} -> {:?}", link, decoded);
        if let Ok((back_spec, back_hyper)) = decoded {
            prop_assert_eq!(back_spec, spec);
            prop_assert_eq!(back_hyper, hyper);
        }
    }

    #[test]
    fn the_memory_estimate_never_overflows(spec in spec(), hyper in hyperparameters()) {
        let plan = memory::plan(&spec, &hyper);
        prop_assert_eq!(plan.is_ok(), spec.validate().is_ok());
        let Ok(plan) = plan else { return Ok(()) };
        // Parts saturate at u64::MAX (a batch of usize::MAX images), so does the sum.
        prop_assert_eq!(plan.total_bytes, plan.batch_bytes.saturating_add(plan.fixed_bytes));
        let checked = memory::check(&spec, &hyper);
        prop_assert_eq!(checked.is_ok(), plan.total_bytes <= MEMORY_BUDGET);
        if let Err(error) = checked {
            prop_assert!(error.to_string().contains("more than the 3.0 GB"));
        }
        if let Some(largest) = plan.largest_batch() {
            let at = |batch_size: u64| Hyperparameters {
                batch_size: batch_size as usize,
                train_subset: None,
                ..hyper.clone()
            };
            prop_assert!(memory::plan(&spec, &at(largest)).unwrap().fits());
            if largest < MAX_IMAGES as u64 {
                prop_assert!(!memory::plan(&spec, &at(largest + 1)).unwrap().fits());
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// A sample of accepted specs small enough to build quickly: the burn network is built and
    /// runs, with the summary's parameter count and 10 outputs per image.
    #[test]
    fn accepted_specs_build(spec in shaped_spec()) {
        let Ok(summary) = spec.summary() else { return Ok(()) };
        if summary.total_params > 200_000 || memory::plan(&spec, &Hyperparameters::default())
            .map_or(true, |plan| plan.per_image_bytes > 64 << 20)
        {
            return Ok(());
        }
        let device = Device::flex();
        let network = Network::new(&spec, &device).unwrap();
        prop_assert_eq!(network.num_params(), summary.total_params);
        let logits = network.forward(Tensor::zeros([2, 1, 28, 28], &device));
        prop_assert_eq!(logits.dims(), [2, 10]);
    }
}

/// The properties above are not vacuous: the generators give many accepted specs, some at the
/// limits, and enough small ones to build.
#[test]
fn the_generators_reach_accepted_and_buildable_specs() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut accepted, mut small, mut at_limit, mut too_many_params) = (0, 0, 0, 0);
    let (mut normalised, mut dropped) = (0, 0);
    for _ in 0..2000 {
        let spec = spec().new_tree(&mut runner).unwrap().current();
        match spec.summary() {
            Ok(summary) => {
                accepted += 1;
                small += usize::from(summary.total_params <= 200_000);
                at_limit += usize::from(spec.layers.iter().any(|l| {
                    matches!(l, LayerSpec::Conv2D { filters: MAX_WIDTH, .. }
                        | LayerSpec::Dense { units: MAX_WIDTH, .. })
                }));
                normalised += usize::from(spec.layers.contains(&LayerSpec::BatchNormalization));
                dropped += usize::from(spec.layers.iter().any(|l| matches!(l, LayerSpec::Dropout { .. })));
            }
            Err(convlab::model::SpecError::TooManyParams { .. }) => too_many_params += 1,
            Err(_) => {}
        }
    }
    println!("accepted {accepted}, small {small}, at a width limit {at_limit}, too many parameters {too_many_params}, with BatchNormalization {normalised}, with Dropout {dropped}");
    assert!(accepted >= 100 && small >= 50 && at_limit >= 10 && too_many_params >= 10);
    assert!(normalised >= 30 && dropped >= 30, "the new layers are among the accepted specs");
}
