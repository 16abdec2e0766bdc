//! Any text through the Latvian date parser and the classifier: no panic, offsets on char
//! boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_archive::classify::{classify, CycleRef};
use ogp_archive::dates::{find_dates, find_year_ranges, parse_date};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for m in find_dates(text) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    let _ = parse_date(text);
    let _ = find_year_ranges(text);
    let cycles = [CycleRef { number: 5, start_year: 2022, end_year: 2025 }];
    let _ = classify(text, Some(text), &[text], &cycles, &[]);
});
