//! `frontdesk export` after an import: one line per record, filters applied, CSV readable.
//! (The exact round trip of an export through import is `import/round_trip.rs`.)

use std::path::{Path, PathBuf};

use crate::support::cli;

fn frontdesk(db: &Path, args: &[&str]) -> String {
    let out = cli::frontdesk(db, args).output().expect("frontdesk runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn exports_stream_every_record_and_filter() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let file = root.join("tests/fixtures/hotel-booking-demand/excerpt.csv");
    let mapping = root.join("config/mappings/hotel-booking-demand.toml");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let args = ["--json", "import", "bookings", file.to_str().expect("p"), "--mapping", mapping.to_str().expect("p")];
    let summary: serde_json::Value = serde_json::from_str(&frontdesk(&db, &args)).expect("json");
    let stays = frontdesk(&db, &["export", "stays", "--format", "jsonl"]);
    assert_eq!(stays.lines().count() as u64, summary["read"].as_u64().expect("read"));
    for line in stays.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(v["external_ref"].as_str().is_some_and(|r| r.starts_with("hotel-booking-demand:")));
    }
    let lis = frontdesk(&db, &["export", "stays", "--format", "jsonl", "--property", "LIS"]);
    assert!(lis.lines().count() < stays.lines().count() && lis.lines().all(|l| l.contains("\"LIS\"")));
    let members = frontdesk(&db, &["export", "members"]);
    let mut rdr = csv::Reader::from_reader(members.as_bytes());
    let overview: serde_json::Value =
        serde_json::from_str(&frontdesk(&db, &["--json", "report", "overview"])).expect("json");
    assert_eq!(rdr.records().count() as u64, overview["members"].as_u64().expect("members"));
    let out = dir.path().join("ledger.csv");
    frontdesk(&db, &["export", "ledger", "--out", out.to_str().expect("p"), "--since", "2015-07-01"]);
    // Members are named by card: the columns are those `import ledger` reads.
    assert_eq!(
        std::fs::read_to_string(&out).expect("written").lines().next(),
        Some("member,seq,date,at,operator,approver,source,reason,points,lines,consumed")
    );
}

/// Members with Chinese names and a note over two lines, exported for Excel on Chinese
/// Windows and everywhere else, and read back.
#[test]
fn exports_for_excel_are_gb18030_or_utf8_with_a_bom_and_crlf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, src) = (dir.path().join("db"), dir.path().join("in.csv"));
    std::fs::write(&src, "name,email,notes\n张伟,zw@example.com,\"高楼层\n安静\"\n陳大文,cdw@example.com,\n")
        .expect("write");
    frontdesk(&db, &["import", "members", src.to_str().expect("p")]);
    let gb = dir.path().join("gb.csv");
    frontdesk(&db, &["export", "members", "--encoding", "gb18030", "--crlf", "--out", gb.to_str().expect("p")]);
    let bytes = std::fs::read(&gb).expect("written");
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes).expect("GB18030");
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    assert!(text.starts_with("card,name,email,") && text.contains(",张伟,") && text.contains(",陳大文,"), "{text}");
    assert!(text.contains("\"高楼层\n安静\""), "a line break inside a cell stays LF, as Excel writes it");
    assert_eq!(text.matches("\r\n").count(), 3, "header and two records end in CRLF: {text:?}");
    let bom = dir.path().join("bom.csv");
    frontdesk(&db, &["export", "members", "--encoding", "utf-8-bom", "--out", bom.to_str().expect("p")]);
    let bytes = std::fs::read(&bom).expect("written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBFcard,name,"), "{:?}", &bytes[..12]);
    // Both read back: the BOM names its encoding, GB18030 is detected.
    for (file, encoding) in [(&gb, "gb18030 (detected)"), (&bom, "UTF-8 (byte-order mark)")] {
        let other = dir.path().join(format!("copy-{}", file.file_name().and_then(|n| n.to_str()).expect("name")));
        let summary = frontdesk(&other, &["import", "members", file.to_str().expect("p")]);
        assert!(summary.contains("applied 2") && summary.contains(encoding), "{summary}");
        assert!(frontdesk(&other, &["member", "find", "张伟"]).contains("张伟"));
    }
    let jsonl = cli::run(&db, &["export", "members", "--format", "jsonl", "--encoding", "gb18030"]);
    assert_eq!(jsonl.status.code(), Some(2), "JSONL is UTF-8 by definition");
}
