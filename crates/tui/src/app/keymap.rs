//! Keys to actions, per scope: built from the defaults and `[ui.keys]`, checked for
//! unknown names and for one key meaning two things where both could apply.

use super::action::{Action, Scope};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use frontdesk_core::i18n::errors::ConfigSays;
use std::collections::HashMap;

/// A key with its modifiers, as written in configuration (`ctrl-s`, `enter`, `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Only CONTROL and ALT are significant; SHIFT is part of the character.
    pub mods: KeyModifiers,
}

impl Key {
    /// The key of an event, ignoring SHIFT (it is already in the character).
    pub(crate) fn of(e: &KeyEvent) -> Key {
        Key { code: e.code, mods: e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT) }
    }

    /// Whether a text field would take the key as typed text.
    pub(crate) fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.mods.is_empty()
    }

    /// Parses `ctrl-s`, `alt-x`, `enter`, `esc`, `tab`, `backtab`, `up`, `f1`, `space`, or one character.
    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s.trim();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest.to_lowercase().as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().ok()?)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(c)
            }
        };
        Some(Key { code, mods })
    }

    /// The key as shown in the help bar; `ascii` spells arrows as words.
    pub fn label(&self, ascii: bool) -> String {
        let arrow = |glyph: &str, word: &str| if ascii { word.to_string() } else { glyph.to_string() };
        let base = match self.code {
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("M-");
        }
        out + &base
    }
}

/// Keys to actions, built from defaults and `[ui.keys]`.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
    /// Arrows drawn as words in the help (ASCII terminals).
    pub ascii: bool,
}

/// The built-in bindings (the same as `config/default.toml`).
pub fn default_bindings() -> Vec<(Action, &'static [&'static str])> {
    use Action::*;
    vec![
        (Quit, &["q", "ctrl-c"]),
        (Help, &["?", "f1"]),
        (Tab(1), &["1"]),
        (Tab(2), &["2"]),
        (Tab(3), &["3"]),
        (Tab(4), &["4"]),
        (Tab(5), &["5"]),
        (Tab(6), &["6"]),
        (Search, &["/"]),
        (Messages, &["m", "f2"]),
        (Lock, &["ctrl-l"]),
        (Refresh, &["ctrl-r"]),
        (Open, &["enter"]),
        (Back, &["esc"]),
        (Up, &["up", "k"]),
        (Down, &["down", "j"]),
        (PageUp, &["pageup"]),
        (PageDown, &["pagedown"]),
        (Home, &["home"]),
        (End, &["end"]),
        (NextField, &["tab"]),
        (PrevField, &["backtab"]),
        (Submit, &["ctrl-s"]),
        (Yes, &["y"]),
        (No, &["n", "esc"]),
        (Override, &["o"]),
        (New, &["n"]),
        (Edit, &["e"]),
        (Post, &["p"]),
        (Reverse, &["r"]),
        (Adjust, &["a"]),
        (Fulfil, &["f"]),
        (Cancel, &["x"]),
        (Transition, &["t"]),
        (Goodwill, &["g"]),
        (FollowUp, &["u"]),
        (Filter, &["s"]),
        (FilterBy, &["F"]),
        (PrevView, &["[", "left"]),
        (NextView, &["]", "right"]),
        (Reveal, &["v"]),
    ]
}

/// Whether `a` and `b`, bound to the same key, could both be live at once.
fn clash(key: &Key, a: Action, b: Action) -> bool {
    let (sa, sb) = (a.scopes(), b.scopes());
    if sa.iter().any(|s| sb.contains(s)) {
        return true;
    }
    // Global keys are live beside lists, and beside text fields unless typed there.
    let beside = |global: &[Scope], other: &[Scope]| {
        global.contains(&Scope::Global)
            && other.iter().any(|s| match s {
                Scope::List => true,
                Scope::Search | Scope::Form => !key.is_printable(),
                Scope::Global | Scope::Confirm | Scope::Overlay => false,
            })
    };
    beside(sa, sb) || beside(sb, sa)
}

impl Keymap {
    /// The defaults overridden by `overrides` (action name → key names). Returns every
    /// unknown action or key name, and every key bound twice where both could apply, as
    /// an error line instead of ignoring it.
    pub fn build(overrides: &HashMap<String, Vec<String>>) -> Result<Keymap, Vec<String>> {
        Keymap::built(overrides).map_err(|errors| errors.iter().map(|(key, why)| format!("{key}: {why}")).collect())
    }

    /// What is wrong with `overrides`, each problem with the key it is under.
    pub(crate) fn check(overrides: &HashMap<String, Vec<String>>) -> Vec<(String, ConfigSays)> {
        Keymap::built(overrides).err().unwrap_or_default()
    }

