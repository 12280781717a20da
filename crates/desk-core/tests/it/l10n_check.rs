//! The l10n checker: the Fluent files under `locales/`, and the ids the webview (`ui/`) and
//! the shell (`src-tauri/src`) ask for.
//!
//! It fails on
//! - a Fluent syntax error (or a duplicate id) in any `locales/*/*.ftl`;
//! - a message or attribute of en-US missing from another locale, or one en-US does not have;
//! - a variable a translation uses that the en-US message does not have, or drops one it has
//!   (the reply window's countdown would leave its sentence), or a plural variant
//!   that is not a CLDR category of the language (Arabic must write all six);
//! - an id used in `ui/` or `src-tauri/src` that the en-US desk bundle does not define
//!   (template literals such as `` `error-${code}` `` are checked as prefixes);
//! - an `error-<code>` missing for a hub or desk error code;
//! - text left in `ui/` that does not come from Fluent;
//! - a locale folder that is not built into the desk or the widget.
//!
//! French typography (`fr`, `fr-CA`) is `french_typography`'s.
//!
//! Scanning is done with regular expressions, on purpose: it only has to be right for this
//! code base's own HTML and JavaScript, and a failure names the file and line to look at.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use desk_core::l10n;
use fluent_syntax::ast;
use fluent_syntax::parser;
use hub_protocol::ErrorCode;
use regex::Regex;

const SOURCE_LOCALE: &str = "en-US";
/// The Fluent files every locale has.
const FILES: &[&str] = &["desk.ftl", "widget.ftl"];
/// The codes the desk itself answers with (src-tauri/src/error.rs), next to the hub's.
const DESK_ERROR_CODES: &[&str] = &[
    "hub-unreachable",
    "payment-data-unconfirmed",
    "hub-url",
    "insecure-hub-url",
    "keyring",
    "no-saved-password",
    "not-signed-in",
    "embedded-hub",
];

