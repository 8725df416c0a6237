//! Birthdays in the next days: a list to pick a member from.

use super::{below, note};
use crate::app::Model;
use crate::domain::analytics::BirthdaysReport;
use crate::ui::text::{Col, cells, clean, fit, labels, rest};
use crate::ui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the Birthdays view.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &BirthdaysReport) {
    let w = usize::from(area.width);
    let intro = m.texts.fill("summary.birthdays_intro", &[("n", r.total.to_string()), ("days", r.days.to_string())]);
    let wide = w >= 90;
    let mut cols = vec![Col::left(10), Col::right(3), Col::left(12)];
    let mut head = labels(&m.t("summary.birthdays_header"));
    let tail = if wide { vec![Col::left(9), Col::left(4)] } else { vec![Col::left(9)] };
    if !wide {
        head.truncate(5);
    }
    let name_w = rest(w, &cols).saturating_sub(tail.iter().map(|c| c.width + 1).sum::<usize>()).min(32);
    cols.push(Col::left(name_w));
    cols.extend(tail);
    let mut lines = vec![
        Line::styled(fit(&intro, w), theme.dim()),
        Line::raw(""),
        Line::styled(fit(&cells(&cols, &head), w), theme.dim()),
    ];
    if r.birthdays.is_empty() {
        lines.push(Line::styled(m.t("summary.no_birthdays"), theme.dim()));
    }
    let room = usize::from(area.height).saturating_sub(5);
    let first = m.summaries.selected.saturating_sub(room.saturating_sub(1));
    for (i, b) in r.birthdays.iter().enumerate().skip(first).take(room) {
        let mut row = vec![
            m.texts.date(b.date),
            b.age.to_string(),
            clean(&b.member.card),
            clean(&b.member.name),
            clean(&b.member.tier),
        ];
        if wide {
            row.push(clean(&b.member.property));
        }
        let style = if i == m.summaries.selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(fit(&cells(&cols, &row), w), style));
    }
    let used = lines.len() as u16 + 1;
    f.render_widget(Paragraph::new(lines), area);
    if !r.birthdays.is_empty() {
        note(theme, f, below(area, used), &m.t("summary.enter_member"));
    }
}
