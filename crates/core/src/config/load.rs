//! Loading: parse, merge the override onto the defaults, reject unknown keys, validate.

use super::{Config, DEFAULT_TOML, validate};
use crate::i18n::errors::{ConfigSays, Fault};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// Where the built-in defaults come from, as named in messages.
const BUILTIN: &str = "<built-in config/default.toml>";

/// Top-level tables whose keys are names chosen by the user (not fixed fields).
const OPEN_TABLES: &[&str] = &["roles", "ui.keys"];

/// Keys an override may set although the defaults leave them out (absent means none),
/// as (table, key): their values are strings.
const OPTIONAL_KEYS: &[(&str, &str)] = &[("serve", "group")];

/// One problem found in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    /// File the key comes from.
    pub file: String,
    /// Dotted key path, e.g. `tiers[1].nights`.
    pub key: String,
    /// What is wrong and what to do.
    pub reason: Fault,
}

impl ConfigIssue {
    /// The issue, as a message to render in any language.
    pub(crate) fn says(&self) -> ConfigSays {
        ConfigSays::Issue { file: self.file.clone(), key: self.key.clone(), reason: Box::new(self.reason.clone()) }
    }
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.says().fmt(f)
    }
}

/// All problems found while loading a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// Every problem, in file order.
    pub issues: Vec<ConfigIssue>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.issues.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// Every issue, as messages to render in any language.
    pub fn says(&self) -> Vec<ConfigSays> {
        self.issues.iter().map(ConfigIssue::says).collect()
    }

    fn single(file: &str, key: &str, reason: impl Into<Fault>) -> Self {
        ConfigError {
            issues: vec![ConfigIssue { file: file.to_string(), key: key.to_string(), reason: reason.into() }],
        }
    }
}

/// Loads the defaults merged with `--config PATH` or `FRONTDESK_CONFIG` when given.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    load_checked(explicit, &[])
}

/// A check of settings owned by a crate above this one (key bindings, colours, import
/// encodings): the problems it finds, as (dotted key, reason).
pub type Check = fn(&Config) -> Vec<(String, crate::i18n::Fault)>;

/// [`load`] with the checks of the layers above, reported like the core's own.
pub fn load_checked(explicit: Option<&Path>, checks: &[Check]) -> Result<Config, ConfigError> {
    let from_env = std::env::var_os("FRONTDESK_CONFIG").map(PathBuf::from);
    let path = explicit.map(Path::to_path_buf).or(from_env);
    match path {
        None => load_with_override_checked(None, checks),
        Some(p) => {
            let text = std::fs::read_to_string(&p).map_err(|e| {
                ConfigError::single(&p.display().to_string(), "-", ConfigSays::CannotReadFile { error: e.to_string() })
            })?;
            load_with_override_checked(Some((&p.display().to_string(), &text)), checks)
        }
    }
}

/// Loads the defaults merged with an override given as (file name, text).
pub fn load_with_override(over: Option<(&str, &str)>) -> Result<Config, ConfigError> {
    load_with_override_checked(over, &[])
}

/// [`load_with_override`] with the checks of the layers above.
fn load_with_override_checked(over: Option<(&str, &str)>, checks: &[Check]) -> Result<Config, ConfigError> {
    let mut merged = parse(BUILTIN, DEFAULT_TOML)?;
    let mut override_keys = Table::new();
    // Unknown keys are collected and dropped so that the rest of the file is still
    // checked: `config check` reports every problem in one run.
    let mut issues = Vec::new();
    if let Some((file, text)) = over {
        let table = parse(file, text)?;
        let known = known_only(&table, &with_optional_keys(merged.clone()), "", file, &mut issues);
        merge(&mut merged, known.clone());
        override_keys = known;
    }
    let file_of = |key: &str| -> String {
        let top = key.split(['.', '[']).next().unwrap_or(key);
        match over {
            Some((file, _)) if override_keys.contains_key(top) => file.to_string(),
            _ => BUILTIN.to_string(),
        }
    };
    let config: Config = match serde_path_to_error::deserialize(Value::Table(merged)) {
        Ok(c) => c,
        Err(e) => {
            let key = e.path().to_string();
            let reason = ConfigSays::Value { error: e.into_inner().message().to_string() }.into();
            issues.push(ConfigIssue { file: file_of(&key), key, reason });
            return Err(ConfigError { issues });
        }
    };
    let found = validate::validate(&config).into_iter().chain(checks.iter().flat_map(|check| check(&config)));
    issues.extend(found.map(|(key, reason)| ConfigIssue { file: file_of(&key), key, reason }));
    if issues.is_empty() { Ok(config) } else { Err(ConfigError { issues }) }
}

