//! Malformed input, class by class: each bad row is rejected naming its line, column and
//! reason; whole-file problems stop before anything is applied, naming the header and the
//! column; nothing panics; nothing is half-applied; read = applied + duplicates + rejected.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_exchange::import::{
    self, EncodingChoice, Format, ImportError, Input, Kind, Mapping, Options, Reject, Summary,
};
use frontdesk_store::ops::{Ctx, query};
use frontdesk_store::store::Store;
use rstest::rstest;

const HEADER: &str = "name,email,phone,property,arrival,nights,revenue,channel,status,external_ref\n";
const ROW: &str = "Ana Silva,ana@example.com,+351 912 345 678,LIS,2024-03-01,2,300.00,direct,completed,r1\n";

struct Run {
    result: Result<Summary, ImportError>,
    rejects: Vec<Reject>,
    members: u64,
    stays: u64,
    _dir: tempfile::TempDir,
}

fn run_with(kind: Kind, bytes: &[u8], tweak: impl FnOnce(&mut Options)) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db"), "test").expect("store opens");
    let config = Config::builtin().expect("config");
    let ctx = Ctx {
        config: &config,
        actor: Actor { name: "test".into(), role: Role::Admin },
        now: 1_700_000_000_000,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    };
    let mut opts = Options::new(kind);
    tweak(&mut opts);
    let mut rejects = Vec::new();
    let result = import::run(&store, &ctx, &Input::Bytes(bytes.into()), &opts, &mut |r| rejects.push(r.clone()));
    if let Ok(s) = &result {
        assert_eq!(s.read, s.applied + s.duplicates + s.rejected, "identity: {s:?}");
        assert_eq!(s.bad, rejects.len() as u64, "every bad row is reported: {s:?}");
    }
    for r in &rejects {
        assert!(r.line >= 1 && !r.column.is_empty() && !r.reason.to_string().is_empty(), "{r:?}");
    }
    let o = query::overview(&store).expect("overview");
    Run { result, rejects, members: o.members, stays: o.stays, _dir: dir }
}

fn run(bytes: &[u8]) -> Run {
    run_with(Kind::Bookings, bytes, |_| {})
}

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push_str(r);
    }
    s.into_bytes()
}

/// One valid row, then a row with `bad` in place of `good`: the bad one is rejected.
fn one_bad(good: &str, bad: &str) -> Vec<u8> {
    let second = ROW.replace("ana@example.com", "bo@example.com").replace(",r1", ",r2").replacen(good, bad, 1);
    csv(&[ROW, &second])
}

