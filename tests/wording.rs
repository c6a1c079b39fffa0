//! How the page says numbers with their nouns (src/wording.rs), the time left of a run
//! (src/training/time_left.rs) and the one vocabulary for training / validation / test
//! (src/vocabulary.rs).

use convlab::training::BatchProgress;
use convlab::training::time_left::time_left;
use convlab::vocabulary;
use convlab::wording::{a_number, agree, article, capitalised, count, count_grouped, digit_list, duration, how_many, plural};

#[test]
fn one_takes_the_singular_every_other_number_the_plural() {
    assert_eq!(count(1, "epoch"), "1 epoch");
    assert_eq!(count(0, "epoch"), "0 epochs");
    assert_eq!(count(5, "epoch"), "5 epochs");
    assert_eq!(count(1, "kept model"), "1 kept model");
    assert_eq!(count(2, "kept model"), "2 kept models");
    assert_eq!(count(1, "batch"), "1 batch");
    assert_eq!(count(3, "batch"), "3 batches");
    assert_eq!(count(2, "box"), "2 boxes");
    assert_eq!(count(1, "held-out digit"), "1 held-out digit");
    assert_eq!(count_grouped(10_000, "test image"), "10,000 test images");
    assert_eq!(count_grouped(1, "test image"), "1 test image");
    assert_eq!((plural(1), plural(0), plural(7)), ("", "s", "s"));
    assert_eq!(format!("{} {} 3 MB", count(1, "kept model"), agree(1, "uses", "use")), "1 kept model uses 3 MB");
    assert_eq!(format!("{} {} 3 MB", count(2, "kept model"), agree(2, "uses", "use")), "2 kept models use 3 MB");
}

#[test]
fn an_goes_before_the_numbers_read_starting_with_a_vowel_sound() {
    // The digits: 8 is the only one.
    let digits: Vec<&str> = (0..10).map(article).collect();
    assert_eq!(digits, ["a", "a", "a", "a", "a", "a", "a", "a", "an", "a"]);
    assert_eq!(a_number(8), "an 8");
    assert_eq!(a_number(7), "a 7");
    // Larger numbers, for kernel and pooling sizes: eleven, eighteen, eighty…, eight hundred…
    for n in [11, 18, 80, 83, 89, 800, 850, 8_000, 11_000, 18_500, 80_000, 8_000_000] {
        assert_eq!(article(n), "an", "{n}");
    }
    for n in [1, 10, 12, 17, 19, 28, 100, 110, 180, 1_100, 1_800, 110_000, 1_000_000] {
        assert_eq!(article(n), "a", "{n}");
    }
}

#[test]
fn digits_are_counted_in_words() {
    assert_eq!(how_many(3, 1), "1 three");
    assert_eq!(how_many(3, 4), "4 threes");
    assert_eq!(how_many(6, 2), "2 sixes");
    assert_eq!(how_many(0, 0), "0 zeros");
    assert_eq!(digit_list(&[8, 3, 1, 3]), "a 1, 2 threes and an 8");
    assert_eq!(digit_list(&[8]), "an 8");
    assert_eq!(digit_list(&[4, 7]), "a 4 and a 7");
    assert_eq!(digit_list(&[]), "");
    assert_eq!(capitalised("your model"), "Your model");
    assert_eq!(capitalised(""), "");
}

#[test]
fn durations_are_rounded_as_a_person_says_them() {
    assert_eq!(duration(3.0), "under 10 s");
    assert_eq!(duration(42.0), "about 40 s");
    assert_eq!(duration(58.0), "about 1 min");
    assert_eq!(duration(185.0), "about 3 min");
    assert_eq!(duration(3600.0), "about 1 h");
    assert_eq!(duration(3900.0), "about 1 h 5 min");
    assert_eq!(duration(-1.0), "under 10 s");
}

fn progress(epoch: usize, epochs: usize, batch: usize, samples_per_sec: f64) -> BatchProgress {
    BatchProgress {
        epoch,
        epochs,
        batch,
        batches: 100,
        loss: 0.5,
        accuracy: 0.8,
        batch_loss: 0.5,
        samples: batch * 32,
        samples_per_sec,
    }
}

#[test]
fn the_time_left_is_for_the_whole_run_not_the_epoch() {
    // 32 images a batch at 320 images/s: 0.1 s a batch, 10 s an epoch.
    let early = time_left(&progress(1, 5, 40, 320.0), 32, None).unwrap();
    assert!((early.this_epoch - 6.0).abs() < 1e-9, "{early:?}");
    assert!((early.whole_run - 46.0).abs() < 1e-9, "{early:?}");
    // After an epoch, later epochs take what the last one took, its validation included.
    let later = time_left(&progress(2, 5, 50, 320.0), 32, Some(12.0)).unwrap();
    assert!((later.this_epoch - 5.0).abs() < 1e-9, "{later:?}");
    assert!((later.whole_run - (5.0 + 3.0 * 12.0)).abs() < 1e-9, "{later:?}");
    // The last epoch: the run ends with it.
    let last = time_left(&progress(5, 5, 90, 320.0), 32, Some(12.0)).unwrap();
    assert_eq!(last.this_epoch, last.whole_run);
    assert_eq!(time_left(&progress(1, 5, 1, 0.0), 32, None), None, "no speed yet, no estimate");
}

#[test]
fn the_vocabulary_says_the_validation_images_are_the_test_images() {
    assert!(vocabulary::DATA_SPLIT.contains("10 000 test images are never trained on"));
    assert!(vocabulary::DATA_SPLIT.contains("validation"));
    assert!(vocabulary::VALIDATION_FIGURES.contains("test images the network never trains on"));
    assert!(vocabulary::VALIDATION_ABOVE_TRAINING.contains("val_accuracy can beat accuracy"));
    assert!(vocabulary::TRAINING_FIGURES.contains("running mean"));
    assert!(vocabulary::CONFUSION_FIGURES.contains("test images (never trained on)"));
    assert!(vocabulary::TEST_FIGURES.contains("none of which the network trained on"));
    // No "validation images" as if they were a third set.
    for text in [vocabulary::DATA_SPLIT, vocabulary::VALIDATION_FIGURES, vocabulary::TEST_FIGURES, vocabulary::CONFUSION_FIGURES, vocabulary::RUNS_FIGURES] {
        assert!(!text.contains("validation images"), "{text}");
    }
}
