//! `docs/IMPORT.md` against the code: every kind's fields and required fields as
//! `Kind::fields` and `Kind::required` list them, and every mapping key the mapping
//! parser accepts (read from its own "expected one of" list), no more and no fewer.

use frontdesk_exchange::import::{Kind, Mapping};
use std::collections::BTreeSet;

const KINDS: [&str; 8] =
    ["members", "stays", "complaints", "balances", "bookings", "ledger", "redemptions", "activities"];

fn docs() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/IMPORT.md")).expect("docs/IMPORT.md")
}

/// The table rows under the heading `heading`: first cell's backticked name, second cell.
fn table(docs: &str, heading: &str) -> Vec<(String, String)> {
    let start = docs.find(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("no heading {heading}"));
    let section = &docs[start + heading.len() + 2..];
    let end = section.find("\n#").unwrap_or(section.len());
    section[..end]
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_string(), cells.get(2).map_or(String::new(), |c| c.to_string())))
        })
        .collect()
}

/// The keys a mapping table accepts, from the parser's own error for an unknown one.
fn accepted(toml: &str) -> BTreeSet<String> {
    let err = Mapping::parse(toml, "members", &["name"]).expect_err("an unknown key is refused").to_string();
    let list = err.split("expected one of").nth(1).unwrap_or_else(|| panic!("no key list in: {err}"));
    list.split(',').map(|k| k.trim().trim_matches('`').to_string()).filter(|k| !k.is_empty()).collect()
}

#[test]
fn every_kind_s_fields_are_documented_as_the_code_has_them() {
    let docs = docs();
    for name in KINDS {
        let kind = Kind::parse(name).expect("kind");
        let rows = table(&docs, &format!("### `{name}`"));
        let documented: Vec<&str> = rows.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(documented, kind.fields(), "fields of {name} in docs/IMPORT.md, in the code's order");
        let required: Vec<&str> = rows.iter().filter(|(_, r)| r == "yes").map(|(f, _)| f.as_str()).collect();
        let mut want = kind.required().to_vec();
        want.sort_by_key(|f| kind.fields().iter().position(|k| k == f));
        assert_eq!(required, want, "required fields of {name}");
    }
}

#[test]
fn every_mapping_key_is_documented() {
    let docs = docs();
    for (heading, toml) in [
        ("### Top-level keys", "unknown_key = 1\n[fields]\n"),
        ("### Rule keys", "[fields.name]\nunknown_key = 1\n"),
        ("### `date` keys", "[fields.name.date]\nunknown_key = 1\n"),
        ("### `when` keys", "[[fields.name.when]]\nunknown_key = 1\n"),
    ] {
        let documented: BTreeSet<String> = table(&docs, heading).into_iter().map(|(k, _)| k).collect();
        assert_eq!(documented, accepted(toml), "{heading} in docs/IMPORT.md");
    }
}

#[test]
fn the_documented_example_mapping_parses() {
    let docs = docs();
    let start = docs.find("```toml\nkind = ").expect("the example mapping") + "```toml\n".len();
    let example = &docs[start..start + docs[start..].find("```").expect("its end")];
    Mapping::parse(example, "bookings", Kind::Bookings.fields()).expect("the example is a valid bookings mapping");
}
