//! Rust source as the tokens a use path is made of: identifiers, `::` and single punctuation
//! marks, each with its line. Comments, strings (raw and byte ones included) and character
//! literals are skipped, so a path in a doc comment or a message is not read as code.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Ident(String),
    /// `::`
    PathSep,
    /// Any other punctuation mark, one character.
    Punct(char),
}

/// A token and the line (from 1) it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned {
    pub token: Token,
    pub line: usize,
}

pub fn tokens(source: &str) -> Vec<Spanned> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Moves past `chars[from..to]`, counting the line breaks in it.
    let skip = |from: usize, to: usize, line: &mut usize| {
        *line += chars[from..to.min(chars.len())].iter().filter(|&&c| c == '\n').count();
        to
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            i = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |n| i + n);
        } else if c == '/' && next == Some('*') {
            i = skip(i, block_comment_end(&chars, i), &mut line);
        } else if let Some(end) = string_end(&chars, i) {
            i = skip(i, end, &mut line);
        } else if c == '\'' {
            i = skip(i, char_literal_end(&chars, i), &mut line);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            // `r#type`: a raw identifier is the identifier.
            if i - start == 1 && c == 'r' && chars.get(i) == Some(&'#') {
                continue_raw_identifier(&chars, &mut i);
                let word: String = chars[start + 2..i].iter().collect();
                out.push(Spanned { token: Token::Ident(word), line });
                continue;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(Spanned { token: Token::Ident(word), line });
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ':' && next == Some(':') {
            out.push(Spanned { token: Token::PathSep, line });
            i += 2;
        } else {
            if c == '\n' {
                line += 1;
            } else if !c.is_whitespace() {
                out.push(Spanned { token: Token::Punct(c), line });
            }
            i += 1;
        }
    }
    out
}

/// Moves `i` from the `#` of `r#name` to the end of `name`.
fn continue_raw_identifier(chars: &[char], i: &mut usize) {
    *i += 1;
    while *i < chars.len() && (chars[*i].is_alphanumeric() || chars[*i] == '_') {
        *i += 1;
    }
}

/// The index after the block comment opening at `start` (block comments nest in Rust).
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0, start);
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('/', Some('*')) => (depth, i) = (depth + 1, i + 2),
            ('*', Some('/')) => {
                (depth, i) = (depth - 1, i + 2);
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// When a string literal (`"…"`, `b"…"`, `r#"…"#`, `br"…"`, `c"…"`) opens at `start`, the
/// index after it.
fn string_end(chars: &[char], start: usize) -> Option<usize> {
    // A prefix only counts at the start of a word: the `r` of `for"` is not one.
    if start > 0 && (chars[start - 1].is_alphanumeric() || chars[start - 1] == '_') {
        return None;
    }
    let mut i = start;
    if matches!(chars[i], 'b' | 'c') {
        i += 1;
    }
    let raw = chars.get(i) == Some(&'r');
    if raw {
        i += 1;
    }
    let hashes = chars[i.min(chars.len())..].iter().take_while(|&&c| c == '#').count();
    if !raw && hashes > 0 {
        return None;
    }
    i += hashes;
    if chars.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if !raw => i += 2,
            '"' if chars[i + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes => {
                return Some(i + 1 + hashes);
            }
            _ => i += 1,
        }
    }
    Some(chars.len())
}

/// The index after a character literal (`'a'`, `'\n'`, `'\u{a0}'`) at `start`, or just after
/// the quote of a lifetime (`'a`), whose name is then read as an identifier (harmless).
fn char_literal_end(chars: &[char], start: usize) -> usize {
    match chars.get(start + 1) {
        Some('\\') => chars[start + 2..]
            .iter()
            .position(|&c| c == '\'')
            .map_or(chars.len(), |n| start + 2 + n + 1),
        Some(_) if chars.get(start + 2) == Some(&'\'') => start + 3,
        _ => start + 1,
    }
}
