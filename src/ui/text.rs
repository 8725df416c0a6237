//! Text from the store made safe and fitted to columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must never reach the terminal: controls (ESC, BEL, …) and the bidi
/// overrides and isolates that reorder what is shown.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// `s` with unsafe characters replaced by a visible `�`.
pub fn clean(s: &str) -> String {
    s.chars().map(|c| if is_unsafe(c) { '\u{fffd}' } else { c }).collect()
}

/// Display width of `s` after cleaning.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(clean(s).as_str())
}

/// `s` cleaned and cut to at most `cols` columns (ending in `…` when cut).
pub fn fit(s: &str, cols: usize) -> String {
    let s = clean(s);
    if UnicodeWidthStr::width(s.as_str()) <= cols {
        return s;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > cols {
            break;
        }
        out.push(c);
        used += w;
    }
    if cols > 0 {
        out.push('…');
    }
    out
}

/// `s` fitted to `cols` and padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let f = fit(s, cols);
    let w = UnicodeWidthStr::width(f.as_str());
    format!("{f}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Like [`pad`] but aligned right.
pub fn pad_left(s: &str, cols: usize) -> String {
    let f = fit(s, cols);
    let w = UnicodeWidthStr::width(f.as_str());
    format!("{}{f}", " ".repeat(cols.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_overrides_never_pass() {
        let evil = "Ana\u{1b}[31m\u{202e}evil\u{7}";
        let c = clean(evil);
        assert!(!c.chars().any(|ch| ch == '\u{1b}' || ch == '\u{202e}' || ch == '\u{7}'));
    }

    #[test]
    fn chinese_names_are_fitted_by_columns_not_characters() {
        assert_eq!(width("张三"), 4);
        assert_eq!(pad("张三", 6), "张三  ");
        assert_eq!(fit("王小明先生", 6), "王小…");
        assert_eq!(width(&fit("王小明先生", 6)), 5);
    }
}
