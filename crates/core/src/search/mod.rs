//! In-memory member lookup for search-as-you-type: card, phone tail, e-mail, name
//! prefix, pinyin initials and fuzzy name. Built from the members tree at start-up and
//! kept in step by the worker after each write, so it never disagrees with committed
//! data (DESIGN §4: interactive structures live in memory, not as durable keys).

mod build;
mod fuzzy;
mod names;
mod surnames;

pub use names::name_rank;
pub use surnames::{all_initials, initials};

use crate::domain::contact::phone_digits;
use crate::domain::member::Member;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What search needs of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Member id.
    pub id: u64,
    /// Card number.
    pub card: String,
    /// Name folded to lower case.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Phone digits.
    pub phone: String,
    /// Pinyin initials of a Chinese name (`zs` for 张三), its surname read as a surname
    /// first, then the common reading when it differs; empty otherwise.
    pub initials: Vec<String>,
}

impl Entry {
    /// The searchable parts of a member. An erased member is found by card only: its
    /// pseudonym names nobody and would match every erased member.
    pub fn of(m: &Member) -> Entry {
        if m.status == crate::domain::member::MemberStatus::Erased {
            return Entry {
                id: m.id,
                card: m.card.clone(),
                name: String::new(),
                email: String::new(),
                phone: String::new(),
                initials: Vec::new(),
            };
        }
        Entry {
            id: m.id,
            card: m.card.clone(),
            name: m.name.to_lowercase(),
            email: m.email.clone().unwrap_or_default(),
            phone: m.phone.as_deref().map(phone_digits).unwrap_or_default().to_string(),
            initials: all_initials(&m.name),
        }
    }
}

/// Whether `c` is a Han character (CJK unified ideographs and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The words a member is found by: each word of the name, the pinyin initials, and for
/// Han words every tail too, since a Chinese name is written without spaces and any
/// part of it (the given name of 张三丰) must be found as a prefix.
fn words_of(e: &Entry) -> Vec<&str> {
    let mut out = Vec::new();
    for w in e.name.split_whitespace() {
        out.push(w);
        if w.chars().any(is_han) {
            out.extend(w.char_indices().skip(1).map(|(at, _)| &w[at..]));
        }
    }
    out.extend(e.initials.iter().map(String::as_str));
    out.sort_unstable();
    out.dedup();
    out
}

/// The last four digits of the phone: the key of `by_phone4` (none when shorter).
fn phone_tail(e: &Entry) -> Option<&str> {
    e.phone.len().checked_sub(4).map(|at| &e.phone[at..])
}

/// The first letter of the name: the key of `by_initial`.
fn initial(e: &Entry) -> Option<char> {
    e.name.chars().next()
}

/// Most prefix matches gathered before the best are chosen.
const PREFIX_CAP: usize = 2_000;

/// Whether `q` is a single Latin letter: a tenth of a million names start with it, so
/// the list would be noise and the keystroke slow; the clerk is asked for one more.
pub fn too_short(q: &str) -> bool {
    let mut chars = q.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_ascii_alphabetic())
}

/// How a result matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Match {
    /// Card number.
    Card,
    /// Whole e-mail or its start.
    Email,
    /// Phone number ending in the digits typed.
    PhoneTail,
    /// Name or a word of it starting with the text typed.
    NamePrefix,
    /// Pinyin initials of a Chinese name.
    Initials,
    /// Letters of the name in order, with gaps.
    Fuzzy,
}

#[derive(Debug, Default)]
#[cfg_attr(test, derive(PartialEq))]
pub struct Index {
    entries: Vec<Entry>,
    by_id: HashMap<u64, usize>,
    by_card: HashMap<String, usize>,
    by_phone4: HashMap<String, Vec<usize>>,
    /// Every distinct word of every name, and every initials string, with the entries
    /// that have it, ordered by word. Prefix and fuzzy search walk distinct words (a
    /// vocabulary of thousands), not (word, member) pairs (millions at a million names).
    words: BTreeMap<String, Vec<usize>>,
    /// (e-mail, entry), ordered: an e-mail prefix is a range, not a scan of every member.
    emails: BTreeSet<(String, usize)>,
    /// Entries by the first letter of their name: fuzzy matching assumes the first
    /// letter is right, which keeps it within a keystroke's budget at a million names.
    by_initial: HashMap<char, Vec<usize>>,
}

impl Index {
    /// Number of members indexed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Adds or replaces a member.
    pub fn upsert(&mut self, e: Entry) {
        if let Some(&i) = self.by_id.get(&e.id) {
            if self.entries[i] == e {
                return;
            }
            self.unlink(i);
            self.entries[i] = e;
            self.link(i);
        } else {
            self.entries.push(e);
            self.link(self.entries.len() - 1);
        }
    }

    fn link(&mut self, i: usize) {
        let e = &self.entries[i];
        self.by_id.insert(e.id, i);
        self.by_card.insert(e.card.clone(), i);
        if let Some(tail) = phone_tail(e) {
            self.by_phone4.entry(tail.to_string()).or_default().push(i);
        }
        for w in words_of(e) {
            self.words.entry(w.to_string()).or_default().push(i);
        }
        if !e.email.is_empty() {
            self.emails.insert((e.email.clone(), i));
        }
        if let Some(c) = initial(e) {
            self.by_initial.entry(c).or_default().push(i);
        }
    }

