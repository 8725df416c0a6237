//! Card readers. A reader is a keyboard that types a card number and Enter in a burst,
//! wherever the focus is. The event loop passes every key through a [`Scanner`], which
//! tells such a burst from a person typing by the time between keys, so that a card
//! swiped at the desk opens its member instead of switching tabs on its digits and
//! confirming something with its Enter.
//!
//! Time is passed in (milliseconds from any fixed origin), so the scanner is pure and its
//! tests need no clock.

use super::msg::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Longest pause between two keys of one burst. A reader at 30 characters a second
/// leaves 33 ms between keys (most type far faster); people rarely press two keys less
/// than 80 ms apart, and never a dozen in a row.
pub(crate) const BURST_GAP_MS: i64 = 50;

/// Fewest digits a burst needs to be read as a card (the shortest card number).
pub(crate) const MIN_CARD_DIGITS: usize = 8;

/// A card number read in a burst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The digits read.
    pub card: String,
    /// How many of them already reached the focused text field as typed keys (a text
    /// field shows each digit at once; the model takes them out again).
    pub typed: usize,
}

/// Turns keys into messages, holding back the digits that may start a card burst.
#[derive(Debug, Default, Clone)]
pub struct Scanner {
    /// Digits of the burst under way, with when each arrived.
    digits: Vec<(KeyEvent, i64)>,
    /// How many of them were passed on at once (typed into a text field).
    passed: usize,
}

fn plain_digit(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit())
        && !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl Scanner {
    /// A key arrived at `at`. `text_focus` says whether a text field has the focus: there
    /// a digit is passed on at once (the field shows it), elsewhere it is held until the
    /// burst ends, so that a card's digits never act as keys on the way.
    pub fn push(&mut self, k: KeyEvent, at: i64, text_focus: bool) -> Vec<Msg> {
        let mut out = Vec::new();
        if self.last_at().is_some_and(|last| at - last > BURST_GAP_MS) {
            out.extend(self.flush());
        }
        if plain_digit(&k) {
            if text_focus && self.passed == self.digits.len() {
                self.passed += 1;
                out.push(Msg::Key(k));
            }
            self.digits.push((k, at));
            return out;
        }
        if ends_card(&k) && self.digits.len() >= MIN_CARD_DIGITS {
            let card: String = self.digits.iter().filter_map(|(d, _)| digit_of(d)).collect();
            out.push(Msg::Scan(Scan { card, typed: self.passed }));
            self.clear();
            return out;
        }
        out.extend(self.flush());
        out.push(Msg::Key(k));
        out
    }

    /// When the burst under way ends if no key comes (`None`: nothing is held).
    pub(crate) fn deadline(&self) -> Option<i64> {
        self.last_at().map(|last| last + BURST_GAP_MS)
    }

    /// The time is `now`: a burst whose deadline has passed was a person typing, and the
    /// digits it held act as the keys they are.
    pub fn expire(&mut self, now: i64) -> Vec<Msg> {
        match self.deadline() {
            Some(d) if now >= d => self.flush(),
            _ => Vec::new(),
        }
    }

    fn last_at(&self) -> Option<i64> {
        self.digits.last().map(|(_, at)| *at)
    }

    /// The held digits as keys, those not yet passed on.
    fn flush(&mut self) -> Vec<Msg> {
        let out = self.digits.iter().skip(self.passed).map(|(k, _)| Msg::Key(*k)).collect();
        self.clear();
        out
    }

    fn clear(&mut self) {
        self.digits.clear();
        self.passed = 0;
    }
}

/// Whether `k` ends a card's digits: Enter, or a line feed. A reader set to end a card
/// with LF sends the byte 0x0A, and so does a card read while the program is still
/// starting: the terminal, not yet in raw mode, turns its Enter into a line feed.
/// crossterm reads that byte as Ctrl+J; outside a burst a Ctrl+J stays what it is (a key
/// the keymap may bind).
fn ends_card(k: &KeyEvent) -> bool {
    (k.code == KeyCode::Enter && k.modifiers.is_empty())
        || (k.code == KeyCode::Char('j') && k.modifiers == KeyModifiers::CONTROL)
}

