//! Managed properties beside retention: fee punctuality, repair turnaround and tenancy
//! renewal per residential or commercial property (definitions in
//! `domain::analytics::property`).

use super::note;
use crate::app::Model;
use crate::ui::text::{clean, fit, pad};
use crate::ui::theme::Theme;
use frontdesk_core::domain::analytics::property::PropertyReport;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{:.1} %", x * 100.0))
}

fn hours(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |h| format!("{h:.0}"))
}

/// Draws the Property view.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, r: &PropertyReport) {
    if r.properties.is_empty() {
        return note(theme, f, area, &m.t("property.summary_none"));
    }
    let w = usize::from(area.width);
    let mut lines = Vec::new();
    for p in &r.properties {
        lines.push(Line::styled(fit(&format!("{} ({})", clean(&p.property), p.kind), w), theme.accent()));
        let rows = [
            (
                "property.punctuality",
                pct(p.punctuality),
                m.texts.fill(
                    "property.punctuality_detail",
                    &[
                        ("on_time", m.texts.number(p.fee_on_time as i64)),
                        ("periods", m.texts.number(p.fee_periods as i64)),
                    ],
                ),
            ),
            (
                "property.turnaround",
                format!("{} h", hours(p.repair_median_hours)),
                m.texts.fill(
                    "property.turnaround_detail",
                    &[
                        ("median", hours(p.repair_median_hours)),
                        ("p90", hours(p.repair_p90_hours)),
                        ("resolved", p.repairs_resolved.to_string()),
                        ("open", p.repairs_open.to_string()),
                    ],
                ),
            ),
            (
                "property.renewal",
                pct(p.renewal),
                m.texts.fill(
                    "property.renewal_detail",
                    &[("renewed", p.tenancies_renewed.to_string()), ("due", p.tenancies_due.to_string())],
                ),
            ),
        ];
        for (label, value, detail) in rows {
            lines.push(Line::raw(fit(&format!("{}{value:>8}", pad(&m.t(label), 20)), w)));
            lines.push(Line::styled(fit(&format!("  {detail}"), w), theme.dim()));
        }
        lines.push(Line::raw(""));
    }
    let used = lines.len() as u16;
    f.render_widget(Paragraph::new(lines), area);
    note(theme, f, super::below(area, used), &m.t("property.renewal_note"));
}
