//! `frontdesk import` and the encodings of real files: GBK that happens to be valid
//! UTF-8, a stray byte, a file cut inside a character, a file nobody can tell, the site's
//! `[import] encoding`, and the encoding named in every summary.

use crate::support::cli;

use crate::support::cli::{ok, run};
use encoding_rs::{BIG5, GBK};
use std::path::Path;

fn gbk(text: &str) -> Vec<u8> {
    GBK.encode(text).0.into_owned()
}

fn members(db: &Path) -> u64 {
    let v: serde_json::Value = serde_json::from_str(&ok(db, &["--json", "report", "overview"])).expect("json");
    v["members"].as_u64().expect("count")
}

fn names(db: &Path, query: &str) -> String {
    ok(db, &["member", "find", query])
}

#[test]
fn gbk_bytes_that_are_valid_utf8_are_read_as_gbk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file) = (dir.path().join("db"), dir.path().join("guests.csv"));
    let bytes = gbk("name,phone\n谢伟,13800138000\n郑强,13900139000\n叶平,13700137000\n");
    assert!(std::str::from_utf8(&bytes).is_ok(), "the trap: these bytes are valid UTF-8 too");
    std::fs::write(&file, bytes).expect("write");
    let out = ok(&db, &["import", "members", file.to_str().expect("path")]);
    assert!(out.contains("read as gb18030 (detected)"), "{out}");
    for name in ["谢伟", "郑强", "叶平"] {
        assert!(names(&db, name).contains(name), "{name} is stored as written");
    }
    let json = ok(&dir.path().join("db2"), &["--json", "import", "members", file.to_str().expect("path")]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!((v["encoding"].as_str(), v["encoding_from"].as_str()), (Some("gb18030"), Some("detected")), "{v}");
}

#[test]
fn a_stray_byte_rejects_its_row_and_leaves_the_rest_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file) = (dir.path().join("db"), dir.path().join("guests.csv"));
    let mut bytes = gbk("name,notes\n张伟,客人要求高楼层\n李娜,需要");
    bytes.push(0xFF);
    bytes.extend(gbk("婴儿床\n王芳,素食者\n"));
    std::fs::write(&file, bytes).expect("write");
    let out = run(&db, &["import", "members", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(3), "one row rejected: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("not valid gb18030 text"), "{stderr}");
    assert!(names(&db, "张伟").contains("张伟"), "not ХЕО°");
    assert!(names(&db, "王芳").contains("王芳"));
    assert_eq!(members(&db), 2);
}

#[test]
fn a_gbk_file_cut_inside_a_character_keeps_its_chinese_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file, mapping) = (dir.path().join("db"), dir.path().join("guests.csv"), dir.path().join("map.toml"));
    std::fs::write(
        &mapping,
        "kind = \"members\"\n[fields.name]\ncolumn = \"姓名\"\n[fields.phone]\ncolumn = \"电话\"\n",
    )
    .expect("write");
    let bytes = gbk("姓名,电话\n张伟,13800138000\n王芳,13900139000\n李");
    std::fs::write(&file, &bytes[..bytes.len() - 1]).expect("write");
    let out =
        run(&db, &["import", "members", file.to_str().expect("path"), "--mapping", mapping.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "the cut row is rejected, not the header: {stderr}");
    assert!(stderr.contains("line 4"), "{stderr}");
    assert!(names(&db, "王芳").contains("王芳"));
    assert_eq!(members(&db), 2);
}

#[test]
fn a_file_nobody_can_tell_is_refused_with_the_candidates_and_applies_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file) = (dir.path().join("db"), dir.path().join("one.csv"));
    // One name, two characters: as GBK 陈明, as Big5 two common traditional characters.
    let bytes = gbk("name\n陈明\n");
    assert!(BIG5.decode_without_bom_handling_and_without_replacement(&bytes).is_some());
    std::fs::write(&file, &bytes).expect("write");
    let out = run(&db, &["import", "members", file.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot tell the file's encoding"), "{stderr}");
    assert!(stderr.contains("gb18030 «陈明»") && stderr.contains("Big5 «"), "{stderr}");
    assert!(stderr.contains("--encoding") && stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(members(&db), 0);
    let out = ok(&db, &["import", "members", file.to_str().expect("path"), "--encoding", "gbk"]);
    assert!(out.contains("read as GBK (--encoding)"), "{out}");
    assert!(names(&db, "陈明").contains("陈明"));
}

#[test]
fn the_site_encoding_applies_to_files_without_encoding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file, config) = (dir.path().join("db"), dir.path().join("one.csv"), dir.path().join("site.toml"));
    std::fs::write(&config, "[import]\nencoding = \"big5\"\n").expect("write");
    std::fs::write(&file, BIG5.encode("name\n陳明\n").0).expect("write");
    let c = config.to_str().expect("path");
    let out = ok(&db, &["--config", c, "import", "members", file.to_str().expect("path")]);
    assert!(out.contains("read as Big5 ([import] encoding)"), "{out}");
    assert!(names(&db, "陳明").contains("陳明"));
    std::fs::write(&config, "[import]\nencoding = \"klingon\"\n").expect("write");
    let bad = run(&db, &["--config", c, "config", "check"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("import.encoding"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn chinese_operators_read_the_refusal_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (db, file) = (dir.path().join("db"), dir.path().join("one.csv"));
    std::fs::write(&file, gbk("name\n陈明\n")).expect("write");
    let out = cli::frontdesk(&db, &["import", "members", file.to_str().expect("path")])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("无法判断文件的编码") && stderr.contains("--encoding"), "{stderr}");
}
