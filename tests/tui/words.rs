//! Every panel, form, confirmation and overlay drawn over the demo store, in English and
//! Chinese, at 80×24 and 140×40, read for what a clerk should never see: a code where a
//! word belongs (a tier, state, category, channel, ledger kind or severity as stored),
//! a Chinese date cut short, and, with `--ascii`, a symbol an ASCII terminal cannot show.

use crate::support;

use crate::support::{CHINESE, Driver, LATIN, plain};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::Lang;
use frontdesk_tui::ui::theme::Theme;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

/// Every code whose display name the screen should show instead.
fn codes() -> Vec<String> {
    let c = support::config();
    let mut v: Vec<String> = c.tiers.iter().map(|t| t.code.clone()).collect();
    v.extend(frontdesk_core::domain::complaint::ALL_STATES.iter().map(|s| s.as_str().to_string()));
    v.extend(c.all_complaint_categories());
    v.extend(c.channels.canonical.iter().cloned());
    v.extend(c.complaints.channels.iter().cloned());
    v.extend(c.complaints.severities.iter().map(|s| s.code.clone()));
    v.extend(
        [
            "earn",
            "bonus",
            "redeem",
            "redeem_cancel",
            "adjust",
            "goodwill",
            "expire",
            "reverse",
            "opening",
            "activity",
            "promotion",
        ]
        .map(String::from),
    );
    v.sort();
    v.dedup();
    v
}

