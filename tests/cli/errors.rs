//! Bad input to every CLI command: one line on stderr naming the field, exit 2 (usage or
//! malformed) or 3 (data refused), and nothing written.

use rstest::rstest;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use crate::support::cli;

use crate::support::cli::NOW;
/// Card of the first member enrolled in a fresh store (id 1, prefix 62, Luhn digit).
const CARD: &str = "620000000013";

use crate::support::cli::{ok, run as frontdesk};

/// A store with one member holding 1,000 points and one open complaint: built once, then
/// copied for each case (a closed sled directory is plain files).
fn store() -> tempfile::TempDir {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path();
        let added = ok(db, &["--json", "member", "add", "--name", "Ana Silva", "--email", "ana@example.com"]);
        assert!(added.contains(CARD), "first card is {CARD}: {added}");
        ok(db, &["points", "adjust", CARD, "--points", "1000", "--reason", "welcome"]);
        ok(db, &["complaint", "log", "--member", CARD, "--category", "noise", "--description", "loud bar"]);
        dir
    });
    cli::copy_of(template.path())
}

/// What a refused command must leave unchanged.
fn state(db: &Path) -> Vec<String> {
    [
        vec!["--json", "report", "overview"],
        vec!["--json", "member", "show", CARD],
        vec!["--json", "reward", "list"],
        vec!["--json", "complaint", "show", "1"],
    ]
    .iter()
    .map(|args| ok(db, args))
    .collect()
}

