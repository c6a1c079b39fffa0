//! Exporting a model: as Keras Python code, and as a share link that decodes to the same model
//! and settings (and refuses garbage with an error, never a panic).

mod common;

use common::specs::{output, tutorial_normalised};
use convlab::model::share_link::{self, ShareLinkError};
use convlab::model::{Activation, LayerSpec, ModelSpec, Padding, Rate, SpecError};
use convlab::training::Hyperparameters;

const TUTORIAL_KERAS: &str = r#"model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu", padding="same"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu", padding="same"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu", padding="same"),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ]
)
"#;

/// Kernel 5, valid padding, and every other activation.
fn kernel_5() -> ModelSpec {
    ModelSpec::new(vec![
        LayerSpec::Conv2D {
            filters: 16,
            kernel_size: 5,
            activation: Activation::Tanh,
            padding: Padding::Valid,
        },
        LayerSpec::MaxPooling2D { pool_size: 3 },
        LayerSpec::Conv2D {
            filters: 8,
            kernel_size: 5,
            activation: Activation::Sigmoid,
            padding: Padding::Same,
        },
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 64,
            activation: Activation::Linear,
        },
        LayerSpec::Dense {
            units: 10,
            activation: Activation::Linear,
        },
    ])
}

#[test]
fn the_tutorial_exports_as_the_tutorial_keras_code() {
    assert_eq!(ModelSpec::tutorial().to_keras(), TUTORIAL_KERAS);
}

#[test]
fn the_keras_script_compiles_and_fits_with_the_settings() {
    let hyper = Hyperparameters {
        train_subset: Some(10_000),
        ..Default::default()
    };
    let script = ModelSpec::tutorial().to_keras_script(&hyper);
    assert!(script.starts_with("import keras\nfrom keras import layers\n"));
    assert!(script.contains("keras.utils.set_random_seed(42)\n"));
    assert!(script.contains("x_train, y_train = x_train[:10000], y_train[:10000]\n"));
    assert!(script.contains(TUTORIAL_KERAS));
    assert!(script.contains(
        "model.compile(\n    loss=\"sparse_categorical_crossentropy\",\n    \
         optimizer=keras.optimizers.Adam(learning_rate=0.001),\n    \
         metrics=[\"accuracy\"],\n)\n"
    ));
    assert!(script.contains(
        "model.fit(x_train, y_train, batch_size=32, epochs=5, validation_data=(x_test, y_test))\n"
    ));
    let one = Hyperparameters {
        learning_rate: 1.0,
        ..Default::default()
    };
    assert!(
        ModelSpec::tutorial()
            .to_keras_script(&one)
            .contains("Adam(learning_rate=1.0)")
    );
}

#[test]
fn other_layers_export_every_setting() {
    let code = kernel_5().to_keras();
    for line in [
        "layers.Conv2D(16, kernel_size=(5, 5), activation=\"tanh\", padding=\"valid\"),",
        "layers.MaxPooling2D(pool_size=(3, 3)),",
        "layers.Conv2D(8, kernel_size=(5, 5), activation=\"sigmoid\", padding=\"same\"),",
        "layers.Dense(64, activation=\"linear\"),",
    ] {
        assert!(code.contains(line), "{line} missing from\n{code}");
    }
}

#[test]
fn the_tutorial_link_is_short_and_readable() {
    let link = share_link::encode(&ModelSpec::tutorial(), &Hyperparameters::default());
    assert_eq!(
        link,
        "model=c32.k3.same.relu-p2-c32.k3.same.relu-p2-c32.k3.same.relu-f-d10.softmax\
         &epochs=5&batch=32&lr=0.001&seed=42"
    );
}

