//! What separates the fields of a CSV file: a comma, the semicolon of European Excel, the
//! tab of PMS exports, any other single ASCII character, or runs of blanks in a file whose
//! columns are aligned with spaces.

use frontdesk_core::i18n::errors::ImportSays;
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
    pub fn parse(s: &str) -> Result<Delimiter, ImportSays> {
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
            _ => Err(ImportSays::NotDelimiter { value: s.to_string() }),
        }
    }

    /// The separator of a file whose first line is at the start of `head`: a comma if
    /// the header has one, else a tab (Excel's "Unicode Text", PMS exports), else the
    /// semicolon of European Excel, else a bar; a header of one column is a comma's.
    pub(super) fn sniff(head: &[u8]) -> Delimiter {
        let line = head.split(|b| *b == b'\n').next().unwrap_or(head);
        let mut in_quotes = false;
        let mut seen = [false; 4];
        for b in line {
            match b {
                b'"' => in_quotes = !in_quotes,
                _ if in_quotes => {}
                b',' => seen[0] = true,
                b'\t' => seen[1] = true,
                b';' => seen[2] = true,
                b'|' => seen[3] = true,
                _ => {}
            }
        }
        match seen {
            [true, ..] => Delimiter::Comma,
            [_, true, ..] => Delimiter::Byte(b'\t'),
            [_, _, true, _] => Delimiter::Byte(b';'),
            [.., true] => Delimiter::Byte(b'|'),
            _ => Delimiter::Comma,
        }
    }

    /// How a summary names it: `,` `;` `\t` or `whitespace`.
    pub(crate) fn name(self) -> String {
        match self {
            Delimiter::Comma => ",".into(),
            Delimiter::Byte(b'\t') => "\\t".into(),
            Delimiter::Byte(b) => char::from(b).to_string(),
            Delimiter::Whitespace => "whitespace".into(),
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
            Delimiter::Whitespace => {
                Box::new(Blanks { inner: input, state: State::default(), out: Vec::new(), start: 0 })
            }
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
    /// Transformed bytes not yet read, from `start` on.
    out: Vec<u8>,
    start: usize,
}

impl Read for Blanks {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.start == self.out.len() {
            let mut raw = [0u8; 16 * 1024];
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                return Ok(0);
            }
            self.out.clear();
            self.start = 0;
            self.transform(&raw[..n]);
        }
        let n = buf.len().min(self.out.len() - self.start);
        buf[..n].copy_from_slice(&self.out[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

impl Blanks {
    fn transform(&mut self, raw: &[u8]) {
        let s = &mut self.state;
        if !s.started {
            s.started = true;
            s.line_start = true;
        }
        for &b in raw {
            let blank = matches!(b, b' ' | b'\t') && !s.in_quotes;
            if blank {
                s.pending = !s.line_start;
                continue;
            }
            if matches!(b, b'\n' | b'\r') && !s.in_quotes {
                s.pending = false;
                s.line_start = b == b'\n' || s.line_start;
                self.out.push(b);
                continue;
            }
            if s.pending {
                self.out.push(UNIT);
                s.pending = false;
            }
            if b == b'"' {
                s.in_quotes = !s.in_quotes;
            }
            s.line_start = false;
            self.out.push(b);
        }
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
    fn the_header_line_tells_the_delimiter() {
        assert_eq!(Delimiter::sniff(b"name,notes\nAna;x\n"), Delimiter::Comma);
        assert_eq!(Delimiter::sniff(b"name\tphone\n"), Delimiter::Byte(b'\t'));
        assert_eq!(Delimiter::sniff(b"nome;email\r\n"), Delimiter::Byte(b';'));
        assert_eq!(Delimiter::sniff(b"\"a;b\"\tc\n"), Delimiter::Byte(b'\t'), "quoted separators do not count");
        assert_eq!(Delimiter::sniff(b"name\n"), Delimiter::Comma);
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
