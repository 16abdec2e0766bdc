//! Hostile and broken input in one batch with good files: each file gets its own specific
//! outcome, nothing panics or hangs, and odd file names survive ingest and export safely.
//! The hostile PDFs are generated here, byte by byte, so nothing large is committed.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use ogp_archive::{Archive, Filter, Outcome, Patch};

/// A minimal PDF writer: numbered objects, a classic xref table, a trailer.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

fn page(contents: usize) -> Vec<u8> {
    format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {contents} 0 R /Resources << /Font << /F1 3 0 R >> >> >>").into_bytes()
}

fn stream(data: &[u8], filter: &str) -> Vec<u8> {
    let mut s = format!("<< /Length {} {filter}>>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

const TEXT: &[u8] = b"BT /F1 12 Tf 72 700 Td (Sabiedribas lidzdaliba) Tj ET";

fn write_hostile(dir: &Path) {
    let one_page = |catalog: &[u8], kids: &str, contents: Vec<u8>| {
        pdf(&[
            catalog.to_vec(),
            format!("<< /Type /Pages /Kids [{kids}] /Count 1 >>").into_bytes(),
            FONT.to_vec(),
            page(5),
            contents,
        ])
    };
    // 256 MB of spaces, deflated to ~250 KB.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![b' '; 256 << 20]).unwrap();
    let bomb = z.finish().unwrap();
    std::fs::write(
        dir.join("bomb.pdf"),
        one_page(CATALOG, "4 0 R", stream(&bomb, "/Filter /FlateDecode ")),
    )
    .unwrap();
    // The page tree lists itself as a kid.
    std::fs::write(
        dir.join("tree-cycle.pdf"),
        one_page(CATALOG, "4 0 R 2 0 R", stream(TEXT, "")),
    )
    .unwrap();
    // The content stream is a reference to itself.
    std::fs::write(
        dir.join("self-ref.pdf"),
        one_page(CATALOG, "4 0 R", b"5 0 R".to_vec()),
    )
    .unwrap();
    // 100,000 nested arrays in the catalog.
    let mut deep = b"<< /Type /Catalog /Pages 2 0 R /X ".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 100_000));
    deep.extend(std::iter::repeat_n(b']', 100_000));
    deep.extend_from_slice(b" >>");
    std::fs::write(
        dir.join("deep-nesting.pdf"),
        one_page(&deep, "4 0 R", stream(TEXT, "")),
    )
    .unwrap();
    // 2,000 pages sharing one content stream.
    let n = 2000;
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + i)).collect();
    let mut objects = vec![
        CATALOG.to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        FONT.to_vec(),
        b"null".to_vec(),
        stream(TEXT, ""),
    ];
    objects.extend((0..n).map(|_| page(5)));
    std::fs::write(dir.join("pages-2000.pdf"), pdf(&objects)).unwrap();
}

#[test]
fn hostile_files_get_specific_outcomes_and_good_files_are_added() {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    write_hostile(&input);
    // Good files under hostile names.
    let long_name = format!("{}.pdf", "ā".repeat(125)); // 254 bytes
    let names = ["..VK.pdf", "quote\"d 'name' 📄.pdf", long_name.as_str()];
    let sources = [
        "VK_prezentacija.pdf",
        "OGP_Paris_Declaration_2016.pdf",
        "Aptaujas_rezultati_2019.pdf",
    ];
    for (name, src) in names.iter().zip(sources) {
        std::fs::copy(samples().join(src), input.join(name)).unwrap();
    }

    let archive = Archive::open(&work.path().join("archive")).unwrap();
    let start = Instant::now();
    let out = archive
        .ingest(std::slice::from_ref(&input), &mut |_, _| {})
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(120),
        "bounded time: {:?}",
        start.elapsed()
    );
    let by = |n: &str| {
        out.iter()
            .find(|o| o.file_name == n)
            .unwrap_or_else(|| panic!("{n}: {out:?}"))
    };

    // A decompression bomb is read within its limits: one page, no text, nothing exhausted.
    assert_eq!(by("bomb.pdf").outcome, Outcome::Added);
    assert_eq!(archive.get(by("bomb.pdf").id.unwrap()).unwrap().pages, 1);
    // Cycles in the page tree and in references are cut, not followed forever.
    let cycle = archive.get(by("tree-cycle.pdf").id.unwrap()).unwrap();
    assert_eq!(cycle.pages, 1);
    assert_eq!(by("self-ref.pdf").outcome, Outcome::Added);
    // Nesting too deep for the parser: a damaged file, not a crash.
    let deep = by("deep-nesting.pdf");
    assert_eq!(
        (deep.outcome, deep.error_code.as_deref()),
        (Outcome::Failed, Some("damaged"))
    );
    // A long document is fine.
    let long = archive.get(by("pages-2000.pdf").id.unwrap()).unwrap();
    assert_eq!(long.pages, 2000);
    let hits = archive
        .search("lidzdaliba", &Filter::default(), 50)
        .unwrap();
    assert!(hits.iter().any(|h| h.id == long.id));
    // Good files under odd names are added with their names kept exactly.
    for name in names {
        let o = by(name);
        assert_eq!(o.outcome, Outcome::Added, "{o:?}");
        assert_eq!(archive.get(o.id.unwrap()).unwrap().file_name, name);
    }

    // Exported, the odd names stay inside their folder and the bundle verifies.
    let ids: Vec<i64> = names.iter().map(|n| by(n).id.unwrap()).collect();
    archive
        .set(
            &ids,
            &Patch {
                cycle: Some(Some(1)),
                ..Default::default()
            },
        )
        .unwrap();
    let zip_path = work.path().join("c1.zip");
    archive.export_cycle(1, &zip_path, &mut |_| {}).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let entries: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .collect();
    for e in &entries {
        let path = Path::new(e);
        assert!(
            path.components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{e}"
        );
        assert!(path.file_name().unwrap().len() <= 255, "{e}");
    }
    assert_eq!(
        entries.iter().filter(|e| e.ends_with(".pdf")).count(),
        3,
        "{entries:?}"
    );
    let unpack = work.path().join("u");
    zip.extract(&unpack).unwrap();
    let (docs, problems) = ogp_archive::export::verify_bundle(&zip_path).unwrap();
    assert_eq!((docs, problems), (3, Vec::<String>::new()));
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", "SHA256SUMS"])
        .current_dir(unpack.join("OGP1_2012-2014"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// The hostile batch through the CLI, as a user would run it: the process's peak memory stays
/// bounded (the decompression bomb, the 2,000-page file and the deep nesting included), and
/// it ends on its own, with exit 1 for the files that failed. Measured here: 90 MB.
#[test]
fn hostile_batch_runs_in_bounded_memory() {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    write_hostile(&input);
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ogp-archive"))
        .arg("--archive")
        .arg(work.path().join("archive"))
        .arg("ingest")
        .arg("--json")
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The child's own high-water mark, read while it runs (getrusage would also count the
    // test process's memory that the child inherited before exec).
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kb) = s
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(
        status.code(),
        Some(1),
        "some hostile files fail, none crash"
    );
    assert!(start.elapsed() < Duration::from_secs(120));
    let peak_mb = peak_kb / 1024;
    eprintln!("peak RSS of the hostile ingest: {peak_mb} MB");
    assert!(peak_mb > 0, "memory was never read");
    assert!(peak_mb < 300, "peak memory {peak_mb} MB");
}