    fn unlink(&mut self, i: usize) {
        let e = &self.entries[i];
        self.by_card.remove(&e.card);
        if let Some(v) = phone_tail(e).and_then(|tail| self.by_phone4.get_mut(tail)) {
            v.retain(|x| *x != i);
        }
        for w in words_of(e) {
            if let Some(v) = self.words.get_mut(w) {
                v.retain(|x| *x != i);
                if v.is_empty() {
                    self.words.remove(w);
                }
            }
        }
        self.emails.remove(&(e.email.clone(), i));
        if let Some(v) = initial(e).and_then(|c| self.by_initial.get_mut(&c)) {
            v.retain(|x| *x != i);
        }
    }

    /// Members matching `query`, best first, at most `limit`, as (id, how it matched).
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<(u64, Match)> {
        self.search_with_phones(query, &[], limit)
    }

    /// As [`Index::search`], also finding the members whose number is one of `phones`:
    /// the digits of the E.164 numbers the query means (see
    /// [`crate::domain::phone::query_digits`]), for a number typed whole with a trunk 0 or
    /// an international prefix, which are not in the stored digits.
    pub fn search_with_phones(&mut self, query: &str, phones: &[String], limit: usize) -> Vec<(u64, Match)> {
        let q = query.trim().to_lowercase();
        if q.is_empty() || too_short(&q) {
            return Vec::new();
        }
        let mut out: Vec<(usize, Match)> = Vec::new();
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        let numeric = q.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if numeric && digits.len() >= 4 {
            if let Some(&i) = self.by_card.get(&digits) {
                out.push((i, Match::Card));
            }
            for (whole, tail) in phones.iter().map(|p| (true, p)).chain([(false, &digits)]) {
                let Some(cands) = tail.get(tail.len().saturating_sub(4)..).and_then(|t| self.by_phone4.get(t)) else {
                    continue;
                };
                let hits = cands.iter().filter(|&&i| {
                    let phone = &self.entries[i].phone;
                    if whole { phone == tail } else { phone.ends_with(tail.as_str()) }
                });
                out.extend(hits.map(|&i| (i, Match::PhoneTail)));
            }
        } else if q.contains('@') {
            out.extend(
                self.emails
                    .range((q.clone(), 0)..)
                    .take_while(|(e, _)| e.starts_with(&q))
                    .map(|&(_, i)| (i, Match::Email)),
            );
        } else {
            self.prefix_matches(&q, &mut out);
            if out.len() < limit {
                let have: HashSet<usize> = out.iter().map(|(i, _)| *i).collect();
                let first = q.chars().next().unwrap_or(' ');
                let found = if q.contains(char::is_whitespace) {
                    // Several words: the letters of the whole name, in order.
                    let bucket = self.by_initial.get(&first).map(Vec::as_slice).unwrap_or_default();
                    let names = bucket.iter().map(|&i| (i, self.entries[i].name.as_str()));
                    fuzzy::best(&q, names, limit - out.len(), &have)
                } else {
                    // One word: any word of the name (a surname typed with a typo), its
                    // first letter taken as right; each distinct word is scored once.
                    let words = self
                        .words
                        .range(first.to_string()..)
                        .take_while(|(w, _)| w.starts_with(first))
                        .map(|(w, ids)| (w.as_str(), ids.as_slice()));
                    fuzzy::best_words(&q, words, limit - out.len(), &have)
                };
                out.extend(found.into_iter().map(|i| (i, Match::Fuzzy)));
            }
        }
        self.best(out, limit).into_iter().map(|(i, m)| (self.entries[i].id, m)).collect()
    }

    /// The `limit` best of `out` by (how it matched, name), each entry once with its best
    /// match. A one-letter query matches a large share of a million names: only the
    /// best are sorted, so a keystroke costs a linear pass, not a sort of every match.
    fn best(&self, mut out: Vec<(usize, Match)>, limit: usize) -> Vec<(usize, Match)> {
        let order = |a: &(usize, Match), b: &(usize, Match)| {
            a.1.cmp(&b.1).then_with(|| self.entries[a.0].name.cmp(&self.entries[b.0].name)).then(a.0.cmp(&b.0))
        };
        let dedup = |v: &mut Vec<(usize, Match)>| {
            let mut seen = HashSet::new();
            v.retain(|(i, _)| seen.insert(*i));
        };
        if limit == 0 {
            return Vec::new();
        }
        if out.len() > limit {
            out.select_nth_unstable_by(limit - 1, order);
            let mut head = out[..limit].to_vec();
            head.sort_unstable_by(order);
            let before = head.len();
            dedup(&mut head);
            if head.len() == before {
                // No entry twice among the best: they are the best distinct entries.
                return head;
            }
        }
        out.sort_unstable_by(order);
        dedup(&mut out);
        out.truncate(limit);
        out
    }

    fn prefix_matches(&self, q: &str, out: &mut Vec<(usize, Match)>) {
        // Words in order; a short prefix can match a large share of a million names, so
        // stop once there is plenty to choose the best from: the clerk keeps typing.
        'words: for (w, ids) in self.words.range(q.to_string()..).take_while(|(w, _)| w.starts_with(q)) {
            for &i in ids {
                let e = &self.entries[i];
                let kind =
                    if e.initials.contains(w) && !e.name.contains(q) { Match::Initials } else { Match::NamePrefix };
                out.push((i, kind));
                if out.len() >= PREFIX_CAP {
                    break 'words;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
