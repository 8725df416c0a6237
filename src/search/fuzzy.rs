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
