//! Members tab: the search box with its hits, or the open member's detail.

use super::table::{Column, List};
use super::text::{clean, fit, skip_cols};
use super::theme::Theme;
use super::{main_focused, pane};
use crate::app::Model;
use crate::app::focus::Pane;
use crate::app::msg::MemberDetail;
use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the Members tab.
pub(crate) fn draw(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    match (&m.detail, m.members.show_detail) {
        (Some(d), true) => detail(m, theme, f, area, d),
        _ => list(m, theme, f, area),
    }
}

fn search_box(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let focused = m.popups.is_empty() && m.pane() == Pane::SearchBox;
    let b = pane(theme, m.t("members.find"), focused);
    let inner = b.inner(area);
    let prompt = format!("{} ", m.t("members.search"));
    let room = usize::from(inner.width).saturating_sub(super::text::width(&prompt) + 1);
    let q = &m.members.query;
    let scroll = q.visual_scroll(room);
    let shown = fit(&skip_cols(&clean(q.value()), scroll), room);
    let line = Line::from(vec![Span::styled(prompt.clone(), theme.dim()), Span::raw(shown)]);
    f.render_widget(Paragraph::new(line).block(b), area);
    if focused {
        let x = inner.x + (super::text::width(&prompt) + q.visual_cursor() - scroll) as u16;
        f.set_cursor_position(Position { x: x.min(inner.x + inner.width.saturating_sub(1)), y: inner.y });
    }
}

fn list(m: &Model, theme: &Theme, f: &mut Frame, area: Rect) {
    let [search, results] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    search_box(m, theme, f, search);
    let title = m.texts.fill("members.found", &[("n", m.texts.number(m.members.rows.len() as i64))]);
    let q = m.members.query.value().trim().to_lowercase();
    let empty = if q.is_empty() {
        m.t("members.hint")
    } else if frontdesk_core::search::too_short(&q) {
        m.t("members.more")
    } else if m.members.found != m.search_generation && !m.searchable {
        m.t("members.preparing")
    } else if m.members.found != m.search_generation {
        m.t("members.searching")
    } else {
        m.t("members.none")
    };
    let cols = vec![
        Column::new(m.t("col.card")),
        Column::new(m.t("col.name")).grow(10).max(40),
        Column::new(m.t("col.tier")).max(12),
        Column::new(m.t("col.balance")).right(),
        Column::new(m.t("col.last_stay")).optional(),
        Column::new(m.t("col.property")).optional(),
    ];
    let rows = m
        .members
        .rows
        .iter()
        .map(|r| {
            let v = &r.view;
            vec![
                v.card.clone(),
                v.name.clone(),
                m.tier(&v.tier),
                m.texts.number(v.balance),
                v.last_stay.map_or("-".to_string(), |d| m.texts.date(d)),
                v.property.clone(),
            ]
        })
        .collect();
    let focused = main_focused(m);
    // Typing, the highlighted hit is what Enter opens: it shows as it does on the list.
    let targeted = focused || (m.popups.is_empty() && m.pane() == Pane::SearchBox);
    if q.is_empty() || m.members.rows.is_empty() {
        // The hint can be long: wrap it rather than cut it.
        let b = pane(theme, title, focused);
        let p = Paragraph::new(Line::styled(empty, theme.dim())).wrap(Wrap { trim: false }).block(b);
        f.render_widget(p, results);
        return;
    }
    List::new(cols, rows)
        .selected(m.members.cursor.index())
        .pane(theme, title, focused)
        .focused(targeted)
        .draw(theme, f, results);
}

fn detail(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let w = usize::from(left.width.saturating_sub(2));
    let lines = profile(m, theme, d, w);
    let b = pane(theme, m.t("members.profile"), main_focused(m));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(b), left);
    recent(m, theme, f, right, d);
}

