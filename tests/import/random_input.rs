//! Random bytes and random mutations of valid files fed to the importer: it never panics,
//! and read = applied + duplicates + rejected, with every bad row reported.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_exchange::import::{self, EncodingChoice, Format, Input, Kind, Options};
use frontdesk_store::ops::Ctx;
use frontdesk_store::store::Store;
use proptest::prelude::*;

const VALID: &str = "name,email,phone,property,arrival,nights,revenue,channel,status,external_ref
Ana Silva,ana@example.com,+351 912 345 678,LIS,2024-03-01,2,300.00,direct,completed,r1
\"Wang, Fang\",wang@example.cn,+86 138 0013 5678,SHA,2024-05-10,1,88.50,corporate,cancelled,r2
Bo Chen,,+86 139 0000 1111,SHA,2024-06-01,0,0,gds,no_show,r3
Ana Silva,ANA@example.com,,ALG,2024-07-01,3,450,wholesale,completed,r4
";

fn check(bytes: Vec<u8>, format: Format, encoding: EncodingChoice) -> Option<import::Summary> {
    check_with(bytes, format, encoding, None)
}

fn check_with(
    bytes: Vec<u8>,
    format: Format,
    encoding: EncodingChoice,
    delimiter: Option<import::Delimiter>,
) -> Option<import::Summary> {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db"), "test").expect("store opens");
    let config = Config::builtin().expect("config");
    let ctx = Ctx {
        config: &config,
        actor: Actor { name: "prop".into(), role: Role::Admin },
        now: 1_700_000_000_000,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
    };
    let mut opts = Options::new(Kind::Bookings);
    opts.format = format;
    opts.encoding = Some(encoding);
    opts.delimiter = delimiter;
    opts.batch = 3;
    let mut rejects = 0u64;
    if let Ok(s) = import::run(&store, &ctx, &Input::Bytes(bytes.into()), &opts, &mut |_| rejects += 1) {
        assert_eq!(s.read, s.applied + s.duplicates + s.rejected, "{s:?}");
        assert_eq!(s.bad, rejects);
        return Some(s);
    }
    None
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    DuplicateLine(usize),
}

fn apply(mut b: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        if b.is_empty() {
            break;
        }
        match *m {
            Mutation::Flip(i, v) => {
                let i = i % b.len();
                b[i] = v;
            }
            Mutation::Insert(i, v) => b.insert(i % (b.len() + 1), v),
            Mutation::Delete(i) => {
                b.remove(i % b.len());
            }
            Mutation::DuplicateLine(i) => {
                let lines: Vec<&[u8]> = b.split(|c| *c == b'\n').collect();
                let l = lines[i % lines.len()].to_vec();
                b.extend_from_slice(&l);
                b.push(b'\n');
            }
        }
    }
    b
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let special = prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(0u8), Just(0xff), any::<u8>()];
    prop_oneof![
        (any::<usize>(), special.clone()).prop_map(|(i, v)| Mutation::Flip(i, v)),
        (any::<usize>(), special).prop_map(|(i, v)| Mutation::Insert(i, v)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::DuplicateLine),
    ]
}

fn encoding() -> impl Strategy<Value = EncodingChoice> {
    prop_oneof![
        Just(EncodingChoice::Auto),
        Just(EncodingChoice::Fixed(encoding_rs::UTF_8)),
        Just(EncodingChoice::Fixed(encoding_rs::GBK)),
        Just(EncodingChoice::Fixed(encoding_rs::GB18030))
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), jsonl in any::<bool>(), enc in encoding()) {
        let _ = check(bytes, if jsonl { Format::Jsonl } else { Format::Csv }, enc);
    }

    #[test]
    fn any_delimiter_over_random_bytes_never_panics(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        d in prop_oneof![Just(None), Just(Some(import::Delimiter::Whitespace)), Just(Some(import::Delimiter::Byte(b';')))],
    ) {
        let _ = check_with(bytes, Format::Csv, EncodingChoice::Auto, d);
    }

    #[test]
    fn mutated_csv_never_panics(muts in proptest::collection::vec(mutation(), 1..12), enc in encoding()) {
        let _ = check(apply(VALID.as_bytes().to_vec(), &muts), Format::Csv, enc);
    }

    #[test]
    fn mutated_jsonl_never_panics(muts in proptest::collection::vec(mutation(), 1..12)) {
        let jsonl = "{\"name\":\"Ana\",\"email\":\"a@example.com\",\"arrival\":\"2024-03-01\",\"nights\":2,\"revenue\":\"300\",\"status\":\"completed\",\"external_ref\":\"j1\"}\n{\"name\":\"Bo\",\"phone\":\"+86 139 0000 1111\",\"arrival\":\"2024-03-01\",\"departure\":\"2024-03-02\",\"revenue\":1,\"status\":\"no_show\",\"external_ref\":\"j2\"}\n";
        let _ = check(apply(jsonl.as_bytes().to_vec(), &muts), Format::Jsonl, EncodingChoice::Auto);
    }
}

#[test]
fn the_valid_file_applies_whole() {
    let s = check(VALID.as_bytes().to_vec(), Format::Csv, EncodingChoice::Auto).expect("runs");
    assert_eq!((s.read, s.applied, s.rejected), (4, 4, 0), "{s:?}");
}
