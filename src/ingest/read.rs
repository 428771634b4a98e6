//! Reading input files: size and binary checks, decoding, header blocks, manifests, JSONL.

use std::fmt;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

/// Files larger than this are refused (20 MB): news articles are a few kB, a JSONL batch of
/// a few thousand of them fits; anything bigger is almost surely not a corpus file, and
/// reading it whole would stall the run.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// A problem with one input: a failure (the article is not imported) or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<u64>,
    pub reason: String,
}

impl Problem {
    /// A problem with a whole file.
    pub fn file(file: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            line: None,
            reason: reason.into(),
        }
    }

    /// A problem with one line of a file.
    pub fn line(file: impl Into<String>, line: u64, reason: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            line: Some(line),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// Reads a file whole, refusing it over `max_bytes`.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let md = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if md.len() > max_bytes {
        return Err(format!(
            "file is {:.1} MB, over the {:.0} MB limit",
            md.len() as f64 / 1e6,
            max_bytes as f64 / (1024.0 * 1024.0)
        ));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut bytes = Vec::with_capacity(md.len() as usize);
    f.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err("file grew over the size limit while being read".into());
    }
    Ok(bytes)
}

/// Decodes bytes to text: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252
/// (the usual encoding of older Western news pages) with a warning. Empty and binary (NUL
/// bytes) input is an error. Returns the text and the warning, if any.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, _, bad) = enc.decode(&bytes[bom..]);
        let warn = bad.then(|| format!("invalid {} sequences replaced", enc.name()));
        return Ok((text.into_owned(), warn));
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".into());
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            Ok((
                text.into_owned(),
                Some(format!(
                    "not valid UTF-8 (byte {}): decoded as Windows-1252",
                    e.valid_up_to()
                )),
            ))
        }
    }
}

/// Parses a date as manifests and headers write it: `2004-03-17` (or an ISO timestamp),
/// `17 March 2004`, `March 17, 2004`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    ["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// A header block at the top of a text file: `Title:`, `Source:`, `Date:` (and `URL:`) lines,
/// then a blank line. Returns the metadata and the text after the block, or `None` when the
/// file does not start with such a block. A date that cannot be read is returned as a warning.
pub fn header_block(text: &str) -> Option<(Meta, &str, Option<String>)> {
    let mut meta = Meta::default();
    let mut warn = None;
    let mut offset = 0;
    for (lines, line) in text.split_inclusive('\n').enumerate() {
        let l = line.trim();
        if l.is_empty() {
            if lines == 0 {
                return None;
            }
            return Some((meta, &text[offset + line.len()..], warn));
        }
        let (k, v) = l.split_once(':')?;
        let v = v.trim().to_string();
        match k.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(v),
            "source" => meta.source = Some(v),
            "url" => meta.url = Some(v),
            "date" | "published" => match parse_date(&v) {
                Some(d) => meta.published = Some(d),
                None => warn = Some(format!("header date {v:?} is not a date; ignored")),
            },
            _ => return None,
        }
        offset += line.len();
    }
    None
}

/// A manifest's good rows, and its bad rows as problems with the file they name (if any).
pub type ManifestRead = (Vec<ManifestRow>, Vec<(Problem, Option<String>)>);

/// One manifest row: the file it names (relative to the manifest) and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRow {
    pub line: u64,
    pub file: String,
    pub meta: Meta,
}

/// Reads a manifest (`file,published,source,title[,url]` with a header row). Bad rows are
/// returned as problems (`manifest.csv:LINE: reason`) with the file they name, if any.
pub fn manifest(bytes: &[u8], name: &str) -> Result<ManifestRead, Problem> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = r
        .headers()
        .map_err(|e| Problem::line(name, 1, format!("cannot read the header: {e}")))?
        .clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let Some(file_col) = col("file") else {
        return Err(Problem::line(
            name,
            1,
            "the header has no `file` column (expected file,published,source,title[,url])",
        ));
    };
    let (pub_col, src_col, title_col, url_col) =
        (col("published"), col("source"), col("title"), col("url"));
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for rec in r.records() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                bad.push((
                    Problem::line(name, line, format!("malformed CSV: {e}")),
                    None,
                ));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| {
            c.and_then(|c| rec.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(file) = get(Some(file_col)) else {
            bad.push((Problem::line(name, line, "no file name"), None));
            continue;
        };
        if rec.len() != headers.len() {
            bad.push((
                Problem::line(
                    name,
                    line,
                    format!("{} fields, the header has {}", rec.len(), headers.len()),
                ),
                Some(file),
            ));
            continue;
        }
        let published = match get(pub_col) {
            None => None,
            Some(p) => match parse_date(&p) {
                Some(d) => Some(d),
                None => {
                    bad.push((
                        Problem::line(name, line, format!("published {p:?} is not a date")),
                        Some(file),
                    ));
                    continue;
                }
            },
        };
        rows.push(ManifestRow {
            line,
            file,
            meta: Meta {
                published,
                source: get(src_col),
                title: get(title_col),
                url: get(url_col),
            },
        });
    }
    Ok((rows, bad))
}

/// One JSONL record.
#[derive(Debug, Deserialize)]
pub struct JsonlRecord {
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// Parses one JSONL line into text and metadata.
pub fn jsonl_line(line: &str) -> Result<(String, Meta), String> {
    let r: JsonlRecord = serde_json::from_str(line).map_err(|e| format!("bad JSON: {e}"))?;
    if r.text.trim().is_empty() {
        return Err("empty `text`".into());
    }
    let published = match r.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(parse_date(p).ok_or_else(|| format!("published {p:?} is not a date"))?),
    };
    let clean = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    Ok((
        r.text,
        Meta {
            published,
            source: clean(r.source),
            title: clean(r.title),
            url: clean(r.url),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_utf16_and_cp1252() {
        assert_eq!(decode(b"\xef\xbb\xbfabc").unwrap(), ("abc".into(), None));
        let (t, w) = decode(b"Pe\xe6 caf\xe9").unwrap();
        assert_eq!(t, "Peæ café");
        assert!(w.unwrap().contains("Windows-1252"));
        assert_eq!(decode(b"\xff\xfea\x00b\x00").unwrap().0, "ab");
        assert!(decode(b"a\x00b").unwrap_err().contains("binary"));
        assert!(decode(b"").unwrap_err().contains("empty"));
    }

    #[test]
    fn header_blocks() {
        let (m, rest, w) =
            header_block("Title: A\nSource: B\nDate: 2004-03-17\n\nBody text.\n").unwrap();
        assert_eq!(m.title.as_deref(), Some("A"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2004, 3, 17));
        assert_eq!(rest, "Body text.\n");
        assert!(w.is_none());
        assert!(header_block("Body: not a header\nMore text.\n\nx").is_none());
        assert!(header_block("Just text.\n\nMore.").is_none());
        let (_, _, w) = header_block("Date: yesterday\n\nx").unwrap();
        assert!(w.is_some());
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2004, 3, 17);
        assert_eq!(parse_date("2004-03-17"), d);
        assert_eq!(parse_date("2004-03-17T10:00:00Z"), d);
        assert_eq!(parse_date("17 March 2004"), d);
        assert_eq!(parse_date("March 17, 2004"), d);
        assert_eq!(parse_date("soon"), None);
    }
}
