//! Streaming text decoding: any encoding_rs encoding in, UTF-8 bytes out.
//!
//! [`DecodeReader`] wraps an `impl Read` and yields UTF-8 a buffer at a time, so a 100 MB GBK
//! file never sits in memory as one `String`. Decoding is strict: the first malformed byte
//! sequence ends the stream with an [`io::Error`] whose payload is [`MalformedText`], which the
//! CSV reader turns into [`ImportError::InvalidEncoding`](crate::import::ImportError) with the
//! row it happened on. Everything valid before it is delivered first.

use std::fmt;
use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding};

const IN_CAPACITY: usize = 16 * 1024;
const OUT_CAPACITY: usize = 64 * 1024;

/// Payload of the `io::Error` returned when the input is not valid in its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedText {
    /// Name of the encoding the bytes were decoded as.
    pub encoding: &'static str,
}

impl fmt::Display for MalformedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed {} text", self.encoding)
    }
}

impl std::error::Error for MalformedText {}

impl MalformedText {
    /// The `MalformedText` inside an `io::Error`, if that is what it carries.
    pub fn from_io(err: &io::Error) -> Option<Self> {
        err.get_ref()?.downcast_ref::<Self>().copied()
    }
}

/// A `Read` adapter that decodes `inner` from `encoding` to UTF-8, removing a leading BOM.
pub struct DecodeReader<R> {
    inner: R,
    encoding: &'static Encoding,
    decoder: Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    input_done: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    malformed: bool,
    finished: bool,
}

impl<R: Read> DecodeReader<R> {
    /// Decodes `inner` as `encoding`; a BOM matching the encoding is skipped.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Self {
            inner,
            encoding,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; IN_CAPACITY],
            in_start: 0,
            in_end: 0,
            input_done: false,
            output: vec![0; OUT_CAPACITY],
            out_start: 0,
            out_end: 0,
            malformed: false,
            finished: false,
        }
    }

    /// The encoding being decoded.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// Refills `output` from the decoder; returns `Ok(false)` at the clean end of the stream.
    fn refill(&mut self) -> io::Result<bool> {
        loop {
            if self.malformed {
                let payload = MalformedText {
                    encoding: self.encoding.name(),
                };
                return Err(io::Error::new(io::ErrorKind::InvalidData, payload));
            }
            if self.finished {
                return Ok(false);
            }
            if self.in_start == self.in_end && !self.input_done {
                self.in_start = 0;
                self.in_end = read_retrying(&mut self.inner, &mut self.input)?;
                self.input_done = self.in_end == 0;
            }
            let src = &self.input[self.in_start..self.in_end];
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                src,
                &mut self.output,
                self.input_done,
            );
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            match result {
                DecoderResult::InputEmpty => self.finished = self.input_done,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => self.malformed = true,
            }
            if written > 0 {
                return Ok(true);
            }
        }
    }
}

fn read_retrying<R: Read>(reader: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.out_start == self.out_end && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use encoding_rs::{GBK, UTF_8, UTF_16LE};

    fn decode_all(bytes: &[u8], enc: &'static Encoding) -> io::Result<String> {
        let mut out = String::new();
        DecodeReader::new(bytes, enc).read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn strips_bom_and_decodes_utf8() {
        let s = decode_all("\u{feff}客户名称,手机\r\n".as_bytes(), UTF_8).unwrap();
        assert_eq!(s, "客户名称,手机\r\n");
    }

    #[test]
    fn decodes_gbk_and_utf16() {
        let (gbk, _, _) = GBK.encode("王芳,上海");
        assert_eq!(decode_all(&gbk, GBK).unwrap(), "王芳,上海");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "群\t主".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_all(&utf16, UTF_16LE).unwrap(), "群\t主");
    }

    #[test]
    fn large_input_streams_across_buffers() {
        let text = "名字,13800123456\n".repeat(20_000);
        let (gbk, _, _) = GBK.encode(&text);
        assert_eq!(decode_all(&gbk, GBK).unwrap(), text);
    }

    #[test]
    fn malformed_input_delivers_prefix_then_errors() {
        let mut bytes = "ok\n".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xC0, 0xEE, b'\n']);
        let mut reader = DecodeReader::new(&bytes[..], UTF_8);
        let mut buf = [0u8; 64];
        let n = reader.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"ok\n");
        let err = reader.read(&mut buf).unwrap_err();
        assert_eq!(MalformedText::from_io(&err).unwrap().encoding, "UTF-8");
    }
}
