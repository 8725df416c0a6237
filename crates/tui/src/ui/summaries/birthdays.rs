//! Birthdays in the next days: a list to pick a member from.

use super::{below, note};
use crate::app::Model;
use crate::ui::table::{Column, List};
use crate::ui::text::{clean, fit, labels};
use crate::ui::theme::Theme;
use frontdesk_core::domain::analytics::BirthdaysReport;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the Birthdays view.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &BirthdaysReport) {
    let w = usize::from(area.width);
    let intro = m.texts.fill(
        "summary.birthdays_intro",
        &[
            ("n", m.texts.count("unit.members", r.total as i64)),
            ("days", m.texts.count("unit.days", i64::from(r.days))),
        ],
    );
    f.render_widget(Paragraph::new(Line::styled(fit(&intro, w), theme.dim())), Rect { height: 1, ..area });
    let head = labels(&m.t("summary.birthdays_header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![col(0), col(1).right(), col(2), col(3).grow(8).max(32), col(4), col(5).optional()];
    let rows = r
        .birthdays
        .iter()
        .map(|b| {
            vec![
                m.texts.date(b.date),
                b.age.to_string(),
                clean(&b.member.card),
                clean(&b.member.name),
                m.tier(&b.member.tier),
                clean(&b.member.property),
            ]
        })
        .collect();
    let list_area = Rect { y: area.y + 2, height: area.height.saturating_sub(4), ..area };
    List::new(cols, rows)
        .selected(m.summaries.cursor.index())
        .empty(m.t("summary.no_birthdays"))
        .focused(crate::ui::main_focused(m))
        .draw(theme, f, list_area);
    if !r.birthdays.is_empty() {
        let used = area.height.saturating_sub(1);
        note(theme, f, below(area, used), &m.t("summary.enter_member"));
    }
}