#[rstest]
// member add
#[case::member_add_blank_name(&["member", "add", "--name", "  "], 2, "name")]
#[case::member_add_bad_email(&["member", "add", "--name", "Bo", "--email", "bo-at-example"], 2, "email")]
#[case::member_add_bad_phone(&["member", "add", "--name", "Bo", "--phone", "12a45"], 2, "phone")]
#[case::member_add_future_birthday(&["member", "add", "--name", "Bo", "--birthday", "2027-01-01"], 2, "birthday")]
#[case::member_add_bad_card_check_digit(&["member", "add", "--name", "Bo", "--card", "620000000014"], 2, "card")]
#[case::member_add_unknown_property(&["member", "add", "--name", "Bo", "--property", "ZZZ"], 2, "property")]
#[case::member_add_taken_email(&["member", "add", "--name", "Bo", "--email", "ANA@example.com"], 3, "e-mail")]
// member show
#[case::member_show_unknown_card(&["member", "show", "620000000021"], 3, "member")]
#[case::member_show_bad_card_digit(&["member", "show", "620000000014"], 2, "member")]
// stay post
#[case::stay_post_departure_before_arrival(
    &["stay", "post", "--member", CARD, "--arrival", "2026-10-05", "--departure", "2026-10-01", "--revenue", "100"],
    2,
    "departure"
)]
#[case::stay_post_negative_revenue(
    &["stay", "post", "--member", CARD, "--arrival", "2026-10-01", "--nights", "1", "--revenue=-5"], 2, "revenue"
)]
#[case::stay_post_garbage_revenue(
    &["stay", "post", "--member", CARD, "--arrival", "2026-10-01", "--nights", "1", "--revenue", "12,5x"], 2, "revenue"
)]
#[case::stay_post_unknown_channel(
    &["stay", "post", "--member", CARD, "--arrival", "2026-10-01", "--nights", "1", "--revenue", "100", "--channel", "fax"],
    2,
    "channel"
)]
#[case::stay_post_unknown_status(
    &["stay", "post", "--member", CARD, "--arrival", "2026-10-01", "--nights", "1", "--revenue", "100", "--status", "gone"],
    2,
    "status"
)]
#[case::stay_post_unknown_member(
    &["stay", "post", "--member", "620000000021", "--arrival", "2026-10-01", "--nights", "1", "--revenue", "100"],
    3,
    "member"
)]
#[case::stay_post_future_completed_stay(
    &["stay", "post", "--member", CARD, "--arrival", "2026-11-22", "--nights", "3", "--revenue", "100"], 2, "departure"
)]
// stay reverse
#[case::stay_reverse_unknown_stay(&["stay", "reverse", CARD, "7", "--reason", "mistake"], 3, "stay")]
#[case::stay_reverse_blank_reason(&["stay", "reverse", CARD, "1", "--reason", " "], 2, "reason")]
// points adjust
#[case::points_adjust_blank_reason(&["points", "adjust", CARD, "--points", "50", "--reason", " "], 2, "reason")]
#[case::points_adjust_zero(&["points", "adjust", CARD, "--points", "0", "--reason", "x"], 2, "points")]
#[case::points_adjust_debit_beyond_balance(&["points", "adjust", CARD, "--points", "-1001", "--reason", "x"], 3, "points")]
// redeem
#[case::redeem_unknown_reward(&["redeem", CARD, "NOPE"], 3, "reward")]
#[case::redeem_insufficient_balance(&["redeem", CARD, "NIGHT-STD"], 3, "points")]
#[case::redeem_below_min_tier(&["redeem", CARD, "UPGRADE"], 3, "tier")]
#[case::redeem_unknown_redemption(&["redeem", "cancel", "42"], 3, "redemption")]
// complaints
#[case::complaint_log_unknown_category(
    &["complaint", "log", "--member", CARD, "--category", "weather", "--description", "rain"], 2, "category"
)]
#[case::complaint_log_unknown_severity(
    &["complaint", "log", "--member", CARD, "--category", "noise", "--severity", "meh", "--description", "x"],
    2,
    "severity"
)]
#[case::complaint_update_unknown_state(&["complaint", "update", "1", "--state", "done"], 2, "state")]
#[case::complaint_update_csat_out_of_range(&["complaint", "update", "1", "--csat", "9"], 2, "csat")]
#[case::complaint_update_unknown_complaint(&["complaint", "update", "99", "--state", "resolved"], 3, "complaint")]
// rewards
#[case::reward_add_bad_min_tier(
    &["reward", "add", "--code", "SPA-90", "--name", "Spa", "--points", "100", "--min-tier", "diamond"], 2, "min-tier"
)]
fn bad_input_gives_one_line_naming_the_field_and_writes_nothing(
    #[case] args: &[&str],
    #[case] code: i32,
    #[case] field: &str,
) {
    let dir = store();
    let db = dir.path();
    let before = state(db);
    let out = frontdesk(db, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{args:?}: exit code; stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: stderr is not one line:\n{stderr}");
    assert!(stderr.contains(field), "{args:?}: stderr does not name `{field}`: {stderr}");
    assert_eq!(state(db), before, "{args:?} changed the store");
}

/// Cases where the product does not meet the rule yet; each is reported as a bug.
#[rstest]
#[case::member_add_without_name(&["member", "add", "--email", "bo@example.com"], 2, "--name")]
#[case::member_add_impossible_birthday(&["member", "add", "--name", "Bo", "--birthday", "2026-02-31"], 2, "birthday")]
#[case::stay_post_bad_date(
    &["stay", "post", "--member", CARD, "--arrival", "2026-13-01", "--nights", "1", "--revenue", "100"], 2, "arrival"
)]
#[case::stay_post_negative_revenue_as_separate_argument(
    &["stay", "post", "--member", CARD, "--arrival", "2026-10-01", "--nights", "1", "--revenue", "-5"], 2, "revenue"
)]
#[case::points_adjust_without_reason(&["points", "adjust", CARD, "--points", "50"], 2, "--reason")]
#[case::complaint_update_bad_transition(&["complaint", "update", "1", "--state", "closed"], 3, "state")]
fn known_bad_input_cases(#[case] args: &[&str], #[case] code: i32, #[case] field: &str) {
    bad_input_gives_one_line_naming_the_field_and_writes_nothing(args, code, field);
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write config");
    p
}

fn config_check(file: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .arg("--config")
        .arg(file)
        .args(["config", "check"])
        .env_remove("FRONTDESK_CONFIG")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .expect("frontdesk runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Scripts read `config check --json`: each issue's reason is the sentence, not the
/// message's inner structure (it was an object for a while after messages became typed).
#[test]
fn config_check_json_gives_each_reason_as_a_sentence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "site.toml", "[operators]\nmax_failures = -1\n");
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .arg("--config")
        .arg(&file)
        .args(["--json", "config", "check"])
        .env_remove("FRONTDESK_CONFIG")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("frontdesk runs");
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let reason = &json["issues"][0]["reason"];
    assert!(reason.as_str().is_some_and(|r| r.contains("invalid value")), "{json}");
}

