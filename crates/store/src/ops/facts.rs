//! Keeping the analytics counters (`domain::analytics::facts`) and the birthday index up
//! to date: every member and complaint write goes through [`Stage::put_member`] or
//! [`Stage::put_complaint`], which read the previous version and stage `after − before`.

use super::{OpError, Stage};
use crate::store::codec;
use crate::store::records::FactCells;
use crate::store::{StoreError, T, hex, keys};
use chrono::Datelike;
use frontdesk_core::config::Config;
use frontdesk_core::domain::analytics::facts::{self, FactSet};
use frontdesk_core::domain::complaint::Complaint;
use frontdesk_core::domain::member::{Member, MemberStatus};

impl Stage<'_> {
    /// Stages a member write with the counters and birthday key it moves.
    pub fn put_member(&self, config: &Config, m: &Member) -> Result<(), OpError> {
        let key = keys::id(m.id);
        let before: Option<Member> = self.get(T::Members, &key)?;
        self.put(T::Members, &key, m);
        let old = before.as_ref().map(|b| facts::member_facts(b, config)).unwrap_or_default();
        self.stage_facts(&old, &facts::member_facts(m, config));
        let note = |m: &Member| keys::birthday_note(m.status == MemberStatus::Active, &m.home_property);
        let old_birthday = before.as_ref().and_then(|b| b.birthday);
        let old_note = before.as_ref().map(note);
        if old_birthday != m.birthday || old_note.as_ref() != Some(&note(m)) {
            if let Some(d) = old_birthday {
                self.remove(T::Keys, &keys::birthday(d.month(), d.day(), m.id));
            }
            if let Some(d) = m.birthday {
                self.put_raw(T::Keys, &keys::birthday(d.month(), d.day(), m.id), note(m));
            }
        }
        Ok(())
    }

    /// Stages a complaint write with the counters it moves.
    pub(crate) fn put_complaint(&self, c: &Complaint) -> Result<(), OpError> {
        let key = keys::id(c.id);
        let before: Option<Complaint> = self.get(T::Complaints, &key)?;
        self.put(T::Complaints, &key, c);
        let old = before.as_ref().map(facts::complaint_facts).unwrap_or_default();
        self.stage_facts(&old, &facts::complaint_facts(c));
        Ok(())
    }

    fn stage_facts(&self, before: &[(facts::FactKey, i64)], after: &[(facts::FactKey, i64)]) {
        let mut all = self.facts.borrow_mut();
        facts::add(&mut all, after, 1);
        facts::add(&mut all, before, -1);
    }
}

/// Decodes a counter record (absent = empty).
pub(crate) fn decode_cells(key: &[u8], bytes: Option<Vec<u8>>) -> Result<FactCells, OpError> {
    match bytes {
        None => Ok(FactCells::default()),
        Some(b) => codec::decode(&b)
            .map_err(|reason| OpError::Store(StoreError::Corrupt { tree: T::Agg.name(), key: hex(key), reason })),
    }
}

/// Adds `delta` to the counter records read by `read`, writing each changed record once
/// with `write` (`None` removes an emptied record), then the derived counters.
pub(super) fn settle(
    delta: FactSet,
    read: impl Fn(&[u8]) -> Result<Option<Vec<u8>>, OpError>,
    mut write: impl FnMut(&[u8], Option<Vec<u8>>),
) -> Result<(), OpError> {
    let mut derived = FactSet::new();
    for (pass, set) in [delta, FactSet::new()].into_iter().enumerate() {
        let set = if pass == 0 { set } else { std::mem::take(&mut derived) };
        for (record, cells) in set {
            let old = decode_cells(&record, read(&record)?)?;
            let mut new = old.clone();
            for (cell, v) in cells {
                let e = new.0.entry(cell).or_insert(0);
                *e += v;
                if *e == 0 {
                    new.0.retain(|_, v| *v != 0);
                }
            }
            if pass == 0 {
                facts::add(&mut derived, &facts::derived(&record, &old.0, &new.0), 1);
            }
            write(&record, if new.0.is_empty() { None } else { Some(codec::encode(&new)) });
        }
    }
    Ok(())
}
