//! How plausible one decoding of the input is as the text a hotel group's files hold:
//! English, Chinese (simplified and traditional) and the Latin-script names of European
//! guests. Bytes decoded with the wrong table turn into characters real text rarely has
//! (Cyrillic next to Greek, accented letters without a plain one, kana among rare
//! ideographs, C1 controls): each such character costs a penalty, real text costs next
//! to nothing, and the detector compares the totals of the candidate encodings.

use encoding_rs::{BIG5, DecoderResult, Encoding, GBK};
use std::sync::OnceLock;

/// Cost of a byte sequence the encoding cannot decode at all.
pub(super) const ERROR: f64 = 20.0;
/// Evidence of each character of more than one byte in a file that is valid UTF-8:
/// other encodings' text is seldom valid UTF-8, less so the longer it runs.
const UTF8_EVIDENCE: f64 = 2.0;

/// One candidate encoding's reading of the sample.
#[derive(Debug, Clone)]
pub(super) struct Reading {
    /// The candidate.
    pub encoding: &'static Encoding,
    /// Byte sequences it cannot decode.
    pub errors: u32,
    /// Characters outside ASCII.
    pub non_ascii: u32,
    /// Implausibility of the decoded characters (0 for ordinary text).
    pub penalty: f64,
    /// The first words outside ASCII as this encoding reads them, to show the user.
    pub example: String,
}

impl Reading {
    /// Lower is likelier: errors, implausible characters, and for UTF-8 the evidence of
    /// its well-formed sequences.
    pub(crate) fn score(&self) -> f64 {
        let evidence = if self.encoding == encoding_rs::UTF_8 && self.errors == 0 {
            UTF8_EVIDENCE * f64::from(self.non_ascii)
        } else {
            0.0
        };
        f64::from(self.errors) * ERROR + self.penalty - evidence
    }
}

/// Decodes `sample` as `encoding` and judges the text; `complete` says the sample is the
/// whole input (else a sequence cut at its end is not an error).
pub(super) fn read(encoding: &'static Encoding, sample: &[u8], complete: bool) -> Reading {
    let (text, errors) = decode_counting(encoding, sample, complete);
    let mut judge = Judge::default();
    for word in Words::new(&text) {
        judge.word(word);
    }
    judge.penalty += latin_runs(&text) + mojibake_pairs(&text);
    Reading { encoding, errors, non_ascii: judge.non_ascii, penalty: judge.penalty, example: judge.example }
}

fn decode_counting(encoding: &'static Encoding, bytes: &[u8], last: bool) -> (String, u32) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(room + 4);
    let mut src = bytes;
    let mut errors = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, last);
        src = &src[read..];
        match result {
            DecoderResult::InputEmpty => return (out, errors),
            DecoderResult::OutputFull => out.reserve(src.len() * 3 + 4),
            DecoderResult::Malformed(..) => {
                errors += 1;
                out.push('\u{FFFD}');
            }
        }
    }
}

/// Text split into runs: a word (letters and the marks on them) or one other character.
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Words<'a> {
        Words { rest: text }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let first = self.rest.chars().next()?;
        let end = if is_wordish(first) {
            self.rest.char_indices().find(|(_, c)| !is_wordish(*c)).map_or(self.rest.len(), |(i, _)| i)
        } else {
            first.len_utf8()
        };
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(word)
    }
}

fn is_wordish(c: char) -> bool {
    c.is_alphabetic() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Scripts a letter can belong to, for telling one-script words from jumbles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Ascii,
    /// Latin-1 and Latin Extended-A letters: French, German, Iberian, Nordic, Polish…
    LatinAccented,
    /// Latin Extended-B, IPA and modifier letters: scarcely in names, often in mojibake.
    LatinOdd,
    Greek,
    Cyrillic,
    Han,
    /// Kana and Hangul: foreign to the site, but real text.
    EastAsian,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Ascii,
        '\u{00C0}'..='\u{00FF}' | '\u{0100}'..='\u{017F}' | 'ƒ' => Script::LatinAccented,
        '\u{0180}'..='\u{02FF}' => Script::LatinOdd,
        '\u{0370}'..='\u{03FF}' => Script::Greek,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}' => {
            Script::Han
        }
        '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => Script::EastAsian,
        _ => Script::Other,
    }
}

#[derive(Default)]
struct Judge {
    penalty: f64,
    non_ascii: u32,
    example: String,
    examples: u8,
}

impl Judge {
    fn word(&mut self, word: &str) {
        let non_ascii = word.chars().filter(|c| !c.is_ascii()).count() as u32;
        if non_ascii == 0 {
            return;
        }
        self.non_ascii += non_ascii;
        let cost = match word.chars().next() {
            Some(c) if !is_wordish(c) => symbol(c),
            _ => letters(word),
        };
        self.penalty += cost;
        self.remember(word);
    }

