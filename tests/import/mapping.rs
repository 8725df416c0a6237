//! Mapping keys met importing real files: a delimiter (European `;`, PMS tabs, columns
//! aligned with blanks), the `{row}` template for files without an id, the source
//! system's profile id, a file in another currency, and the warning for rows that name
//! their guest by nothing.

use crate::support::cli::{ok, run};
use std::path::PathBuf;

struct Site {
    _dir: tempfile::TempDir,
    db: PathBuf,
    root: PathBuf,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        Site { db: dir.path().join("db"), root: dir.path().to_path_buf(), _dir: dir }
    }

    fn file(&self, name: &str, text: &str) -> String {
        let p = self.root.join(name);
        std::fs::write(&p, text).expect("write");
        p.to_str().expect("path").to_string()
    }

    fn import(&self, kind: &str, file: &str, mapping: &str, extra: &[&str]) -> serde_json::Value {
        let args = [&["--json", "import", kind, file, "--mapping", mapping][..], extra].concat();
        serde_json::from_str(&ok(&self.db, &args)).expect("json summary")
    }

    fn overview(&self) -> serde_json::Value {
        serde_json::from_str(&ok(&self.db, &["--json", "report", "overview"])).expect("json")
    }
}

fn counts(v: &serde_json::Value) -> (u64, u64, u64) {
    let n = |k: &str| v[k].as_u64().unwrap_or(u64::MAX);
    (n("applied"), n("duplicates"), n("rejected"))
}

const BOOKING_FIELDS: &str = "[fields.name]\ncolumn = \"Guest\"\n[fields.email]\ncolumn = \"Mail\"\n[fields.arrival]\ncolumn = \"Arrival\"\n[fields.nights]\ncolumn = \"Nights\"\n[fields.revenue]\ncolumn = \"Amount\"\n[fields.status]\nvalue = \"completed\"\n[fields.external_ref]\ntemplate = \"pms:{Ref}\"\n";

#[test]
fn delimiters_of_european_excel_pms_exports_and_aligned_columns() {
    let s = Site::new();
    let mapping = |extra: &str| {
        s.file(&format!("m{}.toml", extra.len()), &format!("kind = \"bookings\"\n{extra}{BOOKING_FIELDS}"))
    };
    let semi =
        s.file("semi.csv", "Ref;Guest;Mail;Arrival;Nights;Amount\n1;Ana Silva;ana@example.com;2024-03-01;2;300.00\n");
    assert_eq!(counts(&s.import("bookings", &semi, &mapping("delimiter = \";\"\n"), &[])), (1, 0, 0));
    let tabs = s.file(
        "tabs.txt",
        "Ref\tGuest\tMail\tArrival\tNights\tAmount\n2\tBo Chen\tbo@example.com\t2024-03-02\t1\t99.00\n",
    );
    assert_eq!(counts(&s.import("bookings", &tabs, &mapping("delimiter = \"\\\\t\"\n"), &[])), (1, 0, 0));
    let aligned = s.file(
        "aligned.txt",
        "Ref  Guest            Mail              Arrival      Nights  Amount\n  3  \"Cy de Souza\"    cy@example.com    2024-03-03   1       50.00  \n",
    );
    let v = s.import("bookings", &aligned, &mapping("delimiter = \"whitespace\"\n"), &[]);
    assert_eq!(counts(&v), (1, 0, 0), "{v}");
    assert!(ok(&s.db, &["member", "find", "Cy de Souza"]).contains("Cy de Souza"));
    // The option wins over the mapping, and a bad delimiter is refused by name.
    let semi_again =
        s.file("semi2.csv", "Ref|Guest|Mail|Arrival|Nights|Amount\n4|Di|di@example.com|2024-03-04|1|10.00\n");
    let v = s.import("bookings", &semi_again, &mapping("delimiter = \";\"\n"), &["--delimiter", "|"]);
    assert_eq!(counts(&v), (1, 0, 0));
    let bad = run(&s.db, &["import", "bookings", &semi, "--mapping", &mapping("delimiter = \"ab\"\n")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("delimiter"), "{}", String::from_utf8_lossy(&bad.stderr));
}

/// Two real repeat purchases (same customer, same day) are two stays when the reference
/// is the row number, and a re-run of the same file changes nothing.
#[test]
fn the_row_template_makes_references_for_files_without_an_id() {
    let s = Site::new();
    let m = s.file(
        "m.toml",
        "kind = \"bookings\"\n[fields.name]\ncolumn = \"Customer\"\n[fields.email]\ncolumn = \"Mail\"\n[fields.arrival]\ncolumn = \"Date\"\n[fields.nights]\nvalue = \"1\"\n[fields.revenue]\ncolumn = \"Amount\"\n[fields.status]\nvalue = \"completed\"\n[fields.external_ref]\ntemplate = \"sales-2024-03:{row}\"\n",
    );
    let f = s.file(
        "sales.csv",
        "Customer,Mail,Date,Amount\nAna,ana@example.com,2024-03-01,10.00\nAna,ana@example.com,2024-03-01,10.00\nBo,bo@example.com,2024-03-01,5.00\n",
    );
    assert_eq!(counts(&s.import("bookings", &f, &m, &[])), (3, 0, 0));
    assert_eq!(counts(&s.import("bookings", &f, &m, &[])), (0, 3, 0));
    assert_eq!(s.overview()["stays"].as_u64(), Some(3));
}

/// Rows without e-mail or phone name their guest by the source system's customer id: 3
/// rows of 2 customers make 2 members, again and again, and `verify` knows the references.
#[test]
fn a_source_profile_id_matches_the_same_members_every_time() {
    let s = Site::new();
    let m = s.file(
        "m.toml",
        "kind = \"bookings\"\n[fields.name]\ncolumn = \"Name\"\n[fields.profile]\ntemplate = \"pos:{CustomerID}\"\n[fields.arrival]\ncolumn = \"Date\"\n[fields.nights]\nvalue = \"1\"\n[fields.revenue]\ncolumn = \"Amount\"\n[fields.status]\nvalue = \"completed\"\n[fields.external_ref]\ntemplate = \"pos:{Invoice}\"\n",
    );
    let f = s.file(
        "sales.csv",
        "Invoice,CustomerID,Name,Date,Amount\n536365,17850,Ana Silva,2024-03-01,10.00\n536366,17850,Ana Silva,2024-03-02,12.00\n536367,13047,Bo Chen,2024-03-02,5.00\n",
    );
    let v = s.import("bookings", &f, &m, &[]);
    assert_eq!((counts(&v), v["members_without_key"].as_u64()), ((3, 0, 0), Some(0)), "{v}");
    assert_eq!(s.overview()["members"].as_u64(), Some(2));
    let more = s.file("more.csv", "Invoice,CustomerID,Name,Date,Amount\n536400,17850,Ana Silva,2024-03-09,8.00\n");
    assert_eq!(counts(&s.import("bookings", &more, &m, &[])), (1, 0, 0));
    assert_eq!(counts(&s.import("bookings", &f, &m, &[])), (0, 3, 0));
    assert_eq!(s.overview()["members"].as_u64(), Some(2), "the profile id found Ana again");
    let members = serde_json::from_str::<serde_json::Value>(&ok(&s.db, &["--json", "member", "find", "Ana Silva"]))
        .expect("json");
    assert_eq!(members.as_array().map(Vec::len), Some(1), "{members}");
    let verify = run(&s.db, &["verify"]);
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stdout));
}

