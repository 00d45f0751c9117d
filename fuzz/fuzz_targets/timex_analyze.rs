//! Fuzz target: `chat2task::timex::analyze` on arbitrary UTF-8 with a fixed reference time.
//!
//! Checks the invariants the rest of the pipeline relies on: no panic, every span lies on char
//! boundaries inside the text (spans are char offsets, so `start <= end <= char count`),
//! `start <= end` for every expression, the deadline span is one of the valid spans, and the result
//! is deterministic.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(reference) = NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(9, 12, 0))
    else {
        return;
    };
    let n = text.chars().count();
    let a = chat2task::timex::analyze(text, reference);
    for e in &a.expressions {
        let (s, t) = e.span;
        assert!(s <= t && t <= n, "span {:?} outside 0..={n}", e.span);
        // Char offsets must map back onto char boundaries of the original string.
        let piece: String = text.chars().skip(s).take(t - s).collect();
        assert_eq!(piece.chars().count(), t - s);
        assert!(e.start <= e.end, "start {} > end {}", e.start, e.end);
    }
    if let Some(d) = &a.deadline {
        assert!(
            d.span.0 <= d.span.1 && d.span.1 <= n,
            "deadline span {:?}",
            d.span
        );
    }
    let b = chat2task::timex::analyze(text, reference);
    assert_eq!(
        a.expressions.len(),
        b.expressions.len(),
        "not deterministic"
    );
});
