//! Fuzz target: any bytes, read as text the way the `mask` filter reads a line (invalid UTF-8
//! replaced), must give sorted, non-overlapping spans on character boundaries, and masking
//! must be idempotent: what the agent sees masked stays as it is when masked again.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use masking::Masker;

/// Built once: loading the numbering plans takes a tenth of a second.
static MASKER: LazyLock<Masker> = LazyLock::new(Masker::new);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let spans = MASKER.find(&text);
    for s in &spans {
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
    }
    assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{spans:?}");
    let once = MASKER.mask(&text);
    assert_eq!(MASKER.mask(&once), once, "masking {text:?} twice");
});