#[test]
fn config_check_names_file_key_and_reason_of_an_unknown_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "site.toml", "[earn]\npoints_per_unit = 12\nbonus_rate = 3\n");
    let (code, stderr) = config_check(&file);
    assert_eq!(code, Some(2), "{stderr}");
    let line =
        stderr.lines().find(|l| l.contains("earn.bonus_rate")).unwrap_or_else(|| panic!("no issue line: {stderr}"));
    assert!(line.contains(&file.display().to_string()) && line.contains("unknown key"), "{line}");
}

#[test]
fn config_check_names_file_key_and_reason_of_an_out_of_range_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "site.toml", "[expiry]\nmonths = 0\n");
    let (code, stderr) = config_check(&file);
    assert_eq!(code, Some(2), "{stderr}");
    let line =
        stderr.lines().find(|l| l.contains("expiry.months")).unwrap_or_else(|| panic!("no issue line: {stderr}"));
    assert!(line.contains(&file.display().to_string()), "{line}");
}

#[test]

fn config_check_names_file_and_key_of_a_value_of_the_wrong_type() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "site.toml", "[earn]\npoints_per_unit = \"ten\"\n");
    let (code, stderr) = config_check(&file);
    assert_eq!(code, Some(2), "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("earn.points_per_unit"))
        .unwrap_or_else(|| panic!("no issue line: {stderr}"));
    assert!(line.contains(&file.display().to_string()), "{line}");
}

#[test]

fn config_check_reports_an_unknown_key_and_a_bad_value_together() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "site.toml", "[earn]\nbonus_rate = 3\n\n[expiry]\nmonths = 0\n");
    let (code, stderr) = config_check(&file);
    assert_eq!(code, Some(2), "{stderr}");
    let path = file.display().to_string();
    for key in ["earn.bonus_rate", "expiry.months"] {
        assert!(stderr.lines().any(|l| l.contains(&path) && l.contains(key)), "no issue line for {key} in:\n{stderr}");
    }
}

#[test]
fn commands_refuse_to_run_with_a_bad_override_file_and_write_nothing() {
    let dir = store();
    let db = dir.path();
    let before = state(db);
    let file =
        write(db.parent().unwrap_or(db), &format!("bad-{}.toml", std::process::id()), "[earn]\nbonus_rate = 3\n");
    let out = frontdesk(
        db,
        &["--config", file.to_str().expect("utf-8 path"), "points", "adjust", CARD, "--points", "5", "--reason", "x"],
    );
    let _ = std::fs::remove_file(&file);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("earn.bonus_rate"));
    assert_eq!(state(db), before);
}

/// `frontdesk --db DB ARGS` under a Chinese locale and no site configuration.
fn in_chinese(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("FRONTDESK_NOW", NOW)
        .env_remove("FRONTDESK_CONFIG")
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

#[test]
fn errors_speak_chinese_under_a_chinese_locale() {
    let dir = tempfile::tempdir().unwrap();
    let out = in_chinese(dir.path(), &["member", "add", "--name", "王芳", "--email", "not-an-address"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim(), "错误: email: 必须包含 '@'");
}

/// An import's rejected rows are listed in the operator's language too (the line prefix and
/// the reason were English under a Chinese locale once messages became typed).
#[test]
fn rejected_rows_are_listed_in_chinese_under_a_chinese_locale() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "m.csv", "name,email\nAna,not-an-email\n");
    let out = in_chinese(&dir.path().join("store"), &["import", "members", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第 2 行，列 email：email: 必须包含 '@'"), "{err}");
}

#[test]
fn config_check_reports_misspelled_keys_actions_and_colours_of_the_ui() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "[ui.keys]\nquit = [\"ctrl-\"]\nfrobnicate = [\"z\"]\n\n[ui.theme]\naccent = \"blurple\"\n";
    let file = write(dir.path(), "site.toml", text);
    let (code, stderr) = config_check(&file);
    assert_eq!(code, Some(2), "{stderr}");
    let path = file.display().to_string();
    for (key, reason) in [
        ("ui.keys.quit", "not a key name"),
        ("ui.keys.frobnicate", "unknown action"),
        ("ui.theme.accent", "not a colour"),
    ] {
        let line = stderr.lines().find(|l| l.contains(key)).unwrap_or_else(|| panic!("no line for {key}: {stderr}"));
        assert!(line.contains(&path) && line.contains(reason), "{line}");
    }
}
