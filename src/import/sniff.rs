//! Sniffing the first bytes of a file: container format, text encoding and delimiter.
//!
//! The format comes from magic bytes, never from the extension alone (a PNG renamed to `.csv`
//! is refused, a workbook renamed to `.csv` is still read as a workbook). The encoding comes
//! from a BOM, then from the NUL pattern of BOM-less UTF-16, then from UTF-8 validity, and
//! last from chardetng (GBK / GB18030, Big5, …).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::import::ImportError;
use crate::import::MAX_COLUMNS;
use crate::import::csv::CsvRecords;

/// How many bytes are read for detection.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// The container of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Office Open XML workbook (zip).
    Xlsx,
    /// Legacy Excel 97-2003 workbook (OLE2 compound file).
    Xls,
    /// Delimited text: CSV, TSV, Excel "Unicode text".
    Delimited,
}

/// A text encoding and whether the file starts with its byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    /// The encoding_rs encoding (GBK stands for the whole GBK/GB18030 family).
    pub encoding: &'static Encoding,
    /// The file starts with a BOM.
    pub bom: bool,
    /// Whether the encoding is known (a BOM, valid UTF-8, or the user's choice) or the guess is
    /// firm; `false` when another reading of the bytes is as plausible, so the review asks the
    /// user to check the preview before anything is written.
    pub sure: bool,
}

impl TextEncoding {
    /// WHATWG name of the encoding: `UTF-8`, `UTF-16LE`, `GBK`, `Big5`, …
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }

    /// Human label, e.g. `UTF-8 with BOM`, `GBK`.
    pub fn label(&self) -> String {
        if self.bom {
            format!("{} with BOM", self.name())
        } else {
            self.name().to_string()
        }
    }
}

/// Sniffs the container format, refusing well-known binary files.
pub fn sniff_format(sample: &[u8]) -> Result<Format, ImportError> {
    const BINARY: [(&[u8], &str); 9] = [
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF", "7-Zip archive"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x7FELF", "program"),
        (b"SQLite format 3\0", "SQLite database"),
    ];
    if sample.starts_with(b"PK\x03\x04") || sample.starts_with(b"PK\x05\x06") {
        return Ok(Format::Xlsx);
    }
    if sample.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Ok(Format::Xls);
    }
    if let Some((_, what)) = BINARY.iter().find(|(magic, _)| sample.starts_with(magic)) {
        return Err(ImportError::NotText { what });
    }
    if sample.get(4..8) == Some(b"ftyp") || sample.starts_with(b"RIFF") {
        return Err(ImportError::NotText { what: "media file" });
    }
    Ok(Format::Delimited)
}

/// Guesses the text encoding of `sample`; `whole` says the sample is the entire file.
///
/// Legacy guesses are biased to mainland China (chardetng with a `.cn` hint), so short,
/// repetitive GBK is not mistaken for EUC-KR.
pub fn sniff_encoding(sample: &[u8], whole: bool) -> Result<TextEncoding, ImportError> {
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        return Ok(TextEncoding {
            encoding,
            bom: true,
            sure: true,
        });
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return Ok(TextEncoding {
            encoding,
            bom: false,
            sure: true,
        });
    }
    if sample.contains(&0) {
        return Err(ImportError::NotText {
            what: "binary data",
        });
    }
    let utf8 = match std::str::from_utf8(sample) {
        Ok(_) => true,
        // A multi-byte character cut by the end of the sample is still UTF-8.
        Err(e) => !whole && e.error_len().is_none(),
    };
    let (encoding, sure) = if utf8 {
        (UTF_8, true)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(sample, whole);
        let hinted = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
        // Without the mainland hint another family wins (Latin-1 "Õakman" read as GBK
        // "誥kman", Big5 or Shift_JIS text): the guess is only a preference.
        let unhinted = detector.guess(None, chardetng::Utf8Detection::Deny);
        (hinted, same_family(hinted, unhinted))
    };
    let (text, malformed) = encoding.decode_without_bom_handling(sample);
    let sure = sure && !malformed;
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
        .count();
    if controls * 100 > text.chars().count().max(1) {
        return Err(ImportError::NotText {
            what: "binary data",
        });
    }
    Ok(TextEncoding {
        encoding,
        bom: false,
        sure,
    })
}

