//! UTF-16 input (Excel's "Unicode Text", a byte-order mark first) read as UTF-8, so the
//! CSV and JSON readers see one encoding. A malformed sequence (a lone surrogate) becomes
//! a byte no UTF-8 text has: its row is rejected as not valid text, never stored with a
//! replacement character.

use encoding_rs::{Decoder, DecoderResult, Encoding};
use std::io::Read;

/// A UTF-16 stream, transcoded.
pub(super) struct Utf16 {
    inner: Box<dyn Read + Send>,
    decoder: Decoder,
    out: Vec<u8>,
    start: usize,
    done: bool,
}

impl Utf16 {
    /// `inner` (after its byte-order mark) in `encoding`, UTF-16LE or UTF-16BE.
    pub(super) fn new(inner: Box<dyn Read + Send>, encoding: &'static Encoding) -> Utf16 {
        Utf16 { inner, decoder: encoding.new_decoder_without_bom_handling(), out: Vec::new(), start: 0, done: false }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        let mut raw = [0u8; 16 * 1024];
        let n = self.inner.read(&mut raw)?;
        let last = n == 0;
        self.done = last;
        self.out.clear();
        self.start = 0;
        let mut src = &raw[..n];
        let room = self.decoder.max_utf8_buffer_length_without_replacement(n).unwrap_or(n * 3 + 8);
        let mut dst = vec![0u8; room + 8];
        loop {
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(src, &mut dst, last);
            self.out.extend_from_slice(&dst[..written]);
            src = &src[read..];
            match result {
                DecoderResult::InputEmpty => return Ok(()),
                DecoderResult::OutputFull => dst.resize(dst.len() * 2, 0),
                DecoderResult::Malformed(..) => self.out.push(0xFF),
            }
        }
    }
}

impl Read for Utf16 {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.start == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.start);
        buf[..n].copy_from_slice(&self.out[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf16_reads_as_utf8_and_a_lone_surrogate_is_not_hidden() {
        let mut bytes = utf16le("name\t电话\r\n张伟\t1380");
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend(utf16le("\r\n"));
        let mut out = Vec::new();
        Utf16::new(Box::new(std::io::Cursor::new(bytes)), encoding_rs::UTF_16LE).read_to_end(&mut out).unwrap();
        assert!(out.starts_with("name\t电话\r\n张伟\t1380".as_bytes()));
        assert!(std::str::from_utf8(&out).is_err(), "the lone surrogate stays visible as invalid text");
    }
}
