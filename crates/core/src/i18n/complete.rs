//! The catalogues are complete for the typed messages: every variant of every message enum
//! has a key (the `messages!` macro will not declare one without), every key has an English
//! and a Chinese text naming only the variant's values, and no table of English sentences
//! is left to match messages against.

use super::errors::{self, Fault, Reason, Refusal};
use super::{Lang, Texts, UNIT_KEYS};
use std::collections::{BTreeSet, HashMap};

const EN: &str = include_str!("../../../../config/i18n/en.toml");
const ZH: &str = include_str!("../../../../config/i18n/zh.toml");

/// `{name}` placeholders of a text (braces around anything else are literal).
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                out.insert(name.to_string());
            }
        }
    }
    out
}

fn catalogues() -> [(Lang, HashMap<String, String>); 2] {
    let map = |lang| {
        let t = Texts::load(lang);
        t.keys().into_iter().map(|k| (k.to_string(), t.get(k).to_string())).collect()
    };
    [(Lang::En, map(Lang::En)), (Lang::Zh, map(Lang::Zh))]
}

#[test]
fn every_variant_has_an_english_and_a_chinese_text_naming_its_values() {
    let keys = errors::all_keys();
    assert!(keys.len() > 400, "the typed messages are listed: {}", keys.len());
    for (lang, texts) in catalogues() {
        for (key, fields) in &keys {
            let text = texts.get(*key).unwrap_or_else(|| panic!("{lang:?}: no text for `{key}`"));
            let named = placeholders(text);
            let values: BTreeSet<String> = fields.iter().map(|f| f.to_string()).collect();
            // Both languages say every value: a translation that drops one (a count, a name)
            // tells the Chinese clerk less than the English one.
            assert_eq!(named, values, "{lang:?} `{key}` names {named:?}, the variant has {values:?}");
        }
        for unit in UNIT_KEYS {
            for form in ["one", "other"] {
                assert!(texts.contains_key(&format!("{unit}_{form}")), "{lang:?}: no `{unit}_{form}`");
            }
        }
    }
}

#[test]
fn message_sections_hold_only_the_keys_of_variants() {
    let keys: BTreeSet<&str> = errors::all_keys().into_iter().map(|(k, _)| k).collect();
    let sections: BTreeSet<&str> = keys.iter().filter_map(|k| k.split_once('.')).map(|(s, _)| s).collect();
    for (lang, texts) in catalogues() {
        for key in texts.keys() {
            let section = key.split_once('.').map_or("", |(s, _)| s);
            assert!(
                !sections.contains(section) || keys.contains(key.as_str()),
                "{lang:?}: `{key}` is in a message section but no variant uses it"
            );
        }
    }
}

#[test]
fn every_message_enum_is_listed_for_these_checks() {
    // An enum declared with `messages!` whose section is missing here would go unchecked.
    let listed: BTreeSet<String> =
        errors::all_keys().into_iter().filter_map(|(k, _)| k.split_once('.').map(|(s, _)| s.to_string())).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/errors");
    let mut declared = 0;
    for entry in std::fs::read_dir(&dir).expect("src/i18n/errors") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("source");
        for line in text.lines() {
            if let Some((_, rest)) = line.split_once(" enum ")
                && let Some((_, section)) = rest.split_once(" in \"")
            {
                let section = section.trim_end_matches(['"', ' ', '{']);
                declared += 1;
                assert!(listed.contains(section), "the enum of section `{section}` is not in errors::all_keys");
            }
        }
    }
    assert!(declared > 20, "the message enums were found: {declared}");
}

#[test]
fn no_table_of_english_sentences_is_left() {
    for (name, file) in [("en.toml", EN), ("zh.toml", ZH)] {
        let table: toml::Table = file.parse().expect("catalogue");
        assert!(!table.contains_key("errors"), "{name} has an [errors] table");
        for (section, value) in &table {
            for key in value.as_table().map(|t| t.keys().collect::<Vec<_>>()).unwrap_or_default() {
                assert!(
                    !key.contains(' ') && !key.contains("{}"),
                    "{name} [{section}] has a sentence for a key: {key:?}"
                );
            }
        }
    }
}

#[test]
fn messages_speak_the_readers_language() {
    let (en, zh) = (Texts::load(Lang::En), Texts::load(Lang::Zh));
    let tier = Refusal::NeedsTier { code: "SPA-60".into(), tier: "gold".into() };
    assert_eq!(zh.say(&tier), "奖励 SPA-60 需要 gold 或更高等级");
    assert_eq!(zh.say(&Fault::invalid("email", Reason::EmailNoAt)), "email: 必须包含 '@'");
    let transition = Reason::Transition { from: "open".into(), to: "closed".into(), allowed: "acknowledged".into() };
    assert_eq!(zh.say(&Refusal::State { reason: transition }), "state：不能从 open 变为 closed；允许：acknowledged");
    let outside = errors::Os::Error { error: "something nobody wrote down".into() };
    assert_eq!(zh.say(&outside), "something nobody wrote down");
    assert_eq!(en.say(&Refusal::OutOfStock { code: "SPA-60".into() }), "reward SPA-60 is out of stock");
    assert_eq!(Refusal::OutOfStock { code: "SPA-60".into() }.to_string(), "reward SPA-60 is out of stock");
}

#[test]
fn counts_take_their_plural_form_from_the_catalogue() {
    let (en, zh) = (Texts::load(Lang::En), Texts::load(Lang::Zh));
    let overlap = |nights| Refusal::Overlap {
        seq: 3,
        property: "LIS".into(),
        arrival: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
        departure: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        nights: super::Nights(nights),
    };
    assert!(en.say(&overlap(1)).contains("(2026-03-01 to 2026-03-02, 1 night)"), "{}", en.say(&overlap(1)));
    assert!(en.say(&overlap(2)).contains(", 2 nights)"));
    assert!(zh.say(&overlap(1)).contains("，1 晚）"), "{}", zh.say(&overlap(1)));
}

/// "1 rows rejected", "1 commands rejected", "wrong PIN(s)": every count a command line
/// or the sign-in reports reads right at one and at many.
#[test]
fn counted_lines_read_right_at_one_and_at_many() {
    use super::errors::{CliSays, Denial};
    use super::{Changes, Commands, Rows, WrongPins};
    let (en, zh) = (Texts::load(Lang::En), Texts::load(Lang::Zh));
    assert_eq!(en.say(&CliSays::RowsRejected { n: Rows(1) }), "1 row rejected");
    assert_eq!(en.say(&CliSays::RowsRejected { n: Rows(3) }), "3 rows rejected");
    assert_eq!(en.say(&CliSays::CommandsRejected { n: Commands(1) }), "1 command rejected");
    assert!(en.say(&CliSays::Pending { n: Changes(1) }).starts_with("1 change waiting for approval"));
    assert_eq!(zh.say(&CliSays::RowsRejected { n: Rows(1) }), "拒绝了 1 行");
    let pin = |left| Denial::WrongPin { login: "ana".into(), left: WrongPins(left) };
    assert!(en.say(&pin(1)).ends_with("after 1 more wrong PIN the account is locked out"), "{}", en.say(&pin(1)));
    assert!(en.say(&pin(4)).contains("after 4 more wrong PINs"));
    assert!(zh.say(&pin(4)).contains("再错 4 次将被锁定"), "{}", zh.say(&pin(4)));
}