/// Whether two guesses read Chinese text alike (GBK and GB18030 are one family).
fn same_family(a: &'static Encoding, b: &'static Encoding) -> bool {
    let family = |e: &'static Encoding| match e.name() {
        "GBK" | "gb18030" => "gb",
        other => other,
    };
    family(a) == family(b)
}

/// The encoding the user chose instead of the guess (`bom` when the file starts with that
/// encoding's own byte-order mark, which is then skipped).
pub fn chosen_encoding(sample: &[u8], encoding: &'static Encoding) -> TextEncoding {
    let bom = Encoding::for_bom(sample).is_some_and(|(e, _)| e == encoding);
    TextEncoding {
        encoding,
        bom,
        sure: true,
    }
}

/// The encodings the review offers, by WHATWG name (Latin-1 is windows-1252, as browsers read it).
pub const ENCODING_CHOICES: [&str; 8] = [
    "UTF-8",
    "GB18030",
    "GBK",
    "Big5",
    "Shift_JIS",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
];

/// The encoding called `label` (`gbk`, `latin1`, `utf-16` …), as the command line takes it.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// UTF-16 without BOM shows up as NULs in every other byte of ASCII-heavy text.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len().min(4096) / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2).take(pairs) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 10 > pairs * 3 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 > pairs * 3 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Length of `sample` cut after its last line break (so no record is cut mid-line).
pub fn cut_at_last_line(sample: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let le = encoding == UTF_16LE;
        let mut i = sample.len() & !1;
        while i >= 2 {
            let unit = if le {
                [sample[i - 2], sample[i - 1]]
            } else {
                [sample[i - 1], sample[i - 2]]
            };
            if unit == [b'\n', 0] {
                return i;
            }
            i -= 2;
        }
        return 0;
    }
    sample
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// Picks the delimiter (comma, tab or semicolon; colon or `|` only when none of those splits
/// anything, since times hold colons) that splits the first records most consistently.
///
/// `text` is decoded UTF-8. A candidate scores by how many records share its most common field
/// count (ties: the wider split). Falls back to comma for single-column files.
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    match best_delimiter(text, b",\t;") {
        (true, delimiter) => delimiter,
        (false, _) => match best_delimiter(text, b":|") {
            (true, delimiter) => delimiter,
            (false, _) => b',',
        },
    }
}