// ---------------------------------------------------------------------------------------------
// Reading the workspace

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Every file under `dir` (recursively) whose name ends with `extension`, sorted.
fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some(extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn relative(path: &Path) -> String {
    let root = workspace().canonicalize().expect("workspace root");
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root).unwrap_or(&path).display().to_string()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------------------------
// Fluent files

/// One Fluent file of one locale.
struct FtlFile {
    locale: String,
    name: String,
    path: PathBuf,
    source: String,
}

/// `locales/<locale>/<name>.ftl`, every one of them.
fn ftl_files() -> Vec<FtlFile> {
    let locales = workspace().join("locales");
    files_under(&locales, "ftl")
        .into_iter()
        .map(|path| {
            let inside = path.strip_prefix(&locales).expect("under locales/");
            let locale = inside
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .expect("locales/<locale>/…")
                .to_owned();
            let name = inside
                .components()
                .skip(1)
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let source = read(&path);
            FtlFile { locale, name, path, source }
        })
        .collect()
}

fn locale_dirs() -> BTreeSet<String> {
    let locales = workspace().join("locales");
    fs::read_dir(&locales)
        .expect("locales/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .filter_map(|path| path.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect()
}

/// What one pattern (a value or an attribute) uses.
#[derive(Debug, Default, Clone)]
struct PatternInfo {
    variables: BTreeSet<String>,
    /// Referenced messages (`msg`, `msg.attr`) and terms (`-term`).
    references: BTreeSet<String>,
    /// The variant keys of each select expression: (selector variable, keys).
    selects: Vec<(Option<String>, Vec<String>)>,
}

#[derive(Debug, Default, Clone)]
struct EntryInfo {
    line: usize,
    value: Option<PatternInfo>,
    attributes: BTreeMap<String, PatternInfo>,
}

/// Messages by id; terms by `-id`.
type Catalog = BTreeMap<String, EntryInfo>;

/// Parses a file: what could be read (the parser recovers at the next entry), and the syntax
/// errors and duplicate ids as readable lines.
fn parse_ftl(file: &FtlFile) -> (Catalog, Vec<String>) {
    let where_ = relative(&file.path);
    let (resource, mut problems) = match parser::parse(file.source.as_str()) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => {
            let problems = errors
                .iter()
                .map(|error| {
                    format!(
                        "{where_}:{}: syntax error: {error}",
                        line_of(&file.source, error.pos.start)
                    )
                })
                .collect();
            (resource, problems)
        }
    };
    let mut catalog = Catalog::new();
    for entry in &resource.body {
        let (id, value, attributes, offset) = match entry {
            ast::Entry::Message(message) => (
                message.id.name.to_owned(),
                message.value.as_ref(),
                &message.attributes,
                offset_in(&file.source, message.id.name),
            ),
            ast::Entry::Term(term) => (
                format!("-{}", term.id.name),
                Some(&term.value),
                &term.attributes,
                offset_in(&file.source, term.id.name),
            ),
            ast::Entry::Junk { content } => {
                problems.push(format!(
                    "{where_}:{}: unparsable text: {:?}",
                    line_of(&file.source, offset_in(&file.source, content)),
                    content.trim()
                ));
                continue;
            }
            _ => continue,
        };
        let info = EntryInfo {
            line: line_of(&file.source, offset),
            value: value.map(pattern_info),
            attributes: attributes
                .iter()
                .map(|attribute| (attribute.id.name.to_owned(), pattern_info(&attribute.value)))
                .collect(),
        };
        if let Some(first) = catalog.get(&id) {
            problems.push(format!(
                "{where_}:{}: `{id}` is defined again (first on line {})",
                info.line, first.line
            ));
            continue;
        }
        let mut seen = BTreeSet::new();
        for attribute in attributes {
            if !seen.insert(attribute.id.name) {
                problems.push(format!(
                    "{where_}:{}: `{id}` has attribute .{} twice",
                    info.line, attribute.id.name
                ));
            }
        }
        catalog.insert(id, info);
    }
    (catalog, problems)
}

/// Where a slice of `source` starts (the AST borrows from the source).
fn offset_in(source: &str, slice: &str) -> usize {
    let start = source.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    if at >= start && at <= start + source.len() {
        at - start
    } else {
        0
    }
}

fn pattern_info(pattern: &ast::Pattern<&str>) -> PatternInfo {
    let mut info = PatternInfo::default();
    walk_pattern(pattern, &mut info);
    info
}

fn walk_pattern(pattern: &ast::Pattern<&str>, info: &mut PatternInfo) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, info);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, info: &mut PatternInfo) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(inline, info),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, info);
            let variable = match selector {
                ast::InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.iter().find_map(|argument| match argument {
                        ast::InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
                        _ => None,
                    })
                }
                _ => None,
            };
            let keys = variants
                .iter()
                .map(|variant| match &variant.key {
                    ast::VariantKey::Identifier { name } => (*name).to_owned(),
                    ast::VariantKey::NumberLiteral { value } => format!("[{value}]"),
                })
                .collect();
            info.selects.push((variable, keys));
            for variant in variants {
                walk_pattern(&variant.value, info);
            }
        }
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, info: &mut PatternInfo) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            info.variables.insert(id.name.to_owned());
        }
        ast::InlineExpression::MessageReference { id, attribute } => {
            info.references.insert(match attribute {
                Some(attribute) => format!("{}.{}", id.name, attribute.name),
                None => id.name.to_owned(),
            });
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            info.references.insert(format!("-{}", id.name));
            if let Some(arguments) = arguments {
                walk_arguments(arguments, info);
            }
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            walk_arguments(arguments, info)
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, info),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

fn walk_arguments(arguments: &ast::CallArguments<&str>, info: &mut PatternInfo) {
    for argument in &arguments.positional {
        walk_inline(argument, info);
    }
    for named in &arguments.named {
        walk_inline(&named.value, info);
    }
}

/// Every Fluent file parsed: (locale, file name) → what could be read. Syntax errors are
/// `every_fluent_file_parses`'s to report; the other checks look at what parsed.
fn catalogs() -> BTreeMap<(String, String), (FtlFile, Catalog)> {
    ftl_files()
        .into_iter()
        .map(|file| {
            let (catalog, _) = parse_ftl(&file);
            ((file.locale.clone(), file.name.clone()), (file, catalog))
        })
        .collect()
}

/// The ids of the en-US desk bundle, exactly as desk-core builds it.
fn desk_source_catalog() -> Catalog {
    let sources = l10n::sources(SOURCE_LOCALE).expect("the source locale is built in");
    let mut catalog = Catalog::new();
    for (index, source) in sources.iter().enumerate() {
        let file = FtlFile {
            locale: SOURCE_LOCALE.to_owned(),
            name: format!("desk bundle #{index}"),
            path: workspace().join("locales").join(SOURCE_LOCALE).join("desk.ftl"),
            source: (*source).to_owned(),
        };
        let (parsed, errors) = parse_ftl(&file);
        assert_no_problems("the en-US desk bundle", &errors);
        catalog.extend(parsed);
    }
    catalog
}

