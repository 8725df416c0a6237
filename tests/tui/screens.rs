//! Every panel and popup drawn at 80×24 and 140×40 over the seeded demo store at a
//! fixed clock, as text snapshots (reviewed for alignment and truncation).

use crate::support;

use crate::support::{CHINESE, Driver, LATIN, plain};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::Lang;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

/// Snapshots the screen at both sizes.
fn snap(d: &mut Driver, name: &str) {
    for (w, h) in SIZES {
        let text = d.render(w, h, &plain());
        for (i, line) in text.lines().enumerate() {
            let cols = unicode_width::UnicodeWidthStr::width(line);
            assert!(cols <= usize::from(w), "{name} {w}x{h} row {i} is {cols} columns wide: {line}");
        }
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

fn demo() -> Driver {
    Driver::demo(Lang::En)
}

#[test]
fn welcome_on_an_empty_store() {
    let mut d = Driver::empty(Lang::En);
    snap(&mut d, "welcome");
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    snap(&mut d, "welcome_empty_selected");
}

#[test]
fn members_search_and_detail() {
    let mut d = demo();
    snap(&mut d, "members_start");
    d.type_str("an");
    snap(&mut d, "members_results");
    d.type_str("zzzzq");
    snap(&mut d, "members_no_match");
    d.open_member(LATIN);
    snap(&mut d, "member_detail_latin");
    d.open_member(CHINESE);
    snap(&mut d, "member_detail_chinese");
    d.press(KeyCode::Char('/'));
    d.ctrl('u');
    d.type_str("zs");
    snap(&mut d, "members_pinyin_initials");
}

#[test]
fn chinese_member_in_the_list() {
    let mut d = demo();
    d.type_str("5678");
    snap(&mut d, "members_phone_tail_chinese");
}

#[test]
fn stays_and_ledger() {
    let mut d = demo();
    snap_points_without_member(&mut d);
    d.open_member(LATIN);
    d.press(KeyCode::Char('2'));
    snap(&mut d, "points_stays_no_stays");
    let busy = busiest_member(&mut d);
    d.open_member(&busy);
    snap(&mut d, "member_detail_busy");
    d.press(KeyCode::Char('2'));
    snap(&mut d, "points_stays");
    d.press(KeyCode::Char('r'));
    snap(&mut d, "form_reverse_stay");
    d.type_str("posted twice");
    d.ctrl('s');
    snap(&mut d, "confirm_reverse_stay");
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Tab);
    snap(&mut d, "points_ledger");
    d.press(KeyCode::Char('s'));
    d.press(KeyCode::Char('s'));
    snap(&mut d, "points_ledger_debits");
}

fn snap_points_without_member(d: &mut Driver) {
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('2'));
    snap(d, "points_no_member");
}

fn busiest_member(d: &mut Driver) -> String {
    d.busiest_card()
}

#[test]
fn rewards() {
    let mut d = demo();
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('3'));
    snap(&mut d, "rewards_no_member");
    let busy = busiest_member(&mut d);
    d.open_member(&busy);
    d.press(KeyCode::Char('3'));
    snap(&mut d, "rewards_member");
    d.press(KeyCode::Tab);
    snap(&mut d, "rewards_member_redemptions");
}

#[test]
fn complaints_and_summaries() {
    let mut d = demo();
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('4'));
    snap(&mut d, "complaints_queue");
    d.press(KeyCode::Enter);
    snap(&mut d, "complaint_detail");
    d.press(KeyCode::Esc);
    for _ in 0..6 {
        d.press(KeyCode::Char('s'));
    }
    snap(&mut d, "complaints_closed_filter");
    d.press(KeyCode::Char('5'));
    snap(&mut d, "summaries");
}

#[test]
fn help_and_too_small() {
    let mut d = demo();
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('?'));
    snap(&mut d, "help");
    let text = d.render(60, 20, &plain());
    insta::assert_snapshot!("too_small_60x20", text);
}

#[test]
fn member_forms() {
    let mut d = demo();
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('n'));
    snap(&mut d, "form_enrol");
    d.type_str("Zoë Ångström");
    d.press(KeyCode::Tab);
    d.type_str("not-an-email");
    d.press(KeyCode::Tab);
    d.type_str("12");
    d.press(KeyCode::Tab);
    d.type_str("1990-13-01");
    d.ctrl('s');
    snap(&mut d, "form_enrol_errors");
    d.press(KeyCode::Esc);
    snap(&mut d, "discard_confirm");
    d.press(KeyCode::Char('n'));
    d.ctrl('c');
    snap(&mut d, "quit_confirm");
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    d.open_member(CHINESE);
    d.press(KeyCode::Char('e'));
    snap(&mut d, "form_edit_chinese");
}

