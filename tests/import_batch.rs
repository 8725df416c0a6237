//! `frontdesk batch`: JSONL commands with one result line each; re-running is idempotent.

use std::io::Write;
use std::process::Stdio;

mod cli_support;

fn batch(db: &std::path::Path, input: &str) -> (i32, Vec<serde_json::Value>) {
    let mut child = cli_support::frontdesk(db, &["batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("frontdesk runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("waits");
    let lines = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    (out.status.code().unwrap_or(-1), lines)
}

#[test]
fn batch_applies_each_line_and_reports_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let input = r#"{"op":"members","name":"Ana Silva","email":"ana@example.com"}
{"op":"stays","member":"ana@example.com","arrival":"2026-03-01","nights":2,"revenue":"300.00","external_ref":"pms:1"}

{"op":"balances","member":"ana@example.com","points":500,"external_ref":"legacy:1"}
{"op":"stays","member":"nobody@example.com","arrival":"2026-03-01","nights":2,"revenue":"300.00"}
{"op":"teleport"}
"#;
    let (code, lines) = batch(&db, input);
    assert_eq!(code, 3);
    let oks: Vec<bool> = lines.iter().map(|l| l["ok"].as_bool().expect("ok")).collect();
    assert_eq!(oks, vec![true, true, true, false, false]);
    assert_eq!(lines[3]["line"], 5);
    assert_eq!(lines[4]["column"], "op");
    let (_, again) = batch(&db, input);
    let dups: Vec<bool> = again.iter().take(3).map(|l| l["duplicate"].as_bool().expect("dup")).collect();
    assert_eq!(dups, vec![true, true, true], "{again:?}");
}
