//! `frontdesk import` from the command line: exit codes, summary line, reject file,
//! --dry-run, --strict, stdin.

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use crate::support::cli;

const GOOD: &str = "name,email,arrival,nights,revenue,status,external_ref
Ana Silva,ana@example.com,2024-03-01,2,300.00,completed,r1
Bo Chen,bo@example.com,2024-03-02,1,99.00,completed,r2
";

fn frontdesk(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = cli::frontdesk(db, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontdesk runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.unwrap_or("").as_bytes()).expect("write");
    drop(input);
    child.wait_with_output().expect("waits")
}

fn overview(db: &Path, what: &str) -> u64 {
    let out = frontdesk(db, &["--json", "report", "overview"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v[what].as_u64().expect("count")
}

fn members(db: &Path) -> u64 {
    overview(db, "members")
}

#[test]
fn rejected_rows_exit_3_with_a_reject_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file, rejects) = (dir.path().join("db"), dir.path().join("in.csv"), dir.path().join("rejects.csv"));
    std::fs::write(&file, format!("{GOOD}Cy,cy@example.com,2024-02-31,1,1.00,completed,r3\n")).expect("write");
    let args = ["import", "bookings", file.to_str().expect("p"), "--rejects", rejects.to_str().expect("p")];
    assert_eq!(members(&db), 0, "an empty store to check against");
    let dry = frontdesk(&db, &[&args[..], &["--dry-run"]].concat(), None);
    assert_eq!(dry.status.code(), Some(3));
    assert_eq!(members(&db), 0, "--dry-run wrote nothing");
    let out = frontdesk(&db, &args, None);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "read 3, applied 2, duplicates 0, rejected 1; read as UTF-8 (plain ASCII)"
    );
    let text = std::fs::read_to_string(&rejects).expect("reject file");
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0][0], &rows[0][1]), ("4", "arrival"));
    assert!(rows[0][2].contains("not a calendar date") && rows[0][3].starts_with("Cy,"), "{text}");
    assert_eq!(members(&db), 2);
}

#[test]
fn strict_applies_nothing_and_stdin_works() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file) = (dir.path().join("db"), dir.path().join("in.csv"));
    std::fs::write(&file, format!("{GOOD}Cy,cy@example.com,2024-02-31,1,1.00,completed,r3\n")).expect("write");
    let strict = frontdesk(&db, &["--json", "import", "bookings", file.to_str().expect("p"), "--strict"], None);
    assert_eq!(strict.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&strict.stdout).expect("json summary");
    assert_eq!(
        (v["applied"].as_u64(), v["rejected"].as_u64(), v["strict_refused"].as_bool()),
        (Some(0), Some(3), Some(true))
    );
    assert_eq!(members(&db), 0);
    let piped = frontdesk(&db, &["import", "bookings", "-"], Some(GOOD));
    assert_eq!(piped.status.code(), Some(0), "{}", String::from_utf8_lossy(&piped.stderr));
    assert_eq!(members(&db), 2);
    let bad =
        format!("{}Dee,dee@example.com,2024-02-30,1,1.00,completed,r9\n", GOOD.replace("r1", "r7").replace("r2", "r8"));
    let strict_stdin = frontdesk(&db, &["import", "bookings", "-", "--strict"], Some(&bad));
    assert_eq!(strict_stdin.status.code(), Some(3), "{}", String::from_utf8_lossy(&strict_stdin.stderr));
    assert_eq!(overview(&db, "stays"), 2, "--strict from standard input applied nothing");
}

#[test]
fn a_bad_header_is_a_usage_error_naming_the_header_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = frontdesk(&dir.path().join("db"), &["import", "members", "-"], Some("name,colour\nAna,red\n"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("header, column colour: unknown column"), "{err}");
}

/// A dry run against a mistyped `--db` says there is no store there and creates none.
#[test]
fn a_dry_run_against_a_missing_store_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file) = (dir.path().join("typo"), dir.path().join("in.csv"));
    std::fs::write(&file, GOOD).expect("write");
    let out = frontdesk(&db, &["import", "bookings", file.to_str().expect("p"), "--dry-run"], None);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no store at") && err.contains("typo"), "{err}");
    assert!(!db.exists(), "nothing was created");
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).expect("list file");
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.expect("row")).collect()
}

/// `--duplicates FILE` lists each row counted as a duplicate with its reference, once,
/// also when `--strict` reads the file twice.
#[test]
fn duplicates_are_listed_with_their_reference() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file, dups) = (dir.path().join("db"), dir.path().join("in.csv"), dir.path().join("dups.csv"));
    std::fs::write(&file, GOOD).expect("write");
    let path = file.to_str().expect("p");
    assert_eq!(frontdesk(&db, &["import", "bookings", path], None).status.code(), Some(0));
    std::fs::write(&file, format!("{GOOD}Cy,cy@example.com,2024-03-03,1,50.00,completed,r3\n")).expect("write");
    let again = frontdesk(&db, &["import", "bookings", path, "--duplicates", dups.to_str().expect("p")], None);
    assert_eq!(again.status.code(), Some(0), "{}", String::from_utf8_lossy(&again.stderr));
    let rows = csv_rows(&dups);
    let listed: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(listed, [("2", "r1"), ("3", "r2")]);
    assert!(rows[0][2].starts_with("Ana Silva,ana@example.com"), "{:?}", rows[0]);
    std::fs::write(&file, format!("{GOOD}Dee,dee@example.com,2024-02-30,1,1.00,completed,r9\n")).expect("write");
    let strict =
        frontdesk(&db, &["import", "bookings", path, "--strict", "--duplicates", dups.to_str().expect("p")], None);
    assert_eq!(strict.status.code(), Some(3));
    assert_eq!(csv_rows(&dups).len(), 2, "listed once though --strict read the file twice");
}

/// A rejects file copies at most 1,000 bytes of a field, marked where it was cut.
#[test]
fn a_huge_field_is_cut_in_the_rejects_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file, rejects) = (dir.path().join("db"), dir.path().join("in.csv"), dir.path().join("rejects.csv"));
    let huge = "x".repeat(2_000_000);
    std::fs::write(&file, format!("name,email,notes\n{huge},big@example.com,\"{huge}\"\n")).expect("write");
    let out = frontdesk(
        &db,
        &["import", "members", file.to_str().expect("p"), "--rejects", rejects.to_str().expect("p")],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let size = std::fs::metadata(&rejects).expect("rejects").len();
    assert!(size < 3_000, "the rejects file holds {size} bytes");
    let rows = csv_rows(&rejects);
    assert!(rows[0][3].contains("…[2000000 bytes]"), "{}", &rows[0][3][..200]);
}
