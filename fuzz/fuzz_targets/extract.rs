//! Any bytes through the PDF extractor: it must return text or an error, never panic, hang
//! or exhaust memory (the limits are tightened so each input stays fast).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ogp_archive::pdf::{extract, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_stream_bytes: 4 << 20,
        max_ops_per_page: 200_000,
        ..Limits::default()
    };
    let _ = extract(data, &limits);
});
