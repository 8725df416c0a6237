//! `member find NAME`'s rule: whole name, then name start, then a word's start or the
//! pinyin initials of a Chinese name, then anywhere; ties by card number. The CLI applies
//! it to every member it scans, a server to the names its index holds: the same answer.

use super::{Entry, Index};

/// How well a member's name matches `needle` (lower case), best 0, or None.
/// `initials` is computed only when the needle could be initials.
pub fn name_rank(name: &str, initials: impl FnOnce() -> Vec<String>, needle: &str) -> Option<u8> {
    let could_be_initials = needle.len() >= 2 && needle.chars().all(|c| c.is_ascii_lowercase());
    if name == needle {
        Some(0)
    } else if name.starts_with(needle) {
        Some(1)
    } else if name.split_whitespace().any(|w| w.starts_with(needle))
        || could_be_initials && initials().iter().any(|i| i.starts_with(needle))
    {
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
        if needle.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u8, &Entry)> = self
            .entries
            .iter()
            .filter(|e| !e.name.is_empty())
            .filter_map(|e| name_rank(&e.name, || e.initials.clone(), &needle).map(|r| (r, e)))
            .collect();
        let order = |a: &(u8, &Entry), b: &(u8, &Entry)| a.0.cmp(&b.0).then_with(|| a.1.card.cmp(&b.1.card));
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
        }
        hits.truncate(limit);
        hits.sort_unstable_by(order);
        hits.into_iter().map(|(_, e)| e.id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
