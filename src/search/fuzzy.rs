//! Fuzzy name matching for typos and gaps, with nucleo-matcher's scoring.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::HashSet;

/// Indices of the `limit` best-scoring names for `query` among `(index, name)`
/// candidates, skipping `skip`.
pub fn best<'a>(
    query: &str,
    names: impl Iterator<Item = (usize, &'a str)>,
    limit: usize,
    skip: &HashSet<usize>,
) -> Vec<usize> {
    if limit == 0 || query.chars().count() < 3 {
        return Vec::new();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = Vec::new();
    for (i, name) in names {
        if skip.contains(&i) {
            continue;
        }
        if let Some(score) = pattern.score(Utf32Str::new(name, &mut buf), &mut matcher) {
            scored.push((score, i));
        }
    }
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(limit).map(|(_, i)| i).collect()
}

/// Most edits a typed word may be from the start of a name word: one, two from seven
/// letters on.
fn tolerance(query_len: usize) -> usize {
    if query_len >= 7 { 2 } else { 1 }
}

/// Fewest edits (insert, delete, substitute, swap two neighbours) turning `q` into some
/// prefix of `word`: what is typed so far of a name, with typos. Stops early once every
/// cell of a row is over `max`.
fn prefix_edits(q: &[char], word: &[char], max: usize) -> Option<usize> {
    let n = word.len();
    let mut prev2: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=n).collect();
    for i in 1..=q.len() {
        let mut cur = vec![i; n + 1];
        for j in 1..=n {
            let cost = usize::from(q[i - 1] != word[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == word[j - 2] && q[i - 2] == word[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        if cur.iter().all(|&d| d > max) {
            return None;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev.iter().copied().min().filter(|&d| d <= max)
}

/// Indices of the `limit` entries whose name has a word closest to `query`, among
/// `(word, index)` pairs ordered by word (equal words adjacent, so each distinct word
/// is scored once), skipping `skip`. A word matches when the query is its start with at
/// most one or two typos (`mraia` → maria) or its letters in order with gaps (`slva` →
/// silva); fewer edits rank first, then nucleo's score.
pub fn best_words<'a>(
    query: &str,
    words: impl Iterator<Item = (&'a str, usize)>,
    limit: usize,
    skip: &HashSet<usize>,
) -> Vec<usize> {
    let q: Vec<char> = query.chars().collect();
    if limit == 0 || q.len() < 3 {
        return Vec::new();
    }
    let max = tolerance(q.len());
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut chars = Vec::new();
    let mut last: Option<(&str, Option<u32>)> = None;
    let mut scored: Vec<(u32, usize)> = Vec::new();
    for (word, i) in words {
        let score = match last {
            Some((w, s)) if w == word => s,
            _ => {
                chars.clear();
                chars.extend(word.chars());
                let gaps = pattern.score(Utf32Str::new(word, &mut buf), &mut matcher);
                let s = match prefix_edits(&q, &chars, max) {
                    Some(d) => Some(100_000 - 10_000 * d as u32 + gaps.unwrap_or(0).min(9_999)),
                    None => gaps,
                };
                last = Some((word, s));
                s
            }
        };
        if let Some(s) = score
            && !skip.contains(&i)
        {
            scored.push((s, i));
        }
    }
    let order = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, order);
        scored.truncate(limit);
    }
    scored.sort_unstable_by(order);
    let mut seen = HashSet::new();
    scored.into_iter().map(|(_, i)| i).filter(|i| seen.insert(*i)).collect()
}
