//! A one-line text input (on `tui-input`: caret movement, insertion at the caret,
//! graphemes and display width) and the keys it takes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

/// One line of editable text with a caret.
#[derive(Debug, Clone, Default)]
pub struct TextInput {
    inner: Input,
}

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.inner.value() == other.inner.value() && self.inner.cursor() == other.inner.cursor()
    }
}

impl Eq for TextInput {}

/// Whether `c` is kept in a one-line field (control characters are dropped; line breaks
/// and tabs from a paste become spaces before this).
fn keeps(c: char) -> bool {
    !c.is_control()
}

impl TextInput {
    /// An input holding `s`, caret at the end.
    pub fn with(s: &str) -> TextInput {
        let clean: String = s.chars().filter(|c| keeps(*c)).collect();
        TextInput { inner: Input::new(clean) }
    }

    /// The text.
    pub fn value(&self) -> &str {
        self.inner.value()
    }

    /// The caret, in characters from the start.
    pub(crate) fn cursor(&self) -> usize {
        self.inner.cursor()
    }

    /// The caret, in display columns from the start (a Chinese character counts two).
    pub(crate) fn visual_cursor(&self) -> usize {
        self.inner.visual_cursor()
    }

    /// Display columns scrolled off the left so that the caret shows in `width` columns.
    pub(crate) fn visual_scroll(&self, width: usize) -> usize {
        self.inner.visual_scroll(width)
    }

    /// Whether nothing is typed.
    pub(crate) fn is_empty(&self) -> bool {
        self.inner.value().is_empty()
    }

    /// Empties the field.
    pub(crate) fn clear(&mut self) {
        self.inner.reset();
    }

    /// Inserts text at the caret; control characters are dropped, line breaks and tabs
    /// become spaces (a field is one line).
    pub(crate) fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c };
            if keeps(c) {
                self.inner.handle(InputRequest::InsertChar(c));
            }
        }
    }

    /// Takes out the `n` characters before the caret (the digits of a card that a reader
    /// typed into the field).
    pub(crate) fn remove_before_cursor(&mut self, n: usize) {
        for _ in 0..n.min(self.cursor()) {
            self.inner.handle(InputRequest::DeletePrevChar);
        }
    }

    /// Applies an editing key; returns whether the field took it. A field takes every
    /// printable key and the editing keys (Backspace, Delete, ← →, Home, End, Ctrl-←/→
    /// by word, Ctrl-U clears, Ctrl-W deletes a word); the rest is for the keymap.
    pub(crate) fn handle(&mut self, e: &KeyEvent) -> bool {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let alt = e.modifiers.contains(KeyModifiers::ALT);
        let request = match e.code {
            KeyCode::Char(c) if !ctrl && !alt => {
                self.insert_str(&c.to_string());
                return true;
            }
            KeyCode::Char('u') if ctrl => InputRequest::DeleteLine,
            KeyCode::Char('w') if ctrl => InputRequest::DeletePrevWord,
            KeyCode::Backspace => InputRequest::DeletePrevChar,
            KeyCode::Delete => InputRequest::DeleteNextChar,
            KeyCode::Left if ctrl => InputRequest::GoToPrevWord,
            KeyCode::Right if ctrl => InputRequest::GoToNextWord,
            KeyCode::Left => InputRequest::GoToPrevChar,
            KeyCode::Right => InputRequest::GoToNextChar,
            KeyCode::Home => InputRequest::GoToStart,
            KeyCode::End => InputRequest::GoToEnd,
            _ => return false,
        };
        self.inner.handle(request);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(t: &mut TextInput, code: KeyCode) {
        t.handle(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn typing_after_home_inserts_at_the_start() {
        let mut t = TextInput::with("王XY小明");
        press(&mut t, KeyCode::Home);
        press(&mut t, KeyCode::Char('Z'));
        assert_eq!(t.value(), "Z王XY小明");
        assert_eq!(t.cursor(), 1);
        assert_eq!(t.visual_cursor(), 1);
        press(&mut t, KeyCode::Right);
        assert_eq!(t.visual_cursor(), 3, "a Chinese character is two columns wide");
    }

    #[test]
    fn a_long_value_scrolls_so_that_the_caret_shows() {
        let t = TextInput::with(&"a".repeat(50));
        assert_eq!(t.visual_scroll(20), 30);
        let mut t = t;
        press(&mut t, KeyCode::Home);
        assert_eq!(t.visual_scroll(20), 0);
    }

    #[test]
    fn pasted_line_breaks_become_spaces_and_controls_go() {
        let mut t = TextInput::default();
        t.insert_str("a\nb\u{1b}[31m");
        assert_eq!(t.value(), "a b[31m");
    }

    #[test]
    fn a_reader_s_digits_come_out_again() {
        let mut t = TextInput::with("450");
        t.insert_str("62000000");
        t.remove_before_cursor(8);
        assert_eq!(t.value(), "450");
    }
}
