//! A full disk and a read-only archive: a clear error, and the archive stays as it was.
//!
//! Each scenario runs `ogp-archive` inside a private mount namespace (`unshare -m`) on a small
//! tmpfs or a read-only bind mount, so nothing outside the test is touched and the mounts go
//! away with the namespace. That needs root (CI runs as root); elsewhere the tests say why they
//! cannot run and pass without checking anything.

mod common;

use std::path::Path;
use std::process::Command;

fn can_mount() -> bool {
    let ok = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: needs root and `unshare -m` to mount a small file system");
    }
    ok
}

/// Runs a shell script in a new mount namespace, with `$B` the CLI and `$T` the test's folder.
/// Returns the lines the script echoes.
fn in_namespace(t: &Path, script: &str) -> String {
    let o = Command::new("unshare")
        .args(["-m", "sh", "-c", script])
        .env("B", env!("CARGO_BIN_EXE_ogp-archive"))
        .env("T", t)
        .env("OGP_WRITE_WAIT_MS", "2000")
        .output()
        .expect("unshare");
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        o.status.success(),
        "script failed: {out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn field<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key} in:\n{out}"))
}

/// On a 3 MB file system: files that fit are added, each file that does not gets its own
/// "no disk space" outcome (no half-written file, nothing left in the store's temp folder),
/// and the archive verifies clean. With the disk then filled to the last byte by something
/// else, the archive still opens and answers searches, a new ingest is refused per file with
/// the same clear reason, and once space is freed everything verifies.
#[test]
fn a_full_disk_refuses_files_clearly_and_keeps_the_archive_whole() {
    if !can_mount() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for dir in [common::samples(), common::repo().join("tests/fixtures/ocr")] {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "pdf") {
                std::fs::copy(e.path(), input.join(e.file_name())).unwrap();
            }
        }
    }
    std::fs::create_dir_all(t.path().join("m")).unwrap();
    let out = in_namespace(
        t.path(),
        r#"
        mount -t tmpfs -o size=3m tmpfs "$T/m" || exit 1
        A="$T/m/a"
        "$B" --archive "$A" ingest --json "$T/in" > "$T/ingest.jsonl" 2> "$T/ingest.err"
        echo "ingest_rc=$?"
        echo "tmp_files=$(ls "$A/store/tmp" | wc -l)"
        "$B" --archive "$A" verify > /dev/null 2>&1; echo "verify_rc=$?"
        echo "listed=$("$B" --archive "$A" list | wc -l)"
        dd if=/dev/zero of="$T/m/filler" bs=64k 2>/dev/null
        echo "free_kb=$(df -k "$T/m" | awk 'NR==2 {print $4}')"
        "$B" --archive "$A" search "lidzdaliba" > "$T/search.txt" 2> "$T/search.err"; echo "search_rc=$?"
        "$B" --archive "$A" ingest --json "$T/in/scan-150dpi.pdf" > "$T/full.jsonl" 2> "$T/full.err"
        echo "full_rc=$?"
        rm "$T/m/filler"
        "$B" --archive "$A" verify > /dev/null 2>&1; echo "verify_after_rc=$?"
        echo "listed_after=$("$B" --archive "$A" list | wc -l)"
        "#,
    );
    let outcomes: Vec<serde_json::Value> = std::fs::read_to_string(t.path().join("ingest.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let added = outcomes.iter().filter(|o| o["outcome"] == "added").count();
    let full: Vec<&serde_json::Value> = outcomes
        .iter()
        .filter(|o| o["error_code"] == "disk-full")
        .collect();
    assert!(added > 0, "nothing fit: {outcomes:?}");
    assert!(!full.is_empty(), "the 3 MB disk never filled: {outcomes:?}");
    assert!(
        full.iter()
            .all(|o| o["error"].as_str().unwrap().contains("diskā nav vietas")),
        "{full:?}"
    );
    assert_eq!(added + full.len(), outcomes.len(), "{outcomes:?}");
    assert_eq!(field(&out, "ingest_rc"), "1", "{out}");
    assert_eq!(field(&out, "tmp_files"), "0", "{out}");
    assert_eq!(field(&out, "verify_rc"), "0", "{out}");
    assert_eq!(field(&out, "listed"), added.to_string(), "{out}");
    assert_eq!(
        field(&out, "free_kb"),
        "0",
        "the disk was not filled: {out}"
    );
    assert_eq!(
        field(&out, "search_rc"),
        "0",
        "a full disk stops searches: {out}"
    );
    let found = std::fs::read_to_string(t.path().join("search.txt")).unwrap();
    assert!(found.contains('#'), "no results on a full disk: {found}");
    // With no space at all the archive opens read-only: the ingest is refused as a whole.
    let refused = std::fs::read_to_string(t.path().join("full.err")).unwrap();
    assert!(refused.contains("tikai lasīšanai"), "{refused}");
    assert!(refused.contains("diskā nav vietas"), "{refused}");
    assert_eq!(field(&out, "full_rc"), "2", "{out}");
    assert_eq!(field(&out, "verify_after_rc"), "0", "{out}");
    assert_eq!(field(&out, "listed_after"), added.to_string(), "{out}");
}

/// An archive on a read-only mount opens read-only: searches answer, and a change is refused
/// in words (exit 2); nothing on the mount changes, and once writable it verifies clean.
#[test]
fn a_read_only_archive_says_so_and_stays_as_it_was() {
    if !can_mount() {
        return;
    }
    let t = tempfile::tempdir().unwrap();
    let a = t.path().join("a");
    let o = Command::new(env!("CARGO_BIN_EXE_ogp-archive"))
        .arg("--archive")
        .arg(&a)
        .arg("ingest")
        .arg(common::samples().join("VK_prezentacija.pdf"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = in_namespace(
        t.path(),
        r#"
        A="$T/a"
        before=$(find "$A" -type f -exec sha256sum {} + | sort | sha256sum)
        mount --bind "$A" "$A" && mount -o remount,bind,ro "$A" || exit 1
        "$B" --archive "$A" ingest "$T/../nothing.pdf" > /dev/null 2> "$T/ingest.err"; echo "ingest_rc=$?"
        "$B" --archive "$A" search "padome" > "$T/search.txt" 2> "$T/search.err"; echo "search_rc=$?"
        umount "$A"
        after=$(find "$A" -type f -exec sha256sum {} + | sort | sha256sum)
        [ "$before" = "$after" ] && echo "unchanged=yes" || echo "unchanged=no"
        "$B" --archive "$A" verify > /dev/null 2>&1; echo "verify_rc=$?"
        "#,
    );
    let err = std::fs::read_to_string(t.path().join("ingest.err")).unwrap();
    assert_eq!(field(&out, "ingest_rc"), "2", "{out}");
    assert!(err.contains("tikai lasīšanai"), "{err}");
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(field(&out, "search_rc"), "0", "{out}");
    let found = std::fs::read_to_string(t.path().join("search.txt")).unwrap();
    assert!(found.contains("VK") || found.contains("#1"), "{found}");
    assert_eq!(field(&out, "unchanged"), "yes", "{out}");
    assert_eq!(field(&out, "verify_rc"), "0", "{out}");
}
