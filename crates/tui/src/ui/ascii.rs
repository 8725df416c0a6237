//! `--ascii`: terminals without the fonts for box drawing and symbols. Borders come from
//! the theme; every other symbol the UI draws (arrows, ellipsis, separators, bars, marks)
//! is replaced cell by cell once the frame is drawn, so no panel can forget one. Text
//! from the store (names in any script) is left as it is.

use ratatui::buffer::Buffer;

/// The ASCII stand-in for a symbol the UI draws, if it is one.
fn stand_in(symbol: &str) -> Option<&'static str> {
    let mut chars = symbol.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '…' => "~",
        '·' | '—' | '–' | '─' | '━' => "-",
        '│' | '┃' | '▏' | '▕' => "|",
        '→' | '▶' | '›' | '»' => ">",
        '←' | '‹' | '«' => "<",
        '↑' => "^",
        '↓' => "v",
        '★' | '•' | '×' | '∙' => "*",
        '∞' => "-",
        '≤' => "<",
        '≥' => ">",
        '“' | '”' | '„' => "\"",
        '‘' | '’' => "'",
        '┌' | '┐' | '└' | '┘' | '┏' | '┓' | '┗' | '┛' | '├' | '┤' | '┬' | '┴' | '┼' => "+",
        '▁' | '▂' | '▃' => "_",
        '▄' | '▅' | '▆' => "=",
        '▇' | '█' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▓' => "#",
        '▒' => "+",
        '░' => ".",
        '✓' | '✔' => "v",
        '⚠' => "!",
        _ => return None,
    })
}

/// Replaces the UI's symbols in a drawn frame by ASCII.
pub(crate) fn replace_symbols(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if let Some(s) = stand_in(cell.symbol()) {
            cell.set_symbol(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn symbols_go_and_names_stay() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, "张三 · 3 → 5 … ★∞", ratatui::style::Style::new());
        replace_symbols(&mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(text.starts_with("张 三  - 3 > 5 ~ *-") || text.starts_with("张三"), "{text}");
        assert!(!text.contains('·') && !text.contains('→') && !text.contains('…') && !text.contains('∞'));
        assert!(text.contains('张'));
    }
}