    fn remember(&mut self, word: &str) {
        if self.examples >= 3 || word.chars().all(|c| !c.is_alphabetic()) {
            return;
        }
        self.examples += 1;
        if !self.example.is_empty() {
            self.example.push(' ');
        }
        let shown = word.chars().take(10).map(|c| if c.is_control() { '?' } else { c });
        self.example.extend(shown);
    }
}

/// Cost of a word's letters.
fn letters(word: &str) -> f64 {
    let (mut ascii, mut accented) = (0usize, 0usize);
    let mut others: Vec<Script> = Vec::new();
    for c in word.chars().filter(|c| !is_combining(*c)) {
        match script(c) {
            Script::Ascii => ascii += 1,
            Script::LatinAccented => accented += 1,
            s if !others.contains(&s) => others.push(s),
            _ => {}
        }
    }
    // Han mixes with kana (Japanese) and with plain letters (`A座`, `WiFi密码`); other
    // scripts stand alone in a word.
    let jumbled = others.len() > 1 && !others.iter().all(|s| matches!(s, Script::Han | Script::EastAsian))
        || accented > 0 && !others.is_empty()
        || ascii > 0 && others.iter().any(|s| !matches!(s, Script::Han | Script::EastAsian));
    // A lone accented letter is a word in French and Portuguese (`à`, `é`).
    let latin_ok = others.is_empty() && (ascii >= accented || ascii == 0 && accented == 1);
    let mut cost = 0.0;
    let mut after_latin = false;
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let s = script(c);
        // An ideograph between two plain letters (`M醨io`) is a Latin accent read as
        // half of a double-byte character; Chinese puts letters before or after (`A座`).
        let sandwiched =
            i > 0 && chars[i - 1].is_ascii_alphabetic() && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic);
        cost += match s {
            _ if is_combining(c) => {
                if after_latin {
                    0.0
                } else {
                    8.0
                }
            }
            Script::Ascii => 0.0,
            // `ÿ` is the byte 0xFF, the commonest stray byte, and next to no name has it;
            // the Icelandic letters are rare at a hotel desk too.
            Script::LatinAccented if c == 'ÿ' => 15.0,
            Script::LatinAccented if matches!(c, 'þ' | 'Þ' | 'ð' | 'Ð' | 'ý' | 'Ý') => 4.0,
            Script::LatinAccented if latin_ok => 0.0,
            Script::LatinAccented => 4.0,
            Script::LatinOdd => 6.0,
            Script::Han if sandwiched => 12.0,
            Script::Han => han(c),
            Script::EastAsian if jumbled => 8.0,
            Script::EastAsian => 3.0,
            Script::Greek | Script::Cyrillic if jumbled => 8.0,
            Script::Greek | Script::Cyrillic => 3.0,
            Script::Other => 6.0,
        };
        after_latin = matches!(s, Script::Ascii | Script::LatinAccented) || after_latin && is_combining(c);
    }
    cost
}

/// Characters of the Latin-1 and Windows-1252 range stand alone in European text, two at
/// most (`créée`, `Ñá`): a longer run of them, or a letter against a symbol, is what a
/// two-byte Chinese character read one byte at a time looks like (`ÕÅÎ°`, `Ð»Î°`).
fn latin_runs(text: &str) -> f64 {
    let mut cost = 0.0;
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_latin_range(c) {
            run.push(c);
            continue;
        }
        let suspicious = run.len() >= 3 || run.len() == 2 && !run.iter().all(|c| c.is_alphabetic());
        if suspicious {
            cost += 3.0 * run.len() as f64;
        }
        run.clear();
    }
    cost
}

fn is_latin_range(c: char) -> bool {
    // C1 controls are left out: they cost as stray bytes already.
    matches!(c, '\u{00A0}'..='\u{017F}' | 'ƒ' | '\u{02C6}' | '\u{02DC}' | '\u{2013}'..='\u{2026}' | '€' | '‰' | '‹' | '›' | '™')
}

/// `Ã` or `Â` before another character outside ASCII: UTF-8 read as Windows-1252
/// (`JosÃ©`, `MÃ¼ller`), which real text has next to never.
fn mojibake_pairs(text: &str) -> f64 {
    let pairs = text.chars().zip(text.chars().skip(1));
    pairs.filter(|(a, b)| matches!(a, 'Ã' | 'Â') && !b.is_ascii()).count() as f64 * 8.0
}

