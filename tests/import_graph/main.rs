//! No circles among sibling modules. For every folder of the library (`src/`, the binaries in
//! `src/bin/` aside) and of xtask (`xtask/src/`), the modules directly in it are the nodes of a
//! graph, with an edge from `a` to `b` when code anywhere in `a` names a path into `b`
//! (`use super::b::X`, `crate::folder::b::f()`, `use crate::folder::{b, c}`, or an item `b`
//! re-exports from the folder's `mod.rs`). A circle means neither module can be read, tested
//! or moved without the other; the test names each one with the lines that make it.
//!
//! The reading is tested too, on small sources and on a made-up crate with a circle.

mod lexer;
mod use_paths;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use use_paths::{Named, named_paths};

/// One edge's evidence: the file and line that names the other module.
type Evidence = (PathBuf, usize);

/// For each folder (module path from the crate root), its children and the edges among them.
#[derive(Default, Debug)]
struct Graphs {
    children: BTreeMap<Vec<String>, BTreeSet<String>>,
    edges: BTreeMap<Vec<String>, BTreeMap<(String, String), Evidence>>,
}

/// A source file and its module path from the crate root.
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
}

/// The modules of the crate whose root file is `root/<root_file>`, from the file layout:
/// `a/b.rs` and `a/b/mod.rs` are `a::b`; folders named in `skip` are left out.
fn crate_files(root: &Path, root_file: &str, skip: &[&str]) -> Vec<SourceFile> {
    let mut files = vec![SourceFile { path: root.join(root_file), module: Vec::new() }];
    let mut folders = vec![(root.to_path_buf(), Vec::<String>::new())];
    while let Some((folder, module)) = folders.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !(module.is_empty() && skip.contains(&name.as_str())) {
                    let mut inner = module.clone();
                    inner.push(name);
                    folders.push((path, inner));
                }
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut inner = module.clone();
                match stem {
                    "mod" => {}
                    _ if module.is_empty() && stem == root_file.trim_end_matches(".rs") => continue,
                    _ => inner.push(stem.to_owned()),
                }
                files.push(SourceFile { path, module: inner });
            }
        }
    }
    files
}

/// The graphs of one crate.
fn graphs(files: &[SourceFile]) -> Graphs {
    let mut graphs = Graphs::default();
    for file in files {
        if let Some((name, parent)) = file.module.split_last() {
            graphs.children.entry(parent.to_vec()).or_default().insert(name.clone());
        }
    }
    let named: Vec<(&SourceFile, Vec<Named>)> = files
        .iter()
        .map(|f| (f, named_paths(&lexer::tokens(&std::fs::read_to_string(&f.path).unwrap()), &f.module)))
        .collect();
    // What each module root brings into its scope from its children: `use child::X` makes
    // `super::X` (in a child) the child's X.
    let mut brought: BTreeMap<Vec<String>, BTreeMap<String, String>> = BTreeMap::new();
    for (file, paths) in &named {
        let Some(children) = graphs.children.get(&file.module) else { continue };
        for named in paths.iter().filter(|n| n.top_level) {
            let depth = file.module.len();
            if named.path.len() > depth + 1 && named.path[..depth] == file.module[..] && children.contains(&named.path[depth]) {
                brought.entry(file.module.clone()).or_default().insert(named.alias.clone(), named.path[depth].clone());
            }
        }
    }
    for (file, paths) in &named {
        for named in paths.iter().filter(|n| !n.relative) {
            let Some((folder, from, to)) = sibling_edge(&graphs.children, &brought, &file.module, &named.path) else { continue };
            graphs.edges.entry(folder).or_default().entry((from, to)).or_insert((file.path.clone(), named.line));
        }
    }
    graphs
}

/// The folder and the two of its modules that `target`, named in module `here`, links.
fn sibling_edge(
    children: &BTreeMap<Vec<String>, BTreeSet<String>>,
    brought: &BTreeMap<Vec<String>, BTreeMap<String, String>>,
    here: &[String],
    target: &[String],
) -> Option<(Vec<String>, String, String)> {
    let k = here.iter().zip(target).take_while(|(a, b)| a == b).count();
    if k >= here.len() || k >= target.len() {
        return None; // within the module itself, or one of its ancestors
    }
    let folder = here[..k].to_vec();
    let from = here[k].clone();
    let siblings = children.get(&folder)?;
    if !siblings.contains(&from) {
        return None; // an inline module of the folder's own file
    }
    let to = if siblings.contains(&target[k]) {
        target[k].clone()
    } else {
        brought.get(&folder)?.get(&target[k])?.clone()
    };
    (to != from).then_some((folder, from, to))
}

/// The circles of each folder: for every set of two or more modules that all reach each other,
/// one circle through them and every edge among them, each with the line that makes it.
fn circles(graphs: &Graphs, crate_name: &str, root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (folder, edges) in &graphs.edges {
        let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (from, to) in edges.keys() {
            next.entry(from).or_default().push(to);
        }
        let mut reported: BTreeSet<&str> = BTreeSet::new();
        for &start in next.keys() {
            if reported.contains(start) {
                continue;
            }
            let Some(circle) = shortest_circle(&next, start) else { continue };
            // Everything on a circle with `start`: reached from it and reaching it.
            let knot: BTreeSet<&str> =
                next.keys().copied().filter(|&m| m == start || (reaches(&next, start, m) && reaches(&next, m, start))).collect();
            reported.extend(knot.iter().copied());
            let name = std::iter::once(crate_name.to_owned()).chain(folder.iter().cloned()).collect::<Vec<_>>().join("::");
            let mut text = format!("{name}: {} → {start}", circle.join(" → "));
            for ((from, to), (file, line)) in edges {
                if knot.contains(from.as_str()) && knot.contains(to.as_str()) {
                    let file = file.strip_prefix(root).unwrap_or(file);
                    text.push_str(&format!("\n    {from} → {to}: {}:{line}", file.display()));
                }
            }
            found.push(text);
        }
    }
    found
}

