//! A command the webview may call is named in five places: its function in
//! `src-tauri/src/commands/`, `generate_handler!` in `src-tauri/src/lib.rs`, `COMMANDS` in
//! `src-tauri/build.rs` (the permission Tauri generates), its `allow-…` in
//! `capabilities/main.json`, and its call in `ui/ipc.js`. Forgetting one fails late and
//! quietly (a command the capability refuses, or one nobody can reach); this test fails
//! early and says which list lacks what.

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// Every `prefix<name>suffix` in `text`, where `name` is a snake_case or kebab-case word.
fn names_between(text: &str, prefix: &str, suffix: char) -> BTreeSet<String> {
    text.match_indices(prefix)
        .filter_map(|(at, _)| {
            let rest = &text[at + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
            (rest[end..].starts_with(suffix)).then(|| rest[..end].replace('-', "_"))
        })
        .collect()
}

#[test]
fn every_command_is_named_in_all_five_places() {
    let mut defined = BTreeSet::new();
    for entry in
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands"))
            .unwrap()
    {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (at, _) in source.match_indices("#[tauri::command]") {
            let after = &source[at..];
            let name = after.split("fn ").nth(1).unwrap();
            let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap();
            defined.insert(name[..end].to_owned());
        }
    }
    assert!(defined.len() > 20, "the command modules were not read: {defined:?}");

    let lib = read("src-tauri/src/lib.rs");
    let handler = lib.split("generate_handler![").nth(1).unwrap().split(']').next().unwrap();
    let registered = names_between(handler, "commands::", ',');

    let build = read("src-tauri/build.rs");
    let listed = build.split("const COMMANDS").nth(1).unwrap().split("];").next().unwrap();
    let declared = names_between(listed, "\"", '"');

    let capability = read("capabilities/main.json");
    let allowed = names_between(&capability, "\"allow-", '"');

    let ipc = read("ui/ipc.js");
    let called = names_between(&ipc, "call(\"", '"');

    for (place, names) in [
        ("generate_handler! in src-tauri/src/lib.rs", &registered),
        ("COMMANDS in src-tauri/build.rs", &declared),
        ("capabilities/main.json", &allowed),
        ("ui/ipc.js", &called),
    ] {
        let missing: Vec<_> = defined.difference(names).collect();
        let unknown: Vec<_> = names.difference(&defined).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "{place}: lacks {missing:?}; names commands that do not exist: {unknown:?}"
        );
    }
}