/// The CLDR plural categories a language uses (cardinals).
fn plural_categories(locale: &str) -> &'static [&'static str] {
    match locale.split('-').next().unwrap_or(locale) {
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        // CLDR 38+: French and Italian have "many" for large round numbers (1 000 000, …).
        "fr" | "it" => &["one", "many", "other"],
        _ => &["one", "other"],
    }
}

const ALL_CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

// ---------------------------------------------------------------------------------------------
// The Fluent files themselves

#[test]
fn every_fluent_file_parses() {
    let files = ftl_files();
    assert!(
        files.iter().any(|file| file.locale == SOURCE_LOCALE && file.name == "desk.ftl"),
        "locales/en-US/desk.ftl is missing"
    );
    let problems: Vec<String> = files.iter().flat_map(|file| parse_ftl(file).1).collect();
    assert_no_problems("Fluent syntax", &problems);
}

#[test]
fn every_locale_has_exactly_the_source_messages() {
    let parsed = catalogs();
    let mut problems = Vec::new();
    for locale in locale_dirs() {
        for name in FILES {
            let Some((_, source)) = parsed.get(&(SOURCE_LOCALE.to_owned(), name.to_string()))
            else {
                problems.push(format!("locales/{SOURCE_LOCALE}/{name} is missing"));
                continue;
            };
            if locale == SOURCE_LOCALE {
                continue;
            }
            let Some((file, translation)) = parsed.get(&(locale.clone(), name.to_string())) else {
                problems.push(format!("locales/{locale}/{name} is missing"));
                continue;
            };
            let where_ = relative(&file.path);
            for (id, wanted) in source.iter().filter(|(id, _)| !id.starts_with('-')) {
                let Some(have) = translation.get(id) else {
                    problems.push(format!("{where_}: `{id}` is missing"));
                    continue;
                };
                if wanted.value.is_some() && have.value.is_none() {
                    problems.push(format!("{where_}:{}: `{id}` has no value", have.line));
                }
                if wanted.value.is_none() && have.value.is_some() {
                    problems.push(format!(
                        "{where_}:{}: `{id}` has a value en-US does not have",
                        have.line
                    ));
                }
                for attribute in wanted.attributes.keys() {
                    if !have.attributes.contains_key(attribute) {
                        problems
                            .push(format!("{where_}:{}: `{id}.{attribute}` is missing", have.line));
                    }
                }
                for attribute in have.attributes.keys() {
                    if !wanted.attributes.contains_key(attribute) {
                        problems.push(format!(
                            "{where_}:{}: `{id}.{attribute}` is not in en-US",
                            have.line
                        ));
                    }
                }
            }
            for (id, have) in translation.iter().filter(|(id, _)| !id.starts_with('-')) {
                if !source.contains_key(id) {
                    problems.push(format!("{where_}:{}: `{id}` is not in en-US", have.line));
                }
            }
        }
    }
    for ((locale, name), (file, _)) in &parsed {
        if !FILES.contains(&name.as_str()) {
            problems.push(format!("{}: unexpected Fluent file in {locale}", relative(&file.path)));
        }
    }
    assert_no_problems("messages per locale", &problems);
}

#[test]
fn translations_use_only_the_source_variables() {
    let parsed = catalogs();
    let mut problems = Vec::new();
    for ((locale, name), (file, translation)) in &parsed {
        let Some((_, source)) = parsed.get(&(SOURCE_LOCALE.to_owned(), name.clone())) else {
            continue;
        };
        let where_ = relative(&file.path);
        for (id, have) in translation {
            // References must resolve within the same file (messages, attributes, terms).
            let parts = have.value.iter().chain(have.attributes.values());
            for part in parts {
                for reference in &part.references {
                    let (target, attribute) = match reference.split_once('.') {
                        Some((target, attribute)) => (target, Some(attribute)),
                        None => (reference.as_str(), None),
                    };
                    let found = translation.get(target).is_some_and(|entry| match attribute {
                        Some(attribute) => entry.attributes.contains_key(attribute),
                        None => entry.value.is_some(),
                    });
                    if !found {
                        problems.push(format!(
                            "{where_}:{}: `{id}` refers to `{reference}`, which this file does not define",
                            have.line
                        ));
                    }
                }
            }
            if locale == SOURCE_LOCALE || id.starts_with('-') {
                continue;
            }
            let Some(wanted) = source.get(id) else { continue };
            let mut pairs = vec![("".to_owned(), have.value.as_ref(), wanted.value.as_ref())];
            for (attribute, part) in &have.attributes {
                pairs.push((format!(".{attribute}"), Some(part), wanted.attributes.get(attribute)));
            }
            for (suffix, have, wanted) in pairs {
                let (Some(have), Some(wanted)) = (have, wanted) else { continue };
                for variable in have.variables.difference(&wanted.variables) {
                    problems.push(format!(
                        "{where_}:{}: `{id}{suffix}` uses ${variable}, which the en-US message does not have ({})",
                        have_line(translation, id),
                        if wanted.variables.is_empty() {
                            "it has none".to_owned()
                        } else {
                            format!(
                                "it has {}",
                                wanted.variables.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ")
                            )
                        }
                    ));
                }
            }
        }
    }
    assert_no_problems("variables", &problems);
}

