//! The workload's data, the same for both sides: N members and S stays per member,
//! generated from a seed and written as two CSV files in frontdesk's own import layout
//! (`frontdesk import members FILE`, `frontdesk import stays FILE`). The SQLite side reads
//! the very same files.

use chrono::{Days, NaiveDate};
use frontdesk_exchange::demo::rng::Rng;
use std::io::{BufWriter, Write};
use std::path::Path;

const GIVEN: &[&str] = &[
    "Ana", "Bruno", "Carla", "Diogo", "Elena", "Filipe", "Grace", "Hugo", "Ines", "Joao", "Karin", "Luis", "Marta",
    "Nuno", "Olga", "Pedro", "Rita", "Sofia", "Tiago", "Vera", "Wei", "Yuki", "Zoe", "Omar",
];
const SYLLABLES: &[&str] = &[
    "al", "ber", "cos", "dan", "el", "fer", "gar", "hol", "in", "jor", "kal", "lem", "mar", "nor", "ol", "per", "quin",
    "ros", "san", "tor", "ul", "ves", "wal", "zan",
];
/// Channels the stays come through (ota earns nothing and does not qualify by default).
const CHANNELS: &[&str] = &["direct", "direct", "direct", "corporate", "gds", "ota"];
/// The business date of the whole run; every generated stay departs before it.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// The `i`th member's searchable parts (1-based `i`).
pub struct MemberData {
    pub card: String,
    pub given: String,
    pub surname: String,
    pub email: String,
    pub phone: String,
}

/// Member `i`: deterministic, so lookups can pick keys without reading either store.
pub fn member(prefix: &str, i: u64) -> MemberData {
    let mut r = Rng::derive(7, 1, i);
    let given = (*r.pick(GIVEN)).to_string();
    let mut surname: String = (0..3).map(|_| *r.pick(SYLLABLES)).collect();
    if let Some(first) = surname.get(..1) {
        surname = first.to_uppercase() + &surname[1..];
    }
    let email = format!("{}.{}{i}@example.com", given.to_lowercase(), surname.to_lowercase());
    // 48271 is prime to 10^8: a distinct eight-digit tail per member below 10^8.
    let phone = format!("+3519{:08}", (i * 48_271) % 100_000_000);
    MemberData { card: frontdesk_core::domain::card::issue(prefix, i), given, surname, email, phone }
}

/// Writes the members file (N rows) and the stays file (N × `per` rows, in rounds: every
/// member's first stay, then every member's second, … so that dates move forward as in a
/// PMS feed). Returns the number of stay rows.
pub fn write_files(dir: &Path, prefix: &str, members: u64, per: u64, properties: &[String]) -> std::io::Result<u64> {
    let mut w = BufWriter::new(std::fs::File::create(dir.join("members.csv"))?);
    writeln!(w, "card,name,email,phone,birthday,property,enrolled_on")?;
    let epoch = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    for i in 1..=members {
        let m = member(prefix, i);
        let mut r = Rng::derive(7, 2, i);
        let birthday =
            NaiveDate::from_ymd_opt(1950 + r.below(55) as i32, 1 + r.below(12) as u32, 1 + r.below(28) as u32)
                .unwrap_or(epoch);
        let enrolled = epoch + Days::new(r.below(1_400));
        let property = r.pick(properties);
        writeln!(w, "{},{} {},{},{},{birthday},{property},{enrolled}", m.card, m.given, m.surname, m.email, m.phone)?;
    }
    w.flush()?;
    let mut w = BufWriter::new(std::fs::File::create(dir.join("stays.csv"))?);
    writeln!(w, "member,property,arrival,departure,revenue,channel,status,external_ref")?;
    // Stays from 2024-01-01 to early November 2026, one slot of the window per round.
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let slot = 1_040 / per.max(1);
    for round in 0..per {
        for i in 1..=members {
            let mut r = Rng::derive(7, 3 + round, i);
            let arrival = start + Days::new(round * slot + r.below(slot.saturating_sub(5).max(1)));
            let nights = 1 + r.below(4);
            let revenue = nights * (8_000 + r.below(20_000));
            let status = if r.chance(0.05) { "cancelled" } else { "completed" };
            writeln!(
                w,
                "{},{},{arrival},{},{}.{:02},{},{status},vs-{i}-{round}",
                frontdesk_core::domain::card::issue(prefix, i),
                r.pick(properties),
                arrival + Days::new(nights),
                revenue / 100,
                revenue % 100,
                r.pick(CHANNELS),
            )?;
        }
    }
    w.flush()?;
    Ok(members * per)
}
