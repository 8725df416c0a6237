//! Messages are kept: every status message, refusal and error goes to a log the clerk can
//! open (`m`), with the time it was said.

use super::cursor::Cursor;
use std::collections::VecDeque;

/// Messages the log keeps; older ones fall off.
pub(crate) const LOG_LIMIT: usize = 500;

/// A message as the status line and the log show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// What was said.
    pub text: String,
    /// Whether it reports a failure or refusal.
    pub error: bool,
    /// When (UTC ms).
    pub at: i64,
}

/// The messages said so far, newest first.
#[derive(Debug, Clone, Default)]
pub struct MessageLog {
    entries: VecDeque<Message>,
    /// Highlighted entry while the log is open.
    pub cursor: Cursor,
}

impl MessageLog {
    /// Keeps a message (a message said twice in a row is kept once, with the later time).
    pub(crate) fn push(&mut self, message: Message) {
        if let Some(last) = self.entries.front_mut()
            && last.text == message.text
            && last.error == message.error
        {
            last.at = message.at;
            return;
        }
        self.entries.push_front(message);
        self.entries.truncate(LOG_LIMIT);
    }

    /// Newest first.
    pub(crate) fn entries(&self) -> impl Iterator<Item = &Message> {
        self.entries.iter()
    }

    /// How many messages are kept.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was said yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets everything (another operator takes over the desk).
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.cursor.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str, at: i64) -> Message {
        Message { text: text.into(), error: false, at }
    }

    #[test]
    fn newest_first_and_bounded() {
        let mut log = MessageLog::default();
        for i in 0..(LOG_LIMIT + 10) {
            log.push(msg(&format!("m{i}"), i as i64));
        }
        assert_eq!(log.len(), LOG_LIMIT);
        assert_eq!(log.entries().next().map(|m| m.text.as_str()), Some("m509"));
    }

    #[test]
    fn a_message_repeated_is_kept_once() {
        let mut log = MessageLog::default();
        log.push(msg("saving…", 1));
        log.push(msg("saving…", 2));
        assert_eq!(log.len(), 1);
        assert_eq!(log.entries().next().map(|m| m.at), Some(2));
    }
}
