//! A learner's broken JSON file is described in the page's words, not serde's.

use convlab::json_problem::in_plain_words;
use convlab::my_digits::DigitSet;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Digit {
    label: u8,
    pixels: Vec<f32>,
    #[serde(default)]
    corner: Option<(f32, f32)>,
}

fn words(text: &str) -> String {
    in_plain_words(&serde_json::from_str::<Digit>(text).unwrap_err())
}

#[test]
fn syntax_and_truncation_say_where() {
    assert_eq!(words("hello"), "a character JSON does not allow at line 1, column 1");
    assert_eq!(words("{\"label\": 3,\n \"pixels\": [0.5, "), "the text breaks off before it is complete at line 2, column 17");
}

#[test]
fn values_of_the_wrong_kind_are_named_as_the_page_names_them() {
    assert_eq!(words(r#"{"label": "seven", "pixels": []}"#), "the text \"seven\" where a number belongs at line 1, column 17");
    assert_eq!(words(r#"{"label": 3, "pixels": {"a": 1}}"#), "an object ({…}) where a list belongs at line 1, column 23");
    assert_eq!(words(r#"{"label": 3, "pixels": [true]}"#), "the value true where a number belongs at line 1, column 28");
    assert_eq!(words(r#"{"label": 3, "pixels": null}"#), "an empty value (null) where a list belongs at line 1, column 27");
    assert_eq!(words(r#"{"label": 300, "pixels": []}"#), "the number 300, which is out of range at line 1, column 13");
    assert_eq!(words(r#"{"label": 3, "pixels": [], "corner": [1]}"#), "a list of 1 where a list of 2 belongs at line 1, column 40");
}

#[test]
fn missing_and_unknown_fields_are_quoted() {
    assert_eq!(words(r#"{"pixels": []}"#), "\"label\" is missing at line 1, column 14");
    assert_eq!(words(r#"{"label": 3, "pixels": [], "colour": 1}"#), "it has a field ConvLab does not know, \"colour\" at line 1, column 35");
}

#[test]
fn a_digit_set_refusal_carries_no_library_words() {
    for (text, expected) in [
        ("not json", "it is not JSON (a character JSON does not allow at line 1, column 2)"),
        (
            r#"{"format": "convlab-my-digits", "version": 1, "digits": [{"label": 3, "pixels": "x"}]}"#,
            "its digits are not as expected: digit 1: the text \"x\" where a list belongs",
        ),
    ] {
        let message = DigitSet::from_json(text).unwrap_err().to_string();
        assert_eq!(message, expected);
        for library in ["invalid type", "expected f32", "`", "struct ", "sequence"] {
            assert!(!message.contains(library), "{message:?} has {library:?}");
        }
    }
}