#[rstest]
#[case::ragged_short(csv(&[ROW, "Bo,bo@example.com,,LIS,2024-03-01\n"]), 3, "nights", "fields")]
#[case::ragged_long(csv(&[ROW, "Bo,bo@example.com,,LIS,2024-03-01,2,1.00,direct,completed,r2,extra\n"]), 3, "#11", "fields")]
#[case::unterminated_quote(csv(&[ROW, "\"Bo,bo@example.com,,LIS,2024-03-01,2,1.00,direct,completed,r2\n"]), 3, "-", "never closed")]
#[case::missing_required_name(one_bad("Ana Silva", ""), 3, "name", "required")]
#[case::missing_external_ref(one_bad(",r2", ","), 3, "external_ref", "required")]
#[case::february_31(one_bad("2024-03-01", "2023-02-31"), 3, "arrival", "not a calendar date")]
#[case::date_in_wrong_format(one_bad("2024-03-01", "01/03/2024"), 3, "arrival", "YYYY-MM-DD")]
#[case::negative_revenue(one_bad("300.00", "-5.00"), 3, "revenue", "not an amount")]
#[case::huge_revenue(one_bad("300.00", "99999999999999999"), 3, "revenue", "")]
#[case::revenue_too_many_decimals(one_bad("300.00", "300.001"), 3, "revenue", "decimals")]
#[case::revenue_not_a_number(one_bad("300.00", "lots"), 3, "revenue", "not an amount")]
#[case::huge_nights(one_bad(",2,", ",100000,"), 3, "nights", "between 0 and 365")]
#[case::negative_nights(one_bad(",2,", ",-1,"), 3, "nights", "whole number")]
#[case::unknown_status(one_bad("completed", "checked_in"), 3, "status", "not a status")]
#[case::unknown_channel(one_bad("direct", "pigeon"), 3, "channel", "unknown channel")]
#[case::unknown_property(one_bad("LIS", "XXX"), 3, "property", "unknown property")]
#[case::bad_email(one_bad("bo@example.com", "bo-at-example"), 3, "email", "@")]
#[case::bad_phone(one_bad("+351 912 345 678", "12a45"), 3, "phone", "digits")]
#[case::stay_in_the_future(one_bad("2024-03-01", "2099-01-01"), 3, "departure", "after the business date")]
#[case::control_character(one_bad("Ana Silva", "Bo\u{7}Silva"), 3, "name", "control character")]
#[case::nul_byte(one_bad("Ana Silva", "Bo\u{0}Silva"), 3, "name", "U+0000")]
#[case::very_long_field(one_bad("Ana Silva", &"x".repeat(20_000)), 3, "name", "bytes long")]
#[case::same_ref_different_payload(csv(&[ROW, &ROW.replace("300.00", "400.00")]), 3, "external_ref", "different")]
#[case::same_ref_other_guest(csv(&[ROW, &ROW.replace("ana@", "zoe@")]), 3, "external_ref", "another guest")]
fn bad_rows_are_rejected_with_line_column_and_reason(
    #[case] bytes: Vec<u8>,
    #[case] line: u64,
    #[case] column: &str,
    #[case] reason: &str,
) {
    let r = run(&bytes);
    let s = r.result.as_ref().expect("the import runs");
    assert_eq!(s.rejected, 1, "{s:?} {:?}", r.rejects);
    let rej = &r.rejects[0];
    assert_eq!((rej.line, rej.column.as_str()), (line, column), "{rej:?}");
    assert!(rej.reason.to_string().contains(reason), "{rej:?}");
    assert!(!rej.record.is_empty());
    assert_eq!((r.members, r.stays), (1, 1), "only the good row applied, nothing of the bad one");
}

#[test]
fn bytes_that_are_not_utf8_are_rejected_when_utf8_is_given() {
    let mut bytes = csv(&[ROW]);
    bytes.extend_from_slice(b"Bo \xff\xfe,bo@example.com,,LIS,2024-03-01,2,1.00,direct,completed,r2\n");
    let r = run_with(Kind::Bookings, &bytes, |o| o.encoding = Some(EncodingChoice::Fixed(encoding_rs::UTF_8)));
    assert_eq!(r.rejects.len(), 1);
    assert_eq!((r.rejects[0].line, r.rejects[0].column.as_str()), (3, "name"));
    assert!(r.rejects[0].reason.to_string().contains("UTF-8"), "{:?}", r.rejects);
}

#[test]
fn a_row_that_fails_in_ops_leaves_no_member_behind() {
    let r = run(&csv(&[&ROW.replace("2024-03-01", "2099-01-01")]));
    assert_eq!(r.rejects.len(), 1);
    assert_eq!((r.members, r.stays), (0, 0), "the guest of a rejected booking is not enrolled");
}

#[rstest]
#[case::gbk(EncodingChoice::Fixed(encoding_rs::GBK), encoding_rs::GBK)]
#[case::gb18030(EncodingChoice::Fixed(encoding_rs::GB18030), encoding_rs::GB18030)]
#[case::gbk_detected(EncodingChoice::Auto, encoding_rs::GBK)]
#[case::gb18030_detected(EncodingChoice::Auto, encoding_rs::GB18030)]
fn chinese_legacy_encodings_are_read(#[case] choice: EncodingChoice, #[case] enc: &'static encoding_rs::Encoding) {
    let text = format!("{HEADER}{}", ROW.replace("Ana Silva", "王芳 (上海客户) 张伟"));
    let (bytes, _, bad) = enc.encode(&text);
    assert!(!bad);
    let r = run_with(Kind::Bookings, &bytes, |o| o.encoding = Some(choice));
    assert_eq!(r.result.as_ref().map(|s| s.applied).ok(), Some(1), "{:?}", r.rejects);
}

