//! docs/CONFIGURATION.md names every key of config/default.toml with its default: each
//! table has a section headed by its name (`[store]`, `[[tiers]]`, `[roles.*]` …); a
//! table's keys are rows `` | `key` | `default` | ``, an array of tables lists every field
//! as a row `` | `field` | `` and every shipped entry by its code, and each role is a row
//! of its two limits. A key added to the defaults without a line here fails this test.

use std::path::Path;
use toml::{Table, Value};

fn page() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/CONFIGURATION.md"))
        .expect("docs/CONFIGURATION.md")
}

fn defaults() -> Table {
    frontdesk_core::config::DEFAULT_TOML.parse().expect("default.toml parses")
}

/// The text of the section whose `###` heading is exactly `` ### `heading` ``.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = format!("\n### `{heading}`\n");
    let at = page.find(&start).unwrap_or_else(|| panic!("docs/CONFIGURATION.md has no section {start:?}"));
    let body = &page[at + start.len()..];
    let end = body.find("\n### ").or_else(|| body.find("\n## ")).unwrap_or(body.len());
    &body[..end]
}

/// A default as the page writes it: TOML's own spelling.
fn shown(v: &Value) -> String {
    match v {
        Value::Array(items) => format!("[{}]", items.iter().map(shown).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

fn is_table_array(v: &Value) -> bool {
    matches!(v, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_table))
}

/// Checks one table at dotted `path`: its scalar keys with their defaults, then its
/// sub-tables and arrays of tables, each under its own heading.
fn check_table(page: &str, path: &str, table: &Table, missing: &mut Vec<String>) {
    let scalars: Vec<(&String, &Value)> = table.iter().filter(|(_, v)| !v.is_table() && !is_table_array(v)).collect();
    if !scalars.is_empty() {
        let text = section(page, &format!("[{path}]"));
        for (key, value) in scalars {
            let row = format!("| `{key}` | `{}` |", shown(value));
            if !text.contains(&row) {
                missing.push(format!("[{path}] {row}"));
            }
        }
    }
    for (key, value) in table {
        let sub = format!("{path}.{key}");
        match value {
            Value::Table(t) if path == "ui" && key == "keys" => {
                let text = section(page, "[ui.keys]");
                assert!(text.contains("KEYS.md"), "[ui.keys] points to KEYS.md for the {} actions", t.len());
            }
            Value::Table(t) => check_table(page, &sub, t, missing),
            v if is_table_array(v) => check_array(page, &sub, v, missing),
            _ => {}
        }
    }
}

/// An array of tables: every field any entry has, and every entry by its code.
fn check_array(page: &str, path: &str, value: &Value, missing: &mut Vec<String>) {
    let text = section(page, &format!("[[{path}]]"));
    let row = |first: &str| text.lines().any(|l| l.starts_with(&format!("| `{first}` |")));
    let Value::Array(items) = value else { return };
    for item in items.iter().filter_map(Value::as_table) {
        for field in item.keys() {
            let line = format!("[[{path}]] | `{field}` |");
            if !row(field) && !missing.contains(&line) {
                missing.push(line);
            }
        }
        let code = ["code", "category"].iter().find_map(|k| item.get(*k)).and_then(Value::as_str);
        let Some(code) = code else {
            missing.push(format!("[[{path}]]: an entry without a code"));
            continue;
        };
        // Tables list entries as rows; [[properties]] names them in its prose.
        let named = if path == "properties" { text.contains(&format!("`{code}`")) } else { row(code) };
        if !named {
            missing.push(format!("[[{path}]] entry `{code}`"));
        }
    }
}

#[test]
fn every_default_key_is_documented_with_its_default() {
    let page = page();
    let mut missing = Vec::new();
    for (key, value) in defaults() {
        match value {
            Value::Table(t) if key == "roles" => {
                let text = section(&page, "[roles.*]");
                for (role, limits) in &t {
                    let limit = |k: &str| limits.get(k).map(shown).unwrap_or_default();
                    let row = format!("| `{role}` | `{}` | `{}` |", limit("goodwill_limit"), limit("adjust_limit"));
                    if !text.contains(&row) {
                        missing.push(format!("[roles.*] {row}"));
                    }
                }
            }
            Value::Table(t) => check_table(&page, &key, &t, &mut missing),
            ref v if is_table_array(v) => check_array(&page, &key, v, &mut missing),
            _ => missing.push(format!("top-level key {key}")),
        }
    }
    assert!(missing.is_empty(), "docs/CONFIGURATION.md lacks (or has another default for):\n{}", missing.join("\n"));
}

#[test]
fn optional_keys_the_defaults_leave_out_are_documented() {
    // `[serve] group` is absent from the defaults (no group) but may be set.
    assert!(section(&page(), "[serve]").contains("| `group` | none |"));
    let serve = frontdesk_core::config::Config::builtin().expect("defaults").serve;
    assert_eq!(serve.group, None);
}

#[test]
fn the_example_site_file_is_a_valid_configuration() {
    let page = page();
    let start = page.find("```toml\n# site.toml").expect("the site.toml example") + "```toml\n".len();
    let text = &page[start..start + page[start..].find("```").expect("closed block")];
    frontdesk_core::config::load_with_override(Some(("site.toml", text)))
        .unwrap_or_else(|e| panic!("the site.toml example of docs/CONFIGURATION.md: {e}"));
}