/// The other way round: a translation that drops a variable loses what it stands for, and a
/// placeable the UI fills in place (the reply window's countdown, `{ $time }`, see
/// `data-l10n-slot` in `ui/l10n.js`) would end up outside the sentence.
#[test]
fn translations_keep_every_source_variable() {
    let parsed = catalogs();
    let mut problems = Vec::new();
    for ((locale, name), (file, translation)) in &parsed {
        if locale == SOURCE_LOCALE {
            continue;
        }
        let Some((_, source)) = parsed.get(&(SOURCE_LOCALE.to_owned(), name.clone())) else {
            continue;
        };
        let where_ = relative(&file.path);
        for (id, wanted) in source.iter().filter(|(id, _)| !id.starts_with('-')) {
            let Some(have) = translation.get(id) else { continue };
            let mut pairs = vec![("".to_owned(), have.value.as_ref(), wanted.value.as_ref())];
            for (attribute, part) in &wanted.attributes {
                pairs.push((format!(".{attribute}"), have.attributes.get(attribute), Some(part)));
            }
            for (suffix, have, wanted) in pairs {
                let (Some(have), Some(wanted)) = (have, wanted) else { continue };
                for variable in wanted.variables.difference(&have.variables) {
                    problems.push(format!(
                        "{where_}:{}: `{id}{suffix}` drops ${variable}, which the en-US message has",
                        have_line(translation, id)
                    ));
                }
            }
        }
    }
    assert_no_problems("variables kept", &problems);
}

fn have_line(catalog: &Catalog, id: &str) -> usize {
    catalog.get(id).map_or(0, |entry| entry.line)
}

#[test]
fn plural_variants_follow_cldr() {
    let parsed = catalogs();
    let mut problems = Vec::new();
    for ((locale, _), (file, catalog)) in &parsed {
        let where_ = relative(&file.path);
        let categories = plural_categories(locale);
        for (id, entry) in catalog {
            for part in entry.value.iter().chain(entry.attributes.values()) {
                for (variable, keys) in &part.selects {
                    let named: Vec<&str> =
                        keys.iter().map(String::as_str).filter(|k| !k.starts_with('[')).collect();
                    if !named.iter().any(|key| ALL_CATEGORIES.contains(key)) {
                        continue; // not a plural selector
                    }
                    let variable = variable.as_deref().unwrap_or("?");
                    for key in &named {
                        if !categories.contains(key) {
                            problems.push(format!(
                                "{where_}:{}: `{id}` (${variable}) has [{key}], not a plural category of {locale} ({})",
                                entry.line,
                                categories.join(", ")
                            ));
                        }
                    }
                    // Arabic: every category is its own form; all six must be written.
                    if locale.split('-').next() == Some("ar") {
                        for category in categories {
                            if !named.contains(category) {
                                problems.push(format!(
                                    "{where_}:{}: `{id}` (${variable}) lacks [{category}]",
                                    entry.line
                                ));
                            }
                        }
                    }
                }
            }
        }
        // Explicit [0] variants of en-US stay explicit in every translation.
        if locale != SOURCE_LOCALE {
            if let Some((_, source)) = parsed.get(&(SOURCE_LOCALE.to_owned(), file.name.clone())) {
                for (id, wanted) in source {
                    let explicit = |entry: &EntryInfo| -> BTreeSet<String> {
                        entry
                            .value
                            .iter()
                            .chain(entry.attributes.values())
                            .flat_map(|part| part.selects.iter())
                            .flat_map(|(_, keys)| {
                                keys.iter().filter(|k| k.starts_with('[')).cloned()
                            })
                            .collect()
                    };
                    let Some(have) = catalog.get(id) else { continue };
                    for key in explicit(wanted).difference(&explicit(have)) {
                        problems.push(format!(
                            "{where_}:{}: `{id}` lacks the explicit variant {key} that en-US has",
                            have.line
                        ));
                    }
                }
            }
        }
    }
    assert_no_problems("plurals", &problems);
}

