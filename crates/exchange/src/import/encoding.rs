//! Which text encoding an input is in: a byte-order mark, the user's `--encoding`, the
//! site's `[import] encoding`, or detection among the encodings a hotel group's files
//! come in (UTF-8; GB18030, GBK's superset, from mainland Chinese Windows; Big5 from Hong
//! Kong, Taiwan and Macau; Windows-1252 from European Excel). Detection never settles on
//! a reading that is implausible or that another candidate reads about as well: it
//! refuses, names the candidates and what each makes of the text, and nothing is applied.

use super::plausible::{self, Reading};
use super::source::{At, SourceError};
use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, WINDOWS_1252};
use frontdesk_core::i18n::errors::{EncodingFrom as How, ImportSays};
use serde::Serialize;

/// How much likelier the best reading must be than the next one.
const MARGIN: f64 = 6.0;
/// Highest average cost per character outside ASCII of a reading still taken as text.
const MOST_PER_CHAR: f64 = 2.5;
/// Most undecodable sequences of a reading still taken (a stray byte, a cut at the end).
const MOST_ERRORS: u32 = 3;

/// Characters outside ASCII after which valid UTF-8 is UTF-8: text in another encoding
/// passes as UTF-8 by chance for a few characters, never for dozens.
const UTF8_BEYOND_CHANCE: u32 = 24;
/// The encodings detection chooses among, likeliest first when readings tie.
const CANDIDATES: [&Encoding; 4] = [UTF_8, GB18030, BIG5, WINDOWS_1252];

/// Text encoding asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingChoice {
    /// Detect: a BOM, else the one plausible reading among the candidates.
    Auto,
    /// This encoding (a BOM still wins).
    Fixed(&'static Encoding),
}

impl EncodingChoice {
    /// Parses `auto` or an encoding's name: utf-8, gb18030, gbk, big5, windows-1252 and
    /// their common labels (cp936, latin1…).
    pub fn parse(s: &str) -> Result<EncodingChoice, ImportSays> {
        let label = s.trim();
        if label.eq_ignore_ascii_case("auto") {
            return Ok(EncodingChoice::Auto);
        }
        match Encoding::for_label(label.as_bytes()) {
            Some(e) if e.is_ascii_compatible() && e.output_encoding() == e => Ok(EncodingChoice::Fixed(e)),
            _ => Err(ImportSays::NotEncoding { value: s.to_string() }),
        }
    }
}

/// Where the encoding used came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingFrom {
    /// The file starts with a UTF-8 byte-order mark.
    Bom,
    /// `--encoding`.
    Option,
    /// `[import] encoding` in the configuration.
    Site,
    /// The input is plain ASCII (every candidate reads it alike).
    #[default]
    Ascii,
    /// Detected from the text.
    Detected,
}

impl EncodingFrom {
    /// Words for the summary line.
    pub(crate) fn describe(self) -> String {
        self.says().to_string()
    }

    /// The words, as a message to render in any language.
    pub(crate) fn says(self) -> How {
        match self {
            EncodingFrom::Bom => How::Bom,
            EncodingFrom::Option => How::Option,
            EncodingFrom::Site => How::Site,
            EncodingFrom::Ascii => How::Ascii,
            EncodingFrom::Detected => How::Detected,
        }
    }
}

/// The encoding an input is read in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Detected {
    pub encoding: &'static Encoding,
    /// Bytes of byte-order mark to skip.
    pub bom: usize,
    /// How it was chosen.
    pub from: EncodingFrom,
}

/// Picks the encoding of an input from its first bytes. `complete` says `sample` is the
/// whole input; `from` says whether a fixed `choice` came from the option or the site.
pub(crate) fn detect(
    sample: &[u8],
    complete: bool,
    choice: EncodingChoice,
    from: EncodingFrom,
) -> Result<Detected, SourceError> {
    // UTF-8, or UTF-16 as Excel saves "Unicode Text": the reader transcodes it.
    if let Some((encoding, bom)) = Encoding::for_bom(sample) {
        return Ok(Detected { encoding, bom, from: EncodingFrom::Bom });
    }
    match choice {
        EncodingChoice::Fixed(encoding) => Ok(Detected { encoding, bom: 0, from }),
        EncodingChoice::Auto if sample.is_ascii() => {
            Ok(Detected { encoding: UTF_8, bom: 0, from: EncodingFrom::Ascii })
        }
        EncodingChoice::Auto => {
            let encoding = judge(sample, complete)?;
            Ok(Detected { encoding, bom: 0, from: EncodingFrom::Detected })
        }
    }
}

