//! Numbers in digits and words ("22", "1,000", "twenty-two", "dozens", "hundreds").

/// Parses one number token or a hyphenated word number; vague quantities follow ACLED's
/// conventions ("several"/"many" → 10, "dozens" → 12, "hundreds" → 100).
pub fn parse_number(word: &str) -> Option<u64> {
    let w = word.trim().to_ascii_lowercase();
    if w.chars().all(|c| c.is_ascii_digit() || c == ',') && w.chars().any(|c| c.is_ascii_digit()) {
        return w.replace(',', "").parse().ok();
    }
    if let Some((a, b)) = w.split_once('-') {
        return Some(tens(a)? + units(b).filter(|&u| u < 10)?);
    }
    units(&w).or_else(|| tens(&w)).or(match w.as_str() {
        "a" | "an" | "single" | "lone" => Some(1),
        "couple" | "pair" => Some(2),
        "dozen" => Some(12),
        "several" | "many" | "numerous" | "scores" => Some(10),
        "dozens" => Some(12),
        "hundred" | "hundreds" => Some(100),
        "thousand" | "thousands" => Some(1000),
        _ => None,
    })
}

fn units(w: &str) -> Option<u64> {
    const U: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    U.iter().position(|u| *u == w).map(|i| i as u64)
}

fn tens(w: &str) -> Option<u64> {
    const T: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    T.iter().position(|t| *t == w).map(|i| (i as u64 + 2) * 10)
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn digits_words_and_vague_amounts() {
        assert_eq!(parse_number("22"), Some(22));
        assert_eq!(parse_number("1,000"), Some(1000));
        assert_eq!(parse_number("Twenty"), Some(20));
        assert_eq!(parse_number("twenty-two"), Some(22));
        assert_eq!(parse_number("nine"), Some(9));
        assert_eq!(parse_number("dozens"), Some(12));
        assert_eq!(parse_number("hundreds"), Some(100));
        assert_eq!(parse_number("seventh"), None);
        assert_eq!(parse_number("people"), None);
        assert_eq!(parse_number("twenty-ten"), None);
    }
}
