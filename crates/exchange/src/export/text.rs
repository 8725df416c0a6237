//! Text forms of the values an export writes in one cell and an import reads back:
//! instants, ledger lines, lots, tags and complaint timelines. Every `parse_*` reads
//! exactly what its writer wrote, so a value survives export → import unchanged.

use chrono::{DateTime, SecondsFormat};
use frontdesk_core::domain::Millis;
use frontdesk_core::domain::complaint::{ComplaintState, TimelineEntry};
use frontdesk_core::domain::ledger::{EntryKind, Line, Lot, LotMove};
use frontdesk_core::i18n::errors::RowSays;
use serde::{Deserialize, Serialize};

/// An instant as RFC 3339 UTC with milliseconds, e.g. `2026-11-23T10:00:00.000Z`.
pub(crate) fn instant(ms: Millis) -> String {
    DateTime::from_timestamp_millis(ms)
        .map_or_else(|| ms.to_string(), |t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// Reads an RFC 3339 instant (any offset) back to UTC milliseconds.
pub(crate) fn parse_instant(s: &str) -> Result<Millis, RowSays> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| RowSays::NotInstant { value: s.to_string() })
}

/// Ledger lines as `kind:points` separated by spaces, e.g. `earn:120 bonus:12`.
pub(crate) fn lines(lines: &[Line]) -> String {
    lines.iter().map(|l| format!("{}:{}", l.kind.as_str(), l.points)).collect::<Vec<_>>().join(" ")
}

/// Reads [`lines`] text.
pub(crate) fn parse_lines(s: &str) -> Result<Vec<Line>, RowSays> {
    s.split_whitespace()
        .map(|item| {
            let bad = || RowSays::NotLedgerLine { value: item.to_string() };
            let (kind, points) = item.split_once(':').ok_or_else(bad)?;
            Ok(Line { kind: EntryKind::parse(kind).ok_or_else(bad)?, points: points.parse().map_err(|_| bad())? })
        })
        .collect()
}

/// Points taken from lots as `lot:points` separated by spaces, e.g. `3:200 5:100`.
pub(crate) fn moves(moves: &[LotMove]) -> String {
    moves.iter().map(|m| format!("{}:{}", m.lot, m.points)).collect::<Vec<_>>().join(" ")
}

/// Reads [`moves`] text.
pub(crate) fn parse_moves(s: &str) -> Result<Vec<LotMove>, RowSays> {
    s.split_whitespace()
        .map(|item| {
            let bad = || RowSays::NotLotMove { value: item.to_string() };
            let (lot, points) = item.split_once(':').ok_or_else(bad)?;
            Ok(LotMove { lot: lot.parse().map_err(|_| bad())?, points: points.parse().map_err(|_| bad())? })
        })
        .collect()
}

/// Unspent lots as `lot:remaining@earned_on` separated by spaces (export only: lots follow
/// from the ledger).
pub(crate) fn lots(lots: &[Lot]) -> String {
    lots.iter().map(|l| format!("{}:{}@{}", l.id, l.remaining, l.earned_on)).collect::<Vec<_>>().join(" ")
}

/// Tags as a JSON array, e.g. `["vip","late checkout"]`; empty text when there are none.
pub(crate) fn tags(tags: &[String]) -> String {
    if tags.is_empty() { String::new() } else { serde_json::to_string(tags).unwrap_or_default() }
}

/// Reads [`tags`] text.
pub(crate) fn parse_tags(s: &str) -> Result<Vec<String>, RowSays> {
    serde_json::from_str(s).map_err(|_| RowSays::NotTags { value: s.to_string() })
}

/// `true` or `false` (also `yes`/`no`, `1`/`0`, any case).
pub(crate) fn parse_bool(s: &str) -> Result<bool, RowSays> {
    match s.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(RowSays::NotTrueFalse { value: s.to_string() }),
    }
}

/// One timeline step as written: states by name, the instant as RFC 3339.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    at: String,
    operator: String,
    from: Option<String>,
    to: String,
    note: String,
}

/// A complaint's timeline as a JSON array of `{at, operator, from, to, note}`.
pub(crate) fn timeline(entries: &[TimelineEntry]) -> String {
    let steps: Vec<Step> = entries
        .iter()
        .map(|e| Step {
            at: instant(e.at),
            operator: e.operator.clone(),
            from: e.from.map(|s| s.as_str().to_string()),
            to: e.to.as_str().to_string(),
            note: e.note.clone(),
        })
        .collect();
    serde_json::to_string(&steps).unwrap_or_default()
}

/// Reads [`timeline`] text.
pub(crate) fn parse_timeline(s: &str) -> Result<Vec<TimelineEntry>, RowSays> {
    let steps: Vec<Step> = serde_json::from_str(s).map_err(|e| RowSays::NotTimeline { error: e.to_string() })?;
    let state =
        |name: &str| ComplaintState::parse(name).ok_or_else(|| RowSays::NotComplaintState { value: name.to_string() });
    steps
        .into_iter()
        .map(|st| {
            Ok(TimelineEntry {
                at: parse_instant(&st.at)?,
                operator: st.operator,
                from: st.from.as_deref().map(state).transpose()?,
                to: state(&st.to)?,
                note: st.note,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn every_form_reads_back_what_it_wrote() {
        let ms = 1_795_428_000_123;
        assert_eq!(instant(ms), "2026-11-23T10:00:00.123Z");
        assert_eq!(parse_instant(&instant(ms)), Ok(ms));
        let l = vec![Line { kind: EntryKind::Earn, points: 120 }, Line { kind: EntryKind::RedeemCancel, points: -7 }];
        assert_eq!(lines(&l), "earn:120 redeem_cancel:-7");
        assert_eq!(parse_lines(&lines(&l)), Ok(l));
        let m = vec![LotMove { lot: 3, points: 200 }, LotMove { lot: 5, points: 1 }];
        assert_eq!(parse_moves(&moves(&m)), Ok(m));
        let t = vec!["vip".to_string(), "a, \"b\"".to_string()];
        assert_eq!(parse_tags(&tags(&t)), Ok(t));
        assert_eq!(tags(&[]), "");
        let tl = vec![TimelineEntry {
            at: ms,
            operator: "ana".into(),
            from: None,
            to: ComplaintState::Open,
            note: "x".into(),
        }];
        assert_eq!(parse_timeline(&timeline(&tl)), Ok(tl));
        let lot = Lot { id: 2, earned_on: NaiveDate::from_ymd_opt(2025, 1, 31).unwrap(), remaining: 40 };
        assert_eq!(lots(&[lot]), "2:40@2025-01-31");
    }

    #[test]
    fn malformed_text_is_refused_with_a_reason() {
        assert!(parse_lines("earn120").unwrap_err().to_string().contains("kind:points"));
        assert!(parse_lines("gift:5").is_err());
        assert!(parse_moves("3:x").is_err());
        assert!(parse_instant("2026-11-23").is_err());
        assert!(parse_timeline("[{\"at\":\"2026-11-23T10:00:00Z\"}]").is_err());
        assert!(parse_bool("maybe").is_err());
    }
}
