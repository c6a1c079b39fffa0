//! The light data set (`convlab::data::DataChoice`): cut from the real files it reads as the
//! first 18 000 training and 2 000 test images; a link chooses it and says so when it is wrong;
//! a training request on it uses at most what it holds.

mod common;

use convlab::data::{DataChoice, FILE_NAMES, LIGHT_FILES, LIGHT_TEST, LIGHT_TRAIN, Mnist, decompress, first_items};
use convlab::model::share_link::{self, ShareLinkError};
use convlab::model::ModelSpec;
use convlab::protocol::TrainRequest;
use convlab::training::Hyperparameters;

#[test]
fn the_light_files_read_as_the_first_images_of_the_full_ones() {
    let dir = std::env::var("MNIST_DIR").expect("MNIST_DIR names the folder with the four MNIST files");
    let full: Vec<Vec<u8>> = FILE_NAMES
        .iter()
        .map(|name| decompress(name, &std::fs::read(std::path::Path::new(&dir).join(name)).unwrap()).unwrap().into_owned())
        .collect();
    let cut: Vec<Vec<u8>> = full.iter().zip(LIGHT_FILES).map(|(raw, file)| first_items(raw, file.items).unwrap()).collect();
    for (bytes, file) in cut.iter().zip(LIGHT_FILES) {
        assert_eq!(bytes.len() as u64, file.raw_len, "{}", file.name);
    }
    let light = Mnist::from_bytes(&cut[0], &cut[1], &cut[2], &cut[3]).unwrap();
    let whole = common::real_mnist(10_000);
    assert_eq!((light.train.len(), light.test.len()), (LIGHT_TRAIN, LIGHT_TEST));
    assert_eq!(light.train, whole.train.take(LIGHT_TRAIN));
    assert_eq!(light.test, whole.test.take(LIGHT_TEST));
    // Every digit is there, about as often as in the full set (1 587 to 2 051 of each).
    for digit in 0..10 {
        let n = light.train.labels().iter().filter(|&&l| l == digit).count();
        assert!((1_500..2_100).contains(&n), "{n} {digit}s");
    }
    // A file holding fewer items than asked, or no IDX file, is not cut.
    assert_eq!(first_items(&cut[1], LIGHT_TRAIN + 1), None);
    assert_eq!(first_items(b"not an idx file", 1), None);
}

#[test]
fn a_link_chooses_the_light_data_and_says_when_it_cannot() {
    let (spec, hyper) = (ModelSpec::tutorial(), Hyperparameters::default());
    let link = share_link::encode_with_data(&spec, &hyper, DataChoice::Light);
    assert!(link.ends_with("&data=light"), "{link}");
    assert_eq!(share_link::decode_with_data(&link).unwrap(), (spec.clone(), hyper.clone(), DataChoice::Light));
    assert_eq!(share_link::encode_with_data(&spec, &hyper, DataChoice::Full), share_link::encode(&spec, &hyper));
    assert_eq!(share_link::decode_with_data(&share_link::encode(&spec, &hyper)).unwrap().2, DataChoice::Full);
    assert_eq!(share_link::data_choice("#data=light").unwrap(), DataChoice::Light);
    assert_eq!(share_link::data_choice("#epochs=2").unwrap(), DataChoice::Full);
    let heavy = share_link::data_choice("#data=heavy").unwrap_err();
    assert!(matches!(&heavy, ShareLinkError::BadValue { key, .. } if key == "data"), "{heavy:?}");
    assert!(heavy.to_string().contains("light (18 000 training and 2 000 test images) or full"), "{heavy}");
    assert!(matches!(share_link::data_choice("data=light&data=full"), Err(ShareLinkError::Duplicate(_))));
    assert!(share_link::decode_with_data(&format!("{}&data=heavy", share_link::encode(&spec, &hyper))).is_err());
}

#[test]
fn a_request_on_the_light_data_uses_at_most_what_it_holds() {
    let request = |subset, validation| TrainRequest {
        spec: ModelSpec::tutorial(),
        hyperparameters: Hyperparameters { train_subset: subset, ..Hyperparameters::default() },
        validation_subset: validation,
        drill: None,
        extra_digits: None,
    };
    let light = |r: TrainRequest| {
        let r = r.on_data(DataChoice::Light);
        (r.hyperparameters.train_subset, r.validation_subset)
    };
    assert_eq!(light(request(None, None)), (Some(18_000), Some(2_000)));
    assert_eq!(light(request(Some(30_000), Some(5_000))), (Some(18_000), Some(2_000)));
    assert_eq!(light(request(Some(640), Some(100))), (Some(640), Some(100)));
    assert_eq!(request(None, None).on_data(DataChoice::Full), request(None, None), "the full set changes nothing");
}
