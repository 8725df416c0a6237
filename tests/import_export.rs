//! `frontdesk export` after an import: one line per record, filters applied, CSV readable.
//! (The exact round trip of an export through import is `tests/round_trip.rs`.)

use std::path::{Path, PathBuf};

mod cli_support;

fn frontdesk(db: &Path, args: &[&str]) -> String {
    let out = cli_support::frontdesk(db, args).output().expect("frontdesk runs");
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
