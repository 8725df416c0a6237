//! A one-line text input and a form built from several of them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One line of editable text with a cursor (in characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    /// The text.
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl TextInput {
    /// An input holding `s`, cursor at the end.
    pub fn with(s: &str) -> TextInput {
        TextInput { value: s.to_string(), cursor: s.chars().count() }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value.char_indices().nth(chars).map_or(self.value.len(), |(i, _)| i)
    }

    /// Inserts text at the cursor; control characters are dropped, line breaks become spaces.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            let c = if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c };
            if !c.is_control() {
                let at = self.byte_at(self.cursor);
                self.value.insert(at, c);
                self.cursor += 1;
            }
        }
    }

    /// Applies an editing key; returns whether the key was an editing key.
    pub fn handle(&mut self, e: &KeyEvent) -> bool {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        match e.code {
            KeyCode::Char('u') if ctrl => {
                self.value.clear();
                self.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !e.modifiers.contains(KeyModifiers::ALT) => self.insert_str(&c.to_string()),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Delete if self.cursor < self.value.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.value.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.value.chars().count(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }
}

/// What a form field accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A date `YYYY-MM-DD`.
    Date,
    /// An amount of money.
    Money,
    /// A whole number, possibly negative.
    Integer,
    /// One of these values; Left/Right or Space cycle.
    Choice(Vec<String>),
}

/// One labelled field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Catalogue key of the label.
    pub label: &'static str,
    /// Kind of value.
    pub kind: FieldKind,
    /// Whether it must be filled.
    pub required: bool,
    /// The typed value.
    pub input: TextInput,
    /// Inline validation message, if the value is not acceptable.
    pub error: Option<String>,
}

impl Field {
    /// A field with a starting value.
    pub fn new(label: &'static str, kind: FieldKind, required: bool, value: &str) -> Field {
        Field { label, kind, required, input: TextInput::with(value), error: None }
    }

    /// The trimmed value.
    pub fn value(&self) -> &str {
        self.input.value.trim()
    }

    /// Cycles a choice field by `step`.
    pub fn cycle(&mut self, step: isize) {
        if let FieldKind::Choice(options) = &self.kind
            && !options.is_empty()
        {
            let pos = options.iter().position(|o| *o == self.input.value).unwrap_or(0) as isize;
            let next = (pos + step).rem_euclid(options.len() as isize) as usize;
            self.input = TextInput::with(&options[next]);
        }
    }
}

/// A form: fields, the focused one, and whether anything was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<K> {
    /// What the form is for.
    pub kind: K,
    /// Catalogue key of the title.
    pub title: &'static str,
    /// Fields in order.
    pub fields: Vec<Field>,
    /// Index of the focused field.
    pub focus: usize,
    /// Whether the user has typed anything since it opened.
    pub dirty: bool,
}

impl<K> Form<K> {
    /// A new form.
    pub fn new(kind: K, title: &'static str, fields: Vec<Field>) -> Self {
        Form { kind, title, fields, focus: 0, dirty: false }
    }

    /// The field with this label.
    pub fn get(&self, label: &str) -> &str {
        self.fields.iter().find(|f| f.label == label).map_or("", Field::value)
    }

    /// Moves focus by `step`, wrapping.
    pub fn move_focus(&mut self, step: isize) {
        let n = self.fields.len() as isize;
        if n > 0 {
            self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
        }
    }

    /// Applies a key to the focused field; returns whether it was consumed.
    pub fn handle_key(&mut self, e: &KeyEvent) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else { return false };
        if let FieldKind::Choice(_) = field.kind {
            let step = match e.code {
                KeyCode::Left => -1,
                KeyCode::Right | KeyCode::Char(' ') => 1,
                _ => return false,
            };
            field.cycle(step);
            self.dirty = true;
            return true;
        }
        let consumed = field.input.handle(e);
        if consumed {
            self.dirty = true;
            field.error = None;
        }
        consumed
    }

    /// Pastes into the focused field.
    pub fn paste(&mut self, s: &str) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && !matches!(field.kind, FieldKind::Choice(_))
        {
            field.input.insert_str(s);
            field.error = None;
            self.dirty = true;
        }
    }

    /// Whether any field has an error.
    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}