/// Cost of a character that is not a letter.
fn symbol(c: char) -> f64 {
    match c {
        '\u{FFFD}' => 0.0, // counted as an error already
        '\u{00A0}' | '£' | '¥' | '§' | '©' | '«' | '®' | '°' | '·' | '»' | '€' | '¿' | '¡' | 'º' | 'ª' => {
            0.0
        }
        '\u{2010}'..='\u{2027}' | '℃' | '№' | '™' => 0.0,
        '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '\u{FFE0}'..='\u{FFE6}' | '・' => 0.0,
        '\u{0080}'..='\u{009F}' | '\u{E000}'..='\u{F8FF}' => 10.0,
        c if c.is_control() => 10.0,
        '\u{00A1}'..='\u{00BF}' | '×' | '÷' => 4.0,
        _ => 5.0,
    }
}

/// How often an ideograph turns up in real Chinese text, judged by the character sets
/// that rank them: GB 2312's first level and Big5's frequent characters are common,
/// their second levels less so, everything else rare.
fn han(c: char) -> f64 {
    match han_rank(c) {
        Rank::Common => 0.0,
        Rank::SecondGb => 1.5,
        Rank::SecondBig5 => 3.0,
        Rank::Rare => 5.0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Rank {
    Rare = 0,
    SecondBig5 = 1,
    SecondGb = 2,
    Common = 3,
}

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

fn han_rank(c: char) -> Rank {
    let code = u32::from(c);
    if !(HAN_FIRST..=HAN_LAST).contains(&code) {
        return Rank::Rare;
    }
    match ranks()[(code - HAN_FIRST) as usize] {
        3 => Rank::Common,
        2 => Rank::SecondGb,
        1 => Rank::SecondBig5,
        _ => Rank::Rare,
    }
}

/// Rank of every ideograph in U+4E00..=U+9FFF, worked out once from the encodings'
/// own tables (the rows of GB 2312 and Big5 are ordered by frequency level).
fn ranks() -> &'static [u8] {
    static RANKS: OnceLock<Vec<u8>> = OnceLock::new();
    RANKS.get_or_init(|| {
        let mut table = vec![Rank::Rare as u8; (HAN_LAST - HAN_FIRST + 1) as usize];
        let gb_cells: Vec<u8> = (0xA1..=0xFE).collect();
        let big5_cells: Vec<u8> = (0x40..=0x7E).chain(0xA1..=0xFE).collect();
        mark(&mut table, GBK, 0xB0..=0xD7, &gb_cells, Rank::Common);
        mark(&mut table, BIG5, 0xA4..=0xC6, &big5_cells, Rank::Common);
        mark(&mut table, GBK, 0xD8..=0xF7, &gb_cells, Rank::SecondGb);
        mark(&mut table, BIG5, 0xC9..=0xF9, &big5_cells, Rank::SecondBig5);
        table
    })
}

fn mark(table: &mut [u8], encoding: &'static Encoding, rows: std::ops::RangeInclusive<u8>, cells: &[u8], rank: Rank) {
    for lead in rows {
        for &trail in cells {
            let pair = [lead, trail];
            let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(&pair) else {
                continue;
            };
            for c in text.chars() {
                let code = u32::from(c);
                if (HAN_FIRST..=HAN_LAST).contains(&code) {
                    let slot = &mut table[(code - HAN_FIRST) as usize];
                    *slot = (*slot).max(rank as u8);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GB18030, UTF_8, WINDOWS_1252};

    fn penalty_of(text: &str) -> f64 {
        read(UTF_8, text.as_bytes(), true).penalty
    }

    #[test]
    fn ordinary_text_costs_nothing() {
        for text in ["张伟,客人要求高楼层，安静", "陳大文,臺北市信義區", "José Müller, créée à Zürich", "A座 WiFi密码"]
        {
            assert_eq!(penalty_of(text), 0.0, "{text}");
        }
    }

    #[test]
    fn mis_decoded_text_costs_a_lot() {
        for text in ["лΰ", "֣ǿ", "Ҷƽ", "ÕÅÎ°", "JosÃ©"] {
            assert!(penalty_of(text) >= 8.0, "{text}: {}", penalty_of(text));
        }
    }

    #[test]
    fn gbk_read_as_utf8_loses_to_gb18030() {
        let (bytes, _, _) = GBK.encode("谢伟,郑强,叶平");
        let utf8 = read(UTF_8, &bytes, true);
        let gb = read(GB18030, &bytes, true);
        assert_eq!(utf8.errors, 0, "these GBK bytes are valid UTF-8");
        assert!(gb.score() + 8.0 < utf8.score(), "{gb:?} {utf8:?}");
        let latin = read(WINDOWS_1252, &bytes, true);
        assert!(gb.score() + 8.0 < latin.score(), "{latin:?}");
    }

    #[test]
    fn ranks_come_from_the_tables() {
        assert_eq!(han_rank('张'), Rank::Common);
        assert_eq!(han_rank('陳'), Rank::Common);
        assert_eq!(han_rank('䶮'), Rank::Rare);
    }
}
