//! Fuzzy name matching for typos and gaps, with nucleo-matcher's scoring.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::HashSet;

/// Indices of the `limit` best-scoring names for `query` among `(index, name)`
/// candidates, skipping `skip`.
pub(crate) fn best<'a>(
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

/// Members of the name words nearest to a one-word `query`, best words first, at most
/// `limit`, skipping `skip`. `words` are the distinct words (with their members) that
/// start with the query's first letter: each word is scored once, so the cost follows
/// the vocabulary, not the number of members.
pub(crate) fn best_words<'a>(
    query: &str,
    words: impl Iterator<Item = (&'a str, &'a [usize])>,
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
    let mut scored: Vec<(u32, &str, &[usize])> = Vec::new();
    for (word, members) in words {
        chars.clear();
        chars.extend(word.chars());
        let gaps = pattern.score(Utf32Str::new(word, &mut buf), &mut matcher);
        let score = match prefix_edits(&q, &chars, max) {
            Some(d) => Some(100_000 - 10_000 * d as u32 + gaps.unwrap_or(0).min(9_999)),
            None => gaps,
        };
        if let Some(s) = score {
            scored.push((s, word, members));
        }
    }
    scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (_, _, members) in scored {
        for &i in members {
            if !skip.contains(&i) && seen.insert(i) {
                out.push(i);
                if out.len() == limit {
                    return out;
                }
            }
        }
    }
    out
}
