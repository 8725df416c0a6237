//! Complaints (key figures, complaints per month as a sparkline, by severity, category and
//! property) and satisfaction (NPS and CSAT by month and by property).

use super::chart::{BarRow, BarTable, months, percent};
use super::{below, note};
use crate::app::Model;
use crate::app::words::Vocabulary;
use crate::ui::text::{Col, cells, clean, fit, labels, width};
use crate::ui::theme::Theme;
use frontdesk_core::domain::analytics::{ComplaintsReport, Count, MinutesRange, SatisfactionReport, Score};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// `90 min`, `3 h`, `2 d`: a duration in the largest whole unit.
fn duration(m: &Model, minutes: i64) -> (i64, String) {
    if minutes >= 1440 && minutes % 1440 == 0 {
        (minutes / 1440, m.t("summary.unit_days"))
    } else if minutes >= 60 && minutes % 60 == 0 {
        (minutes / 60, m.t("summary.unit_hours"))
    } else {
        (minutes, m.t("summary.unit_minutes"))
    }
}

/// A median bucket as `15–30 min`, `over 7 d`, or `–`.
fn median(m: &Model, range: Option<MinutesRange>) -> String {
    let Some(r) = range else { return "–".into() };
    let (from, unit) = duration(m, r.from_minutes);
    match r.to_minutes {
        Some(to) => {
            let (to_n, to_unit) = duration(m, to);
            let from_n = if to_unit == unit { from.to_string() } else { format!("{from} {unit}") };
            format!("{from_n}–{to_n} {to_unit}")
        }
        None => m.texts.fill("summary.over", &[("n", format!("{from} {unit}"))]),
    }
}

fn count_table(m: &Model, title: String, list: &[Count], total: u64, names: Vocabulary) -> BarTable {
    let name = |c: &Count| m.word(names, &c.key);
    let label_w = list.iter().map(|c| width(&name(c))).chain([width(&title)]).max().unwrap_or(8);
    let count = m.t("summary.count");
    BarTable {
        cols: vec![Col::left(label_w), Col::right(width(&count).max(4))],
        header: vec![title, count],
        rows: list
            .iter()
            .map(|c| BarRow { cells: vec![name(c), m.texts.number(c.count as i64)], value: c.count })
            .collect(),
        selected: None,
        max: Some(total.max(1)),
    }
}

fn halves(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).spacing(1).areas(area)
}

/// Draws the Complaints view.
pub(crate) fn complaints(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &ComplaintsReport) {
    let n = |v: u64| m.texts.number(v as i64);
    let intro = m.texts.fill(
        "summary.complaints_intro",
        &[("n", n(r.complaints)), ("from", m.texts.date(r.from)), ("to", m.texts.date(r.to))],
    );
    f.render_widget(Paragraph::new(Line::styled(fit(&intro, usize::from(area.width)), theme.dim())), area);
    let [left, right] = halves(below(area, 2));
    let figures = [
        (m.t("summary.sla_breached"), format!("{} · {}", n(r.sla_breached), percent(r.sla_breach_rate))),
        (m.t("summary.first_response"), median(m, r.median_first_response)),
        (m.t("summary.resolution"), median(m, r.median_resolve)),
        (
            m.t("summary.repeat_complainers"),
            m.texts.fill("summary.of", &[("a", n(r.repeat_complainers)), ("b", n(r.complainers))]),
        ),
        (m.t("summary.goodwill"), m.texts.number(r.goodwill_points)),
    ];
    let label_w = figures.iter().map(|(l, _)| width(l)).max().unwrap_or(12);
    let lw = usize::from(left.width);
    let cols = [Col::left(label_w), Col::left(lw.saturating_sub(label_w + 1))];
    let lines: Vec<Line> = figures.iter().map(|(l, v)| Line::raw(fit(&cells(&cols, &[l, v]), lw))).collect();
    let mut y = lines.len() as u16 + 1;
    f.render_widget(Paragraph::new(lines), left);
    let top = r.by_month.iter().map(|c| c.count).max().unwrap_or(0);
    let title = m.texts.fill("summary.per_month", &[("max", n(top))]);
    f.render_widget(Paragraph::new(Line::styled(fit(&title, lw), theme.dim())), below(left, y));
    let series: Vec<(String, u64)> = r.by_month.iter().map(|c| (c.key.clone(), c.count)).collect();
    y += 1 + months(m, theme, f, below(left, y + 1), &series, 3) + 1;
    let by_severity = count_table(m, m.t("summary.by_severity"), &r.by_severity, r.complaints, Vocabulary::Severity);
    by_severity.draw(theme, f, below(left, y));
    let by_category = count_table(m, m.t("summary.by_category"), &r.by_category, r.complaints, Vocabulary::Category);
    let used = by_category.draw(theme, f, right);
    let props: Vec<String> = r.by_property.iter().map(|c| format!("{} {}", clean(&c.key), n(c.count))).collect();
    let rest = below(right, used + 1);
    f.render_widget(Paragraph::new(Line::styled(m.t("summary.by_property"), theme.dim())), rest);
    let text = if props.is_empty() { "–".to_string() } else { props.join(" · ") };
    f.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), below(rest, 1));
}

