//! Colours and borders: 16 colours by default, none under `NO_COLOR`, ASCII borders on request.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// How things are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours are used (false under `NO_COLOR`).
    pub color: bool,
    /// Whether borders use plain ASCII.
    pub ascii: bool,
    /// Accent colour (titles, the active tab).
    pub accent: Color,
    /// Colour of errors and overdue items.
    pub error: Color,
    /// Colour of warnings.
    pub warn: Color,
    /// Colour of success messages.
    pub ok: Color,
    /// Colour of secondary text.
    pub dim: Color,
}

const ASCII: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The focused pane's border in ASCII.
const ASCII_FOCUS: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "=",
    horizontal_bottom: "=",
};

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            ascii: false,
            accent: Color::Cyan,
            error: Color::Red,
            warn: Color::Yellow,
            ok: Color::Green,
            dim: Color::DarkGray,
        }
    }
}

impl Theme {
    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    /// Titles and the active tab.
    pub(crate) fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    /// Errors and overdue rows (bold without colour, so it still stands out).
    pub(crate) fn error(&self) -> Style {
        if self.color { self.fg(self.error) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    /// Warnings.
    pub(crate) fn warn(&self) -> Style {
        self.fg(self.warn)
    }

    /// Success.
    pub(crate) fn ok(&self) -> Style {
        self.fg(self.ok)
    }

    /// Secondary text.
    pub(crate) fn dim(&self) -> Style {
        if self.color { self.fg(self.dim) } else { Style::new() }
    }

    /// Bars and sparklines (the characters carry the figure; colour only helps).
    pub(crate) fn bar(&self) -> Style {
        self.fg(self.accent)
    }

    /// The highlighted row: reversed video works with and without colour.
    pub(crate) fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The highlighted row of a list that does not have the focus.
    pub(crate) fn marked(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Border characters.
    pub(crate) fn border(&self) -> border::Set<'static> {
        if self.ascii { ASCII } else { border::PLAIN }
    }

    /// Border characters of the pane with the focus.
    pub(crate) fn focus_border(&self) -> border::Set<'static> {
        if self.ascii { ASCII_FOCUS } else { border::THICK }
    }

    /// Parses a colour name from the configuration.
    pub(crate) fn color(name: &str) -> Option<Color> {
        name.parse::<Color>().ok()
    }
}
