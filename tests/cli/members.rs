//! The CLI's lists line up by display width: a Chinese name takes two columns a
//! character, so the columns after it start where they start after a Latin name.

use crate::support::cli::ok;

#[test]
fn member_find_lines_up_chinese_and_latin_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store");
    ok(&db, &["member", "add", "--name", "张三", "--phone", "+86 138 0013 5678"]);
    ok(&db, &["member", "add", "--name", "Ingrid Halvorsen", "--phone", "+47 912 35 678"]);
    ok(&db, &["member", "add", "--name", "王小明先生的一个非常长的名字还有更多的字", "--phone", "+86 139 0000 5678"]);
    let out = ok(&db, &["member", "find", "5678"]);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(" pts")).collect();
    assert_eq!(lines.len(), 3, "{out}");
    let column_of =
        |line: &str, needle: &str| line.find(needle).map(|at| unicode_width::UnicodeWidthStr::width(&line[..at]));
    let tiers: Vec<Option<usize>> = lines.iter().map(|l| column_of(l, "member")).collect();
    assert!(tiers.iter().all(|t| t.is_some() && *t == tiers[0]), "the tier column lines up:\n{out}");
    assert!(lines[2].contains('…') || lines.iter().any(|l| l.contains('…')), "a long name is cut, not pushed:\n{out}");
}

/// `member find` finds Chinese names by their pinyin initials, the surname read as one
/// (单田芳 by `stf`), and by the common reading too.
#[test]
fn member_find_takes_pinyin_initials() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store");
    ok(&db, &["member", "add", "--name", "单田芳"]);
    ok(&db, &["member", "add", "--name", "曾小凡"]);
    ok(&db, &["member", "add", "--name", "Stefan Frei"]);
    for (q, name) in [("stf", "单田芳"), ("dtf", "单田芳"), ("zxf", "曾小凡")] {
        let out = ok(&db, &["member", "find", q]);
        assert!(out.contains(name), "{q}: {out}");
        assert_eq!(out.lines().count(), 1, "{q}: {out}");
    }
}
