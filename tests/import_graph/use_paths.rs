//! The module paths a file names, read from its tokens: every path that starts with `crate`,
//! `super` or `self` (in `use` items, in code such as `crate::model::Network::new()`, in
//! visibilities), with `use` groups expanded (`use crate::model::{a, b::{c, d}}` names
//! `model::a`, `model::b::c` and `model::b::d`), and every `use` of a relative path (`use
//! child::Name`, which a module root writes for its own submodules). Each is made absolute
//! from the module the tokens are in: the file's, or an inline `mod name { … }` within it.

use super::lexer::{Spanned, Token};

/// A path a file names, made absolute (segments from the crate root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub path: Vec<String>,
    /// The name it is known by where it was imported (`Name`, or `Alias` in `use a::Name as
    /// Alias`); the same as the last segment in code.
    pub alias: String,
    pub line: usize,
    /// Whether it comes from a `use` item that starts with neither `crate`, `super` nor
    /// `self`: relative to the module, or to an external crate.
    pub relative: bool,
    /// Whether it was named in the file's own module, not in an inline module within it.
    pub top_level: bool,
}

/// The paths named in `tokens`, a file whose module is `module` (segments from the crate root).
pub fn named_paths(tokens: &[Spanned], module: &[String]) -> Vec<Named> {
    let mut out = Vec::new();
    // Inline modules open around the current token, with the brace depth each opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let here: Vec<String> = module.iter().cloned().chain(inline.iter().map(|(name, _)| name.clone())).collect();
        match &tokens[i].token {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if inline.last().is_some_and(|&(_, at)| at == depth) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Punct('{'))) =
                    (tokens.get(i + 1).map(|t| &t.token), tokens.get(i + 2).map(|t| &t.token))
                {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Token::Ident(word) if word == "use" => {
                let first = tokens.get(i + 1).map(|t| &t.token);
                let relative = !matches!(first, Some(Token::Ident(w)) if w == "crate" || w == "super" || w == "self")
                    && !matches!(first, Some(Token::PathSep));
                if relative && matches!(first, Some(Token::Ident(_))) {
                    let (trees, end) = tree(tokens, i + 1, Vec::new());
                    for (path, alias) in trees {
                        let path = here.iter().cloned().chain(path).collect();
                        out.push(Named { path, alias, line: tokens[i].line, relative: true, top_level: inline.is_empty() });
                    }
                    i = end;
                    continue;
                }
            }
            Token::Ident(word) if is_anchor(word) && !follows_path_sep(tokens, i) => {
                let line = tokens[i].line;
                let (trees, end) = tree(tokens, i, Vec::new());
                for (path, alias) in trees {
                    if let Some(path) = absolute(&here, &path) {
                        out.push(Named { path, alias, line, relative: false, top_level: inline.is_empty() });
                    }
                }
                i = end.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn is_anchor(word: &str) -> bool {
    matches!(word, "crate" | "super" | "self")
}

/// `a::crate` is not a path from the crate root, and `x.self` does not occur; `$crate` (in a
/// macro) is.
fn follows_path_sep(tokens: &[Spanned], i: usize) -> bool {
    i > 0 && tokens[i - 1].token == Token::PathSep
}

/// The paths of the use tree (or plain path) starting at `start`, each with the name it is
/// imported as, and the index after it. `prefix` is the path of the group it is in.
fn tree(tokens: &[Spanned], start: usize, prefix: Vec<String>) -> (Vec<(Vec<String>, String)>, usize) {
    let mut path = prefix;
    let mut i = start;
    loop {
        match tokens.get(i).map(|t| &t.token) {
            Some(Token::Punct('{')) => {
                let mut all = Vec::new();
                i += 1;
                while let Some(token) = tokens.get(i) {
                    match token.token {
                        Token::Punct('}') => return (all, i + 1),
                        Token::Punct(',') => i += 1,
                        _ => {
                            let (inner, end) = tree(tokens, i, path.clone());
                            all.extend(inner);
                            i = end.max(i + 1);
                        }
                    }
                }
                return (all, i);
            }
            Some(Token::Punct('*')) => {
                // A glob names the module itself.
                let alias = path.last().cloned().unwrap_or_default();
                return (vec![(path, alias)], i + 1);
            }
            Some(Token::Ident(word)) => {
                // `{self, Name}` names the group's own path.
                if !(word == "self" && !path.is_empty()) {
                    path.push(word.clone());
                }
                i += 1;
                if tokens.get(i).map(|t| &t.token) == Some(&Token::PathSep)
                    && matches!(tokens.get(i + 1).map(|t| &t.token), Some(Token::Ident(_) | Token::Punct('{' | '*')))
                {
                    i += 1;
                    continue;
                }
                let mut alias = path.last().cloned().unwrap_or_default();
                if let (Some(Token::Ident(r#as)), Some(Token::Ident(name))) =
                    (tokens.get(i).map(|t| &t.token), tokens.get(i + 1).map(|t| &t.token))
                    && r#as == "as"
                {
                    alias = name.clone();
                    i += 2;
                }
                return (vec![(path, alias)], i);
            }
            _ => return (vec![(path.clone(), path.last().cloned().unwrap_or_default())], i),
        }
    }
}

/// `path` (starting with `crate`, `super` or `self`) from the crate root, seen from the module
/// `here`; `None` when it climbs above the root.
fn absolute(here: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut out: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("self" | "super") => here.to_vec(),
        _ => return None,
    };
    let mut rest = match path.first().map(String::as_str) {
        Some("super") => &path[..],
        _ => &path[1..],
    };
    while rest.first().map(String::as_str) == Some("super") {
        out.pop()?;
        rest = &rest[1..];
    }
    out.extend(rest.iter().cloned());
    Some(out)
}