#[test]
fn invalid_gb18030_sequences_are_rejected() {
    let mut bytes = csv(&[ROW]);
    bytes.extend_from_slice(b"\x81\x30\xff,bo@example.com,,LIS,2024-03-01,2,1.00,direct,completed,r2\n");
    let r = run_with(Kind::Bookings, &bytes, |o| o.encoding = Some(EncodingChoice::Fixed(encoding_rs::GB18030)));
    assert_eq!(r.rejects.len(), 1, "{:?}", r.rejects);
    assert_eq!((r.rejects[0].line, r.rejects[0].column.as_str()), (3, "name"));
}

#[test]
fn a_utf8_bom_is_skipped() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(csv(&[ROW]));
    let r = run(&bytes);
    assert_eq!(r.result.as_ref().map(|s| s.applied).ok(), Some(1));
}

#[test]
fn mixed_line_endings_and_blank_lines_are_read_with_true_line_numbers() {
    let rows = ROW.trim_end();
    let text = format!(
        "{}\r\n{rows}\r\n\n{}\n{}\r\n",
        HEADER.trim_end(),
        rows.replace("ana@", "bo@").replace(",r1", ",r2"),
        rows.replace("ana@", "cy@").replace(",r1", ",r3").replace("LIS", "NOPE")
    );
    let r = run(text.as_bytes());
    let s = r.result.as_ref().expect("runs");
    assert_eq!((s.read, s.applied, s.rejected), (3, 2, 1));
    assert_eq!((r.rejects[0].line, r.rejects[0].column.as_str()), (5, "property"));
}

#[rstest]
#[case::empty_file(b"".to_vec(), "-", "empty")]
#[case::unknown_column(b"name,colour\nAna,red\n".to_vec(), "colour", "unknown column")]
#[case::required_column_missing(b"name,email\nAna,a@example.com\n".to_vec(), "arrival", "missing")]
#[case::duplicate_column(b"name,name\nAna,Bo\n".to_vec(), "name", "twice")]
#[case::utf16_is_read_then_judged(b"\xff\xfen\x00a\x00".to_vec(), "na", "unknown column")]
#[case::empty_column_name(b"name,,email\n".to_vec(), "#2", "empty column name")]
fn whole_file_problems_stop_before_anything_is_applied(
    #[case] bytes: Vec<u8>,
    #[case] column: &str,
    #[case] reason: &str,
) {
    let r = run(&bytes);
    match &r.result {
        Err(ImportError::Source(e)) => {
            use frontdesk_exchange::import::source::At;
            assert!(matches!(e.at, At::Header | At::Input), "the header or the file, not a line: {e}");
            assert_eq!(e.column.as_str(), column, "{e}");
            assert!(e.reason.to_string().contains(reason), "{e}");
        }
        other => panic!("expected a whole-file error, got {other:?}"),
    }
    assert_eq!(r.members, 0);
}

#[test]
fn header_only_reads_nothing() {
    let r = run(HEADER.as_bytes());
    let s = r.result.as_ref().expect("runs");
    assert_eq!((s.read, s.applied, s.rejected), (0, 0, 0));
}

#[test]
fn binary_garbage_does_not_panic() {
    let mut bytes = csv(&[ROW]);
    bytes.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    // Detected, garbage is no encoding's text: the file is refused whole.
    let r = run(&bytes);
    assert!(
        matches!(&r.result, Err(frontdesk_exchange::import::ImportError::Source(e)) if e.to_string().contains("cannot tell"))
    );
    assert_eq!((r.members, r.stays), (0, 0));
    // Read as UTF-8, the good row applies and the garbage is rejected.
    let r = run_with(Kind::Bookings, &bytes, |o| o.encoding = Some(EncodingChoice::Fixed(encoding_rs::UTF_8)));
    let s = r.result.as_ref().expect("runs");
    assert_eq!(s.applied, 1);
    assert!(s.rejected >= 1);
}