/// The literal pieces of every catalogue text (split at placeholders and punctuation):
/// what the UI says in its own words, which may use a code's word in a sentence.
fn prose(lang: Lang) -> Vec<String> {
    let file = match lang {
        Lang::En => include_str!("../../config/i18n/en.toml"),
        Lang::Zh => include_str!("../../config/i18n/zh.toml"),
    };
    let table: toml::Table = file.parse().expect("catalogue");
    // Error messages are not the screens' prose: they may list codes (`one of open, …`).
    let messages: Vec<&str> = frontdesk_core::i18n::errors::all_keys()
        .into_iter()
        .filter_map(|(k, _)| k.split_once('.'))
        .map(|(s, _)| s)
        .collect();
    let mut out = Vec::new();
    for (section, value) in table {
        let (Some(t), false) = (value.as_table(), messages.contains(&section.as_str())) else { continue };
        for v in t.values().filter_map(|v| v.as_str()) {
            let mut rest = v.to_string();
            while let (Some(a), Some(b)) = (rest.find('{'), rest.find('}')) {
                if b < a {
                    break;
                }
                rest.replace_range(a..=b, "\u{1}");
            }
            for piece in rest.split(['\u{1}', ',', '.', ';', ':', '—', '·', '(', ')', '|', '“', '”']) {
                let piece = piece.trim();
                if piece.chars().count() >= 4 {
                    out.push(piece.to_string());
                }
            }
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

/// Free text the store holds (descriptions, notes, reasons): it may use any word.
fn free_text(d: &Driver) -> Vec<String> {
    let m = &d.model;
    let mut v: Vec<String> = Vec::new();
    for c in m.complaints.queue.iter().chain(m.complaints.open.iter()) {
        v.push(c.description.clone());
        v.extend(c.timeline.iter().map(|t| t.note.clone()));
    }
    if let Some(x) = &m.detail {
        v.push(x.member.notes.clone());
        v.extend(x.ledger.iter().map(|p| p.reason.clone()));
        v.extend(x.complaints.iter().map(|c| c.description.clone()));
    }
    v.extend(m.office.approvals.iter().map(|a| a.change.reason().to_string()));
    v.extend(m.office.audit.iter().map(|e| e.target.clone()));
    v.extend(m.office.promotions.iter().map(|p| p.promotion.name.clone()));
    v.retain(|t| t.chars().count() >= 6);
    v
}

/// `line` without the longest beginning of `text` (at least 6 characters) it shows: a
/// free text, perhaps cut with `…`.
fn without_text(line: &str, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    for n in (6..=chars.len()).rev() {
        let prefix: String = chars[..n].iter().collect();
        if line.contains(&prefix) {
            return line.replacen(&prefix, " ", 1);
        }
    }
    line.to_string()
}

/// The codes a screen shows as words of their own, outside the UI's sentences and the
/// store's free text.
fn leaked(screen: &str, codes: &[String], prose: &[String], data: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let lines: Vec<&str> = screen.lines().collect();
    // The help bar and status bar name keys and actions ("open", "adjust").
    let body = &lines[..lines.len().saturating_sub(2)];
    for line in body {
        let mut rest = line.to_string();
        for t in data {
            rest = without_text(&rest, t);
        }
        for p in prose {
            rest = rest.replace(p.as_str(), " ");
        }
        // A command quoted in a sentence (`frontdesk expire`) is not a code shown.
        while let (Some(a), Some(b)) = (rest.find('`'), rest.rfind('`')) {
            if b <= a {
                break;
            }
            rest.replace_range(a..=b, " ");
        }
        let words = rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        for w in words.filter(|w| codes.iter().any(|c| c == w)) {
            found.push(format!("`{w}` in: {}", line.trim()));
        }
    }
    found
}

/// A Chinese date cut short: `2026年12…`.
fn cut_dates(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| {
            let chars: Vec<char> = l.chars().collect();
            chars.windows(2).any(|w| matches!(w[0], '年' | '月' | '0'..='9') && w[1] == '…' && l.contains('年'))
        })
        .map(str::to_string)
        .collect()
}

/// Symbols an ASCII terminal cannot show (borders included).
fn not_ascii_symbols(screen: &str) -> Vec<char> {
    let symbols = "▏∞…·—–→←↑↓★•‹›▶⚠×“”┌┐└┘─│┏┓┗┛━┃█▇▆▅▄▃▂▁";
    let mut v: Vec<char> = screen.chars().filter(|c| symbols.contains(*c)).collect();
    v.dedup();
    v
}

/// Draws the screen at both sizes, plain and in ASCII, and checks each drawing.
fn check(d: &mut Driver, name: &str, problems: &mut Vec<String>) {
    let lang = d.model.texts.lang;
    let (codes, prose, data) = (codes(), prose(lang), free_text(d));
    for (w, h) in SIZES {
        let screen = d.render(w, h, &plain());
        for leak in leaked(&screen, &codes, &prose, &data) {
            problems.push(format!("{lang:?} {name} {w}x{h}: {leak}"));
        }
        for cut in cut_dates(&screen) {
            problems.push(format!("{lang:?} {name} {w}x{h}: a date cut short: {cut}"));
        }
        let ascii = d.render(w, h, &Theme { ascii: true, ..plain() });
        let symbols = not_ascii_symbols(&ascii);
        if !symbols.is_empty() {
            problems.push(format!("{lang:?} {name} {w}x{h} --ascii draws {symbols:?}"));
        }
    }
}

/// Walks through every panel and overlay, checking each screen.
fn walk(lang: Lang) -> Vec<String> {
    let mut p = Vec::new();
    let mut d = Driver::rebuilt_in(lang);
    check(&mut d, "members start", &mut p);
    d.press(KeyCode::Char('/'));
    d.type_str("an");
    check(&mut d, "members hits", &mut p);
    d.open_busy();
    check(&mut d, "member detail", &mut p);
    d.press(KeyCode::Char('e'));
    check(&mut d, "edit form", &mut p);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('2'));
    check(&mut d, "stays", &mut p);
    d.press(KeyCode::Tab);
    check(&mut d, "ledger", &mut p);
    d.press(KeyCode::Tab);
    d.press(KeyCode::Char('p'));
    d.type_str("2026-11-20");
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.type_str("450");
    check(&mut d, "post stay form", &mut p);
    d.ctrl('s');
    check(&mut d, "post stay confirmation", &mut p);
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Char('r'));
    check(&mut d, "reverse form", &mut p);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('a'));
    d.type_str("-100");
    d.press(KeyCode::Tab);
    d.type_str("x");
    d.ctrl('s');
    check(&mut d, "adjust confirmation", &mut p);
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Char('3'));
    check(&mut d, "rewards", &mut p);
    d.press(KeyCode::Enter);
    check(&mut d, "redeem confirmation", &mut p);
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Tab);
    check(&mut d, "redemptions", &mut p);
    d.press(KeyCode::Char('4'));
    check(&mut d, "complaints", &mut p);
    d.press(KeyCode::Enter);
    check(&mut d, "complaint detail", &mut p);
    d.press(KeyCode::Char('t'));
    check(&mut d, "transition form", &mut p);
    d.ctrl('s');
    check(&mut d, "transition confirmation", &mut p);
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('n'));
    check(&mut d, "log complaint form", &mut p);
    d.type_str("Kettle missing");
    d.ctrl('s');
    check(&mut d, "log complaint confirmation", &mut p);
    d.press(KeyCode::Char('n'));
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('y'));
    d.press(KeyCode::Char('F'));
    check(&mut d, "narrow form", &mut p);
    d.press(KeyCode::Esc);
    for _ in 0..3 {
        d.press(KeyCode::Char('s'));
        check(&mut d, "complaints filtered", &mut p);
    }
    d.press(KeyCode::Char('5'));
    for view in 0..10 {
        check(&mut d, &format!("summary view {view}"), &mut p);
        d.press(KeyCode::Enter);
        check(&mut d, &format!("summary view {view} opened"), &mut p);
        d.press(KeyCode::Esc);
        if d.model.tab != frontdesk_tui::app::Tab::Summaries {
            d.press(KeyCode::Char('5'));
        }
        d.press(KeyCode::Char(']'));
    }
    d.press(KeyCode::Char('6'));
    for view in 0..3 {
        check(&mut d, &format!("office view {view}"), &mut p);
        d.press(KeyCode::Char(']'));
    }
    d.press(KeyCode::Char('?'));
    check(&mut d, "help", &mut p);
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('m'));
    check(&mut d, "messages", &mut p);
    d.press(KeyCode::Esc);
    d.open_member(CHINESE);
    check(&mut d, "chinese member", &mut p);
    d.open_member(LATIN);
    d.press(KeyCode::Char('4'));
    d.press(KeyCode::Char('n'));
    d.type_str("x");
    d.ctrl('c');
    check(&mut d, "quit question", &mut p);
    p
}

