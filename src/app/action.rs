//! The vocabulary of the UI: every action a key can trigger, and the keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

/// Something the user asks for. Panels give each action its meaning in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Leave frontdesk (asks first when a form holds typed data).
    Quit,
    /// Show or hide the help overlay.
    Help,
    /// Go to tab 1–5.
    Tab(u8),
    /// Move to the search box.
    Search,
    /// Open the selected item, or confirm.
    Open,
    /// Go back or close; never discards typed data or confirms anything.
    Back,
    /// Select the previous row.
    Up,
    /// Select the next row.
    Down,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Submit the form.
    Submit,
    /// Create: enrol a member, log a complaint.
    New,
    /// Edit the selected member.
    Edit,
    /// Post a stay for the selected member.
    Post,
    /// Reverse the selected stay.
    Reverse,
    /// Manual points adjustment.
    Adjust,
    /// Fulfil the selected redemption.
    Fulfil,
    /// Cancel the selected redemption.
    Cancel,
    /// Move the selected complaint to another state.
    Transition,
    /// Grant goodwill points on the selected complaint.
    Goodwill,
    /// Record follow-up scores on the selected complaint.
    FollowUp,
    /// Cycle the list filter.
    Filter,
    /// Narrow the list by category, severity and property.
    FilterBy,
    /// Reload the panel from the store.
    Refresh,
    /// Previous view of the panel (Summaries).
    PrevView,
    /// Next view of the panel (Summaries).
    NextView,
    /// Lock the desk now (sign in again to go on); only when operators exist.
    Lock,
    /// Show the open member's whole phone and e-mail (audited) until leaving the member.
    Reveal,
}

impl Action {
    /// Name used in the `[ui.keys]` configuration table.
    pub fn name(self) -> String {
        match self {
            Action::Tab(n) => format!("tab_{n}"),
            other => {
                let debug = format!("{other:?}");
                let mut out = String::new();
                for (i, c) in debug.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                out
            }
        }
    }

    /// Every action, for the help overlay and configuration checks.
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut v = vec![Quit, Help];
        v.extend((1..=6).map(Tab));
        v.extend([
            Search, Open, Back, Up, Down, PageUp, PageDown, NextField, PrevField, Submit, New, Edit, Post, Reverse,
            Adjust, Fulfil, Cancel, Transition, Goodwill, FollowUp, Filter, FilterBy, Refresh, PrevView, NextView,
            Lock, Reveal,
        ]);
        v
    }
}

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
    pub fn of(e: &KeyEvent) -> Key {
        Key { code: e.code, mods: e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT) }
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

    /// The key as shown in the help bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
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
    map: HashMap<Key, Action>,
}

/// The built-in bindings.
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
        (Open, &["enter"]),
        (Back, &["esc"]),
        (Up, &["up", "k"]),
        (Down, &["down", "j"]),
        (PageUp, &["pageup"]),
        (PageDown, &["pagedown"]),
        (NextField, &["tab"]),
        (PrevField, &["backtab"]),
        (Submit, &["ctrl-s"]),
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
        (Refresh, &["ctrl-r"]),
        (PrevView, &["[", "left"]),
        (NextView, &["]", "right"]),
        (Lock, &["ctrl-l"]),
        (Reveal, &["v"]),
    ]
}

impl Keymap {
    /// The defaults overridden by `overrides` (action name → key names). Returns every
    /// unknown action or key name as an error line instead of ignoring it.
    pub fn build(overrides: &HashMap<String, Vec<String>>) -> Result<Keymap, Vec<String>> {
        let mut bindings: Vec<(Action, Vec<String>)> =
            default_bindings().into_iter().map(|(a, ks)| (a, ks.iter().map(|k| k.to_string()).collect())).collect();
        let mut errors = Vec::new();
        for (name, keys) in overrides {
            match bindings.iter_mut().find(|(a, _)| a.name() == *name) {
                Some((_, ks)) => *ks = keys.clone(),
                None => errors.push(format!("ui.keys.{name}: unknown action; known: {}", known_actions())),
            }
        }
        let mut map = HashMap::new();
        for (action, keys) in bindings {
            for k in keys {
                match Key::parse(&k) {
                    Some(key) => {
                        if let Some(prev) = map.insert(key, action)
                            && prev != action
                        {
                            errors.push(format!("ui.keys.{}: `{k}` is also bound to {}", action.name(), prev.name()));
                        }
                    }
                    None => errors.push(format!(
                        "ui.keys.{}: `{k}` is not a key name (use a character, enter, esc, tab, up, f1, ctrl-x …)",
                        action.name()
                    )),
                }
            }
        }
        if errors.is_empty() { Ok(Keymap { map }) } else { Err(errors) }
    }

    /// The action of a key event, if bound.
    pub fn action(&self, e: &KeyEvent) -> Option<Action> {
        self.map.get(&Key::of(e)).copied()
    }

    /// The keys bound to `action`, as shown to the user, first one first.
    pub fn keys_of(&self, action: Action) -> Vec<String> {
        let mut keys: Vec<&Key> = self.map.iter().filter(|(_, a)| **a == action).map(|(k, _)| k).collect();
        keys.sort_by_key(|k| (k.mods.bits(), k.label()));
        keys.into_iter().map(Key::label).collect()
    }
}

fn known_actions() -> String {
    Action::all().iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
}