/// The defaults as the shape an override is checked against: with [`OPTIONAL_KEYS`].
fn with_optional_keys(mut shape: Table) -> Table {
    for (table, key) in OPTIONAL_KEYS {
        if let Some(Value::Table(t)) = shape.get_mut(*table) {
            t.entry(key.to_string()).or_insert_with(|| Value::String(String::new()));
        }
    }
    shape
}

fn parse(file: &str, text: &str) -> Result<Table, ConfigError> {
    text.parse::<Table>().map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        let reason = ConfigSays::NotToml { error: e.message().to_string() };
        ConfigError::single(file, &format!("line {line}, column {col}"), reason)
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Tables merge key by key; arrays and scalars replace.
fn merge(base: &mut Table, over: Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

/// `over` without the keys the defaults do not know; each dropped key is reported.
fn known_only(over: &Table, known: &Table, path: &str, file: &str, out: &mut Vec<ConfigIssue>) -> Table {
    let mut kept = Table::new();
    for (key, value) in over {
        let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        let shape = match known.get(key) {
            Some(shape) => shape.clone(),
            None if OPEN_TABLES.contains(&path) => match known.values().next() {
                Some(Value::Table(_)) => Value::Table(union_of_values(known)),
                Some(other) => other.clone(),
                None => value.clone(),
            },
            None => {
                out.push(ConfigIssue {
                    file: file.to_string(),
                    key: full,
                    reason: ConfigSays::UnknownKey { known: key_list(known) }.into(),
                });
                continue;
            }
        };
        if let Some(v) = known_value(value, &shape, &full, file, out) {
            kept.insert(key.clone(), v);
        }
    }
    kept
}

fn known_value(value: &Value, shape: &Value, path: &str, file: &str, out: &mut Vec<ConfigIssue>) -> Option<Value> {
    let wrong = |expected: &str, found: &str| ConfigIssue {
        file: file.to_string(),
        key: path.to_string(),
        reason: ConfigSays::Expected { expected: expected.to_string(), found: found.to_string() }.into(),
    };
    match (value, shape) {
        (Value::Table(v), Value::Table(s)) => Some(Value::Table(known_only(v, s, path, file, out))),
        (Value::Array(items), Value::Array(shapes)) if !shapes.is_empty() && shapes.iter().all(Value::is_table) => {
            let union = Value::Table(union_of_values(&array_as_table(shapes)));
            let kept = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| known_value(item, &union, &format!("{path}[{i}]"), file, out))
                .collect();
            Some(Value::Array(kept))
        }
        (Value::Table(_), _) => {
            out.push(wrong(shape.type_str(), "table"));
            None
        }
        (_, Value::Table(_)) => {
            out.push(wrong("table", value.type_str()));
            None
        }
        _ => Some(value.clone()),
    }
}

fn array_as_table(items: &[Value]) -> Table {
    items.iter().enumerate().map(|(i, v)| (i.to_string(), v.clone())).collect()
}

/// The union of the keys of every table value in `table`, as one shape.
fn union_of_values(table: &Table) -> Table {
    let mut union = Table::new();
    for value in table.values() {
        if let Value::Table(t) = value {
            for (k, v) in t {
                union.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    union
}

fn key_list(table: &Table) -> String {
    let keys: Vec<&str> = table.keys().map(String::as_str).collect();
    keys.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serve_group_may_be_set_though_the_defaults_leave_it_out() {
        let config = load_with_override(Some(("site.toml", "[serve]\ngroup = \"frontdesk\"\n"))).unwrap();
        assert_eq!(config.serve.group.as_deref(), Some("frontdesk"));
        assert_eq!(load_with_override(None).unwrap().serve.group, None);
        let wrong = load_with_override(Some(("site.toml", "[serve]\ngroupe = \"x\"\n"))).unwrap_err();
        assert!(wrong.to_string().contains("serve.groupe: unknown key"), "{wrong}");
    }
}
