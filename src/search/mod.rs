//! In-memory member lookup for search-as-you-type: card, phone tail, e-mail, name
//! prefix, pinyin initials and fuzzy name. Built from the members tree at start-up and
//! kept in step by the worker after each write, so it never disagrees with committed
//! data (DESIGN §4: interactive structures live in memory, not as durable keys).

mod fuzzy;

use crate::domain::contact::phone_digits;
use crate::domain::member::Member;
use pinyin::ToPinyin;
use std::collections::HashMap;

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
    /// Pinyin initials of a Chinese name (`zs` for 张三); empty otherwise.
    pub initials: String,
}

impl Entry {
    /// The searchable parts of a member.
    pub fn of(m: &Member) -> Entry {
        Entry {
            id: m.id,
            card: m.card.clone(),
            name: m.name.to_lowercase(),
            email: m.email.clone().unwrap_or_default(),
            phone: m.phone.as_deref().map(phone_digits).unwrap_or_default().to_string(),
            initials: initials(&m.name),
        }
    }
}

/// Pinyin initials of the Han characters of `name`, in order.
pub fn initials(name: &str) -> String {
    name.chars().filter_map(|c| c.to_pinyin()).filter_map(|p| p.first_letter().chars().next()).collect()
}

/// How a result matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

/// The index.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
    by_id: HashMap<u64, usize>,
    by_card: HashMap<String, usize>,
    by_phone4: HashMap<String, Vec<usize>>,
    /// (word, entry) sorted by word: every word of every name, and every initials string.
    words: Vec<(String, usize)>,
    words_sorted: bool,
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
        if e.phone.len() >= 4 {
            self.by_phone4.entry(e.phone[e.phone.len() - 4..].to_string()).or_default().push(i);
        }
        for w in e.name.split_whitespace().chain(std::iter::once(e.initials.as_str())).filter(|w| !w.is_empty()) {
            self.words.push((w.to_string(), i));
        }
        if let Some(c) = e.name.chars().next() {
            self.by_initial.entry(c).or_default().push(i);
        }
        self.words_sorted = false;
    }

    fn unlink(&mut self, i: usize) {
        let e = &self.entries[i];
        self.by_card.remove(&e.card);
        if e.phone.len() >= 4
            && let Some(v) = self.by_phone4.get_mut(&e.phone[e.phone.len() - 4..])
        {
            v.retain(|x| *x != i);
        }
        self.words.retain(|(_, x)| *x != i);
        if let Some(v) = e.name.chars().next().and_then(|c| self.by_initial.get_mut(&c)) {
            v.retain(|x| *x != i);
        }
    }

    fn sort_words(&mut self) {
        if !self.words_sorted {
            self.words.sort_unstable();
            self.words_sorted = true;
        }
    }

    /// Members matching `query`, best first, at most `limit`, as (id, how it matched).
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<(u64, Match)> {
        self.sort_words();
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<(usize, Match)> = Vec::new();
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        let numeric = q.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if numeric && digits.len() >= 4 {
            if let Some(&i) = self.by_card.get(&digits) {
                out.push((i, Match::Card));
            }
            if let Some(cands) = self.by_phone4.get(&digits[digits.len() - 4..]) {
                out.extend(
                    cands.iter().filter(|&&i| self.entries[i].phone.ends_with(&digits)).map(|&i| (i, Match::PhoneTail)),
                );
            }
        } else if q.contains('@') {
            out.extend(
                self.entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.email.starts_with(&q))
                    .map(|(i, _)| (i, Match::Email)),
            );
        } else {
            self.prefix_matches(&q, &mut out);
            if out.len() < limit {
                let have: std::collections::HashSet<usize> = out.iter().map(|(i, _)| *i).collect();
                let first = q.chars().next().unwrap_or(' ');
                let bucket = self.by_initial.get(&first).map(Vec::as_slice).unwrap_or_default();
                let names = bucket.iter().map(|&i| (i, self.entries[i].name.as_str()));
                for i in fuzzy::best(&q, names, limit - out.len(), &have) {
                    out.push((i, Match::Fuzzy));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|(i, _)| seen.insert(*i));
        out.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| self.entries[a.0].name.cmp(&self.entries[b.0].name)));
        out.truncate(limit);
        out.into_iter().map(|(i, m)| (self.entries[i].id, m)).collect()
    }

    fn prefix_matches(&self, q: &str, out: &mut Vec<(usize, Match)>) {
        let start = self.words.partition_point(|(w, _)| w.as_str() < q);
        for (w, i) in self.words[start..].iter().take_while(|(w, _)| w.starts_with(q)) {
            let e = &self.entries[*i];
            let kind = if !e.initials.is_empty() && *w == e.initials && !e.name.contains(q) {
                Match::Initials
            } else {
                Match::NamePrefix
            };
            out.push((*i, kind));
        }
        // Han names are one "word"; a query that is part of one matches by containment.
        if !q.is_ascii() {
            out.extend(
                self.entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| !e.name.starts_with(q) && e.name.contains(q))
                    .map(|(i, _)| (i, Match::NamePrefix)),
            );
        }
    }
}

#[cfg(test)]
mod tests;
