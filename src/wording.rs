//! How the page says a number with its noun: "1 epoch" but "2 epochs", "an 8" but "a 7",
//! "1 kept model uses" but "2 kept models use". One place, so every sentence on the page follows
//! the same rules and a native test covers them.

/// The plural ending for `n` of a regular noun: "" for 1, "s" otherwise ("0 digits").
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `n` and the noun, singular for 1 and plural otherwise: "1 epoch", "10 epochs",
/// "2 batches". `noun` is the singular; its plural adds "es" after s, x, ch and sh, else "s".
/// A noun phrase works too ("kept model" → "2 kept models").
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {}", noun_for(n, noun))
}

/// The noun alone in the form `n` asks for: "epoch" for 1, "epochs" otherwise.
pub fn noun_for(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else if ["s", "x", "sh", "tch"].iter().any(|end| noun.ends_with(end)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// The verb that agrees with `n` things: `one` for 1 ("uses"), `many` otherwise ("use").
pub fn agree(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// "a" or "an" before `n` as it is read aloud: "an 8", "an 11", "an 18", "an 80", "an 800",
/// "an 8,000", "an 11,000" — every number read starting with "eight", "eleven" or "eighteen" —
/// and "a" before every other ("a 1", "a 7", "a 28").
pub fn article(n: u64) -> &'static str {
    // A number is read from its leading group of three digits ("11,000": "eleven thousand").
    let mut lead = n;
    while lead >= 1000 {
        lead /= 1000;
    }
    let first_digit = {
        let mut d = lead;
        while d >= 10 {
            d /= 10;
        }
        d
    };
    if first_digit == 8 || lead == 11 || lead == 18 { "an" } else { "a" }
}

/// `n` after its article: "an 8", "a 3".
pub fn a_number(n: u64) -> String {
    format!("{} {n}", article(n))
}

/// How many of one digit, in words: "1 three", "4 threes", "2 sixes".
pub fn how_many(label: u8, n: usize) -> String {
    const ONE: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    const MANY: [&str; 10] = ["zeros", "ones", "twos", "threes", "fours", "fives", "sixes", "sevens", "eights", "nines"];
    let names = if n == 1 { ONE } else { MANY };
    format!("{n} {}", names[usize::from(label) % 10])
}

/// A time left, as a person says it: "under 10 s", "about 40 s", "about 1 min", "about 12 min",
/// "about 1 h 5 min". Rounded, because it is an estimate.
pub fn duration(seconds: f64) -> String {
    let s = seconds.max(0.0);
    if s < 10.0 {
        "under 10 s".to_string()
    } else if s < 55.0 {
        format!("about {} s", ((s / 5.0).round() * 5.0) as u64)
    } else if s < 3570.0 {
        format!("about {} min", ((s / 60.0).round() as u64).max(1))
    } else {
        let minutes = (s / 60.0).round() as u64;
        match minutes % 60 {
            0 => format!("about {} h", minutes / 60),
            m => format!("about {} h {m} min", minutes / 60),
        }
    }
}

/// `text` with its first letter in capitals, to start a sentence: "your model" → "Your model".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// [`count`] with the number's digits grouped in threes: "10,000 test images", "1 test image".
pub fn count_grouped(n: usize, noun: &str) -> String {
    format!("{} {}", crate::model::digit_groups::thousands(n), noun_for(n, noun))
}

/// Digits by their labels, grouped and in order: "a 1, 2 threes and an 8" (empty for none).
pub fn digit_list(labels: &[u8]) -> String {
    let mut kinds: Vec<(u8, usize)> = Vec::new();
    for &label in labels {
        match kinds.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => kinds.push((label, 1)),
        }
    }
    kinds.sort_unstable();
    let words: Vec<String> =
        kinds.iter().map(|&(label, n)| if n == 1 { a_number(u64::from(label)) } else { how_many(label, n) }).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A run's settings as the runs table and the class board say them: "2 epochs, batch 32,
/// learning rate 0.001, seed 42, 6,400 training images, augmented, stop early after 3 epochs".
pub fn settings_words(hyper: &crate::hyperparameters::Hyperparameters, train_images: usize, learner_digits: usize) -> String {
    format!(
        "{}, batch {}, learning rate {}, seed {}, {} training images{}{}{}",
        count(hyper.epochs, "epoch"),
        hyper.batch_size,
        hyper.learning_rate,
        hyper.seed,
        crate::model::digit_groups::thousands(train_images),
        match learner_digits {
            0 => String::new(),
            n => format!(" + {n} of yours"),
        },
        if hyper.augment { ", augmented" } else { "" },
        hyper.early_stopping.map(|p| format!(", stop early after {}", count(p, "epoch"))).unwrap_or_default()
    )
}