#[test]
fn points_forms_and_confirm() {
    let mut d = demo();
    let busy = busiest_member(&mut d);
    d.open_member(&busy);
    d.press(KeyCode::Char('p'));
    snap(&mut d, "form_post_stay");
    d.type_str("2026-11-20");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("612.50");
    d.ctrl('s');
    snap(&mut d, "confirm_post_stay");
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Char('p'));
    d.type_str("2026-11-21");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("100");
    d.ctrl('s');
    snap(&mut d, "confirm_overlapping_stay");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Char('a'));
    snap(&mut d, "form_adjust");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('3'));
    d.press(KeyCode::Enter);
    snap(&mut d, "confirm_redeem");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('m'));
    snap(&mut d, "messages_log");
}

/// A clerk asking for more than their limit reads, before the yes, that it will wait.
#[test]
fn clerk_adjustment_above_the_limit() {
    let mut d = Driver::clerk();
    let busy = busiest_member(&mut d);
    d.open_member(&busy);
    d.press(KeyCode::Char('a'));
    d.type_str("3000");
    d.press(KeyCode::Tab);
    d.type_str("rate dispute, folio 7781");
    d.ctrl('s');
    snap(&mut d, "confirm_adjust_waits_for_approval");
}

#[test]
fn complaint_forms() {
    let mut d = demo();
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::Char('n'));
    snap(&mut d, "form_log_complaint");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('t'));
    snap(&mut d, "form_transition");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('g'));
    snap(&mut d, "form_goodwill");
    d.press(KeyCode::Esc);
    // Follow-up scores are for resolved complaints: the filter shows those.
    for _ in 0..5 {
        d.press(KeyCode::Char('s'));
    }
    d.press(KeyCode::Char('u'));
    snap(&mut d, "form_follow_up");
    d.press(KeyCode::Esc);
    for _ in 0..3 {
        d.press(KeyCode::Char('s'));
    }
    d.press(KeyCode::Char('F'));
    d.press(KeyCode::Right);
    snap(&mut d, "form_complaint_filter");
    d.ctrl('s');
    snap(&mut d, "complaints_narrowed");
}

#[test]
fn import_prompt_on_the_welcome_screen() {
    let mut d = Driver::empty(Lang::En);
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    d.type_str("/nonexistent/bookings.csv");
    d.ctrl('s');
    snap(&mut d, "form_import_missing_file");
}

#[test]
fn chinese_catalogue() {
    let mut d = Driver::demo(Lang::Zh);
    d.open_member(CHINESE);
    snap(&mut d, "zh_member_detail");
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Char('p'));
    snap(&mut d, "zh_form_post_stay");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('4'));
    snap(&mut d, "zh_complaints_queue");
    d.press(KeyCode::Char('?'));
    snap(&mut d, "zh_help");
    let mut e = Driver::empty(Lang::Zh);
    snap(&mut e, "zh_welcome");
}

/// Store text with ESC, BEL and a right-to-left override never reaches the terminal,
/// and the row it sits in keeps its columns.
#[test]
fn hostile_text_is_drawn_harmlessly() {
    let mut d = demo();
    let card = d.extra.hostile.clone();
    d.type_str(&card);
    let mut screens = vec![("list", d.draw(140, 40, &plain())), ("list80", d.draw(80, 24, &plain()))];
    let text = support::screen_text(&screens[0].1);
    let row = text.lines().find(|l| l.contains("Mallory")).expect("the member is listed").to_string();
    let header = text.lines().find(|l| l.contains("Card") && l.contains("Last stay")).expect("header").to_string();
    let col = |l: &str, s: &str| l.find(s).map(|b| unicode_width::UnicodeWidthStr::width(&l[..b]));
    assert_eq!(col(&row, "Member"), col(&header, "Tier"), "tier column still lines up: {row}");
    assert!(row.contains("Mallory�[31mRed�evil�Bell"), "shown, defused: {row}");
    d.press(KeyCode::Enter);
    screens.push(("detail", d.draw(80, 24, &plain())));
    for tab in ['2', '3'] {
        d.press(KeyCode::Char(tab));
        screens.push(("tab", d.draw(80, 24, &plain())));
    }
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Char('e'));
    screens.push(("edit form", d.draw(80, 24, &plain())));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('a'));
    d.type_str("10");
    d.press(KeyCode::Tab);
    d.type_str("x");
    d.ctrl('s');
    screens.push(("confirm", d.draw(80, 24, &plain())));
    for (name, buf) in &screens {
        for cell in buf.content.iter() {
            let s = cell.symbol();
            assert!(!s.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{name}: unsafe character drawn: {s:?}");
            assert!(!s.chars().any(char::is_control), "{name}: control character drawn: {s:?}");
        }
        let _ = support::screen_text(buf);
    }
}
