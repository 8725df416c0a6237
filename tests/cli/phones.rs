//! One phone, every way it is typed, from the command line: stored in E.164 by an import
//! and `member add` alike, found by `member find` in any form, refused with what to type
//! when it is no number (the tables of forms per country are in `domain::phone`).

use crate::support::cli;

use crate::support::cli::{ok, run};
use std::path::Path;

/// The names `member find QUERY` lists.
fn found(db: &Path, query: &str) -> Vec<String> {
    let out = ok(db, &["--json", "member", "find", query]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

/// The defect as filed: a national number imported for the Shanghai hotel was stored as
/// typed, and the same number typed with its country code missed it.
#[test]
fn a_national_number_imported_in_china_is_found_by_its_international_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("guests.csv");
    std::fs::write(&file, "name,phone,property\nWang Wei,138 0013 8000,SHA\nAna Silva,912 345 678,LIS\n").unwrap();
    ok(&db, &["import", "members", file.to_str().unwrap()]);
    assert_eq!(found(&db, "+8613800138000"), ["Wang Wei"], "member find +8613800138000");
    let shown = ok(&db, &["--json", "member", "show", "620000000013"]);
    assert!(shown.contains("\"+8613800138000\""), "stored in E.164: {shown}");
    for query in ["+8613800138000", "+86 138 0013 8000", "0086 138 0013 8000", "138 0013 8000", "8000"] {
        assert_eq!(found(&db, query), ["Wang Wei"], "member find {query}");
    }
    // A later row with the same number typed another way is the same guest.
    std::fs::write(&file, "name,phone\nWang Wei,+86 138-0013-8000\n").unwrap();
    ok(&db, &["import", "members", file.to_str().unwrap()]);
    assert_eq!(found(&db, "13800138000"), ["Wang Wei"], "matched, not enrolled twice");
}

#[test]
fn a_number_that_is_none_is_refused_naming_the_field_and_what_to_type() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = run(&db, &["member", "add", "--name", "Wang Wei", "--phone", "138 0013 8000"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("phone: `138 0013 8000` is not a valid phone number in PT; check the digits, or type it with its country code, such as +351 912 345 678"),
        "{err}"
    );
    ok(&db, &["member", "add", "--name", "Wang Wei", "--phone", "+86 138 0013 8000"]);
    // In Chinese, through the catalogue, with the number and the example kept.
    let out = cli::frontdesk(&db, &["member", "add", "--name", "王伟", "--phone", "138 0013 8000"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "phone: `138 0013 8000` 不是 PT 的有效电话号码；请检查号码，或连同国家代码输入，例如 +351 912 345 678"
        ),
        "{err}"
    );
}

/// `frontdesk ARGS…` under the site configuration `site`, which must succeed.
fn ok_at(db: &Path, site: &Path, args: &[&str]) -> String {
    let out = cli::frontdesk(db, args).env("FRONTDESK_CONFIG", site).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn config_check_names_a_bad_country_and_a_property_without_one_takes_the_stores() {
    let dir = tempfile::tempdir().unwrap();
    let (db, site) = (dir.path().join("db"), dir.path().join("site.toml"));
    let properties = "[[properties]]\ncode = \"SHA\"\nname = \"Harbour\"\ncountry = \"HK\"\n\n[[properties]]\ncode = \"LON\"\nname = \"London\"\n";
    let store = |country: &str| format!("[store]\ncountry = \"{country}\"\ndefault_property = \"LON\"\n\n{properties}");
    std::fs::write(&site, store("UK")).unwrap();
    let out = cli::frontdesk(&db, &["config", "check"]).env("FRONTDESK_CONFIG", &site).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().find(|l| l.contains("store.country")).unwrap_or_else(|| panic!("no issue line: {err}"));
    assert!(line.contains("`UK` is not an ISO 3166 country code with phone numbering, such as PT, CN or GB"), "{line}");
    // Fixed: London (no country of its own) dials as Britain, Hong Kong as itself.
    std::fs::write(&site, store("GB")).unwrap();
    ok_at(&db, &site, &["member", "add", "--name", "Ann Lee", "--phone", "07911 123456"]);
    ok_at(&db, &site, &["member", "add", "--name", "Chan Tai Man", "--phone", "9123 4567", "--property", "SHA"]);
    assert!(ok_at(&db, &site, &["--json", "member", "show", "620000000013"]).contains("\"+447911123456\""));
    assert!(ok_at(&db, &site, &["--json", "member", "show", "620000000021"]).contains("\"+85291234567\""));
}

/// A PMS file's phone that is no valid number costs its row nothing: the booking and the
/// member land with the phone as written, the summary counts and names it; the mapping's
/// `phone_country` reads the file's national numbers as that country's.
#[test]
fn an_imported_phone_that_is_no_number_is_kept_as_written_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (file, mapping) = (dir.path().join("guests.csv"), dir.path().join("map.toml"));
    std::fs::write(&file, "name,phone\nAnn Lee,669-792-1661\nBo Chen,190-271-6743\nCy Dee,n/a\n").unwrap();
    let out = run(&db, &["--json", "import", "members", file.to_str().unwrap()]);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((summary["applied"].as_u64(), summary["rejected"].as_u64()), (Some(2), Some(1)), "{summary}");
    assert_eq!(summary["phones_as_written"].as_u64(), Some(2), "no Portuguese numbers: {summary}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 4, column phone: phone: may contain only digits"), "{err}");
    assert_eq!(found(&db, "6697921661"), ["Ann Lee"], "found by the digits as written");
    // The same file with its country: North American numbers, one still no number.
    let db = dir.path().join("db2");
    std::fs::write(
        &mapping,
        "phone_country = \"US\"\n[fields.name]\ncolumn = \"name\"\n[fields.phone]\ncolumn = \"phone\"\n",
    )
    .unwrap();
    let out = run(&db, &["import", "members", file.to_str().unwrap(), "--mapping", mapping.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("; warning: 1 phone is no valid number of its country and was kept as written (correct it at the desk, or give the mapping the file's phone_country)"),
        "{said}"
    );
    assert_eq!(found(&db, "+1 669 792 1661"), ["Ann Lee"]);
    assert_eq!(found(&db, "1902716743"), ["Bo Chen"]);
}
