//! Property-management mode: a resident's activities (fee payments, events, services)
//! on tab 2 and in the member detail, and their residence line.

use super::block;
use super::text::{Col, cells, clean, fit, labels, rest, width};
use super::theme::Theme;
use crate::app::Model;
use crate::app::msg::MemberDetail;
use crate::domain::activity::{ActivityRecord, ActivityStatus};
use crate::domain::residence::Residence;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Whether the member belongs to a residential or commercial property.
pub fn managed(m: &Model, d: &MemberDetail) -> bool {
    m.config.is_managed(&d.member.home_property)
}

/// `Residence: B-0304 · tenant`, or that none is recorded.
pub fn residence_line(m: &Model, r: Option<&Residence>) -> String {
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
    let n = r.base_points + r.promotion_points();
    format!("{}{}", if n > 0 { "+" } else { "" }, m.texts.number(n))
}

fn kind_and_details(m: &Model, r: &ActivityRecord) -> (String, String) {
    let mut details = crate::app::activity_details(m, r);
    if r.status == ActivityStatus::Reversed {
        details = format!("{details} ({})", m.t("property.reversed"));
    }
    (m.t(crate::app::activity_kind_key(&r.activity)), clean(&details))
}

/// The Activities list of tab 2: newest first, with points and promotion points.
pub fn list(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail, w: usize) {
    let rows = usize::from(area.height.saturating_sub(3));
    let mut cols = vec![Col::left(width(&m.texts.date(m.today))), Col::left(9)];
    let tail = [Col::right(7), Col::right(6)];
    let details = rest(w, &[cols.clone(), tail.to_vec()].concat());
    cols.push(Col::left(details));
    cols.extend(tail);
    let mut lines = vec![Line::styled(fit(&cells(&cols, &labels(&m.t("property.activities_header"))), w), theme.dim())];
    if d.activities.is_empty() {
        lines.push(Line::styled(fit(&m.t("property.no_activities"), w), theme.dim()));
    }
    let first = m.points.selected.saturating_sub(rows.saturating_sub(1));
    for (i, r) in d.activities.iter().enumerate().skip(first).take(rows) {
        let (kind, details) = kind_and_details(m, r);
        let promo = r.promotion_points();
        let promo = if promo == 0 { String::new() } else { format!("+{}", m.texts.number(promo)) };
        let t = cells(&cols, &[m.texts.date(r.date), kind, details, points(m, r), promo]);
        let style = if i == m.points.selected {
            theme.selected()
        } else if r.status == ActivityStatus::Reversed {
            theme.dim()
        } else {
            Style::new()
        };
        lines.push(Line::styled(fit(&t, w), style));
    }
    let title = m.texts.fill("property.activities_title", &[("n", d.activities.len().to_string())]);
    f.render_widget(Paragraph::new(lines).block(block(theme, title)), area);
}

/// The member detail's recent activities (in place of recent stays).
pub fn recent(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
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
                crate::domain::activity::Activity::FeePayment { period, on_time, .. } => {
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
    f.render_widget(Paragraph::new(lines).block(block(theme, m.t("property.recent_activities"))), area);
}
