//! `member erase` end to end: a member with a distinctive name, e-mail and phone, stays,
//! adjustments and complaints that quote them, is erased by a manager (clerks and
//! supervisors are refused). Then `verify` and the reports still pass; and neither the
//! export files, nor a fresh store the export is imported into, nor a sled-level copy of
//! the erased store (export → import into a new directory, which leaves behind the old
//! versions sled keeps in its log) holds any of the personal values, byte for byte.

use serde_json::Value;
use std::path::Path;

use crate::support::cli;

const NAME: &str = "Ximena Quartzfield";
const EMAIL: &str = "ximena.quartzfield@example.org";
const PHONE: &str = "+86 139-8765-4321";
/// Everything that must be gone: name parts, e-mail, phone as typed, normalised, as bare
/// digits, reversed (the phone-tail key), the birthday.
const NEEDLES: [&str; 10] = [
    "Ximena",
    "Quartzfield",
    "quartzfield",
    EMAIL,
    PHONE,
    "+8613987654321",
    "8613987654321",
    "13987654321",
    "1234567893168",
    "1979-03-14",
];

fn ok(db: &Path, args: &[&str]) -> String {
    cli::ok(db, args)
}

fn code(db: &Path, args: &[&str]) -> (i32, String) {
    let out = cli::run(db, args);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every needle found in the bytes of the files under `dir`, with the file.
fn leaks(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).expect("readable file");
            for n in NEEDLES {
                if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                    found.push(format!("{n} in {}", path.display()));
                }
            }
        }
    }
    found
}

/// Store A: the guest, quoted in notes, reasons, a complaint and its timeline; and a
/// second guest so that the reports have more than one member.
fn build(db: &Path) -> String {
    let add = ok(
        db,
        &["--json", "member", "add", "--name", NAME, "--email", EMAIL, "--phone", PHONE, "--birthday", "1979-03-14"],
    );
    let card = serde_json::from_str::<Value>(&add).expect("json")["card"].as_str().expect("card").to_string();
    ok(db, &["member", "add", "--name", "Other Guest", "--email", "other@example.org"]);
    ok(db, &["member", "update", &card, "--notes", &format!("{NAME} wants room 1207; call {PHONE}")]);
    for (arrival, r) in [("2026-09-01", "pms:A1"), ("2026-10-01", "pms:A2")] {
        let args = ["stay", "post", "--member", &card, "--arrival", arrival, "--nights", "3", "--revenue", "450.00"];
        ok(db, &[&args[..], &["--external-ref", r]].concat());
    }
    ok(db, &["points", "adjust", &card, "--points", "5000", "--reason", &format!("{NAME} birthday treat")]);
    let description = format!("{NAME} ({EMAIL}, {PHONE}) reports a party next door");
    let logged = ok(
        db,
        &["--json", "complaint", "log", "--member", &card, "--category", "noise", "--description", &description],
    );
    let id = serde_json::from_str::<Value>(&logged).expect("json")["id"].to_string();
    let note = format!("Called {NAME} back on 13987654321");
    ok(db, &["complaint", "update", &id, "--state", "resolved", "--note", &note, "--goodwill", "500"]);
    let held = ok(db, &["--json", "redeem", &card, "LATE-CO"]);
    let rid = serde_json::from_str::<Value>(&held).expect("json")["id"].to_string();
    ok(db, &["redeem", "cancel", &rid, "--reason", &format!("{NAME} changed plans")]);
    card
}

#[test]
fn erasure_leaves_no_personal_byte_in_exports_imports_or_a_compacted_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a");
    let card = build(&a);
    let before_tiers = ok(&a, &["--json", "report", "liability"]);
    // The search below would find them before the erasure (so finding none after means
    // something).
    let control = dir.path().join("control");
    std::fs::create_dir_all(&control).expect("mkdir");
    for kind in ["members", "complaints", "ledger"] {
        let file = control.join(format!("{kind}.csv"));
        ok(&a, &["export", kind, "--out", file.to_str().expect("path")]);
    }
    assert!(leaks(&control).len() >= 6, "{:?}", leaks(&control));

    for role in ["clerk", "supervisor"] {
        let (code, err) = code(&a, &["--role", role, "member", "erase", &card, "--reason", "GDPR request 118"]);
        assert_eq!(code, 3, "{role}: {err}");
        assert!(err.contains("only a manager or an admin"), "{err}");
    }
    let (code_named, err) = code(&a, &["--role", "manager", "member", "erase", &card, "--reason", "asked by Ximena"]);
    assert_eq!(code_named, 2, "a reason naming the guest is refused: {err}");
    let erased = ok(&a, &["--role", "manager", "member", "erase", &card, "--reason", "GDPR request 118"]);
    assert!(erased.contains("erased"), "{erased}");
    let again = ok(&a, &["--role", "manager", "member", "erase", &card, "--reason", "GDPR request 118"]);
    assert!(again.contains("already erased"), "{again}");

    // (a) The figures stay consistent and the reports still run.
    ok(&a, &["verify"]);
    let liability: Value = serde_json::from_str(&ok(&a, &["--json", "report", "liability"])).expect("json");
    let earlier: Value = serde_json::from_str(&before_tiers).expect("json");
    assert_eq!(liability, earlier, "points liability is unchanged by the erasure");
    ok(&a, &["report", "tiers"]);
    let shown: Value = serde_json::from_str(&ok(&a, &["--json", "member", "show", &card])).expect("json");
    assert_eq!(shown["name"], format!("erased {card}"));
    assert_eq!(shown["status"], "erased");
    assert!(shown["email"].is_null() && shown["phone"].is_null() && shown["birthday"].is_null());
    assert!(shown["balance"].as_i64().expect("balance") > 0, "the ledger is kept");
    assert!(ok(&a, &["member", "find", "Quartzfield"]).contains("no member matches"));
    assert!(ok(&a, &["member", "find", "4321"]).contains("no member matches"));

    // (b) Export, then import into a fresh store: neither the files nor the store hold a trace.
    let files = dir.path().join("export");
    std::fs::create_dir_all(&files).expect("mkdir");
    let b = dir.path().join("b");
    for kind in ["members", "stays", "ledger", "complaints", "redemptions"] {
        let file = files.join(format!("{kind}.jsonl"));
        ok(&a, &["export", kind, "--format", "jsonl", "--out", file.to_str().expect("path")]);
        ok(&b, &["import", kind, file.to_str().expect("path")]);
    }
    assert_eq!(leaks(&files), Vec::<String>::new(), "the export files");
    ok(&b, &["verify"]);
    ok(&b, &["report", "tiers"]);
    assert_eq!(leaks(&b), Vec::<String>::new(), "the store imported from the export");

    // A sled-level copy of A (live records only) holds no trace either; A's own files
    // may still hold old versions until sled reuses their space, which is why erasure
    // is followed by such a copy (see docs/OPERATORS.md, Privacy).
    let c = dir.path().join("c");
    {
        let old = sled::open(&a).expect("store A opens with sled");
        let new = sled::open(&c).expect("copy opens");
        new.import(old.export());
        new.flush().expect("flush");
    }
    assert_eq!(leaks(&c), Vec::<String>::new(), "a sled export/import of the erased store");
}