#[test]
fn same_reference_same_payload_is_a_duplicate() {
    let r = run(&csv(&[ROW, ROW]));
    let s = r.result.as_ref().expect("runs");
    assert_eq!((s.applied, s.duplicates, s.rejected), (1, 1, 0));
}

#[rstest]
#[case::not_json(b"{\"name\": \"Ana\"\nnot json\n".to_vec(), 1, "-", "JSON")]
#[case::not_an_object(b"[1,2]\n".to_vec(), 1, "-", "JSON")]
#[case::nested_value(b"{\"name\": {\"first\": \"Ana\"}}\n".to_vec(), 1, "name", "object")]
#[case::unknown_key(b"{\"nom\": \"Ana\"}\n".to_vec(), 1, "nom", "unknown field")]
#[case::missing_field(b"\n\n{\"email\": \"a@example.com\"}\n".to_vec(), 3, "name", "required")]
fn jsonl_problems_are_rejected(#[case] bytes: Vec<u8>, #[case] line: u64, #[case] column: &str, #[case] reason: &str) {
    let r = run_with(Kind::Bookings, &bytes, |o| o.format = Format::Jsonl);
    assert!(r.result.is_ok());
    let rej = &r.rejects[0];
    assert_eq!((rej.line, rej.column.as_str()), (line, column), "{rej:?}");
    assert!(rej.reason.to_string().contains(reason), "{rej:?}");
}

#[test]
fn jsonl_rows_apply() {
    let line = r#"{"name":"Ana","email":"ana@example.com","property":"LIS","arrival":"2024-03-01","nights":2,"revenue":300,"channel":"direct","status":"completed","external_ref":"j1"}"#;
    let r = run_with(Kind::Bookings, format!("{line}\n").as_bytes(), |o| o.format = Format::Jsonl);
    assert_eq!(r.result.as_ref().map(|s| s.applied).ok(), Some(1), "{:?}", r.rejects);
}

#[test]
fn strict_applies_nothing_when_a_row_is_bad() {
    let r = run_with(Kind::Bookings, &one_bad("LIS", "XXX"), |o| o.strict = true);
    let s = r.result.as_ref().expect("runs");
    assert!(s.strict_refused);
    assert_eq!((s.read, s.applied, s.rejected, s.bad), (2, 0, 2, 1));
    assert_eq!(r.members, 0);
}

#[test]
fn dry_run_writes_nothing_and_counts_what_would_apply() {
    let r = run_with(Kind::Bookings, &one_bad("LIS", "XXX"), |o| o.dry_run = true);
    let s = r.result.as_ref().expect("runs");
    assert_eq!((s.applied, s.rejected), (1, 1));
    assert_eq!((r.members, r.stays), (0, 0));
}

#[test]
fn a_value_missing_from_the_mapping_names_the_source_column() {
    let map = Mapping::parse(
        "[fields.name]\ncolumn = \"who\"\n[fields.arrival]\ncolumn = \"day\"\nformat = \"%d/%m/%Y\"\n[fields.revenue]\nvalue = \"0\"\n[fields.nights]\nvalue = \"1\"\n[fields.status]\ncolumn = \"st\"\nmap = { X = \"completed\" }\n[fields.external_ref]\ntemplate = \"t:{who}\"\n",
        "bookings",
        Kind::Bookings.fields(),
    )
    .expect("mapping");
    let r = run_with(Kind::Bookings, b"who,day,st\nAna,01/03/2024,X\nBo,31/02/2024,X\nCy,01/03/2024,Y\n", |o| {
        o.mapping = Some(map)
    });
    let cols: Vec<(u64, &str)> = r.rejects.iter().map(|j| (j.line, j.column.as_str())).collect();
    assert_eq!(cols, vec![(3, "day"), (4, "st")], "{:?}", r.rejects);
}

