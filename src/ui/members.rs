//! Members tab: the search box with its hits, or the selected member's detail.

use super::block;
use super::text::{clean, fit, pad, pad_left};
use super::theme::Theme;
use crate::app::Model;
use crate::app::msg::MemberDetail;
use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Members tab.
pub fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    match (&m.detail, m.members.show_detail) {
        (Some(d), true) => detail(m, theme, f, area, d),
        _ => list(m, theme, f, area),
    }
}

fn list(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let [search, results] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let cursor = if m.members.typing { "▏" } else { "" };
    let prompt = Line::from(vec![
        Span::styled(format!("{} ", m.t("members.search")), theme.dim()),
        Span::raw(format!("{}{cursor}", clean(&m.members.query.value))),
    ]);
    f.render_widget(Paragraph::new(prompt).block(block(theme, m.t("members.find"))), search);
    let inner = usize::from(results.width.saturating_sub(2));
    let title = m.texts.fill("members.found", &[("n", m.members.rows.len().to_string())]);
    let mut lines = vec![Line::styled(
        row_text(
            inner,
            &m.t("col.card"),
            &m.t("col.name"),
            &m.t("col.tier"),
            &m.t("col.balance"),
            &m.t("col.last_stay"),
        ),
        theme.dim(),
    )];
    if m.members.rows.is_empty() {
        let q = m.members.query.value.trim().to_lowercase();
        let hint = if q.is_empty() {
            m.t("members.hint")
        } else if crate::search::too_short(&q) {
            m.t("members.more")
        } else {
            m.t("members.none")
        };
        lines.push(Line::styled(hint, theme.dim()));
    }
    let visible = usize::from(results.height.saturating_sub(3));
    let first = m.members.selected.saturating_sub(visible.saturating_sub(1));
    for (i, r) in m.members.rows.iter().enumerate().skip(first).take(visible) {
        let v = &r.view;
        let last = v.last_stay.map_or("-".to_string(), |d| m.texts.date(d));
        let t = row_text(inner, &v.card, &v.name, &v.tier, &m.texts.number(v.balance), &last);
        let style = if i == m.members.selected { theme.selected() } else { Style::new() };
        lines.push(Line::styled(t, style));
    }
    // Rows are exactly as wide as the box; only the hint can wrap.
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, title)), results);
}

fn row_text(width: usize, card: &str, name: &str, tier: &str, balance: &str, last: &str) -> String {
    // card 13 · tier 9 · balance 11 · last stay 12 · name gets the rest.
    let name_w = width.saturating_sub(13 + 9 + 11 + 12 + 4).max(10);
    format!("{} {} {} {} {}", pad(card, 13), pad(name, name_w), pad(tier, 9), pad_left(balance, 11), pad(last, 12))
}

fn detail(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let v = &d.view;
    let n = |x: i64| m.texts.number(x);
    let date = |x: Option<chrono::NaiveDate>| x.map_or("-".to_string(), |d| m.texts.date(d));
    let w = usize::from(left.width.saturating_sub(2));
    let mut lines = vec![Line::styled(fit(&format!("{}  {}", v.card, v.name), w), theme.accent())];
    let until = v.tier_until.map_or(String::new(), |u| format!(" ({} {})", m.t("label.until"), m.texts.date(u)));
    lines.push(Line::raw(fit(&format!("{}: {}{until}", m.t("label.tier"), v.tier), w)));
    // Residents do not stay: tier progress in nights and stays would only puzzle them.
    if let Some(p) = v.progress.as_ref().filter(|_| !super::activities::managed(m, d)) {
        let spend = crate::domain::money::format(p.spend_needed_minor, m.config.store.minor_digits);
        // Wrapped, not cut: what the member still needs is the point of the line.
        let progress = m.texts.fill(
            "members.progress",
            &[
                ("tier", p.next_tier.clone()),
                ("nights", p.nights_needed.to_string()),
                ("stays", p.stays_needed.to_string()),
                ("spend", spend),
                ("currency", m.config.store.currency.clone()),
            ],
        );
        lines.push(Line::styled(clean(&progress), theme.dim()));
    }
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("label.balance"), n(v.balance)), w)));
    if v.expiring_90_days > 0 {
        lines.push(Line::styled(
            fit(&m.texts.fill("members.expiring", &[("points", n(v.expiring_90_days))]), w),
            theme.warn(),
        ));
    }
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("label.lifetime"), n(v.lifetime_points)), w)));
    if super::activities::managed(m, d) {
        lines.push(Line::raw(fit(&super::activities::residence_line(m, d.residence.as_ref()), w)));
    } else {
        lines.push(Line::raw(format!(
            "{}: {} / {} · {}: {}",
            m.t("label.stays_nights"),
            v.stays,
            v.nights,
            m.t("col.last_stay"),
            date(v.last_stay)
        )));
    }
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("field.email"), v.email.as_deref().unwrap_or("-")), w)));
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("field.phone"), v.phone.as_deref().unwrap_or("-")), w)));
    let bday = birthday_marker(m, v.birthday);
    lines.push(Line::raw(clean(&format!("{}: {}{bday}", m.t("field.birthday"), date(v.birthday)))));
    lines.push(Line::raw(fit(
        &format!("{}: {} · {}: {}", m.t("field.property"), v.property, m.t("label.status"), v.status),
        w,
    )));
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("label.enrolled"), m.texts.date(v.enrolled_on)), w)));
    if !d.member.notes.is_empty() {
        lines.push(Line::styled(fit(&d.member.notes.replace('\n', " · "), w), theme.dim()));
    }
    let open: Vec<_> = d.complaints.iter().filter(|c| c.state.is_open()).collect();
    if !open.is_empty() {
        lines.push(Line::styled(
            fit(&m.texts.fill("members.open_complaints", &[("n", open.len().to_string())]), w),
            theme.error(),
        ));
        for c in open.iter().take(3) {
            lines.push(Line::styled(
                fit(&format!("  #{} {} {} {}", c.id, c.severity, c.category, c.state.as_str()), w),
                theme.error(),
            ));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block(theme, m.t("members.profile"))), left);
    recent(m, theme, f, right, d);
}