#[test]
fn links_round_trip() {
    let settings = [
        Hyperparameters::default(),
        Hyperparameters {
            epochs: 2,
            batch_size: 128,
            learning_rate: 3e-4,
            seed: u64::MAX,
            train_subset: Some(10_000),
            augment: true,
            early_stopping: Some(4),
        },
    ];
    for spec in [
        ModelSpec::tutorial(),
        ModelSpec::dense_baseline(),
        kernel_5(),
    ] {
        for hyper in &settings {
            let link = share_link::encode(&spec, hyper);
            for form in [
                link.clone(),
                format!("#{link}"),
                format!("?{link}&tab=train"),
            ] {
                assert_eq!(
                    share_link::decode(&form),
                    Ok((spec.clone(), hyper.clone())),
                    "{form}"
                );
            }
        }
    }
}

#[test]
fn hand_written_links_take_keras_defaults() {
    let (spec, hyper) = share_link::decode("model=c8.k3-f-d10").unwrap();
    assert_eq!(
        spec.layers[0],
        LayerSpec::Conv2D {
            filters: 8,
            kernel_size: 3,
            activation: Activation::Linear,
            padding: Padding::Valid,
        }
    );
    assert_eq!(hyper, Hyperparameters::default());
    // Settings in any order.
    let (spec, _) = share_link::decode("model=c8.relu.same.k3-f-d10.softmax").unwrap();
    assert_eq!(spec.layers[0].activation(), Some(Activation::Relu));
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    let garbage = [
        "",
        "#",
        "hello",
        "model=",
        "model=-",
        "model=x3",
        "model=c-f-d10",
        "model=c32.k-f-d10",
        "model=c32.k3.k3-f-d10",
        "model=c32.k3.wobbly-f-d10",
        "model=c0.k3-f-d10",
        "model=c99999999999999999999999.k3-f-d10",
        "model=c32.k3-f-d10&epochs=0",
        "model=c32.k3-f-d10&epochs=-1",
        "model=c32.k3-f-d10&lr=fast",
        "model=c32.k3-f-d10&lr=-0.1",
        "model=c32.k3-f-d10&lr=NaN",
        "model=c32.k3-f-d10&lr=inf",
        "model=c32.k3-f-d10&lr=1e308",
        "model=c32.k3-f-d10&lr=1e9",
        "model=c32.k3-f-d10&lr=0",
        "model=c32.k3-f-d10&epochs=1001",
        "model=c32.k3-f-d10&batch=60001",
        "model=c32.k3-f-d10&subset=0",
        "model=c32.k3-f-d10&batch=99999999999999999999999",
        "model=c32.k3-f-d10&batch=0",
        "model=c32.k3-f-d10&seed=1.5",
        "model=c32.k3-f-d10&model=f-d10",
        "model=p2.relu-f-d10",
        "model=f3-d10",
        "model=d10.same",
        "model=f-d9",
        "model=d10-c8.k3",
        "model=c8.k99-f-d10",
        "model=c1024.k28.same-c1024.k28.same-f-d10",
        "model=😀-f-d10",
        "&&&=&=",
        "model=c8.k3-f-d10&epochs",
    ];
    for link in garbage {
        let result = share_link::decode(link);
        let error = result.expect_err(link);
        assert!(!error.to_string().is_empty());
    }
    assert_eq!(share_link::decode("epochs=3"), Err(ShareLinkError::NoModel));
    assert!(matches!(
        share_link::decode("model=c1024.k28.same-c1024.k28.same-f-d10"),
        Err(ShareLinkError::InvalidModel(SpecError::TooManyParams { .. }))
    ));
    assert!(matches!(
        share_link::decode("model=c32.k3-f-d9"),
        Err(ShareLinkError::InvalidModel(_))
    ));
    let Err(ShareLinkError::BadLayer { index, .. }) = share_link::decode("model=f-q3-d10") else {
        panic!("an unknown layer names its position");
    };
    assert_eq!(index, 1);
}

