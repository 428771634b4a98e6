//! Sentences, clauses and words with their byte spans in the article text.

/// A sentence: its byte range in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Sentence {
    /// The sentence's text.
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start..self.end]
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "lt", "col", "gen", "capt", "maj", "sgt", "cpl", "pvt",
    "adm", "cmdr", "gov", "sen", "rep", "rev", "jr", "sr", "no", "vs", "etc", "approx", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "km",
    "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "inc", "ltd", "co", "corp",
];

/// Splits text into sentences. A line break ends a sentence unless the next line starts in
/// lower case (a hard-wrapped paragraph); `.`, `!`, `?` end one when followed by white space
/// and a capital, digit or quote, except after common abbreviations and initials.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_here = match b {
            b'\n' => {
                let next = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
                !next.starts_with(|c: char| c.is_lowercase())
            }
            b'.' | b'!' | b'?' => ends_sentence(text, i),
            _ => false,
        };
        if end_here {
            // closing quotes and brackets belong to the sentence
            let close = text[i + 1..].len()
                - text[i + 1..]
                    .trim_start_matches(['"', '\'', '\u{201D}', '\u{2019}', ')'])
                    .len();
            push(&mut out, text, start, i + 1 + close);
            start = i + 1 + close;
            i += close;
        }
        i += 1;
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
        });
    }
}

fn ends_sentence(text: &str, i: usize) -> bool {
    let after = &text[i + 1..];
    // closing quotes and brackets belong to the sentence
    let after = after.trim_start_matches(['"', '\'', '\u{201D}', '\u{2019}', ')']);
    let Some(first) = after.chars().next() else {
        return true;
    };
    if !first.is_whitespace() {
        return false;
    }
    let next = after.trim_start();
    let Some(n) = next.chars().next() else {
        return true;
    };
    if !(n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\u{201C}' | '\'' | '(')) {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let before = &text[..i];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |p| p + 1);
    let word = before[word_start..].to_ascii_lowercase();
    // a single capital initial ("J. Smith") or a known abbreviation
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.as_str())
}

/// A word: its byte range, for place-name matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

impl Word {
    /// The word's text.
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start..self.end]
    }
}

/// Words of a byte range: runs of letters, digits, apostrophes and inner hyphens.
pub fn words(text: &str, start: usize, end: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let s = &text[start..end];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner = matches!(c, '\'' | '\u{2019}' | '-' | '.')
            && cur.is_some()
            && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            cur.get_or_insert(i);
        } else if let Some(st) = cur.take() {
            out.push(Word {
                start: start + st,
                end: start + i,
            });
        }
    }
    if let Some(st) = cur {
        out.push(Word {
            start: start + st,
            end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| s.text(t)).collect()
    }

    #[test]
    fn splits_on_full_stops_and_lines() {
        assert_eq!(
            split("Riots broke out. Two died!\nPolice came? Yes."),
            ["Riots broke out.", "Two died!", "Police came?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            split("Lt. Col. Jim Moran said so. J. Smith saw 2.5 km of road. U.S. troops left."),
            [
                "Lt. Col. Jim Moran said so.",
                "J. Smith saw 2.5 km of road.",
                "U.S. troops left."
            ]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines_and_keeps_quotes() {
        assert_eq!(
            split("Police said the crowd\nthrew stones. \"We left,\" he said. \"Go.\" Then quiet."),
            [
                "Police said the crowd\nthrew stones.",
                "\"We left,\" he said.",
                "\"Go.\"",
                "Then quiet."
            ]
        );
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        let t = "Pristina's road-block, (Peć).";
        let w: Vec<_> = words(t, 0, t.len()).iter().map(|w| w.text(t)).collect();
        assert_eq!(w, ["Pristina's", "road-block", "Peć"]);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences("   \n\n ").is_empty());
        assert_eq!(split("no stop at all"), ["no stop at all"]);
        assert_eq!(split("\u{feff}Text."), ["\u{feff}Text."]);
    }
}