/// Whether a path of edges leads from `from` to `to`.
fn reaches(next: &BTreeMap<&str, Vec<&str>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::from([from]);
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        for &n in next.get(node).into_iter().flatten() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.push(n);
            }
        }
    }
    false
}

/// The shortest path from `start` back to itself, if any (breadth first).
fn shortest_circle<'a>(next: &BTreeMap<&'a str, Vec<&'a str>>, start: &'a str) -> Option<Vec<&'a str>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &to in next.get(node).into_iter().flatten() {
            if to == start {
                let mut circle = vec![node];
                while let Some(&before) = came_from.get(circle.last().unwrap()) {
                    circle.push(before);
                }
                if circle.last() != Some(&start) {
                    circle.push(start);
                }
                circle.reverse();
                return Some(circle);
            }
            if to != start && !came_from.contains_key(to) {
                came_from.insert(to, node);
                queue.push_back(to);
            }
        }
    }
    None
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_module_uses_a_sibling_that_uses_it_back() {
    let lib = graphs(&crate_files(&repo().join("src"), "lib.rs", &["bin"]));
    let xtask = graphs(&crate_files(&repo().join("xtask/src"), "main.rs", &[]));
    let mut found = circles(&lib, "convlab", &repo());
    found.extend(circles(&xtask, "xtask", &repo()));
    assert!(found.is_empty(), "circles among sibling modules:\n{}", found.join("\n"));
}

#[test]
fn the_graph_sees_the_modules_it_should() {
    let lib = graphs(&crate_files(&repo().join("src"), "lib.rs", &["bin"]));
    let top = &lib.children[&Vec::new()];
    for module in ["model", "training", "data", "drawing"] {
        assert!(top.contains(module), "{module} missing from {top:?}");
    }
    assert!(!top.contains("bin"), "the binaries are crates of their own");
    let edges = &lib.edges[&Vec::new()];
    // training/trainer.rs: `use crate::model::{ModelSpec, Network};`
    assert!(edges.contains_key(&("training".into(), "model".into())), "{edges:?}");
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn paths_in(source: &str, module: &[&str]) -> Vec<Vec<String>> {
    named_paths(&lexer::tokens(source), &strings(module)).into_iter().filter(|n| !n.relative).map(|n| n.path).collect()
}

#[test]
fn use_groups_nest_and_paths_are_made_absolute() {
    let source = "use crate::model::{self, a, b::{c, d as e}, f::*};\nuse super::super::x::Y;";
    assert_eq!(
        paths_in(source, &["web", "worker", "session"]),
        [
            strings(&["model"]),
            strings(&["model", "a"]),
            strings(&["model", "b", "c"]),
            strings(&["model", "b", "d"]),
            strings(&["model", "f"]),
            strings(&["web", "x", "Y"]),
        ]
    );
}

#[test]
fn paths_in_code_count_and_comments_and_strings_do_not() {
    let source = r##"
        // use crate::commented::Out;
        /* crate::block /* nested crate::deeper */ crate::still_comment */
        /// [`super::doc_link`]
        fn f(x: &'static str) -> char {
            let _ = "crate::in_a_string \" crate::escaped";
            let _ = r#"crate::raw "quoted" crate::raw_too"#;
            let _ = crate::model::Network::new();
            let c = '"';
            let _ = super::sibling::run::<u8>(c);
            'x'
        }
        pub(super) fn g() {}
    "##;
    assert_eq!(
        paths_in(source, &["training", "trainer"]),
        [strings(&["model", "Network", "new"]), strings(&["training", "sibling", "run"]), strings(&["training"])]
    );
}

#[test]
fn an_inline_module_is_where_its_paths_start() {
    let source = "mod tests { use super::*; use super::super::other::X; }\nuse super::after::Y;";
    assert_eq!(
        paths_in(source, &["model", "shape"]),
        [strings(&["model", "shape"]), strings(&["model", "other", "X"]), strings(&["model", "after", "Y"])]
    );
}

/// A made-up crate: `a` and `b` use each other (`b` through an item `mod.rs` brings in from
/// `a`), `c` uses `a` only.
#[test]
fn a_circle_is_found_and_named() {
    let root = std::env::temp_dir().join(format!("convlab-import-graph-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "pub mod m;");
    write("m/mod.rs", "mod a; mod b; mod c;\npub use a::Thing;");
    write("m/a.rs", "use super::b::{other, Helper};");
    write("m/b.rs", "fn f() -> super::Thing { todo!() }");
    write("m/c.rs", "use crate::m::a::Thing;");
    let found = circles(&graphs(&crate_files(&root, "lib.rs", &[])), "made_up", &root);
    std::fs::remove_dir_all(&root).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("made_up::m: a → b → a"), "{}", found[0]);
    assert!(found[0].contains("b → a: m/b.rs:1"), "{}", found[0]);
    assert!(!found[0].contains("c → a"), "c is on no circle: {}", found[0]);
}