#[rstest]
#[case::unknown_key("[fields.name]\ncolumn = \"a\"\ncolour = \"red\"\n", "colour")]
#[case::unknown_field("[fields.nickname]\ncolumn = \"a\"\n", "nickname")]
#[case::two_rules("[fields.name]\ncolumn = \"a\"\nvalue = \"b\"\n", "exactly one")]
#[case::wrong_kind("kind = \"members\"\n[fields.name]\ncolumn = \"a\"\n", "members")]
fn bad_mappings_are_refused(#[case] text: &str, #[case] needle: &str) {
    let e = Mapping::parse(text, "bookings", Kind::Bookings.fields()).expect_err("refused");
    assert!(e.to_string().contains(needle), "{e}");
}

#[test]
fn a_stop_request_ends_the_import_after_a_whole_batch() {
    let rows = [
        ROW.to_string(),
        ROW.replace("ana@", "bo@").replace(",r1", ",r2"),
        ROW.replace("ana@", "cy@").replace(",r1", ",r3"),
    ];
    let bytes = csv(&rows.iter().map(String::as_str).collect::<Vec<_>>());
    let r = run_with(Kind::Bookings, &bytes, |o| {
        o.batch = 2;
        o.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    let s = r.result.as_ref().expect("runs");
    assert!(s.interrupted);
    assert_eq!((s.read, s.applied), (2, 2));
    assert_eq!(r.members, 2, "the first batch is saved whole, nothing after it");
}

/// A members file as a spreadsheet writes it: CRLF line ends and a note over two lines;
/// the bad row on the file's line 4 is reported as line 4.
#[test]
fn reject_lines_are_the_file_s_own_lines() {
    let text = "name,email,notes\r\nAna Silva,ana@example.com,\"likes\r\nquiet rooms\"\r\nBo,not-an-email,x\r\n";
    let r = run_with(Kind::Members, text.as_bytes(), |_| {});
    assert_eq!(r.rejects.len(), 1, "{:?}", r.rejects);
    assert_eq!((r.rejects[0].line, r.rejects[0].column.as_str()), (4, "email"));
}

/// A file cut inside a quoted field: its last record is a reject, and with --strict
/// nothing at all is applied.
#[test]
fn a_file_cut_inside_a_quoted_field_applies_no_half_field() {
    let text =
        b"name,email,notes\nAna Silva,ana@example.com,fine\nBo Chen,bo@example.com,\"allergic to feathers, wants fo";
    let r = run_with(Kind::Members, text, |_| {});
    assert_eq!((r.members, r.rejects.len()), (1, 1), "{:?}", r.rejects);
    assert!(r.rejects[0].reason.to_string().contains("never closed"), "{:?}", r.rejects);
    let strict = run_with(Kind::Members, text, |o| o.strict = true);
    assert_eq!(strict.members, 0, "--strict applies nothing");
}

/// A header row repeated inside the file (two exports joined) is rejected, not a member.
#[test]
fn a_repeated_header_row_is_not_data() {
    let text = b"name,email\nAna Silva,ana@example.com\nname,email\nBo Chen,bo@example.com\n";
    let r = run_with(Kind::Members, text, |_| {});
    assert_eq!(r.members, 2);
    assert_eq!((r.rejects.len(), r.rejects[0].line), (1, 3), "{:?}", r.rejects);
    assert!(r.rejects[0].reason.to_string().contains("repeats the header"), "{:?}", r.rejects);
}

/// A reject copies at most 1,000 bytes of a field: of a CSV cell and of a JSON value.
#[rstest]
#[case::csv(Format::Csv)]
#[case::jsonl(Format::Jsonl)]
fn a_reject_copies_at_most_a_thousand_bytes_of_a_field(#[case] format: Format) {
    let long = "é".repeat(10_000);
    let bytes = match format {
        Format::Csv => format!("name,email\n{long},long@example.com\n"),
        Format::Jsonl => format!("{{\"name\":\"{long}\",\"email\":\"long@example.com\"}}\n"),
    };
    let r = run_with(Kind::Members, bytes.as_bytes(), |o| o.format = format);
    assert_eq!(r.rejects.len(), 1, "{:?}", r.result);
    let record = &r.rejects[0].record;
    assert!(record.len() < 1_100 && record.contains("…[20000 bytes]"), "{} bytes: {}", record.len(), &record[..80]);
    assert!(record.contains("long@example.com"), "the short fields are whole: {record}");
}
