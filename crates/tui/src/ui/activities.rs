//! Property-management mode: a resident's activities (fee payments, events, services)
//! on tab 2 and in the member detail, and their residence line.

use super::table::{Column, List};
use super::text::{clean, fit, labels};
use super::theme::Theme;
use crate::app::Model;
use crate::app::msg::MemberDetail;
use frontdesk_core::domain::activity::{ActivityRecord, ActivityStatus};
use frontdesk_core::domain::residence::Residence;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Whether the member belongs to a residential or commercial property.
pub(crate) fn managed(m: &Model, d: &MemberDetail) -> bool {
    m.config.is_managed(&d.member.home_property)
}

/// `Residence: B-0304 · tenant`, or that none is recorded.
pub(crate) fn residence_line(m: &Model, r: Option<&Residence>) -> String {
    let what = r.map_or_else(
        || "-".to_string(),
        |r| {
            let role = m.t(&format!("property.role_{}", r.role.as_str()));
            format!("{}-{} · {role}", clean(&r.building), clean(&r.unit))
        },
    );
    format!("{}: {what}", m.t("property.residence"))
}

fn points(m: &Model, r: &ActivityRecord) -> String {
    m.texts.signed(r.base_points + r.promotion_points())
}

fn kind_and_details(m: &Model, r: &ActivityRecord) -> (String, String) {
    let mut details = crate::app::activity_details(m, r);
    if r.status == ActivityStatus::Reversed {
        details = format!("{details} ({})", m.t("property.reversed"));
    }
    (m.t(crate::app::activity_kind_key(&r.activity)), clean(&details))
}

/// The Activities list of tab 2: newest first, with points and promotion points.
pub(crate) fn list(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let rows = d
        .activities
        .iter()
        .map(|r| {
            let (kind, details) = kind_and_details(m, r);
            let promo = r.promotion_points();
            let promo = if promo == 0 { String::new() } else { m.texts.signed(promo) };
            vec![m.texts.date(r.date), kind, details, points(m, r), promo]
        })
        .collect();
    let styles = d
        .activities
        .iter()
        .map(|r| if r.status == ActivityStatus::Reversed { theme.dim() } else { Style::new() })
        .collect();
    let head = labels(&m.t("property.activities_header"));
    let col = |i: usize| Column::new(head.get(i).cloned().unwrap_or_default());
    let cols = vec![col(0), col(1), col(2).grow(10), col(3).right(), col(4).right()];
    let title = m.texts.fill("property.activities_title", &[("n", d.activities.len().to_string())]);
    List::new(cols, rows)
        .styles(styles)
        .selected(m.points.cursor.index())
        .empty(m.t("property.no_activities"))
        .pane(theme, title, super::main_focused(m))
        .draw(theme, f, area);
}

/// The member detail's recent activities (in place of recent stays).
pub(crate) fn recent(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = d
        .activities
        .iter()
        .take(rows)
        .map(|r| {
            let (kind, details) = kind_and_details(m, r);
            // Short enough for half of 80 columns: the fee's amount is on tab 2.
            let details = match &r.activity {
                frontdesk_core::domain::activity::Activity::FeePayment { period, on_time, .. } => {
                    let when = m.t(if *on_time { "property.on_time" } else { "property.late" });
                    format!("{} {when}", period.format("%Y-%m"))
                }
                _ => details,
            };
            Line::raw(fit(&format!("{} {:>5} {kind} {details}", m.texts.date(r.date), points(m, r)), w))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(fit(&m.t("property.no_activities"), w), theme.dim()));
    }
    f.render_widget(Paragraph::new(lines).block(super::pane(theme, m.t("property.recent_activities"), false)), area);
}