/// The candidate that splits most consistently, and whether it splits rows at all.
fn best_delimiter(text: &[u8], candidates: &[u8]) -> (bool, u8) {
    let mut best = (false, 0usize, 0usize, candidates[0]);
    for &delimiter in candidates {
        let mut counts: Vec<usize> = Vec::new();
        for record in CsvRecords::new(text, delimiter, MAX_COLUMNS).take(50) {
            match record {
                Ok((_, cells)) if cells.iter().any(|c| !c.trim().is_empty()) => {
                    counts.push(cells.len());
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        let mut mode = (0usize, 0usize);
        for &c in &counts {
            let freq = counts.iter().filter(|&&x| x == c).count();
            if (freq, c) > mode {
                mode = (freq, c);
            }
        }
        let score = (mode.1 > 1, mode.0, mode.1, delimiter);
        if (score.0, score.1, score.2) > (best.0, best.1, best.2) {
            best = score;
        }
    }
    (best.0, best.3)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly.
mod tests {
    use super::*;
    use encoding_rs::GBK;

    #[test]
    fn formats_by_magic() {
        assert_eq!(sniff_format(b"PK\x03\x04rest").unwrap(), Format::Xlsx);
        assert_eq!(sniff_format(b"a,b\n").unwrap(), Format::Delimited);
        let png = sniff_format(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert_eq!(png.code(), "binary_not_text");
        assert_eq!(
            sniff_format(b"\xFF\xD8\xFF\xE0").unwrap_err().code(),
            "binary_not_text"
        );
    }

    #[test]
    fn encodings() {
        let bom = sniff_encoding("\u{feff}a,b".as_bytes(), true).unwrap();
        assert_eq!((bom.name(), bom.bom), ("UTF-8", true));
        assert_eq!(bom.label(), "UTF-8 with BOM");
        let plain = sniff_encoding("客户名称,手机".as_bytes(), true).unwrap();
        assert_eq!((plain.name(), plain.bom), ("UTF-8", false));
        let (gbk, _, _) =
            GBK.encode("客户名称,客户备注,手机,企业标签\r\n王芳,王姐-上海,138,普洱\r\n");
        assert_eq!(sniff_encoding(&gbk, true).unwrap().name(), "GBK");
        let utf16: Vec<u8> = "name\tphone\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(sniff_encoding(&utf16, true).unwrap().name(), "UTF-16LE");
        assert!(sniff_encoding(b"ab\0\x01\x02\x03\xff\xfe\x00\x00\x00\x07", true).is_err());
    }

    #[test]
    fn a_guess_another_family_reads_as_well_is_unsure_and_a_choice_is_kept() {
        let (gbk, _, _) =
            GBK.encode("客户名称,客户备注,手机,企业标签\r\n王芳,王姐-上海,138,普洱\r\n");
        assert!(
            sniff_encoding(&gbk, true).unwrap().sure,
            "Chinese GBK is a firm guess"
        );
        assert!(sniff_encoding("客户名称".as_bytes(), true).unwrap().sure);
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode("name,city\r\nÕakman,Zürich\r\n");
        let guess = sniff_encoding(&latin1, true).unwrap();
        assert!(!guess.sure, "{} is only a preference", guess.name());
        let chosen = chosen_encoding(&latin1, encoding_for_label("latin1").unwrap());
        assert_eq!(
            (chosen.name(), chosen.bom, chosen.sure),
            ("windows-1252", false, true)
        );
        let with_bom = chosen_encoding("\u{feff}a".as_bytes(), UTF_8);
        assert!(with_bom.bom, "the chosen encoding's own BOM is skipped");
        assert!(
            ENCODING_CHOICES
                .iter()
                .all(|n| encoding_for_label(n).is_some())
        );
    }

    #[test]
    fn cut_utf8_sample_mid_character_is_still_utf8() {
        let text = "客户名称\n".repeat(10);
        let cut = &text.as_bytes()[..text.len() - 3];
        assert_eq!(sniff_encoding(cut, false).unwrap().name(), "UTF-8");
        assert!(
            sniff_encoding(cut, true).is_ok(),
            "falls back to a legacy guess"
        );
    }

    #[test]
    fn cuts_at_line_end() {
        assert_eq!(cut_at_last_line(b"a\nb\nc", UTF_8), 4);
        let utf16: Vec<u8> = "a\nbc".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(cut_at_last_line(&utf16, UTF_16LE), 4);
        assert_eq!(cut_at_last_line(b"abc", UTF_8), 0);
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,\"x,y\",3\n".as_bytes()), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1,2\t2\t3\n".as_bytes()), b'\t');
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter(b"single\ncolumn\n"), b',');
        assert_eq!(
            sniff_delimiter("姓名:手机\n王芳:13800138001\n".as_bytes()),
            b':'
        );
        assert_eq!(
            sniff_delimiter("姓名|手机\n王芳|13800138001\n".as_bytes()),
            b'|'
        );
        // Times hold colons: a comma file with times stays a comma file.
        let timed = "姓名,添加时间\n王芳,2024-03-05 09:03:10\n李四,2024-03-06 10:00:00\n";
        assert_eq!(sniff_delimiter(timed.as_bytes()), b',');
    }
}