fn profile(m: &Model, theme: &Theme, d: &MemberDetail, w: usize) -> Vec<Line<'static>> {
    let v = &d.view;
    let n = |x: i64| m.texts.number(x);
    let date = |x: Option<chrono::NaiveDate>| x.map_or("-".to_string(), |d| m.texts.date(d));
    let mut lines = vec![Line::styled(fit(&format!("{}  {}", v.card, v.name), w), theme.accent())];
    let until = v.tier_until.map_or(String::new(), |u| format!(" ({} {})", m.t("label.until"), m.texts.date(u)));
    lines.push(Line::raw(fit(&format!("{}: {}{until}", m.t("label.tier"), m.tier(&v.tier)), w)));
    // Residents do not stay: tier progress in nights and stays would only puzzle them.
    if let Some(p) = v.progress.as_ref().filter(|_| !super::activities::managed(m, d)) {
        let spend = m.texts.money(p.spend_needed_minor, m.config.store.minor_digits, &m.config.store.currency);
        // Wrapped, not cut: what the member still needs is the point of the line.
        let progress = m.texts.fill(
            "members.progress",
            &[
                ("tier", m.tier(&p.next_tier)),
                ("nights", m.texts.count("unit.nights", i64::from(p.nights_needed))),
                ("stays", m.texts.count("unit.stays", i64::from(p.stays_needed))),
                ("spend", spend),
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
        let stays = format!(
            "{}: {} · {}: {}",
            m.t("label.stays_nights"),
            m.texts
                .fill("members.stays_nights", &[("stays", n(i64::from(v.stays))), ("nights", n(i64::from(v.nights)))]),
            m.t("col.last_stay"),
            date(v.last_stay)
        );
        lines.push(Line::raw(clean(&stays)));
    }
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("field.email"), v.email.as_deref().unwrap_or("-")), w)));
    // Grouped as dialled (+86 138 0013 8000); a masked or kept-as-written phone as it is.
    let phone = v.phone.as_deref().map_or_else(|| "-".into(), frontdesk_core::domain::phone::pretty);
    lines.push(Line::raw(fit(&format!("{}: {phone}", m.t("field.phone")), w)));
    let bday = birthday_marker(m, v.birthday);
    lines.push(Line::raw(clean(&format!("{}: {}{bday}", m.t("field.birthday"), date(v.birthday)))));
    let status = m.word(crate::app::words::Vocabulary::MemberStatus, &v.status);
    lines.push(Line::raw(fit(
        &format!("{}: {} · {}: {status}", m.t("field.property"), v.property, m.t("label.status")),
        w,
    )));
    lines.push(Line::raw(fit(&format!("{}: {}", m.t("label.enrolled"), m.texts.date(v.enrolled_on)), w)));
    if !d.member.notes.is_empty() {
        lines.push(Line::styled(fit(&d.member.notes.replace('\n', " · "), w), theme.dim()));
    }
    let open: Vec<_> = d.complaints.iter().filter(|c| c.state.is_open()).collect();
    if !open.is_empty() {
        lines.push(Line::styled(fit(&m.texts.count("members.open_complaints", open.len() as i64), w), theme.error()));
        for c in open.iter().take(3) {
            let t = format!(
                "  #{} {} · {} · {}",
                c.id,
                m.severity(&c.severity),
                m.category(&c.category),
                m.state(c.state.as_str())
            );
            lines.push(Line::styled(fit(&t, w), theme.error()));
        }
    }
    lines
}

fn birthday_marker(m: &Model, birthday: Option<chrono::NaiveDate>) -> String {
    let Some(b) = birthday else { return String::new() };
    let this_year = chrono::NaiveDate::from_ymd_opt(m.today.year(), b.month(), b.day().min(28)).unwrap_or(m.today);
    let days = (this_year - m.today).num_days();
    match days {
        0 => format!("  ★ {}", m.t("members.birthday_today")),
        1..=7 => format!("  ★ {}", m.texts.count("members.birthday_soon", days)),
        _ => String::new(),
    }
}

fn recent(m: &Model, theme: &Theme, f: &mut Frame, area: Rect, d: &MemberDetail) {
    let [stays, ledger] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    if super::activities::managed(m, d) {
        super::activities::recent(m, theme, f, stays, d);
    } else {
        let rows: Vec<Vec<String>> = d
            .stays
            .iter()
            .map(|s| {
                // The status only when it is not the usual completed stay.
                let status = if s.status == frontdesk_core::domain::stay::StayStatus::Completed {
                    String::new()
                } else {
                    m.word(crate::app::words::Vocabulary::StayStatus, s.status.as_str())
                };
                vec![
                    format!("#{}", s.seq),
                    s.property.clone(),
                    m.texts.date(s.arrival),
                    m.texts.number(i64::from(s.nights)),
                    m.texts.signed(s.base_points + s.bonus_points),
                    status,
                ]
            })
            .collect();
        let cols = vec![
            Column::new(m.t("col.stay")),
            Column::new(m.t("col.property")),
            Column::new(m.t("col.arrival")),
            Column::new(m.t("col.nights")).right(),
            Column::new(m.t("col.points")).right(),
            Column::new(m.t("col.status")).optional(),
        ];
        List::new(cols, rows)
            .empty(m.t("members.no_stays"))
            .pane(theme, m.t("members.recent_stays"), false)
            .draw(theme, f, stays);
    }
    let rows: Vec<Vec<String>> = d
        .ledger
        .iter()
        .map(|p| vec![m.texts.date(p.date), m.texts.signed(p.net()), m.kinds(p), m.source(&clean(&p.source))])
        .collect();
    let styles = d.ledger.iter().map(|p| if p.net() < 0 { theme.warn() } else { Style::new() }).collect();
    let cols = vec![
        Column::new(m.t("col.date")),
        Column::new(m.t("col.points")).right(),
        Column::new(m.t("col.kind")).max(20),
        Column::new(m.t("col.source")).optional(),
    ];
    List::new(cols, rows)
        .styles(styles)
        .empty(m.t("members.no_ledger"))
        .pane(theme, m.t("members.recent_ledger"), false)
        .draw(theme, f, ledger);
}
