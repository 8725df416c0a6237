//! Terminal injection: free text holding escape sequences (CSI `ESC [`, OSC 8 / 52
//! `ESC ]`… BEL), C0 controls (CR, LF, TAB, BS, DEL), C1 controls (U+0080–U+009F), bidi
//! overrides and zero-width characters is stored through the real ops (member names,
//! notes, complaint descriptions and notes, reasons, reward and promotion names, activity
//! codes, operator names) and drawn through every panel, view and popup with ratatui's
//! TestBackend: no control or bidi character from the data may reach any cell.
//!
//! CI: 6 seeds of hostile text. `FRONTDESK_INJECTION_SEEDS=N` runs more.

use crate::support;

use crate::support::{Driver, plain};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use frontdesk_core::domain::activity::Activity;
use frontdesk_core::domain::ledger::EntryKind;
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_core::domain::promotion::{Effect, Eligibility};
use frontdesk_service::jobs::Job;
use frontdesk_store::ops::{
    ActivityInput, Adjustment, Command, ComplaintInput, ComplaintUpdate, MemberChanges, MemberRef, NewMember,
    PromotionInput, RedeemInput, Reply, RewardInput, StayInput,
};
use frontdesk_tui::app::summaries::SummaryView;
use ratatui::buffer::Buffer;

/// Pieces of hostile text: escape sequences, controls, bidi and zero-width characters.
const NASTY: [&str; 16] = [
    "\u{1b}[31m",
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}[2J\u{1b}[H",
    "\r",
    "\n",
    "\t",
    "\u{8}\u{8}",
    "\u{7f}",
    "\u{9b}31m",
    "\u{9d}0;title\u{9c}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}\u{2069}",
    "\u{200b}\u{200d}",
    "\u{feff}",
];

/// Whether a character must never reach a terminal cell: C0, DEL, C1, bidi controls.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// `prefix` followed by a random mix of plain words and hostile pieces.
    fn text(&mut self, prefix: &str, max_chars: usize) -> String {
        let mut s = prefix.to_string();
        for _ in 0..(3 + self.next() % 5) {
            if self.next().is_multiple_of(3) {
                s.push_str(["ok", "Zoë", "王", "x"][(self.next() % 4) as usize]);
            } else {
                s.push_str(NASTY[(self.next() % NASTY.len() as u64) as usize]);
            }
        }
        s.chars().take(max_chars).collect()
    }
}

/// Asserts that no cell of `buf` holds a forbidden character.
fn assert_clean(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content.iter().enumerate() {
        let sym = cell.symbol();
        if let Some(c) = sym.chars().find(|c| forbidden(*c)) {
            let (x, y) = (i % usize::from(buf.area.width), i / usize::from(buf.area.width));
            panic!("{what}: cell ({x},{y}) holds U+{:04X}\n{}", u32::from(c), support::screen_text(buf));
        }
    }
}

/// Draws at both sizes and checks every cell; `marker` (the start of some hostile text)
/// must show at 140×40, so that the screen really holds the data.
fn check(d: &mut Driver, what: &str, marker: &str) -> usize {
    for (w, h) in [(80, 24), (140, 40)] {
        let buf = d.draw(w, h, &plain());
        assert_clean(&buf, &format!("{what} {w}x{h}"));
        let text = support::screen_text(&buf);
        assert!(w == 80 || text.contains(marker), "{what}: `{marker}` is not on the screen:\n{text}");
        if std::env::var_os("DUMP").is_some() {
            eprintln!("==== {what} {w}x{h}\n{}", support::screen_text(&buf));
        }
    }
    1
}

fn run(d: &mut Driver, cmd: Command) -> Option<Reply> {
    let job = Job::Execute { generation: 0, command: Box::new(cmd), reload: None };
    d.answers(job).into_iter().find_map(|m| match m {
        frontdesk_tui::app::msg::Msg::Done(done) => match done.result {
            frontdesk_service::jobs::JobResult::Executed(Ok(r)) => Some(*r),
            _ => None,
        },
        _ => None,
    })
}

/// Cards and ids of the records holding hostile text.
struct Hostile {
    guest: String,
    resident: String,
    complaints: Vec<u64>,
}

