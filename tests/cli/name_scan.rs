//! `member find NAME` without a server reads every member (there are no durable name keys:
//! DESIGN §4 keeps name search in memory). On a store large enough for that to be felt it
//! says so on standard error, and that `frontdesk serve` answers names from its index.

use crate::support::cli::{frontdesk, ok, run};

#[test]
fn a_name_search_on_a_large_local_store_points_at_serve() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let file = dir.path().join("members.csv");
    let rows: String = (0..20_000).map(|i| format!("Guest {i},g{i}@example.com\n")).collect();
    std::fs::write(&file, format!("name,email\n{rows}")).unwrap();
    ok(&db, &["import", "members", file.to_str().unwrap()]);
    let by_name = run(&db, &["member", "find", "Guest 19999"]);
    let said = String::from_utf8_lossy(&by_name.stderr);
    assert!(by_name.status.success(), "{said}");
    assert!(String::from_utf8_lossy(&by_name.stdout).contains("Guest 19999"));
    assert!(said.contains("note: finding a name read every one of the 20,000 members"), "{said}");
    assert!(said.contains("frontdesk serve"), "{said}");
    // Keys answer e-mails and cards at once: nothing to say.
    let by_email = run(&db, &["member", "find", "g5@example.com"]);
    assert!(by_email.stderr.is_empty(), "{}", String::from_utf8_lossy(&by_email.stderr));
    let zh = frontdesk(&db, &["member", "find", "Guest 7"]).env("LANG", "zh_CN.UTF-8").output().unwrap();
    let said = String::from_utf8_lossy(&zh.stderr);
    assert!(said.contains("提示: 按姓名查找逐一读取了全部 20,000 位会员"), "{said}");
}

#[test]
fn a_name_search_on_a_small_store_says_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    ok(&db, &["member", "add", "--name", "Ana Silva"]);
    let out = run(&db, &["member", "find", "silva"]);
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
