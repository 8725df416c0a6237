//! Keys as a card reader types them, search hits read through the worker, and a screen
//! drawn with where the terminal's cursor is.

use super::{Driver, screen_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use frontdesk_tui::app::msg::Msg;
use frontdesk_tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

impl Driver {
    /// Types `text` the way a card reader does, wherever the focus is: a burst of keys
    /// 8 ms apart through the event loop's scanner, `\n` for Enter.
    pub fn read_card(&mut self, text: &str) {
        let mut scanner = frontdesk_tui::app::scan::Scanner::default();
        let mut at = 1_000_000;
        for c in text.chars() {
            let k = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
            let text_focus = self.model.focus().takes_text();
            for msg in scanner.push(KeyEvent::new(k, KeyModifiers::NONE), at, text_focus) {
                self.send(msg);
            }
            at += 8;
        }
        for msg in scanner.expire(at + 1_000) {
            self.send(msg);
        }
    }
}

impl Driver {
    /// Draws the screen and returns it as text with where the terminal's cursor is, if shown.
    pub fn draw_with_cursor(&mut self, w: u16, h: u16, theme: &Theme) -> (String, Option<(u16, u16)>) {
        self.send(Msg::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let text = screen_text(
            &terminal.draw(|f| frontdesk_tui::ui::view(&self.model, theme, f)).expect("draw").buffer.clone(),
        );
        let b = terminal.backend();
        let cursor = b.cursor_visible().then(|| (b.cursor_position().y, b.cursor_position().x));
        (text, cursor)
    }
}

impl Driver {
    /// On the Rewards tab, highlights the first reward the open member can afford.
    pub fn highlight_affordable_reward(&mut self) {
        let m = &self.model;
        let i = (0..m.rewards.catalogue.len())
            .find(|&i| matches!(frontdesk_tui::app::price_for(m, &m.rewards.catalogue[i]), Some(Ok(_))))
            .expect("an affordable reward");
        for _ in 0..i {
            self.press(KeyCode::Down);
        }
    }
}
