//! `member find NAME`'s rule: whole name, then name start, then a word's start or the
//! pinyin initials of a Chinese name, then anywhere; ties by card number. The CLI applies
//! it to every member it scans, a server to the names its index holds: the same answer.

use super::Index;

/// How well a member's name matches `needle` (lower case), best 0, or None.
/// `initials_start` says whether one of the name's pinyin initials starts with the
/// needle; it is asked only when the needle could be initials.
pub fn name_rank(name: &str, initials_start: impl FnOnce(&str) -> bool, needle: &str) -> Option<u8> {
    let could_be_initials = needle.len() >= 2 && needle.chars().all(|c| c.is_ascii_lowercase());
    if name == needle {
        Some(0)
    } else if name.starts_with(needle) {
        Some(1)
    } else if name.split_whitespace().any(|w| w.starts_with(needle)) || could_be_initials && initials_start(needle) {
        Some(2)
    } else if name.contains(needle) {
        Some(3)
    } else {
        None
    }
}

impl Index {
    /// The ids of the members whose name matches `query` by [`name_rank`], best first,
    /// at most `limit`: what scanning every member would answer, from memory.
    pub fn find_names(&self, query: &str, limit: usize) -> Vec<u64> {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() || limit == 0 {
            return Vec::new();
        }
        let rank = |i: usize| {
            let e = &self.entries[i];
            let initials = |n: &str| e.initials.iter().any(|i| i.starts_with(n));
            (!e.name.is_empty()).then(|| name_rank(&e.name, initials, &needle)).flatten().map(|r| (r, i))
        };
        // Every name ranked 0–2 by a one-word needle has a word or initials starting with
        // it, and the index keeps those in order: when they are enough, the names that
        // merely contain the needle (rank 3) cannot be among the best, and no scan is needed.
        if !needle.contains(char::is_whitespace) {
            let mut seen = std::collections::HashSet::new();
            let near: Vec<(u8, usize)> = self
                .words
                .range(needle.clone()..)
                .take_while(|(w, _)| w.starts_with(&needle))
                .flat_map(|(_, ids)| ids.iter().copied())
                .filter(|i| seen.insert(*i))
                .filter_map(rank)
                .filter(|(r, _)| *r <= 2)
                .collect();
            if near.len() >= limit {
                return self.best_by_card(near, limit);
            }
        }
        let all = (0..self.entries.len()).filter_map(rank).collect();
        self.best_by_card(all, limit)
    }

    /// The `limit` best of `hits` by (rank, card), as member ids.
    fn best_by_card(&self, mut hits: Vec<(u8, usize)>, limit: usize) -> Vec<u64> {
        let order = |a: &(u8, usize), b: &(u8, usize)| {
            a.0.cmp(&b.0).then_with(|| self.entries[a.1].card.cmp(&self.entries[b.1].card))
        };
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter().map(|(_, i)| self.entries[i].id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Entry;

    fn entry(id: u64, card: &str, name: &str) -> Entry {
        Entry {
            id,
            card: card.into(),
            name: name.to_lowercase(),
            email: String::new(),
            phone: String::new(),
            initials: super::super::all_initials(name),
        }
    }

    #[test]
    fn names_rank_whole_then_start_then_word_or_initials_then_anywhere_ties_by_card() {
        let mut index = Index::default();
        for (id, card, name) in [
            (1, "5", "Sousa Lima"),
            (2, "4", "Ana Sousa"),
            (3, "3", "Sousa"),
            (4, "2", "Desousa Rui"),
            (5, "1", "Ana Sousa"),
            (6, "6", "张三"),
            (7, "7", "Zhu Shan"),
        ] {
            index.upsert(entry(id, card, name));
        }
        assert_eq!(index.find_names("sousa", 10), vec![3, 1, 5, 2, 4]);
        assert_eq!(index.find_names("SOUSA", 2), vec![3, 1], "any case, the best first");
        assert_eq!(index.find_names("zs", 10), vec![6], "a Chinese name by its initials; a Latin one never");
        assert!(index.find_names("  ", 10).is_empty());
        assert!(index.find_names("nobody", 10).is_empty());
        // Enough names start with it: the rest (rank 3) are not looked at, same answer.
        assert_eq!(index.find_names("sousa", 3), vec![3, 1, 5]);
        assert_eq!(index.find_names("ousa", 10), vec![5, 4, 3, 2, 1], "all anywhere: by card alone");
    }
}