#[test]
fn every_locale_folder_is_built_in() {
    let mut problems = Vec::new();
    let locales = workspace().join("locales");
    // The desk: desk-core's RESOURCES, byte for byte the files on disk.
    let built_in: BTreeSet<String> =
        l10n::available_locales().into_iter().map(str::to_owned).collect();
    for locale in locale_dirs() {
        let path = locales.join(&locale).join("desk.ftl");
        if !path.exists() {
            continue;
        }
        match l10n::sources(&locale) {
            None => problems.push(format!(
                "locales/{locale}/desk.ftl is not in RESOURCES of crates/desk-core/src/l10n.rs"
            )),
            Some(sources) => {
                if !sources.contains(&read(&path).as_str()) {
                    problems.push(format!(
                        "desk-core's `{locale}` bundle does not include locales/{locale}/desk.ftl"
                    ));
                }
            }
        }
    }
    for locale in &built_in {
        if !locales.join(locale).join("desk.ftl").exists() {
            problems.push(format!(
                "desk-core lists `{locale}` but locales/{locale}/desk.ftl is missing"
            ));
        }
    }
    // Each built-in language can be chosen by its own name.
    let source = desk_source_catalog();
    for locale in &built_in {
        if !source.contains_key(&format!("language-{locale}")) {
            problems.push(format!("en-US desk.ftl has no `language-{locale}`"));
        }
    }
    // The widget: contact-hub's LOCALES table (uncommented lines only).
    let hub_l10n = workspace().join("crates/contact-hub/src/l10n.rs");
    let table = Regex::new(
        r#"(?m)^\s*\(\s*"([^"]+)"\s*,\s*include_str!\(\s*"\.\./\.\./\.\./locales/([^/"]+)/widget\.ftl"\s*\)\s*\)"#,
    )
    .expect("regex");
    let text = read(&hub_l10n);
    let widget: BTreeMap<String, String> =
        table.captures_iter(&text).map(|c| (c[1].to_owned(), c[2].to_owned())).collect();
    for (tag, folder) in &widget {
        if tag != folder {
            problems
                .push(format!("contact-hub LOCALES: `{tag}` includes locales/{folder}/widget.ftl"));
        }
    }
    for locale in locale_dirs() {
        if locales.join(&locale).join("widget.ftl").exists() && !widget.contains_key(&locale) {
            problems.push(format!(
                "locales/{locale}/widget.ftl is not in LOCALES of crates/contact-hub/src/l10n.rs"
            ));
        }
    }
    assert_no_problems("built-in locales", &problems);
}

// ---------------------------------------------------------------------------------------------
// Ids the code asks for

#[test]
fn every_error_code_has_a_message() {
    let source = desk_source_catalog();
    let mut problems = Vec::new();
    let codes =
        ErrorCode::ALL.into_iter().map(ErrorCode::as_str).chain(DESK_ERROR_CODES.iter().copied());
    for code in codes {
        let id = format!("error-{code}");
        if source.get(&id).and_then(|entry| entry.value.as_ref()).is_none() {
            problems.push(format!("locales/en-US/desk.ftl: `{id}` is missing"));
        }
    }
    assert_no_problems("error messages", &problems);
}

/// An id found in code: exact, or a prefix (from `` `error-${code}` `` / `format!("channel-{}")`).
#[derive(Debug)]
struct UsedId {
    at: String,
    id: String,
    prefix: bool,
}

fn check_used(used: &[UsedId], catalog: &Catalog, problems: &mut Vec<String>) {
    for UsedId { at, id, prefix } in used {
        let defined = if *prefix {
            catalog.keys().any(|known| known.starts_with(id.as_str()) && known.len() > id.len())
        } else {
            catalog.contains_key(id)
        };
        if !defined {
            let what =
                if *prefix { "no en-US message starts with" } else { "en-US does not define" };
            problems.push(format!("{at}: {what} `{id}`"));
        }
    }
}

/// JavaScript without its comments; offsets and lines stay where they were.
fn strip_js_comments(code: &str) -> String {
    let block = Regex::new(r"(?s)/\*.*?\*/").expect("regex");
    let line = Regex::new(r"(?m)^[ \t]*//.*$").expect("regex");
    let blank =
        |text: &str| text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect::<String>();
    let code = block.replace_all(code, |c: &regex::Captures| blank(&c[0])).into_owned();
    line.replace_all(&code, |c: &regex::Captures| blank(&c[0])).into_owned()
}

/// A string literal's id: exact, or the prefix before `${` of a template literal.
fn literal_id(quote: &str, body: &str) -> (String, bool) {
    match body.find("${") {
        Some(at) if quote == "`" => (body[..at].to_owned(), true),
        _ => (body.to_owned(), false),
    }
}