/// The one plausible reading of `sample`, or a refusal naming the close ones.
fn judge(sample: &[u8], complete: bool) -> Result<&'static Encoding, SourceError> {
    let utf8 = plausible::read(UTF_8, sample, complete);
    // Other encodings' text is valid UTF-8 only by a chance that shrinks with every
    // character: a short run is judged on its words (GBK's 谢伟 is valid UTF-8 `лΰ`), a
    // long one is UTF-8 whatever its words.
    if utf8.errors == 0 && (utf8.penalty == 0.0 || utf8.non_ascii >= UTF8_BEYOND_CHANCE) {
        return Ok(UTF_8);
    }
    let mut readings: Vec<Reading> =
        std::iter::once(utf8).chain(CANDIDATES[1..].iter().map(|e| plausible::read(e, sample, complete))).collect();
    readings.sort_by(|a, b| a.score().total_cmp(&b.score()));
    let best = &readings[0];
    let clear = readings.get(1).is_none_or(|next| next.score() - best.score() >= MARGIN);
    // One odd character (a stray byte that decodes to a control) is allowed besides.
    let text_like = best.errors <= MOST_ERRORS && best.penalty <= MOST_PER_CHAR * f64::from(best.non_ascii) + 10.0;
    if clear && text_like {
        return Ok(best.encoding);
    }
    Err(refusal(&readings))
}

fn refusal(readings: &[Reading]) -> SourceError {
    let best = readings[0].score();
    let close: Vec<&Reading> = readings
        .iter()
        .filter(|r| r.score() - best < MARGIN || r.errors == 0)
        .filter(|r| r.errors <= MOST_ERRORS)
        .take(3)
        .collect();
    let shown: Vec<&Reading> = if close.len() >= 2 { close } else { readings.iter().take(2).collect() };
    let list: Vec<String> = shown.iter().map(|r| format!("{} «{}»", r.encoding.name(), r.example)).collect();
    SourceError {
        at: At::Input,
        column: "-".into(),
        reason: ImportSays::Ambiguous { readings: list.join(", ") }.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    fn auto(bytes: &[u8]) -> Result<&'static Encoding, String> {
        detect(bytes, true, EncodingChoice::Auto, EncodingFrom::Option).map(|d| d.encoding).map_err(|e| e.to_string())
    }

    #[test]
    fn gbk_that_is_also_valid_utf8_reads_as_gb18030() {
        let (bytes, _, _) = GBK.encode("name,phone\n谢伟,13800138000\n郑强,13900139000\n叶平,13700137000\n");
        assert!(std::str::from_utf8(&bytes).is_ok());
        assert_eq!(auto(&bytes), Ok(GB18030));
    }

    #[test]
    fn a_stray_byte_does_not_turn_gbk_into_a_cyrillic_code_page() {
        let mut bytes = GBK.encode("name,notes\n张伟,客人要求高楼层\n李娜,").0.into_owned();
        bytes.push(0xFF);
        bytes.extend_from_slice(&GBK.encode("需要婴儿床\n").0);
        assert_eq!(auto(&bytes), Ok(GB18030));
    }

    #[test]
    fn gbk_cut_inside_a_character_is_still_gbk() {
        let (bytes, _, _) = GBK.encode("姓名,电话\n张伟,13800138000\n王芳");
        assert_eq!(auto(&bytes[..bytes.len() - 1]), Ok(GB18030));
    }

    #[test]
    fn labels_parse() {
        assert_eq!(EncodingChoice::parse("GBK"), Ok(EncodingChoice::Fixed(GBK)));
        assert_eq!(EncodingChoice::parse("latin1"), Ok(EncodingChoice::Fixed(WINDOWS_1252)));
        assert_eq!(EncodingChoice::parse("big5"), Ok(EncodingChoice::Fixed(BIG5)));
        assert!(EncodingChoice::parse("utf-16le").is_err());
        assert!(EncodingChoice::parse("klingon").is_err());
    }
}
