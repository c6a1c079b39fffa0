//! What is wrong with a JSON file a learner gave the page, in plain words. serde_json's own
//! messages are written for programmers ("invalid type: string \"x\", expected f32 at line 1
//! column 9"); the page says the same in the words it uses everywhere else ("the text \"x\"
//! where a number belongs, at line 1, column 9"). Anything not recognised keeps serde's meaning,
//! without its backticks.

use serde_json::error::Category;

/// `error`, said for a learner, with where it is in the file when serde knows.
pub fn in_plain_words(error: &serde_json::Error) -> String {
    let at = if error.line() > 0 { format!(" at line {}, column {}", error.line(), error.column()) } else { String::new() };
    let what = match error.classify() {
        Category::Eof => "the text breaks off before it is complete".to_string(),
        Category::Syntax => "a character JSON does not allow".to_string(),
        Category::Io => "it could not be read".to_string(),
        Category::Data => data_problem(&error.to_string()),
    };
    format!("{what}{at}")
}

/// A value that does not fit: serde's message without its position.
fn data_problem(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("{} is missing", quoted(field));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(", expected").next().unwrap_or(rest);
        return format!("it has a field ConvLab does not know, {}", quoted(field));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("{} where {} belongs", found_words(found), expected_words(expected));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((length, expected)) = rest.split_once(", expected ") {
            return format!("a list of {length} where {} belongs", expected_words(expected));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            let found = found_words(found);
            if found.starts_with("the number") && expected_words(expected) == "a number" {
                return format!("{found}, which is out of range");
            }
            return format!("{found} where {} belongs", expected_words(expected));
        }
    }
    message.replace('`', "\"")
}

/// serde names a field in backticks: the page quotes it.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.trim_matches('`'))
}

/// What serde found, e.g. "string \"x\"", "integer `5`", "map".
fn found_words(found: &str) -> String {
    let value = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim_matches('`').to_string());
    if let Some(text) = value("string ") {
        format!("the text {text}")
    } else if let Some(n) = value("integer ").or_else(|| value("floating point ")) {
        format!("the number {n}")
    } else if let Some(b) = value("boolean ") {
        format!("the value {b}")
    } else {
        match found {
            "null" | "unit value" => "an empty value (null)".into(),
            "map" => "an object ({…})".into(),
            "sequence" => "a list ([…])".into(),
            other => other.replace('`', "\""),
        }
    }
}

/// What serde expected, e.g. "f32", "a sequence", "struct FileDigit", "u8".
fn expected_words(expected: &str) -> String {
    let numbers = ["f32", "f64", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize"];
    if numbers.contains(&expected) {
        "a number".into()
    } else if expected == "a boolean" || expected == "bool" {
        "true or false".into()
    } else if expected.contains("sequence") || expected.contains("tuple") || expected.starts_with("an array") {
        format!("a list{}", expected.split_once(" of size ").map_or(String::new(), |(_, n)| format!(" of {n}")))
    } else if expected.starts_with("struct") || expected.contains("map") {
        "an object ({…})".into()
    } else if expected.contains("string") {
        "text".into()
    } else {
        expected.replace('`', "\"")
    }
}