fn birthday_marker(m: &Model, birthday: Option<chrono::NaiveDate>) -> String {
    let Some(b) = birthday else { return String::new() };
    let this_year = chrono::NaiveDate::from_ymd_opt(m.today.year(), b.month(), b.day().min(28)).unwrap_or(m.today);
    let days = (this_year - m.today).num_days();
    match days {
        0 => format!("  ★ {}", m.t("members.birthday_today")),
        1..=7 => format!("  ★ {}", m.texts.fill("members.birthday_soon", &[("days", days.to_string())])),
        _ => String::new(),
    }
}

fn recent(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let [stays, ledger] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(stays.height.saturating_sub(2));
    let stay_lines: Vec<Line> = d
        .stays
        .iter()
        .take(rows)
        .map(|s| {
            // The status only when it is not the usual `completed`, so that points fit.
            let status =
                if s.status.as_str() == "completed" { String::new() } else { format!(" {}", s.status.as_str()) };
            let t = format!(
                "#{:<3} {} {} {:>2}n +{}{status}",
                s.seq,
                clean(&s.property),
                m.texts.date(s.arrival),
                s.nights,
                m.texts.number(s.base_points + s.bonus_points)
            );
            Line::raw(fit(&t, w))
        })
        .collect();
    let stay_lines =
        if stay_lines.is_empty() { vec![Line::styled(m.t("members.no_stays"), theme.dim())] } else { stay_lines };
    if super::activities::managed(m, d) {
        super::activities::recent(m, theme, f, stays, d);
    } else {
        f.render_widget(Paragraph::new(stay_lines).block(block(theme, m.t("members.recent_stays"))), stays);
    }
    let rows = usize::from(ledger.height.saturating_sub(2));
    let ledger_lines: Vec<Line> = d
        .ledger
        .iter()
        .take(rows)
        .map(|p| {
            let kinds: Vec<&str> = p.lines.iter().map(|l| l.kind.as_str()).collect();
            let style = if p.net() < 0 { theme.warn() } else { Style::new() };
            Line::styled(
                fit(
                    &format!(
                        "{} {:>9} {} {}",
                        m.texts.date(p.date),
                        signed(m, p.net()),
                        kinds.join("+"),
                        clean(&p.source)
                    ),
                    w,
                ),
                style,
            )
        })
        .collect();
    let ledger_lines =
        if ledger_lines.is_empty() { vec![Line::styled(m.t("members.no_ledger"), theme.dim())] } else { ledger_lines };
    f.render_widget(Paragraph::new(ledger_lines).block(block(theme, m.t("members.recent_ledger"))), ledger);
}

/// A points amount with its sign and thousands separators: `+1,875`, `-3,000`.
pub fn signed(m: &Model, n: i64) -> String {
    format!("{}{}", if n > 0 { "+" } else { "" }, m.texts.number(n))
}
