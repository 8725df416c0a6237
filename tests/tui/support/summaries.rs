//! Driving the Summaries panel.

use super::Driver;
use crossterm::event::KeyCode;
use frontdesk_tui::app::summaries::SummaryView;

impl Driver {
    /// Moves the Summaries panel to `view` with `]`, as a user would.
    pub fn go_to_view(&mut self, view: SummaryView) {
        for _ in 0..SummaryView::ALL.len() {
            if self.model.summaries.view == view {
                return;
            }
            self.press(KeyCode::Char(']'));
        }
        panic!("view {view:?} not reached");
    }
}
