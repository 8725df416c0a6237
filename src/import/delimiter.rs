//! What separates the fields of a CSV file: a comma, the semicolon of European Excel, the
//! tab of PMS exports, any other single ASCII character, or runs of blanks in a file whose
//! columns are aligned with spaces.

use std::io::Read;

/// A field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiter {
    /// This byte (an ASCII character).
    Byte(u8),
    /// One or more spaces or tabs; blanks at the start and end of a line are not fields.
    Whitespace,
    /// `,`.
    #[default]
    Comma,
}

/// Byte the CSV reader splits on for [`Delimiter::Whitespace`]: the unit separator, a
/// control character no field may hold.
const UNIT: u8 = 0x1F;

impl Delimiter {
    /// Parses `,` `;` `|` or any one ASCII character, `\t` or `tab`, or `whitespace`.
    pub fn parse(s: &str) -> Result<Delimiter, String> {
        match s {
            "\\t" | "\t" | "tab" => return Ok(Delimiter::Byte(b'\t')),
            "whitespace" | "blank" | "space" => return Ok(Delimiter::Whitespace),
            "," => return Ok(Delimiter::Comma),
            _ => {}
        }
        match s.as_bytes() {
            [b] if b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') && !b.is_ascii_alphanumeric() => {
                Ok(Delimiter::Byte(*b))
            }
            _ => Err(format!(
                "`{s}` is not a delimiter; give one character such as `;` or `|`, `\\t` for tabs, or `whitespace` for columns aligned with blanks"
            )),
        }
    }

    /// The byte the CSV reader splits fields on.
    pub(super) fn byte(self) -> u8 {
        match self {
            Delimiter::Byte(b) => b,
            Delimiter::Comma => b',',
            Delimiter::Whitespace => UNIT,
        }
    }

    /// `input` as the CSV reader takes it: with blanks turned into separators for
    /// [`Delimiter::Whitespace`], as it is otherwise.
    pub(super) fn wrap(self, input: Box<dyn Read + Send>) -> Box<dyn Read + Send> {
        match self {
            Delimiter::Whitespace => Box::new(Blanks { inner: input, state: State::default() }),
            _ => input,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    in_quotes: bool,
    /// Blanks seen since the last field byte, not yet written as a separator.
    pending: bool,
    /// Nothing but blanks since the start of the line.
    line_start: bool,
    started: bool,
}

/// Runs of spaces and tabs outside quotes become one [`UNIT`]; blanks that lead or
/// trail a line are dropped. Newlines pass unchanged, so line numbers stay the file's.
struct Blanks {
    inner: Box<dyn Read + Send>,
    state: State,
}

impl Read for Blanks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Each input byte gives at most two output bytes (a pending separator, itself).
        let mut raw = vec![0u8; (buf.len() / 2).max(1)];
        loop {
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                return Ok(0);
            }
            let written = self.transform(&raw[..n], buf);
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

impl Blanks {
    fn transform(&mut self, raw: &[u8], out: &mut [u8]) -> usize {
        let s = &mut self.state;
        if !s.started {
            s.started = true;
            s.line_start = true;
        }
        let mut w = 0;
        for &b in raw {
            let blank = matches!(b, b' ' | b'\t') && !s.in_quotes;
            if blank {
                s.pending = !s.line_start;
                continue;
            }
            if matches!(b, b'\n' | b'\r') && !s.in_quotes {
                s.pending = false;
                s.line_start = b == b'\n' || s.line_start;
                out[w] = b;
                w += 1;
                continue;
            }
            if s.pending {
                out[w] = UNIT;
                w += 1;
                s.pending = false;
            }
            if b == b'"' {
                s.in_quotes = !s.in_quotes;
            }
            s.line_start = false;
            out[w] = b;
            w += 1;
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanks(text: &str) -> String {
        let mut out = String::new();
        Delimiter::Whitespace
            .wrap(Box::new(std::io::Cursor::new(text.as_bytes().to_vec())))
            .read_to_string(&mut out)
            .unwrap();
        out.replace('\u{1F}', "|")
    }

    #[test]
    fn runs_of_blanks_separate_fields_outside_quotes() {
        assert_eq!(
            blanks("  id   name        city\n 1   \"Ana  Silva\"\tLisboa  \r\n"),
            "id|name|city\n1|\"Ana  Silva\"|Lisboa\r\n"
        );
    }

    #[test]
    fn delimiters_parse() {
        assert_eq!(Delimiter::parse(";"), Ok(Delimiter::Byte(b';')));
        assert_eq!(Delimiter::parse("\\t"), Ok(Delimiter::Byte(b'\t')));
        assert_eq!(Delimiter::parse("whitespace"), Ok(Delimiter::Whitespace));
        assert!(Delimiter::parse("ab").is_err());
        assert!(Delimiter::parse("\"").is_err());
    }
}
