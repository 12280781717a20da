//! Every line of the dev corpus: the masked text exactly as expected, no raw value left, every
//! non-sensitive string intact, and the spans' kinds matching the labels.

use std::path::PathBuf;

use masking::{mask_value, Kind};
use serde::Deserialize;

use crate::MASKER;

#[derive(Deserialize)]
struct Row {
    id: String,
    text: String,
    expected: String,
    entities: Vec<Entity>,
    keep: Vec<String>,
}

#[derive(Deserialize)]
struct Entity {
    #[serde(rename = "type")]
    kind: Kind,
    raw: String,
    masked: String,
}

fn rows() -> Vec<Row> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/masking-dev.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines().map(|l| serde_json::from_str(l).expect("corpus line")).collect()
}

#[test]
fn dev_corpus_is_masked_exactly() {
    let rows = rows();
    assert!(rows.len() >= 700, "corpus has {} lines", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let got = MASKER.mask(&row.text);
        if got != row.expected {
            failures.push(format!("{}: {:?}\n   want {:?}", row.id, got, row.expected));
        }
        for e in &row.entities {
            if got.contains(&e.raw) {
                failures.push(format!("{}: {} leaked: {:?}", row.id, e.raw, got));
            }
        }
        for k in &row.keep {
            if !got.contains(k.as_str()) {
                failures.push(format!("{}: keep {:?} altered: {:?}", row.id, k, got));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn dev_corpus_spans_have_the_labelled_kinds_and_masks() {
    for row in rows() {
        let spans = MASKER.find(&row.text);
        assert_eq!(spans.len(), row.entities.len(), "{}: {spans:?}", row.id);
        for e in &row.entities {
            let span = spans
                .iter()
                .find(|s| row.text[s.start..s.end] == e.raw)
                .unwrap_or_else(|| panic!("{}: no span for {:?}: {spans:?}", row.id, e.raw));
            assert_eq!(span.kind, e.kind, "{}: {}", row.id, e.raw);
            assert_eq!(mask_value(&e.raw, e.kind), e.masked, "{}", row.id);
        }
    }
}

#[test]
fn dev_corpus_masking_is_idempotent() {
    for row in rows() {
        assert_eq!(MASKER.mask(&row.expected), row.expected, "{}", row.id);
    }
}