fn ui_ids() -> Vec<UsedId> {
    let ui = workspace().join("ui");
    let mut used = Vec::new();
    let attribute = Regex::new(r#"data-l10n-id\s*=\s*"([^"]*)""#).expect("regex");
    for path in files_under(&ui, "html") {
        let text = read(&path);
        for capture in attribute.captures_iter(&text) {
            let whole = capture.get(0).expect("match");
            used.push(UsedId {
                at: format!("{}:{}", relative(&path), line_of(&text, whole.start())),
                id: capture[1].to_owned(),
                prefix: false,
            });
        }
    }
    const LITERAL: &str = r#"(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`)"#;
    let patterns = [
        // setL10n(element, "id", …): the second argument.
        format!(r"\bsetL10n\(\s*[^,]+?,\s*{LITERAL}"),
        // element.dataset.l10nId = "id"
        format!(r"\.dataset\.l10nId\s*=\s*{LITERAL}"),
        // setAttribute("data-l10n-id", "id")
        format!(r#"setAttribute\(\s*["']data-l10n-id["']\s*,\s*{LITERAL}"#),
        // text("id"): one message's text (l10n.js)
        format!(r"(?:^|[^.\w])text\(\s*{LITERAL}"),
        // announce("id", …): said by screen readers (components/announce.js)
        format!(r"\bannounce\(\s*{LITERAL}"),
    ];
    let patterns: Vec<Regex> = patterns.iter().map(|p| Regex::new(p).expect("regex")).collect();
    // Any template literal that builds an id: `error-${…}`, `channel-${…}`, `language-${…}`.
    let template = Regex::new(r"`([a-z][a-z0-9]*(?:-[a-z0-9]+)*-)\$\{").expect("regex");
    for path in files_under(&ui, "js") {
        let text = strip_js_comments(&read(&path));
        let at = |offset: usize| format!("{}:{}", relative(&path), line_of(&text, offset));
        let mut seen = BTreeSet::new();
        for pattern in &patterns {
            for capture in pattern.captures_iter(&text) {
                let (quote, body) = match (capture.get(1), capture.get(2), capture.get(3)) {
                    (Some(body), _, _) => ("\"", body),
                    (_, Some(body), _) => ("'", body),
                    (_, _, Some(body)) => ("`", body),
                    _ => continue,
                };
                let (id, prefix) = literal_id(quote, body.as_str());
                seen.insert(body.start());
                used.push(UsedId { at: at(body.start()), id, prefix });
            }
        }
        for capture in template.captures_iter(&text) {
            let prefix = capture.get(1).expect("group");
            if seen.insert(prefix.start()) {
                used.push(UsedId {
                    at: at(prefix.start()),
                    id: prefix.as_str().to_owned(),
                    prefix: true,
                });
            }
        }
    }
    used
}

fn rust_ids() -> Vec<UsedId> {
    let shell = workspace().join("src-tauri/src");
    let call = Regex::new(r#"\.(?:text|localize)\(\s*"((?:[^"\\]|\\.)*)""#).expect("regex");
    let format = Regex::new(r#"format!\(\s*"([a-z][a-z0-9]*(?:-[a-z0-9]+)*-)\{"#).expect("regex");
    let comment = Regex::new(r"(?m)^[ \t]*//.*$").expect("regex");
    let mut used = Vec::new();
    for path in files_under(&shell, "rs") {
        let original = read(&path);
        let text = comment
            .replace_all(&original, |c: &regex::Captures| " ".repeat(c[0].chars().count()))
            .into_owned();
        for capture in call.captures_iter(&text) {
            let id = capture.get(1).expect("group");
            used.push(UsedId {
                at: format!("{}:{}", relative(&path), line_of(&text, id.start())),
                id: id.as_str().to_owned(),
                prefix: false,
            });
        }
        for capture in format.captures_iter(&text) {
            let id = capture.get(1).expect("group");
            used.push(UsedId {
                at: format!("{}:{}", relative(&path), line_of(&text, id.start())),
                id: id.as_str().to_owned(),
                prefix: true,
            });
        }
    }
    used
}

#[test]
fn the_ui_asks_only_for_defined_ids() {
    let used = ui_ids();
    assert!(used.len() > 20, "the ui/ scan found too few ids to be working: {used:?}");
    let mut problems = Vec::new();
    check_used(&used, &desk_source_catalog(), &mut problems);
    assert_no_problems("ids used in ui/", &problems);
}

#[test]
fn the_shell_asks_only_for_defined_ids() {
    let used = rust_ids();
    assert!(!used.is_empty(), "the src-tauri/src scan found no ids");
    let mut problems = Vec::new();
    check_used(&used, &desk_source_catalog(), &mut problems);
    assert_no_problems("ids used in src-tauri/src", &problems);
}

// ---------------------------------------------------------------------------------------------
// Text that does not come from Fluent

/// Whether a piece of text would read as words (a letter in any script). Digits, punctuation
/// and symbols (· ✓ ➤ + /) are fine; so are character references to them.
fn has_words(text: &str) -> bool {
    let references = Regex::new(
        r"&(?:nbsp|amp|lt|gt|quot|apos|middot|times|hellip|mdash|ndash|bull|rarr|larr|check|plus|minus);|&#[0-9]+;|&#[xX][0-9a-fA-F]+;",
    )
    .expect("regex");
    references.replace_all(text, " ").chars().any(char::is_alphabetic)
}

const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose text is allowed as is: key names in shortcuts (Alt, Enter, Shift, F1).
const LITERAL_ELEMENTS: &[&str] = &["kbd"];
/// Attributes a person reads or hears.
const TEXT_ATTRIBUTES: &[&str] =
    &["title", "placeholder", "aria-label", "aria-description", "alt", "label"];

/// Text nodes with words outside any `data-l10n-id` element, and readable attributes with
/// words on elements without one.
fn html_literals(path: &Path) -> Vec<String> {
    let original = read(path);
    let blank =
        |text: &str| text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect::<String>();
    let hidden =
        Regex::new(r"(?is)<!--.*?-->|<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>")
            .expect("regex");
    let text = hidden.replace_all(&original, |c: &regex::Captures| blank(&c[0])).into_owned();
    let token = Regex::new(r"<[^>]*>|[^<]+").expect("regex");
    let tag = Regex::new(r"^<\s*(/)?\s*([A-Za-z][A-Za-z0-9-]*)((?s).*?)(/)?\s*>$").expect("regex");
    let attribute = Regex::new(
        r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#,
    )
    .expect("regex");
    let mut problems = Vec::new();
    // Open elements: (name, carries data-l10n-id).
    let mut open: Vec<(String, bool)> = Vec::new();
    for piece in token.find_iter(&text) {
        let at = format!("{}:{}", relative(path), line_of(&text, piece.start()));
        let raw = piece.as_str();
        if !raw.starts_with('<') {
            let localized = open.iter().any(|(_, l10n)| *l10n);
            let literal = open.iter().any(|(name, _)| LITERAL_ELEMENTS.contains(&name.as_str()));
            if has_words(raw) && !localized && !literal {
                problems.push(format!(
                    "{at}: text {:?} is not from Fluent (give its element a data-l10n-id)",
                    raw.trim()
                ));
            }
            continue;
        }
        let Some(parts) = tag.captures(raw) else { continue }; // <!doctype …>
        let name = parts[2].to_ascii_lowercase();
        if parts.get(1).is_some() {
            if let Some(index) = open.iter().rposition(|(open_name, _)| *open_name == name) {
                open.truncate(index);
            }
            continue;
        }
        let attributes: BTreeMap<String, String> = attribute
            .captures_iter(parts.get(3).map_or("", |m| m.as_str()))
            .map(|a| {
                let value = a.get(2).or(a.get(3)).or(a.get(4)).map_or("", |m| m.as_str());
                (a[1].to_ascii_lowercase(), value.to_owned())
            })
            .collect();
        let l10n = attributes.contains_key("data-l10n-id");
        if !l10n {
            for (key, value) in &attributes {
                if TEXT_ATTRIBUTES.contains(&key.as_str()) && has_words(value) {
                    problems.push(format!("{at}: {key}={value:?} is not from Fluent"));
                }
            }
            let button_like = matches!(
                attributes.get("type").map(String::as_str),
                Some("submit" | "button" | "reset")
            );
            if name == "input"
                && button_like
                && attributes.get("value").is_some_and(|v| has_words(v))
            {
                problems.push(format!("{at}: the button's value is not from Fluent"));
            }
        }
        let self_closing = parts.get(4).is_some();
        if !VOID_ELEMENTS.contains(&name.as_str()) && !self_closing {
            open.push((name, l10n));
        }
    }
    problems
}

/// The string literals of an expression that are not inside a call or another bracket:
/// in `a ? "Yes" : format("x")`, only "Yes". Stops at the end of the expression (`;`, a line
/// end, a `,` or a closing bracket at depth 0). Template literals lose their `${…}` parts.
fn top_level_literals(code: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut depth = 0usize;
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' => {
                let mut body = String::new();
                let mut interpolation = 0usize;
                while let Some(next) = chars.next() {
                    match next {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                if interpolation == 0 {
                                    body.push(escaped);
                                }
                            }
                        }
                        '$' if c == '`' && interpolation == 0 && chars.peek() == Some(&'{') => {
                            chars.next();
                            interpolation = 1;
                        }
                        '{' if interpolation > 0 => interpolation += 1,
                        '}' if interpolation > 0 => interpolation -= 1,
                        _ if next == c && interpolation == 0 => break,
                        _ if interpolation > 0 => {}
                        _ => body.push(next),
                    }
                }
                if depth == 0 {
                    literals.push(body);
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            ';' | '\n' | ',' if depth == 0 => break,
            _ => {}
        }
    }
    literals
}

/// Literal words the JavaScript puts on screen: assigned to `.textContent` and the like,
/// or given to `setAttribute("aria-label" | "title" | "placeholder", …)` or `createTextNode`.
fn js_literals(path: &Path) -> Vec<String> {
    let text = strip_js_comments(&read(path));
    let sinks = [
        r"\.(?:textContent|innerText|innerHTML|outerHTML|title|placeholder|ariaLabel|ariaDescription|alt)\s*(?:\+=|=)(?:[^=]|$)",
        r#"\.setAttribute\(\s*["'](?:aria-label|aria-description|title|placeholder|alt)["']\s*,"#,
        r"\.(?:createTextNode|insertAdjacentText)\(",
    ];
    let mut problems = Vec::new();
    for sink in sinks {
        let sink = Regex::new(sink).expect("regex");
        for found in sink.find_iter(&text) {
            // Right after the `=`, `,` or `(`: the expression put on screen.
            let mut start = found.end();
            if found.as_str().ends_with(|c: char| c != '=' && c != ',' && c != '(') {
                start -= found.as_str().chars().last().map_or(0, char::len_utf8);
            }
            let rest = &text[start..];
            // insertAdjacentText(position, text): skip the position.
            let rest = if found.as_str().contains("insertAdjacentText") {
                rest.split_once(',').map_or(rest, |(_, text)| text)
            } else {
                rest
            };
            for literal in top_level_literals(rest) {
                if has_words(&literal) {
                    problems.push(format!(
                        "{}:{}: {:?} is put on screen as is (use setL10n / data-l10n-id)",
                        relative(path),
                        line_of(&text, found.start()),
                        literal
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn the_ui_has_no_literal_text() {
    let ui = workspace().join("ui");
    let mut problems = Vec::new();
    for path in files_under(&ui, "html") {
        problems.extend(html_literals(&path));
    }
    for path in files_under(&ui, "js") {
        problems.extend(js_literals(&path));
    }
    assert_no_problems("literal text in ui/", &problems);
}

// ---------------------------------------------------------------------------------------------
// The scanners themselves

#[test]
fn the_scanners_catch_what_they_should() {
    assert_eq!(top_level_literals(r#" cond ? "Yes" : format("x"); next"#), ["Yes"]);
    assert_eq!(top_level_literals(r#" `${count} / ${max}`;"#), [" / "]);
    assert_eq!(top_level_literals(r#" "Close");"#), ["Close"]);
    assert!(has_words("Send") && has_words("إرسال") && !has_words(" · ✓ ➤ + 12 &nbsp; "));

    let dir = std::env::temp_dir().join(format!("desk-core-l10n-check-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let html = dir.join("page.html");
    fs::write(
        &html,
        "<p data-l10n-id=\"x\">ok <b>ok</b></p>\n<p>Hello</p>\n<dt><kbd>Alt</kbd>+<kbd>A</kbd></dt>\n\
         <button title=\"Close\"></button><script>let a = \"words\";</script><img alt=\"\">\n",
    )
    .expect("write");
    let found = html_literals(&html);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("Hello") && found[1].contains("Close"), "{found:#?}");

    let js = dir.join("code.js");
    fs::write(
        &js,
        "a.textContent = \"Hi\";\nb.textContent = `${n} / ${m}`;\nc.setAttribute(\"aria-label\", \"Close\");\n\
         d.title = await text(\"app-title\");\n// e.textContent = \"comment\";\nf.textContent === \"Same\";\n\
         g.append(document.createTextNode(\" · \"), document.createTextNode(\"and\"));\n",
    )
    .expect("write");
    let found = js_literals(&js);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().any(|p| p.contains("\"Hi\"")), "{found:#?}");
    assert!(found.iter().any(|p| p.contains("\"Close\"")), "{found:#?}");
    assert!(found.iter().any(|p| p.contains("\"and\"")), "{found:#?}");
}