#[test]
fn links_go_through_the_core_validation() {
    // Training settings: the ranges of Hyperparameters::validate.
    for lr in ["1e308", "1e9", "NaN", "inf", "-0.1", "0", "1e-7", "10.5"] {
        let link = format!("model=c32.k3-f-d10&lr={lr}");
        match share_link::decode(&link) {
            Err(ShareLinkError::InvalidSettings(message)) => {
                assert!(message.contains("learning rate must be between"), "{message}");
                assert!(message.contains("0.001"), "{message}");
            }
            other => panic!("{link}: {other:?}"),
        }
    }
    assert!(share_link::decode("model=c32.k3-f-d10&lr=10").is_ok());
    assert_eq!(
        share_link::decode("model=c32.k3-f-d10&lr=1e308"),
        Err(ShareLinkError::InvalidSettings(
            "learning rate must be between 0.000001 and 10, not 1e308; the tutorial uses 0.001"
                .into()
        ))
    );
    let Err(ShareLinkError::InvalidSettings(message)) =
        share_link::decode("model=c32.k3-f-d10&batch=100000")
    else {
        panic!("batch 100000 must be refused");
    };
    assert_eq!(message, "batch size must be between 1 and 60000, not 100000");

    // Model limits: the same errors as the model builder gets.
    let Err(ShareLinkError::InvalidModel(error)) = share_link::decode("model=c1025.k3-f-d10")
    else {
        panic!("1025 filters must be refused");
    };
    assert_eq!(
        error.to_string(),
        "layer 1 (Conv2D): filters must be between 1 and 1024, not 1025"
    );
    let layers = vec!["d16"; 40].join("-");
    assert_eq!(
        share_link::decode(&format!("model=f-{layers}-d10")),
        Err(ShareLinkError::InvalidModel(SpecError::TooManyLayers { count: 42 }))
    );
}

#[test]
fn a_huge_bad_link_is_quoted_in_part() {
    let huge = "9".repeat(100_000);
    for link in [
        format!("model=f-d10.softmax&epochs={huge}"),
        format!("model=f-d10.softmax&{huge}"),
        format!("model=f-d{huge}.softmax"),
        format!("model=c32.k3.{huge}-f-d10"),
        format!("model=f-d10&{huge}=1&{huge}=2"),
    ] {
        let message = share_link::decode(&link).unwrap_err().to_string();
        assert!(message.len() < 300, "{} characters: {}", message.len(), &message[..300]);
        assert!(message.contains("100000 characters"), "{message}");
    }
}

#[test]
fn dropout_and_batch_normalization_export_and_link() {
    let spec = tutorial_normalised();
    let code = spec.to_keras();
    assert!(code.contains("        layers.BatchNormalization(),\n"), "{code}");
    assert!(code.contains("        layers.Dropout(0.25),\n"), "{code}");
    // An f32 rate keeps its short form (not 0.10000000149011612), and a whole one gets its ".0".
    let rate = |r: f32| ModelSpec::new(vec![LayerSpec::Flatten, LayerSpec::Dropout { rate: Rate(r) }, output()]);
    assert!(rate(0.1).to_keras().contains("layers.Dropout(0.1),"));
    assert!(rate(0.0).to_keras().contains("layers.Dropout(0.0),"));

    let link = share_link::encode(&spec, &Hyperparameters::default());
    assert!(
        link.starts_with("model=c32.k3.same.relu-bn-p2-c32.k3.same.relu-bn-p2-c32.k3.same.relu-bn-f-drop0.25-d10.softmax&"),
        "{link}"
    );
    assert_eq!(share_link::decode(&link).unwrap().0, spec);
    assert_eq!(share_link::decode("model=f-drop0.1-bn-d10").unwrap().0.layers[1], LayerSpec::Dropout { rate: Rate(0.1) });
    for (bad, why) in [
        ("model=f-drop-d10", "the Dropout rate must be a number such as 0.25"),
        ("model=f-dropx-d10", "the Dropout rate must be a number such as 0.25"),
        ("model=f-bn.relu-d10", "only Conv2D (and Dense, for activations) takes an activation"),
        ("model=f-drop1.5-d10", "the rate must be a number from 0 to 0.9"),
        ("model=f-dropNaN-d10", "not NaN"),
        ("model=f-d10-bn", "the last layer must be Dense"),
    ] {
        let message = share_link::decode(bad).unwrap_err().to_string();
        assert!(message.contains(why), "{bad}: {message}");
    }
}
