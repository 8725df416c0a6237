//! Text from the store made safe and fitted to columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must never reach the terminal: controls (ESC, BEL, …) and the bidi
/// overrides and isolates that reorder what is shown.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
}

/// `s` with unsafe characters replaced by a visible `�`.
pub(crate) fn clean(s: &str) -> String {
    s.chars().map(|c| if is_unsafe(c) { '\u{fffd}' } else { c }).collect()
}

/// `s` with unsafe characters replaced by `�` except line breaks and tabs: for plain
/// text written to a terminal line by line (the CLI's human output), where escape
/// sequences, other controls and bidi overrides from the data must not reach it either.
pub fn clean_lines(s: &str) -> String {
    s.chars().map(|c| if is_unsafe(c) && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

/// Display width of `s` after cleaning.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(clean(s).as_str())
}

/// `s` cleaned and cut to at most `cols` columns (ending in `…` when cut).
pub(crate) fn fit(s: &str, cols: usize) -> String {
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

/// `s` cleaned and broken into lines of at most `cols` columns, at spaces where it can
/// (a word wider than a line is cut), at most `max_lines` of them, the last ending in `…`
/// when the text goes on. Chinese text has no spaces: it breaks between characters.
pub(crate) fn wrap(s: &str, cols: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in clean(s).split(' ').filter(|w| !w.is_empty()) {
        let gap = usize::from(!line.is_empty());
        // Chinese breaks between any two characters: a run of it fills the line first.
        let cjk = word.chars().any(|c| c.width() == Some(2));
        if !cjk && !line.is_empty() && UnicodeWidthStr::width(line.as_str()) + gap + UnicodeWidthStr::width(word) > cols
        {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if UnicodeWidthStr::width(line.as_str()) + c.width().unwrap_or(0) > cols && !line.trim().is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if max_lines > 0 && lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(fit(&rest, cols));
    }
    lines
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn lines_break_at_spaces_and_long_text_ends_in_an_ellipsis() {
        assert_eq!(
            wrap("not a phone number in PT; type it with +351", 20, 3),
            ["not a phone number", "in PT; type it with", "+351"]
        );
        assert_eq!(wrap("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("one two three four five", 9, 2), ["one two", "three fo…"]);
        // Chinese has no spaces: it breaks between characters, by display width.
        assert_eq!(wrap("请检查号码或连同国家代码输入", 8, 3), ["请检查号", "码或连同", "国家代…"]);
        assert_eq!(wrap("`1` 不是 PT 的有效号码", 12, 3), ["`1` 不是 PT", "的有效号码"]);
        assert_eq!(wrap("`1` 不是 PT 的有效号码", 14, 3), ["`1` 不是 PT 的", "有效号码"]);
    }
}

/// `s` without its first `cols` display columns (a wide character cut in half goes).
pub(crate) fn skip_cols(s: &str, cols: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        if used >= cols {
            out.push(c);
        } else {
            used += c.width().unwrap_or(0);
        }
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
pub(crate) fn pad_left(s: &str, cols: usize) -> String {
    let f = fit(s, cols);
    let w = UnicodeWidthStr::width(f.as_str());
    format!("{}{f}", " ".repeat(cols.saturating_sub(w)))
}

/// A table column: its width in terminal columns and whether it is aligned right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Col {
    /// Width in terminal columns (CJK characters count two).
    pub width: usize,
    /// Aligned right (numbers) rather than left.
    pub right: bool,
}

impl Col {
    /// A left-aligned column.
    pub(crate) const fn left(width: usize) -> Col {
        Col { width, right: false }
    }

    /// A right-aligned column.
    pub(crate) const fn right(width: usize) -> Col {
        Col { width, right: true }
    }
}

/// Cells laid out in `cols` separated by one space; cells beyond the columns are dropped.
/// Header and rows built with the same columns line up whatever the script.
pub(crate) fn cells<S: AsRef<str>>(cols: &[Col], values: &[S]) -> String {
    let parts: Vec<String> = cols
        .iter()
        .zip(values)
        .map(|(c, v)| if c.right { pad_left(v.as_ref(), c.width) } else { pad(v.as_ref(), c.width) })
        .collect();
    parts.join(" ")
}

/// The labels of a table header kept in the catalogue as `A|B|C`.
pub(crate) fn labels(header: &str) -> Vec<String> {
    header.split('|').map(|s| s.trim().to_string()).collect()
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
    fn plain_text_keeps_its_lines_and_tabs_but_no_escapes() {
        let evil = "Ana\u{1b}]52;c;eA==\u{7}\tnote\r\n\u{9b}31m\u{202e}end\n";
        assert_eq!(clean_lines(evil), "Ana�]52;c;eA==�\tnote�\n�31m�end\n");
        assert_eq!(clean_lines("王小明\tsilver\n"), "王小明\tsilver\n", "normal text is unchanged");
    }

    #[test]
    fn chinese_names_are_fitted_by_columns_not_characters() {
        assert_eq!(width("张三"), 4);
        assert_eq!(pad("张三", 6), "张三  ");
        assert_eq!(fit("王小明先生", 6), "王小…");
        assert_eq!(width(&fit("王小明先生", 6)), 5);
    }

    #[test]
    fn cells_line_up_by_display_width() {
        let cols = [Col::left(6), Col::right(5), Col::left(4)];
        assert_eq!(cells(&cols, &["张三", "12", "x"]), "张三      12 x   ");
        assert_eq!(width(&cells(&cols, &["张三", "12", "x"])), width(&cells(&cols, &["Ana", "1,234", "已超时"])));
    }
}
