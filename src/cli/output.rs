//! Printing results as text or JSON.

use super::{Env, Failure};
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::ops::view::MemberView;
use serde::Serialize;
use std::fmt::Write;

/// Prints `value` as JSON with `--json`, else the text `human` builds, made safe for a
/// terminal: names, notes, reasons and other text from the store may hold escape
/// sequences or bidi overrides, which become `�` (JSON escapes controls itself).
pub fn emit<T: Serialize>(env: &Env, value: &T, human: impl FnOnce() -> String) -> Result<(), Failure> {
    let mut text = if env.cli.json {
        serde_json::to_string_pretty(value)
            .map_err(|e| Failure::runtime(CliSays::WriteJson { error: e.to_string() }))?
    } else {
        frontdesk_tui::ui::text::clean_lines(&human())
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    write_stdout(&text)
}

/// Writes to stdout; a reader that went away (`| head`) is not an error: the command
/// has already been applied and saved.
pub fn write_stdout(text: &str) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut out = super::capture::Stdout;
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::runtime(CliSays::WriteOutput { error: e.to_string() })),
    }
}

/// The first line of a command's text output when its external reference had already
/// been applied (`did` says what, e.g. "posted"); empty otherwise.
pub fn already(duplicate: bool, did: &str) -> String {
    if duplicate { format!("already {did} (same external reference): nothing changed\n") } else { String::new() }
}

/// A member as text lines.
pub fn member_text(env: &Env, v: &MemberView) -> String {
    let digits = env.config.store.minor_digits;
    let mut s = String::new();
    let _ = writeln!(s, "{}  {}", v.card, v.name);
    let _ = writeln!(s, "  tier        {}{}", v.tier, v.tier_until.map_or(String::new(), |d| format!(" (until {d})")));
    let _ = writeln!(s, "  balance     {} points ({} expiring in 90 days)", v.balance, v.expiring_90_days);
    let _ = writeln!(s, "  lifetime    {} points", v.lifetime_points);
    let _ = writeln!(
        s,
        "  stays       {} ({} nights), last {}",
        v.stays,
        v.nights,
        v.last_stay.map_or("-".into(), |d| d.to_string())
    );
    if let Some(p) = &v.progress {
        let t = frontdesk_core::i18n::Texts::english();
        let _ = writeln!(
            s,
            "  next tier   {}: {} or {} or {} {} more this year",
            p.next_tier,
            t.count("unit.nights", i64::from(p.nights_needed)),
            t.count("unit.stays", i64::from(p.stays_needed)),
            super::parse::format_money(p.spend_needed_minor, digits),
            env.config.store.currency
        );
    }
    let _ = writeln!(s, "  e-mail      {}", v.email.as_deref().unwrap_or("-"));
    let _ = writeln!(s, "  phone       {}", v.phone.as_deref().unwrap_or("-"));
    let _ = writeln!(s, "  birthday    {}", v.birthday.map_or("-".into(), |d| d.to_string()));
    let _ = writeln!(s, "  property    {}   status {}   enrolled {}", v.property, v.status, v.enrolled_on);
    if v.open_complaints > 0 {
        let _ = writeln!(s, "  complaints  {} open", v.open_complaints);
    }
    s
}

/// One member per line, for lists.
pub fn member_line(v: &MemberView) -> String {
    format!(
        "{}  {} {:<9} {:>9} pts  last stay {}",
        v.card,
        cell(&v.name, 28),
        v.tier,
        v.balance,
        v.last_stay.map_or("-".into(), |d| d.to_string())
    )
}

/// `s` in exactly `n` terminal columns: cut with `…` or padded with spaces, by display
/// width (a Chinese character takes two columns), so that the columns after it line up
/// whatever the script. Use it with a plain `{}`: `{:<n}` pads by characters.
pub fn cell(s: &str, n: usize) -> String {
    frontdesk_tui::ui::text::pad(s, n)
}
