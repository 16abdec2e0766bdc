//! Shared helpers for the integration tests: temporary archives filled from sample-docs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ogp_archive::{Archive, Filter};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn samples() -> PathBuf {
    repo().join("sample-docs")
}

pub fn bad_fixtures() -> PathBuf {
    repo().join("tests/fixtures/bad")
}

#[derive(serde::Deserialize)]
pub struct Expected {
    pub documents: Vec<ExpectedDoc>,
    pub queries: Vec<ExpectedQuery>,
}

#[derive(serde::Deserialize)]
pub struct ExpectedDoc {
    pub file: String,
    pub kind: String,
    pub cycle: Option<i64>,
    pub session: Option<String>,
    pub lang: String,
    pub pages: i64,
    pub title_contains: String,
}

#[derive(serde::Deserialize)]
pub struct ExpectedQuery {
    pub query: String,
    pub file: String,
    pub page: i64,
    pub note: String,
}

pub fn expected() -> Expected {
    let text = std::fs::read_to_string(samples().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

/// A fresh archive in a temp dir with every sample document ingested.
pub fn sample_archive() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = Archive::open(dir.path()).expect("open");
    let out = archive
        .ingest(&[samples()], &mut |_, _| {})
        .expect("ingest");
    let failed: Vec<_> = out.iter().filter(|o| o.is_failure()).collect();
    assert!(failed.is_empty(), "sample documents failed: {failed:?}");
    (dir, archive)
}

pub fn id_of(archive: &Archive, file: &str) -> i64 {
    archive
        .list(&Filter::default())
        .unwrap()
        .into_iter()
        .find(|d| d.file_name == file)
        .unwrap_or_else(|| panic!("{file} is not in the archive"))
        .id
}