#[test]
fn no_code_shows_where_a_word_belongs_in_english() {
    let problems = walk(Lang::En);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn no_code_shows_where_a_word_belongs_in_chinese() {
    let problems = walk(Lang::Zh);
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// A resident of the managed property: activities, the fee form, a repair request.
#[test]
fn a_resident_s_screens_show_words_too() {
    for lang in [Lang::En, Lang::Zh] {
        let mut p = Vec::new();
        let mut d = Driver::rebuilt_in(lang);
        // The demo enrols its 300 hotel members first: the residents' ids start at 301.
        d.open_member(&frontdesk_core::domain::card::issue("62", 301));
        check(&mut d, "resident detail", &mut p);
        d.press(KeyCode::Char('2'));
        check(&mut d, "activities", &mut p);
        d.press(KeyCode::Char('p'));
        check(&mut d, "record activity form", &mut p);
        d.press(KeyCode::Esc);
        d.press(KeyCode::Char('4'));
        d.press(KeyCode::Char('n'));
        check(&mut d, "repair request form", &mut p);
        assert!(p.is_empty(), "{}", p.join("\n"));
    }
}

/// The checks themselves: a code in a cell is found, the UI's own sentences and the
/// store's free text are not codes, a cut Chinese date and an ASCII-unsafe symbol show.
#[test]
fn the_checks_find_what_they_look_for() {
    let (codes, prose) = (codes(), prose(Lang::En));
    let screen =
        "│620000000187 Louis gold  in_progress │\n│Open a member first │\n│Wi-Fi drops noise │\nhelp\nstatus\n";
    let found = leaked(screen, &codes, &prose, &["Wi-Fi drops noise at night".to_string()]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("`gold`") && found[1].starts_with("`in_progress`"), "{found:?}");
    assert_eq!(cut_dates("│2026年12… │\n│2026年12月02日│\n").len(), 1);
    assert_eq!(not_ascii_symbols("+--+ a … b"), vec!['…']);
}

/// On a wide terminal the name column stays readable but bounded, and Chinese dates are
/// whole (birthdays, recent stays, search hits).
#[test]
fn wide_terminals_give_room_where_it_is_needed() {
    let mut d = Driver::rebuilt_in(Lang::En);
    d.press(KeyCode::Char('/'));
    d.type_str("an");
    let screen = d.render(160, 50, &plain());
    let header = screen.lines().find(|l| l.contains("Card") && l.contains("Tier")).expect("the hits' header");
    let at = |s: &str| header.find(s).map(|b| unicode_width::UnicodeWidthStr::width(&header[..b]));
    let name_cols = at("Tier").zip(at("Name")).map(|(t, n)| t - n);
    assert!(name_cols.is_some_and(|w| w <= 41), "the name takes at most 40 columns: {header}");
    let mut z = Driver::rebuilt_in(Lang::Zh);
    let mut p = Vec::new();
    z.open_busy();
    for (w, h) in [(80, 24), (160, 50)] {
        p.extend(cut_dates(&z.render(w, h, &plain())));
    }
    z.press(KeyCode::Char('5'));
    while z.model.summaries.view != frontdesk_tui::app::summaries::SummaryView::Birthdays {
        z.press(KeyCode::Char(']'));
    }
    for (w, h) in [(80, 24), (160, 50)] {
        let screen = z.render(w, h, &plain());
        assert!(screen.contains("年"), "the birthdays show dates:\n{screen}");
        p.extend(cut_dates(&screen));
    }
    assert!(p.is_empty(), "dates cut short: {p:?}");
}