fn score_cells(m: &Model, key: String, s: &Score) -> Vec<String> {
    let n = |v: u64| m.texts.number(v as i64);
    let nps = s.nps.map_or("–".to_string(), |v| format!("{v:.0}"));
    vec![key, nps, n(s.nps_responses), percent(s.csat), n(s.csat_responses)]
}

/// Month (or property), NPS, its answers, CSAT, its answers; the last column only when
/// there is room for it.
fn score_lines<'a>(m: &Model, theme: &Theme, first: String, rows: &[Score], w: usize) -> Vec<Line<'a>> {
    let key_w = rows.iter().map(|s| width(&s.key)).chain([width(&first), 7]).max().unwrap_or(7);
    let mut cols = vec![Col::left(key_w), Col::right(5), Col::right(4), Col::right(7), Col::right(4)];
    if w < key_w + 25 {
        cols.pop();
    }
    let mut head = labels(&m.t("summary.scores_header"));
    if let Some(h) = head.first_mut() {
        *h = first;
    }
    let mut lines = vec![Line::styled(fit(&cells(&cols, &head), w), theme.dim())];
    lines.extend(rows.iter().map(|s| Line::raw(fit(&cells(&cols, &score_cells(m, clean(&s.key), s)), w))));
    lines
}

/// Draws the Satisfaction view.
pub(crate) fn satisfaction(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &SatisfactionReport) {
    let w = usize::from(area.width);
    let intro =
        m.texts.fill("summary.satisfaction_intro", &[("from", m.texts.date(r.from)), ("to", m.texts.date(r.to))]);
    let t = &r.total;
    let total = m.texts.fill(
        "summary.satisfaction_total",
        &[
            ("nps", t.nps.map_or("–".to_string(), |v| format!("{v:.0}"))),
            ("n", m.texts.number(t.nps_responses as i64)),
            ("csat", percent(t.csat)),
            ("c", m.texts.number(t.csat_responses as i64)),
        ],
    );
    let lines = vec![Line::styled(fit(&intro, w), theme.dim()), Line::raw(fit(&total, w))];
    f.render_widget(Paragraph::new(lines), area);
    let [left, right] = halves(below(area, 3));
    let months = score_lines(m, theme, m.t("summary.month"), &r.by_month, usize::from(left.width));
    let used = months.len() as u16;
    f.render_widget(Paragraph::new(months), left);
    let props = score_lines(m, theme, m.t("summary.property"), &r.by_property, usize::from(right.width));
    f.render_widget(Paragraph::new(props), right);
    note(theme, f, below(area, 3 + used + 1), &m.t("summary.satisfaction_note"));
}