/// Stores hostile text in every free-text field the ops accept.
fn store_hostile(d: &mut Driver, r: &mut Rng) -> Hostile {
    let today = support::today();
    let operator = r.text("op", 40);
    d.worker.set_actor(Actor { name: operator, role: Role::Manager });
    let mut cards = Vec::new();
    for property in ["LIS", "LRG"] {
        let add = Command::AddMember(NewMember {
            name: r.text("Zed", 60),
            birthday: NaiveDate::from_ymd_opt(1990, 11, 25),
            property: Some(property.into()),
            channel: "desk".into(),
            ..NewMember::default()
        });
        let Some(Reply::Member(v)) = run(d, add) else { panic!("hostile member enrolled") };
        let who = MemberRef::Card(v.member.card.clone());
        let notes = MemberChanges { notes: Some(r.text("note", 200)), ..MemberChanges::default() };
        assert!(run(d, Command::UpdateMember(who.clone(), Box::new(notes))).is_some(), "notes saved");
        cards.push(v.member.card);
    }
    let who = MemberRef::Card(cards[0].clone());
    let resident = MemberRef::Card(cards[1].clone());
    let reward_code = format!("EVIL{}", r.next() % 1000);
    let reward = RewardInput {
        code: reward_code.clone(),
        name: r.text("Prize", 60),
        points: 100,
        stock: Some(5),
        min_tier: "member".into(),
        partial: false,
        property: None,
        valid_from: None,
        valid_until: None,
        external_ref: None,
    };
    let promo = PromotionInput {
        code: format!("P{}", r.next() % 1000),
        name: r.text("Promo", 60),
        starts: today,
        ends: today,
        eligibility: Eligibility::default(),
        effect: Effect::Fixed { points: 10 },
        member_cap: None,
        budget: None,
    };
    let arrival = today - chrono::Days::new(5);
    let stay = |external_ref| StayInput {
        member: who.clone(),
        property: None,
        arrival,
        departure: arrival + chrono::Days::new(2),
        revenue_minor: 50_000,
        channel: "direct".into(),
        status: frontdesk_core::domain::stay::StayStatus::Completed,
        external_ref,
    };
    let adjust = |points, reason| {
        Command::AdjustPoints(Adjustment {
            member: who.clone(),
            points,
            reason,
            kind: EntryKind::Adjust,
            external_ref: None,
        })
    };
    let event = |member: &MemberRef, code| {
        Command::RecordActivity(Box::new(ActivityInput {
            member: member.clone(),
            activity: Activity::Event { code },
            date: None,
            property: None,
            external_ref: None,
        }))
    };
    let setup = vec![
        Command::AddReward(reward),
        Command::AddPromotion(Box::new(promo)),
        Command::PostStay(stay(Some(r.text("ref", 40)))),
        Command::PostStay(stay(None)),
        Command::ReverseStay { member: who.clone(), seq: 2, reason: r.text("why", 80), external_ref: None },
        adjust(2_000, r.text("adj", 80)),
        Command::Redeem(RedeemInput {
            member: who.clone(),
            reward: reward_code.clone(),
            points: None,
            property: None,
            external_ref: None,
        }),
    ];
    for cmd in setup {
        assert!(run(d, cmd.clone()).is_some(), "{cmd:?} applied");
    }
    let redeem =
        RedeemInput { member: who.clone(), reward: reward_code, points: None, property: None, external_ref: None };
    if let Some(Reply::Redemption(o)) = run(d, Command::Redeem(redeem)) {
        run(d, Command::CancelRedemption { id: o.id, reason: r.text("undo", 80), external_ref: None });
    }
    let _ = run(d, event(&resident, r.text("ev", 40)));
    let _ = run(d, event(&who, r.text("ev", 40)));
    let mut complaints = Vec::new();
    for member in [Some(who.clone()), Some(resident), None] {
        let log = ComplaintInput {
            member,
            property: None,
            category: "noise".into(),
            severity: "high".into(),
            channel: "desk".into(),
            description: r.text("Complaint", 300),
            external_ref: None,
        };
        let Some(Reply::Complaint(c)) = run(d, Command::LogComplaint(log)) else { panic!("complaint logged") };
        complaints.push(c.complaint.id);
        let note = ComplaintUpdate {
            id: c.complaint.id,
            to: Some(frontdesk_core::domain::complaint::ComplaintState::Acknowledged),
            note: r.text("seen", 120),
            ..ComplaintUpdate::default()
        };
        assert!(run(d, Command::UpdateComplaint(note)).is_some(), "complaint note saved");
    }
    // A clerk's request above the limit waits in the office queue with its reason.
    d.worker.set_actor(Actor { name: r.text("clerk", 40), role: Role::Clerk });
    assert!(run(d, adjust(3_000, r.text("ask", 80))).is_some(), "request filed");
    d.worker.set_actor(Actor { name: "ana".into(), role: Role::Manager });
    Hostile { guest: cards.remove(0), resident: cards.remove(0), complaints }
}

