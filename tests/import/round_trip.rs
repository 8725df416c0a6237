//! Export → import into an empty store round-trips exactly (see
//! `crates/exchange/src/export/mod.rs`): a demo store with reversals, overrides, adjustments, opening balances, bookings,
//! redemptions in every state, expiry and complaints in every state is exported in CSV and
//! JSONL, imported into empty stores, and exported again byte for byte; verify passes,
//! the overview agrees, and importing the same files again is all duplicates.

use serde_json::Value;
use std::path::Path;

use crate::support::cli;

const KINDS: [&str; 5] = ["members", "stays", "ledger", "complaints", "redemptions"];

fn run(db: &Path, args: &[&str]) -> String {
    let out = cli::frontdesk(db, args).output().expect("frontdesk runs");
    assert!(
        out.status.success(),
        "{args:?} exited {:?}: {}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn jsonl(db: &Path, kind: &str) -> Vec<Value> {
    run(db, &["export", kind, "--format", "jsonl"]).lines().map(|l| serde_json::from_str(l).expect("json")).collect()
}

fn text(v: &Value, field: &str) -> String {
    match &v[field] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn int(v: &Value, field: &str) -> i64 {
    v[field].as_i64().unwrap_or_else(|| panic!("{field} of {v}"))
}

/// The first member whose record satisfies `pred` and is not in `taken`.
fn pick(members: &[Value], taken: &mut Vec<String>, pred: impl Fn(&Value) -> bool) -> String {
    let m = members.iter().find(|m| pred(m) && !taken.contains(&text(m, "card"))).expect("a member fits");
    let card = text(m, "card");
    taken.push(card.clone());
    card
}

/// Id in a command's JSON reply.
fn id_of(reply: &str) -> String {
    let v: Value = serde_json::from_str(reply).expect("json reply");
    v["id"].to_string()
}

/// Store A: the demo plus every kind of history the demo does not make.
fn build_a(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("a");
    // Activities, promotions and residences are not in the export yet (they come with
    // backup and restore): the exact round trip covers a hotel store.
    run(&db, &["demo", "--members", "150", "--seed", "11", "--hotels-only"]);
    let members = jsonl(&db, "members");
    let stays = jsonl(&db, "stays");
    let balance = |card: &str| members.iter().find(|m| text(m, "card") == card).map_or(0, |m| int(m, "balance"));
    let mut taken = Vec::new();
    let reversible = stays
        .iter()
        .find(|s| {
            text(s, "status") == "completed"
                && int(s, "base_points") > 0
                && balance(&text(s, "member")) >= int(s, "base_points") + int(s, "bonus_points")
        })
        .expect("a stay that can be reversed");
    let card = text(reversible, "member");
    taken.push(card.clone());
    run(&db, &["stay", "reverse", &card, &text(reversible, "seq"), "--reason", "posted to the wrong guest"]);
    let rich = pick(&members, &mut taken, |m| int(m, "balance") >= 20_000 && text(m, "status") == "active");
    let any = |m: &Value| text(m, "status") == "active";
    let vip = pick(&members, &mut taken, any);
    run(&db, &["member", "update", &vip, "--tier", "platinum", "--tier-until", "2027-12-31"]);
    let lapsed = pick(&members, &mut taken, any);
    run(&db, &["--as-of", "2025-01-02", "member", "update", &lapsed, "--tier", "gold", "--tier-until", "2025-06-30"]);
    run(&db, &["member", "update", &pick(&members, &mut taken, any), "--status", "blocked"]);
    let noted = pick(&members, &mut taken, any);
    run(&db, &["member", "update", &noted, "--notes", "Prefers a high floor, \"quiet\" side\nAllergic to feathers"]);
    run(&db, &["points", "adjust", &noted, "--points", "700", "--reason", "Missing credit", "--external-ref", "crm:1"]);
    run(&db, &["points", "adjust", &rich, "--points", "-300", "--reason", "Duplicate credit corrected"]);
    let balances = dir.join("balances.csv");
    std::fs::write(&balances, format!("member,points,reason,external_ref\n{vip},2500,legacy programme,legacy:1\n"))
        .expect("write");
    run(&db, &["import", "balances", balances.to_str().expect("p")]);
    let bookings = dir.join("bookings.csv");
    std::fs::write(
        &bookings,
        "name,email,arrival,nights,revenue,status,channel,external_ref\n\
         Zoe Park,zoe@example.com,2026-10-01,3,420.00,completed,direct,pms:1\n\
         Zoe Park,zoe@example.com,2026-10-20,1,99.00,cancelled,direct,pms:2\n",
    )
    .expect("write");
    run(&db, &["import", "bookings", bookings.to_str().expect("p")]);
    let logged = run(
        &db,
        &[
            "--json",
            "complaint",
            "log",
            "--member",
            &rich,
            "--category",
            "noise",
            "--severity",
            "high",
            "--description",
            "Party in 512, again",
            "--external-ref",
            "desk:77",
        ],
    );
    let id = id_of(&logged);
    run(&db, &["complaint", "update", &id, "--state", "resolved", "--note", "Moved to 820", "--goodwill", "1000"]);
    let held = run(&db, &["--json", "redeem", &rich, "BREAKFAST", "--external-ref", "pos:1"]);
    run(&db, &["redeem", "fulfil", &id_of(&held)]);
    let cancelled = run(&db, &["--json", "redeem", &rich, "LATE-CO"]);
    run(&db, &["redeem", "cancel", &id_of(&cancelled), "--reason", "Guest left early"]);
    run(&db, &["redeem", &rich, "NIGHT-STD", "--points", "10000", "--external-ref", "pos:2"]);
    db
}

/// What A must contain for the round trip to prove anything.
fn assert_covers(db: &Path) {
    let has = |kind: &str, field: &str, value: &str| jsonl(db, kind).iter().any(|r| text(r, field) == value);
    assert!(has("stays", "status", "reversed") && has("stays", "status", "cancelled"));
    assert!(has("members", "tier_override", "platinum") && has("members", "status", "blocked"));
    assert!(has("members", "tier_override_until", "2025-06-30"), "an override that has ended");
    for state in ["held", "fulfilled", "cancelled"] {
        assert!(has("redemptions", "state", state), "a {state} redemption");
    }
    for state in ["open", "acknowledged", "in_progress", "awaiting_guest", "resolved", "closed", "reopened"] {
        assert!(has("complaints", "state", state), "a complaint {state}");
    }
    let ledger = jsonl(db, "ledger");
    for kind in
        ["earn:", "bonus:", "redeem:", "redeem_cancel:", "adjust:", "goodwill:", "expire:", "reverse:", "opening:"]
    {
        assert!(ledger.iter().any(|p| text(p, "lines").contains(kind)), "a ledger line {kind}");
    }
}

fn export_all(db: &Path, dir: &Path, format: &str) -> Vec<(String, Vec<u8>)> {
    KINDS
        .iter()
        .map(|kind| {
            let file = dir.join(format!("{kind}.{format}"));
            run(db, &["export", kind, "--format", format, "--out", file.to_str().expect("p")]);
            (file.to_str().expect("p").to_string(), std::fs::read(&file).expect("exported"))
        })
        .collect()
}

/// Imports the files in order; returns each summary.
fn import_all(db: &Path, files: &[(String, Vec<u8>)]) -> Vec<Value> {
    KINDS
        .iter()
        .zip(files)
        .map(|(kind, (file, _))| serde_json::from_str(&run(db, &["--json", "import", kind, file])).expect("summary"))
        .collect()
}

fn overview(db: &Path) -> Value {
    serde_json::from_str(&run(db, &["--json", "report", "overview"])).expect("json")
}

#[test]
fn export_then_import_into_an_empty_store_round_trips_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = build_a(dir.path());
    assert_covers(&a);
    run(&a, &["verify"]);
    for format in ["csv", "jsonl"] {
        let out_a = dir.path().join(format!("a-{format}"));
        std::fs::create_dir_all(&out_a).expect("dir");
        let files = export_all(&a, &out_a, format);
        let b = dir.path().join(format!("b-{format}"));
        for (kind, summary) in KINDS.iter().zip(import_all(&b, &files)) {
            assert_eq!(summary["rejected"], 0, "{format} {kind}: {summary}");
            assert_eq!(summary["applied"], summary["read"], "{format} {kind}: {summary}");
        }
        let out_b = dir.path().join(format!("b-{format}-out"));
        std::fs::create_dir_all(&out_b).expect("dir");
        for ((kind, (_, bytes_a)), (_, bytes_b)) in KINDS.iter().zip(&files).zip(export_all(&b, &out_b, format)) {
            assert!(bytes_a == &bytes_b, "{format} {kind} export of B differs from A's");
        }
        run(&b, &["verify"]);
        assert_eq!(overview(&a), overview(&b), "{format}");
        for (kind, summary) in KINDS.iter().zip(import_all(&b, &files)) {
            assert_eq!(summary["duplicates"], summary["read"], "{format} {kind} again: {summary}");
        }
        assert_eq!(overview(&a), overview(&b), "{format}: re-import changed nothing");
    }
}

/// Runs an import expected to reject rows; returns the summary and the reject file.
fn import_rejecting(db: &Path, extra: &[&str], kind: &str, file: &Path, rejects: &Path) -> (Value, String) {
    let args =
        [extra, &["--json", "import", kind, file.to_str().expect("p"), "--rejects", rejects.to_str().expect("p")]]
            .concat();
    let out = cli::frontdesk(db, &args).output().expect("frontdesk runs");
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = serde_json::from_slice(&out.stdout).expect("summary");
    (summary, std::fs::read_to_string(rejects).expect("reject file"))
}

#[test]
fn a_ledger_replays_whole_in_order_by_a_manager_and_an_edited_posting_is_a_conflict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a");
    run(&a, &["demo", "--members", "20", "--seed", "3", "--hotels-only"]);
    let files = export_all(&a, dir.path(), "csv");
    let b = dir.path().join("b");
    run(&b, &["import", "members", &files[0].0]);
    let ledger = String::from_utf8(files[2].1.clone()).expect("utf-8");
    let (path, rejects) = (dir.path().join("ledger-edit.csv"), dir.path().join("rejects.csv"));

    std::fs::write(&path, &ledger).expect("write");
    let (summary, text) = import_rejecting(&b, &["--role", "clerk"], "ledger", &path, &rejects);
    assert_eq!(summary["applied"], 0);
    assert_eq!(summary["rejected"], summary["read"]);
    assert!(text.contains("only a manager"), "{text}");

    // Without a member's first posting, none of that member's postings can be replayed.
    let mut lines: Vec<&str> = ledger.lines().collect();
    let first = lines.remove(1);
    let card = first.split(',').next().expect("card");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write");
    let (summary, text) = import_rejecting(&b, &[], "ledger", &path, &rejects);
    let of_card = lines.iter().filter(|l| l.starts_with(card)).count() as u64;
    assert_eq!(summary["rejected"].as_u64(), Some(of_card), "{text}");
    assert!(text.contains("the next is seq 1"), "{text}");

    // The whole ledger then applies the missing postings; an edited one is a conflict.
    let edited = ledger.replacen(first, &first.replace(",stay ", ",stay 9"), 1);
    assert_ne!(edited, ledger, "the first posting is a stay's");
    std::fs::write(&path, &ledger).expect("write");
    run(&b, &["import", "ledger", path.to_str().expect("p")]);
    std::fs::write(&path, &edited).expect("write");
    let (summary, text) = import_rejecting(&b, &[], "ledger", &path, &rejects);
    assert_eq!((summary["rejected"].as_u64(), summary["applied"].as_u64()), (Some(1), Some(0)), "{text}");
    assert!(text.contains("different content"), "{text}");
}