fn digit_of(k: &KeyEvent) -> Option<char> {
    match k.code {
        KeyCode::Char(c) if c.is_ascii_digit() => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn enter() -> KeyEvent {
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
    }

    /// Types `text` (digits, `\n` for Enter) `gap` ms apart from t = 1000.
    fn type_at(s: &mut Scanner, text: &str, gap: i64, text_focus: bool) -> (Vec<Msg>, i64) {
        let mut out = Vec::new();
        let mut at = 1000;
        for c in text.chars() {
            let k = if c == '\n' { enter() } else { key(c) };
            out.extend(s.push(k, at, text_focus));
            at += gap;
        }
        (out, at)
    }

    fn keys(msgs: &[Msg]) -> String {
        msgs.iter()
            .map(|m| match m {
                Msg::Key(k) if k.code == KeyCode::Enter => '\n',
                Msg::Key(KeyEvent { code: KeyCode::Char(c), .. }) => *c,
                Msg::Scan(_) => '#',
                _ => '?',
            })
            .collect()
    }

    fn scans(msgs: &[Msg]) -> Vec<Scan> {
        msgs.iter().filter_map(|m| if let Msg::Scan(s) = m { Some(s.clone()) } else { None }).collect()
    }

    #[test]
    fn a_card_read_in_a_burst_is_one_scan_and_no_keys() {
        let mut s = Scanner::default();
        let (out, _) = type_at(&mut s, "620000000377\n", 8, false);
        assert_eq!(scans(&out), vec![Scan { card: "620000000377".into(), typed: 0 }]);
        assert_eq!(keys(&out), "#");
        assert_eq!(s.deadline(), None);
    }

    /// A reader ending its cards with LF, or a card read before the terminal was in raw
    /// mode, ends the burst with the byte crossterm reads as Ctrl+J.
    #[test]
    fn a_card_ended_by_a_line_feed_is_a_scan_too() {
        let mut s = Scanner::default();
        let mut out = Vec::new();
        for (i, c) in "620000000377".chars().enumerate() {
            out.extend(s.push(key(c), 1000 + 8 * i as i64, true));
        }
        out.extend(s.push(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), 1100, true));
        assert_eq!(scans(&out), vec![Scan { card: "620000000377".into(), typed: 12 }]);
        // Pressed by a person, it stays Ctrl+J, also after digits whose burst has ended.
        let ctrl_j = |out: &[Msg]| matches!(out.last(), Some(Msg::Key(k)) if k.code == KeyCode::Char('j') && k.modifiers == KeyModifiers::CONTROL);
        let out = s.push(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), 5000, true);
        assert!(ctrl_j(&out) && out.len() == 1, "{out:?}");
        for (i, c) in "620000000377".chars().enumerate() {
            s.push(key(c), 6000 + 8 * i as i64, true);
        }
        let out = s.push(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL), 6300, true);
        assert!(ctrl_j(&out) && scans(&out).is_empty(), "{out:?}");
    }

    #[test]
    fn a_burst_at_thirty_characters_a_second_is_still_a_card() {
        let mut s = Scanner::default();
        let (out, _) = type_at(&mut s, "620000000377\n", 33, false);
        assert_eq!(keys(&out), "#");
    }

    #[test]
    fn a_person_typing_a_tab_digit_gets_the_key_once_the_pause_is_over() {
        let mut s = Scanner::default();
        let out = s.push(key('3'), 1000, false);
        assert!(out.is_empty(), "held while a burst may be starting");
        assert_eq!(s.deadline(), Some(1000 + BURST_GAP_MS));
        assert!(s.expire(1000 + BURST_GAP_MS - 1).is_empty());
        assert_eq!(keys(&s.expire(1000 + BURST_GAP_MS)), "3");
        assert_eq!(s.deadline(), None);
    }

    #[test]
    fn digits_typed_slowly_are_keys_each() {
        let mut s = Scanner::default();
        let (out, _) = type_at(&mut s, "620000000377\n", 150, false);
        assert_eq!(keys(&out), "620000000377\n", "each digit comes out when the next one is late");
        assert_eq!(s.deadline(), None);
    }

    #[test]
    fn a_short_burst_with_enter_is_keys_not_a_card() {
        let mut s = Scanner::default();
        let (out, _) = type_at(&mut s, "12\n", 5, false);
        assert_eq!(keys(&out), "12\n");
    }

    #[test]
    fn in_a_text_field_digits_show_at_once_and_the_scan_says_how_many() {
        let mut s = Scanner::default();
        let (out, _) = type_at(&mut s, "620000000377\n", 8, true);
        let (typed, scan) = out.split_at(12);
        assert_eq!(keys(typed), "620000000377");
        assert_eq!(scans(scan), vec![Scan { card: "620000000377".into(), typed: 12 }]);
    }

    #[test]
    fn in_a_text_field_a_person_typing_digits_gets_each_key_once() {
        let mut s = Scanner::default();
        let (mut out, end) = type_at(&mut s, "5678\n", 120, true);
        out.extend(s.expire(end + 1000));
        assert_eq!(keys(&out), "5678\n");
    }

    #[test]
    fn other_keys_end_a_burst_and_pass_through_in_order() {
        let mut s = Scanner::default();
        let mut out = s.push(key('1'), 1000, false);
        out.extend(s.push(key('2'), 1005, false));
        out.extend(s.push(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE), 1010, false));
        assert_eq!(keys(&out), "12j");
    }
}
