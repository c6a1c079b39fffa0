//! The model builder's edits: new layers land where they keep the model buildable, moves and
//! removals do what they say, settings change only their own layer.

use convlab::exercise::builder::{
    DEFAULT_DROPOUT_RATE, Edit, KINDS, Preset, Setting, default_insert_position, insert_layer, move_layer, new_layer,
    remove_layer, with_activation, with_padding,
};
use convlab::model::{Activation, LayerKind, LayerSpec, ModelSpec, Padding, Rate};

#[test]
fn every_new_layer_added_at_its_default_place_keeps_the_tutorial_valid() {
    for preset in Preset::ALL {
        for kind in KINDS {
            let spec = preset.spec();
            let at = default_insert_position(&spec, kind);
            let grown = insert_layer(&spec, at, new_layer(kind));
            assert_eq!(grown.layers.len(), spec.layers.len() + 1);
            assert_eq!(grown.layers[at].kind(), kind);
            assert!(grown.validate().is_ok(), "{kind} into {preset:?} at {at}: {:?}", grown.validate());
        }
    }
    let tutorial = ModelSpec::tutorial();
    assert_eq!(default_insert_position(&tutorial, LayerKind::Conv2D), 5);
    assert_eq!(default_insert_position(&tutorial, LayerKind::Dense), 6);
    assert_eq!(default_insert_position(&tutorial, LayerKind::Flatten), 6);
    assert_eq!(default_insert_position(&ModelSpec::new(vec![]), LayerKind::Dense), 0);
}

#[test]
fn moving_and_removing_layers() {
    let spec = ModelSpec::tutorial();
    let (moved, at) = move_layer(&spec, 1, true);
    assert_eq!(at, 0);
    assert_eq!(moved.layers[0], spec.layers[1]);
    assert_eq!(moved.layers[1], spec.layers[0]);
    let (same, at) = move_layer(&spec, 0, true);
    assert_eq!((same, at), (spec.clone(), 0));
    let last = spec.layers.len() - 1;
    assert_eq!(move_layer(&spec, last, false).1, last);
    let (down, at) = move_layer(&spec, 5, false);
    assert_eq!(at, 6);
    assert_eq!(down.layers[6], LayerSpec::Flatten);

    let fewer = remove_layer(&spec, 0);
    assert_eq!(fewer.layers.len(), spec.layers.len() - 1);
    assert_eq!(remove_layer(&spec, 99), spec);
    // Removing everything gives the core's "no layers" error, which names no layer.
    let empty = (0..spec.layers.len()).fold(spec.clone(), |s, _| remove_layer(&s, 0));
    assert_eq!(empty.validate().unwrap_err().layer_index(), None);
}

#[test]
fn settings_change_their_own_layer_only() {
    let conv = new_layer(LayerKind::Conv2D);
    assert_eq!(Setting::KernelSize.get(&conv), Some(3));
    let five = Setting::KernelSize.set(&conv, 5);
    assert_eq!(Setting::KernelSize.get(&five), Some(5));
    assert_eq!(Setting::Filters.get(&five), Some(32));
    assert_eq!(Setting::Units.get(&five), None);
    assert_eq!(Setting::Units.set(&five, 7), five);
    assert_eq!(Setting::of(LayerKind::Flatten), &[] as &[Setting]);
    let pool = new_layer(LayerKind::MaxPooling2D);
    assert_eq!(with_activation(&pool, Activation::Tanh), pool);
    let valid = with_padding(&conv, Padding::Valid);
    assert!(matches!(valid, LayerSpec::Conv2D { padding: Padding::Valid, .. }));
    let dense = with_activation(&new_layer(LayerKind::Dense), Activation::Sigmoid);
    assert_eq!(dense.activation(), Some(Activation::Sigmoid));
}

#[test]
fn an_impossible_spec_names_the_offending_layer() {
    // A 3×3 valid kernel on the 1×1 image left after pooling by 28.
    let spec = ModelSpec::tutorial();
    let pooled = insert_layer(&spec, 1, LayerSpec::MaxPooling2D { pool_size: 28 });
    let error = pooled.validate().unwrap_err();
    assert!(error.layer_index().is_some());
    assert_eq!(Preset::matching(&spec), Some(Preset::Tutorial));
    assert_eq!(Preset::matching(&pooled), None);
}

#[test]
fn edits_apply_to_the_spec_they_are_given() {
    use convlab::exercise::builder::Edit;
    let spec = ModelSpec::tutorial();
    // Two edits made from the same render still both take effect, in order.
    let edits = [
        Edit::Set { index: 0, setting: Setting::KernelSize, value: 5 },
        Edit::Padding { index: 0, padding: Padding::Valid },
        Edit::Activation { index: 2, activation: Activation::Tanh },
    ];
    let edited = edits.iter().fold(spec.clone(), |s, e| e.apply(&s));
    assert_eq!(
        edited.layers[0],
        LayerSpec::Conv2D { filters: 32, kernel_size: 5, activation: Activation::Relu, padding: Padding::Valid }
    );
    assert_eq!(edited.layers[2].activation(), Some(Activation::Tanh));
    assert_eq!(edited.summary().unwrap().layers[0].output_shape.to_string(), "(24, 24, 32)");

    assert_eq!(Edit::Move { index: 1, up: true }.apply(&spec), move_layer(&spec, 1, true).0);
    assert_eq!(Edit::Remove { index: 5 }.apply(&spec).layers.len(), 6);
    let grown = Edit::Insert { index: 5, kind: LayerKind::Conv2D }.apply(&spec);
    assert_eq!(grown.layers[5], new_layer(LayerKind::Conv2D));
    assert_eq!(Edit::Load(ModelSpec::dense_baseline()).apply(&spec), ModelSpec::dense_baseline());
    // An edit of a layer that no longer exists changes nothing.
    assert_eq!(Edit::Set { index: 99, setting: Setting::Units, value: 3 }.apply(&spec), spec);
    assert_eq!(Edit::Padding { index: 1, padding: Padding::Valid }.apply(&spec), spec);
}

#[test]
fn dropout_and_batch_normalization_are_added_before_the_output_and_the_rate_is_edited() {
    assert!(KINDS.contains(&LayerKind::Dropout) && KINDS.contains(&LayerKind::BatchNormalization));
    let tutorial = ModelSpec::tutorial();
    assert_eq!(default_insert_position(&tutorial, LayerKind::Dropout), 6);
    assert_eq!(default_insert_position(&tutorial, LayerKind::BatchNormalization), 6);
    assert_eq!(new_layer(LayerKind::Dropout), LayerSpec::Dropout { rate: Rate(DEFAULT_DROPOUT_RATE) });
    assert_eq!(Setting::of(LayerKind::Dropout), &[] as &[Setting]);

    let spec = Edit::Insert { index: 6, kind: LayerKind::Dropout }.apply(&tutorial);
    let half = Edit::Rate { index: 6, rate: Rate(0.5) }.apply(&spec);
    assert_eq!(half.layers[6], LayerSpec::Dropout { rate: Rate(0.5) });
    assert!(half.validate().is_ok());
    // A rate typed out of range is kept, and the core says what is wrong with it at that layer.
    let too_much = Edit::Rate { index: 6, rate: Rate(1.0) }.apply(&spec);
    assert_eq!(too_much.validate().unwrap_err().layer_index(), Some(6));
    // The rate edit leaves other layers alone.
    assert_eq!(Edit::Rate { index: 0, rate: Rate(0.5) }.apply(&spec), spec);
}