/// Walks every panel, view and popup over the hostile records; returns screens checked.
fn walk(d: &mut Driver, h: &Hostile) -> usize {
    let (guest, resident) = (h.guest.as_str(), h.resident.as_str());
    let mut n = 0;
    d.press(KeyCode::Char('1'));
    d.press(KeyCode::Char('/'));
    d.ctrl('u');
    d.type_str("Zed");
    n += check(d, "members list", "Zed");
    d.open_member(guest);
    n += check(d, "member detail", "Zed");
    d.press(KeyCode::Char('e'));
    n += check(d, "edit form", "Zed");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Esc);
    for (tab, what, marker) in [('2', "stays", "Zed"), ('3', "rewards", "Prize")] {
        d.press(KeyCode::Char(tab));
        n += check(d, what, marker);
        d.press(KeyCode::Enter);
        n += check(d, &format!("{what} after enter"), "Zed");
        d.press(KeyCode::Tab);
        n += check(d, &format!("{what} after tab"), "Zed");
        d.press(KeyCode::Esc);
    }
    d.press(KeyCode::Char('2'));
    d.press(KeyCode::Char('p'));
    n += check(d, "post stay form", "");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Esc);
    d.open_member(resident);
    n += check(d, "resident detail", "Zed");
    d.press(KeyCode::Char('2'));
    n += check(d, "activities", "ev");
    d.press(KeyCode::Char('r'));
    n += check(d, "reverse activity confirmation", "");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('4'));
    n += check(d, "complaints queue", "");
    for id in &h.complaints {
        let at = d.model.complaints.queue.iter().position(|c| c.id == *id).expect("complaint in the queue");
        while d.model.complaints.cursor.index() != at {
            d.press(if d.model.complaints.cursor.index() < at { KeyCode::Down } else { KeyCode::Up });
        }
        n += check(d, "complaints queue at a hostile complaint", "Complaint");
        d.press(KeyCode::Enter);
        n += check(d, "complaint detail", "seen");
        d.press(KeyCode::Char('t'));
        n += check(d, "complaint transition form", "");
        d.press(KeyCode::Esc);
        d.press(KeyCode::Esc);
    }
    d.press(KeyCode::Char('5'));
    for view in SummaryView::ALL {
        d.go_to_view(view);
        n += check(d, &format!("summary {view:?}"), "");
    }
    d.press(KeyCode::Char('6'));
    // Approvals (the clerk's reason), audit (operator names), promotions (names).
    for (view, marker) in ["ask", "op", "Promo"].into_iter().enumerate() {
        n += check(d, &format!("office view {view}"), marker);
        d.press(KeyCode::Enter);
        n += check(d, &format!("office view {view} confirmation"), "");
        d.press(KeyCode::Esc);
        d.press(KeyCode::Char(']'));
    }
    d.press(KeyCode::Char('?'));
    n += check(d, "help", "");
    d.press(KeyCode::Esc);
    d.press(KeyCode::Char('q'));
    n + check(d, "quit confirmation", "")
}

#[test]
fn no_control_character_from_the_data_reaches_a_cell() {
    let seeds = std::env::var("FRONTDESK_INJECTION_SEEDS").ok().and_then(|v| v.parse().ok()).unwrap_or(6u64);
    let mut screens = 0;
    for seed in 1..=seeds {
        let mut d = Driver::idle();
        let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
        let hostile = store_hostile(&mut d, &mut r);
        screens += walk(&mut d, &hostile);
    }
    eprintln!("terminal injection: {seeds} seeds, {screens} screens × 2 sizes, all clean");
}