/// The retail log's trap: rows with neither e-mail, phone nor profile id make a member
/// each; the summary says how many, in text and JSON.
#[test]
fn rows_that_name_their_guest_by_nothing_are_counted_in_a_warning() {
    let s = Site::new();
    let m = s.file(
        "m.toml",
        "kind = \"bookings\"\n[fields.name]\ncolumn = \"Name\"\n[fields.arrival]\ncolumn = \"Date\"\n[fields.nights]\nvalue = \"1\"\n[fields.revenue]\ncolumn = \"Amount\"\n[fields.status]\nvalue = \"completed\"\n[fields.external_ref]\ntemplate = \"pos:{Invoice}\"\n",
    );
    let f = s.file("sales.csv", "Invoice,Name,Date,Amount\n1,Ana,2024-03-01,10.00\n2,Ana,2024-03-02,12.00\n");
    let v = s.import("bookings", &f, &m, &[]);
    assert_eq!(v["members_without_key"].as_u64(), Some(2), "{v}");
    let text = ok(
        &s.db,
        &[
            "import",
            "bookings",
            &s.file("again.csv", "Invoice,Name,Date,Amount\n3,Ana,2024-03-05,1.00\n"),
            "--mapping",
            &m,
        ],
    );
    assert!(text.contains("warning: 1 row named its guest by no e-mail, phone, card or profile id"), "{text}");
}

/// A file in pounds is converted at the mapping's rate into the store's euros.
#[test]
fn a_file_in_another_currency_is_converted_at_its_rate() {
    let s = Site::new();
    let with = |extra: &str| {
        s.file(&format!("m{}.toml", extra.len()), &format!("kind = \"bookings\"\n{extra}{BOOKING_FIELDS}"))
    };
    let f = s.file("uk.csv", "Ref,Guest,Mail,Arrival,Nights,Amount\n9,Ed,ed@example.com,2024-03-01,2,100.00\n");
    let v = s.import("bookings", &f, &with("currency = \"GBP\"\nrate = \"1.1650\"\n"), &[]);
    assert_eq!((counts(&v), v["converted"].as_str()), ((1, 0, 0), Some("GBP at 1.1650")), "{v}");
    let stays = ok(&s.db, &["export", "stays", "--format", "jsonl"]);
    let v: serde_json::Value = serde_json::from_str(stays.lines().next().expect("a stay")).expect("json");
    assert_eq!(v["revenue"].as_str(), Some("116.50"), "{v}");
    let missing = run(&s.db, &["import", "bookings", &f, "--mapping", &with("currency = \"GBP\"\n")]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("GBP") && err.contains("EUR") && err.contains("rate"), "{err}");
}

/// Files as Excel saves them without any option: "Unicode Text" (UTF-16 with a
/// byte-order mark, tab-separated) and a European "CSV" (`;`).
#[test]
fn excel_unicode_text_and_semicolon_csv_import_as_saved() {
    let s = Site::new();
    let mapping =
        s.file("m.toml", "kind = \"members\"\n[fields.name]\ncolumn = \"姓名\"\n[fields.phone]\ncolumn = \"电话\"\n");
    let text: Vec<u8> = "\u{FEFF}姓名\t电话\r\n张伟\t13800138000\r\n陳大文\t+852 9123 4567\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let unicode = s.root.join("unicode.txt");
    std::fs::write(&unicode, text).expect("write");
    let v = s.import("members", unicode.to_str().expect("path"), &mapping, &["--format", "csv"]);
    assert_eq!(counts(&v), (2, 0, 0), "{v}");
    assert_eq!((v["encoding"].as_str(), v["delimiter"].as_str()), (Some("UTF-16LE"), Some("\\t")), "{v}");
    assert!(ok(&s.db, &["member", "find", "陳大文"]).contains("陳大文"));
    let semi = s.file("excel.csv", "name;email\r\nJosé García;jose@example.com\r\n");
    let out = ok(&s.db, &["import", "members", &semi]);
    assert!(out.contains("applied 1") && out.contains("fields separated by ;"), "{out}");
}