    fn built(overrides: &HashMap<String, Vec<String>>) -> Result<Keymap, Vec<(String, ConfigSays)>> {
        let mut named: Vec<(Action, Vec<String>)> =
            default_bindings().into_iter().map(|(a, ks)| (a, ks.iter().map(|k| k.to_string()).collect())).collect();
        let mut errors: Vec<(String, ConfigSays)> = Vec::new();
        let mut names: Vec<&String> = overrides.keys().collect();
        names.sort();
        for name in names {
            match named.iter_mut().find(|(a, _)| a.name() == *name) {
                Some((_, ks)) => ks.clone_from(&overrides[name]),
                None => errors.push((format!("ui.keys.{name}"), ConfigSays::UnknownAction { known: known_actions() })),
            }
        }
        let mut bindings: Vec<(Key, Action)> = Vec::new();
        for (action, keys) in named {
            for k in keys {
                let Some(key) = Key::parse(&k) else {
                    errors.push((format!("ui.keys.{}", action.name()), ConfigSays::NotKey { key: k }));
                    continue;
                };
                if let Some((_, other)) =
                    bindings.iter().find(|(k2, a2)| *k2 == key && *a2 != action && clash(&key, *a2, action))
                {
                    let other = other.name().to_string();
                    errors
                        .push((format!("ui.keys.{}", action.name()), ConfigSays::AlsoBound { key: k.clone(), other }));
                }
                bindings.push((key, action));
            }
        }
        if errors.is_empty() { Ok(Keymap { bindings, ascii: false }) } else { Err(errors) }
    }

    /// The action of a key event among the actions of `scope` (global ones not included).
    pub(crate) fn action_in(&self, scope: Scope, e: &KeyEvent) -> Option<Action> {
        let key = Key::of(e);
        self.bindings.iter().find(|(k, a)| *k == key && a.scopes().contains(&scope)).map(|(_, a)| *a)
    }

    /// The action of a key event where `scope` has the focus: the scope's own bindings
    /// first, then the global ones that are live there (a text field types printable keys).
    pub fn action(&self, scope: Scope, e: &KeyEvent) -> Option<Action> {
        if let Some(a) = self.action_in(scope, e) {
            return Some(a);
        }
        let live = match scope {
            Scope::List => true,
            Scope::Search | Scope::Form => !Key::of(e).is_printable(),
            Scope::Global | Scope::Confirm | Scope::Overlay => false,
        };
        if live { self.action_in(Scope::Global, e) } else { None }
    }

    /// The keys bound to `action`, as shown to the user, in the order bound.
    pub(crate) fn keys_of(&self, action: Action) -> Vec<String> {
        self.bindings.iter().filter(|(_, a)| *a == action).map(|(k, _)| k.label(self.ascii)).collect()
    }

    /// The first key bound to `action` that works in `scope` (a printable key does not
    /// work beside a text field), as shown to the user.
    pub(crate) fn key_in(&self, scope: Scope, action: Action) -> Option<String> {
        let text = matches!(scope, Scope::Search | Scope::Form);
        let global = action.scopes().contains(&Scope::Global) && !action.scopes().contains(&scope);
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .find(|(k, _)| !(text && global && k.is_printable()))
            .map(|(k, _)| k.label(self.ascii))
    }
}

fn known_actions() -> String {
    Action::all().iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn the_defaults_build_without_clashes() {
        let k = Keymap::build(&HashMap::new()).expect("defaults");
        assert_eq!(k.action(Scope::List, &press(KeyCode::Char('n'))), Some(Action::New));
        assert_eq!(k.action(Scope::Confirm, &press(KeyCode::Char('n'))), Some(Action::No));
        assert_eq!(k.action(Scope::Confirm, &press(KeyCode::Enter)), None, "Enter never confirms");
    }

    #[test]
    fn a_text_field_types_printable_global_keys() {
        let k = Keymap::build(&HashMap::new()).expect("defaults");
        assert_eq!(k.action(Scope::Search, &press(KeyCode::Char('q'))), None);
        assert_eq!(k.action(Scope::Search, &press(KeyCode::Char('1'))), None);
        assert_eq!(k.action(Scope::Search, &press(KeyCode::F(1))), Some(Action::Help));
        assert_eq!(k.action(Scope::List, &press(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(k.key_in(Scope::Search, Action::Help).as_deref(), Some("F1"));
        assert_eq!(k.key_in(Scope::List, Action::Help).as_deref(), Some("?"));
    }

    #[test]
    fn a_key_bound_twice_where_both_apply_is_reported() {
        let over = HashMap::from([("edit".to_string(), vec!["p".to_string()])]);
        let errors = Keymap::build(&over).expect_err("p is post");
        assert!(errors.iter().any(|e| e.contains("`p` is also bound to")), "{errors:?}");
        // `y` in a confirmation and `y` on a list never meet.
        let over = HashMap::from([("reveal".to_string(), vec!["y".to_string()])]);
        assert!(Keymap::build(&over).is_ok());
    }

    #[test]
    fn the_configuration_file_lists_the_built_in_bindings() {
        let config = frontdesk_core::config::Config::builtin().expect("built-in config");
        for (action, keys) in default_bindings() {
            let listed = config.ui.keys.get(&action.name()).cloned().unwrap_or_default();
            assert_eq!(listed, keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(), "{}", action.name());
        }
        assert_eq!(config.ui.keys.len(), default_bindings().len(), "no action listed that is not bound");
    }

    #[test]
    fn unknown_names_are_reported_not_ignored() {
        let over = HashMap::from([("fly".to_string(), vec!["z".to_string()])]);
        let errors = Keymap::build(&over).expect_err("unknown action");
        assert!(errors[0].starts_with("ui.keys.fly: unknown action"), "{errors:?}");
    }
}
