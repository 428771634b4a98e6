//! Date expressions: absolute ("17 March 2004", "March 17", "in February 2001", "in 1999") and
//! relative to the publication date ("on Wednesday", "Tuesday afternoon", "yesterday",
//! "last week", "earlier this month", "since Monday", "five years ago").

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;

use super::numbers::parse_number;
use crate::model::Precision;

/// A date found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte range within the sentence.
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
    pub date_end: Option<NaiveDate>,
    pub precision: Precision,
    /// 2 for an adverbial date ("on Wednesday", "in 1999"), 1 for a modifier
    /// ("Wednesday's clashes"): a sentence's date is its strongest.
    pub strength: u8,
}

const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

static HINT: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|last|this|previous|past|ago|earlier|overnight|anniversary|day before|a (?:day|week|month|year)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:day|week|month|year))").unwrap()
});
static ISO: LazyLock<Regex> =
    LazyLock::new(|| super::re(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b").unwrap());
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    super::re(format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+((?:19|20)\d\d))?\b"
    ))
    .unwrap()
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    super::re(format!(
        r"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?"
    ))
    .unwrap()
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    super::re(format!(
        r"\b(?:(?i:early|mid|late|end of|beginning of)[\s-]+)?{MONTH},?\s+((?:19|20)\d\d)\b"
    ))
    .unwrap()
});
static MONTH_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    super::re(format!(
        r"\b(?i:in|since|during|until|by|early|late|mid|last|this|earlier in|later in)[\s-]+{MONTH}\b"
    ))
    .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"\b(?i:in|since|during|until|by|of|from|early|late|mid|summer|spring|autumn|winter|throughout)[\s-]+((?:19|20)\d\d)\b(?:s\b)?").unwrap()
});
static WEEKDAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(format!(
        r"\b(?:(?i:(on|since|last|this|by|until|early|late))\s+)?{WEEKDAY}('s|’s)?(?:\s+(?i:morning|afternoon|evening|night))?\b"
    ))
    .unwrap()
});
static NTH: LazyLock<Regex> =
    LazyLock::new(|| super::re(r"\b(?i:on) the (\d{1,2})(?:st|nd|rd|th)\b").unwrap());
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(
        r"(?i)\b(today|tonight|this (?:morning|afternoon|evening)|yesterday|last night|overnight|the previous day|the day before|(?:earlier |later )?this week|last week|the previous week|(?:earlier |later )?this month|last month|the previous month|(?:earlier |later )?this year|last year|the previous year|(?:in|over|during) the (?:past|last) (?:year|twelve months|12 months)|(?:in|over|during) the (?:past|last) (?:week|seven days|7 days)|(?:in|over|during) the (?:past|last) month)\b",
    )
    .unwrap()
});
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|month|year)s?\s+(ago|earlier)\b").unwrap()
});
static ANNIVERSARY: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))\s+anniversary of\b").unwrap()
});
static SUPERLATIVE_SINCE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(worst|first|biggest|largest|deadliest|bloodiest|heaviest|highest|most \w+|since the end of|since the start of)\b").unwrap()
});

fn month_number(m: &str) -> Option<u32> {
    let m = m.trim_end_matches('.').to_ascii_lowercase();
    let all = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    all.iter()
        .position(|p| m.starts_with(p))
        .map(|i| i as u32 + 1)
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

fn year_range(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

fn cap(d: NaiveDate, pubd: Option<NaiveDate>) -> NaiveDate {
    pubd.map_or(d, |p| d.min(p))
}

/// Finds every date expression in a sentence, resolving relative ones against `published`
/// (they are skipped when it is unknown).
pub fn find(sentence: &str, published: Option<NaiveDate>) -> Vec<DateExpr> {
    let mut out: Vec<DateExpr> = Vec::new();
    // Every pattern needs a digit, a month or weekday name or a relative word: skip the rest.
    if !sentence.bytes().any(|b| b.is_ascii_digit()) && !HINT.is_match(sentence) {
        return out;
    }
    // Taken ranges, start → end, to refuse overlaps in logarithmic time.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut add = |start: usize,
                   end: usize,
                   date: Option<NaiveDate>,
                   date_end: Option<NaiveDate>,
                   precision: Precision,
                   strength: u8| {
        let Some(date) = date else { return };
        if taken
            .range(..end)
            .next_back()
            .is_some_and(|(_, &e)| e > start)
        {
            return; // overlaps a longer, earlier match
        }
        taken.insert(start, end);
        let date_end = date_end.filter(|e| *e > date);
        out.push(DateExpr {
            start,
            end,
            date,
            date_end,
            precision,
            strength,
        });
    };

    for c in ISO.captures_iter(sentence) {
        let m = c.get(0).unwrap();
        let d = NaiveDate::from_ymd_opt(
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        add(m.start(), m.end(), d, None, Precision::Day, 2);
    }
    let day_of = |y: Option<i32>, month: u32, day: u32| -> Option<NaiveDate> {
        match y {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day),
            None => {
                let p = published?;
                let d = NaiveDate::from_ymd_opt(p.year(), month, day)?;
                if d > p {
                    NaiveDate::from_ymd_opt(p.year() - 1, month, day)
                } else {
                    Some(d)
                }
            }
        }
    };
    // "17 March 2004" (day, month, year groups 1, 2, 3) and "March 17, 2004" (2, 1, 3).
    for (re, day_group, month_group) in [(&*DAY_MONTH, 1, 2), (&*MONTH_DAY, 2, 1)] {
        for c in re.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            let (Some(month), Ok(day)) =
                (month_number(&c[month_group]), c[day_group].parse::<u32>())
            else {
                continue;
            };
            let y = c.get(3).and_then(|y| y.as_str().parse().ok());
            add(
                m.start(),
                m.end(),
                day_of(y, month, day),
                None,
                Precision::Day,
                2,
            );
        }
    }
    for c in MONTH_YEAR.captures_iter(sentence) {
        let m = c.get(0).unwrap();
        let (Some(month), Ok(y)) = (month_number(&c[1]), c[2].parse::<i32>()) else {
            continue;
        };
        let d = NaiveDate::from_ymd_opt(y, month, 1);
        add(
            m.start(),
            m.end(),
            d,
            last_day_of_month(y, month),
            Precision::Month,
            2,
        );
    }
    for c in MONTH_ONLY.captures_iter(sentence) {
        let m = c.get(0).unwrap();
        let (Some(p), Some(month)) = (published, month_number(&c[1])) else {
            continue;
        };
        let mut y = p.year();
        let lower = m.as_str().to_ascii_lowercase();
        if month > p.month() || (lower.starts_with("last") && month >= p.month()) {
            y -= 1;
        }
        let d = NaiveDate::from_ymd_opt(y, month, 1);
        let e = last_day_of_month(y, month).map(|e| cap(e, published));
        add(m.start(), m.end(), d, e, Precision::Month, 2);
    }
    for c in YEAR.captures_iter(sentence) {
        let m = c.get(0).unwrap();
        let Ok(y) = c[1].parse::<i32>() else { continue };
        let decade = m.as_str().ends_with('s');
        let Some((a, b)) = year_range(y) else {
            continue;
        };
        let b = if decade {
            year_range(y + 9).map_or(b, |r| r.1)
        } else {
            b
        };
        add(
            m.start(),
            m.end(),
            Some(a),
            Some(cap(b, published)),
            Precision::Year,
            2,
        );
    }
    if let Some(p) = published {
        for c in WEEKDAY_RE.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            let Ok(wd) = c[2].parse::<Weekday>() else {
                continue;
            };
            let prefix = c.get(1).map(|x| x.as_str().to_ascii_lowercase());
            let back = (7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
            let back = if back == 0 && prefix.as_deref() == Some("last") {
                7
            } else {
                back
            };
            let d = p.checked_sub_days(Days::new(back as u64));
            let possessive = c.get(3).is_some();
            let (end, prec) = if prefix.as_deref() == Some("since") {
                (Some(p), Precision::Week)
            } else {
                (None, Precision::Day)
            };
            add(
                m.start(),
                m.end(),
                d,
                end,
                prec,
                if possessive { 1 } else { 2 },
            );
        }
        for c in NTH.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            let Ok(day) = c[1].parse::<u32>() else {
                continue;
            };
            let d = NaiveDate::from_ymd_opt(p.year(), p.month(), day)
                .filter(|d| *d <= p)
                .or_else(|| {
                    let prev = p.checked_sub_months(Months::new(1))?;
                    NaiveDate::from_ymd_opt(prev.year(), prev.month(), day)
                });
            add(m.start(), m.end(), d, None, Precision::Day, 2);
        }
        for c in RELATIVE.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            if let Some((d, e, prec)) = relative(&m.as_str().to_ascii_lowercase(), p) {
                add(m.start(), m.end(), Some(d), e, prec, 2);
            }
        }
        for c in ANNIVERSARY.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            let w = c[1].to_ascii_lowercase();
            const ORD: [&str; 10] = [
                "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                "ninth", "tenth",
            ];
            let n = ORD
                .iter()
                .position(|o| *o == w)
                .map(|i| i as i32 + 1)
                .or_else(|| w.trim_end_matches(char::is_alphabetic).parse().ok());
            let Some(n) = n else { continue };
            let y = p.year() - n;
            let d = NaiveDate::from_ymd_opt(y, p.month(), 1);
            add(
                m.start(),
                m.end(),
                d,
                last_day_of_month(y, p.month()),
                Precision::Month,
                2,
            );
        }
        for c in AGO.captures_iter(sentence) {
            let m = c.get(0).unwrap();
            let n = match c[1].to_ascii_lowercase().as_str() {
                "a" | "an" => 1,
                w => parse_number(w).unwrap_or(0) as u32,
            };
            if n == 0 {
                continue;
            }
            let (d, prec) = match c[2].to_ascii_lowercase().as_str() {
                "day" => (p.checked_sub_days(Days::new(n.into())), Precision::Day),
                "week" => (p.checked_sub_days(Days::new(7 * n as u64)), Precision::Week),
                "month" => (p.checked_sub_months(Months::new(n)), Precision::Month),
                _ => (
                    p.with_year(p.year() - n as i32)
                        .or_else(|| NaiveDate::from_ymd_opt(p.year() - n as i32, 2, 28)),
                    Precision::Year,
                ),
            };
            let (d, e) = match (d, prec) {
                (Some(d), Precision::Year) => match year_range(d.year()) {
                    Some((a, b)) => (Some(a), Some(b)),
                    None => (None, None),
                },
                (Some(d), Precision::Month) => (
                    NaiveDate::from_ymd_opt(d.year(), d.month(), 1),
                    last_day_of_month(d.year(), d.month()),
                ),
                (d, _) => (d, None),
            };
            add(m.start(), m.end(), d, e.map(|e| cap(e, published)), prec, 2);
        }
    }
    // "the worst violence since 1999": a comparison, not the date of the event.
    for d in &mut out {
        // the comparison stands within a few words before the date
        let mut from = d.start.saturating_sub(120);
        while !sentence.is_char_boundary(from) {
            from += 1;
        }
        let before = &sentence[from..d.start];
        let since = before.to_ascii_lowercase().trim_end().ends_with("since")
            || sentence[d.start..d.end]
                .to_ascii_lowercase()
                .starts_with("since");
        if since && SUPERLATIVE_SINCE.is_match(before) {
            d.strength = 0;
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn relative(s: &str, p: NaiveDate) -> Option<(NaiveDate, Option<NaiveDate>, Precision)> {
    let day = |n: u64| p.checked_sub_days(Days::new(n));
    let month_start = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), d.month(), 1);
    Some(match s {
        "today" | "tonight" | "this morning" | "this afternoon" | "this evening" => {
            (p, None, Precision::Day)
        }
        "yesterday" | "last night" | "the previous day" | "the day before" => {
            (day(1)?, None, Precision::Day)
        }
        "overnight" => (day(1)?, Some(p), Precision::Day),
        s if s.ends_with("this week") => (monday_of(p), Some(p), Precision::Week),
        "last week" | "the previous week" => {
            let m = monday_of(p) - chrono::Duration::days(7);
            (m, Some(m + chrono::Duration::days(6)), Precision::Week)
        }
        s if s.ends_with("this month") => (month_start(p)?, Some(p), Precision::Month),
        "last month" | "the previous month" => {
            let d = p.checked_sub_months(Months::new(1))?;
            (
                month_start(d)?,
                last_day_of_month(d.year(), d.month()),
                Precision::Month,
            )
        }
        s if s.ends_with("this year") => (
            NaiveDate::from_ymd_opt(p.year(), 1, 1)?,
            Some(p),
            Precision::Year,
        ),
        "last year" | "the previous year" => {
            let (a, b) = year_range(p.year() - 1)?;
            (a, Some(b), Precision::Year)
        }
        s if s.ends_with("year") || s.ends_with("twelve months") || s.ends_with("12 months") => (
            p.checked_sub_months(Months::new(12))?,
            Some(p),
            Precision::Year,
        ),
        s if s.ends_with("week") || s.ends_with("days") => (day(7)?, Some(p), Precision::Week),
        s if s.ends_with("month") => (
            p.checked_sub_months(Months::new(1))?,
            Some(p),
            Precision::Month,
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The strongest date of a sentence published on 2004-03-18 (a Thursday).
    fn best(s: &str) -> Option<(String, Option<String>, &'static str)> {
        find(s, Some(d("2004-03-18")))
            .into_iter()
            .filter(|x| x.strength > 0)
            .max_by_key(|x| x.strength)
            .map(|x| {
                (
                    x.date.to_string(),
                    x.date_end.map(|e| e.to_string()),
                    x.precision.as_str(),
                )
            })
    }

    fn day(s: &str) -> String {
        best(s).unwrap().0
    }

    #[test]
    fn weekdays_are_the_most_recent_on_or_before_publication() {
        assert_eq!(day("Soldiers were wounded on Wednesday."), "2004-03-17");
        assert_eq!(day("They vanished Tuesday afternoon."), "2004-03-16");
        assert_eq!(day("Clashes on Thursday."), "2004-03-18");
        assert_eq!(day("last Thursday a bomb went off"), "2004-03-11");
        assert_eq!(
            best("since Monday").unwrap(),
            ("2004-03-15".into(), Some("2004-03-18".into()), "week")
        );
    }

    #[test]
    fn possessive_weekday_yields_to_an_adverbial_year() {
        assert_eq!(
            best("fighting like Wednesday's unrest killed seven people in 1999").unwrap(),
            ("1999-01-01".into(), Some("1999-12-31".into()), "year")
        );
        assert_eq!(day("following Wednesday's clashes"), "2004-03-17");
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(day("on 17 March 2004"), "2004-03-17");
        assert_eq!(day("on March 17, 2004"), "2004-03-17");
        assert_eq!(day("on March 17"), "2004-03-17");
        assert_eq!(day("on 20 March"), "2003-03-20");
        assert_eq!(day("on 2001-02-16"), "2001-02-16");
        assert_eq!(
            best("in February 2001").unwrap(),
            ("2001-02-01".into(), Some("2001-02-28".into()), "month")
        );
        assert_eq!(best("in February").unwrap().0, "2004-02-01");
        assert_eq!(best("in June").unwrap().0, "2003-06-01");
        assert_eq!(day("on the 5th"), "2004-03-05");
        assert_eq!(day("on the 25th"), "2004-02-25");
    }

    #[test]
    fn relative_dates() {
        assert_eq!(day("yesterday"), "2004-03-17");
        assert_eq!(day("Last night a house burned"), "2004-03-17");
        assert_eq!(day("NATO said today"), "2004-03-18");
        assert_eq!(
            best("last week").unwrap(),
            ("2004-03-08".into(), Some("2004-03-14".into()), "week")
        );
        assert_eq!(
            best("earlier this month").unwrap(),
            ("2004-03-01".into(), Some("2004-03-18".into()), "month")
        );
        assert_eq!(
            best("last month").unwrap(),
            ("2004-02-01".into(), Some("2004-02-29".into()), "month")
        );
        assert_eq!(
            best("five years ago").unwrap(),
            ("1999-01-01".into(), Some("1999-12-31".into()), "year")
        );
        assert_eq!(
            best("in the past year").unwrap(),
            ("2003-03-18".into(), Some("2004-03-18".into()), "year")
        );
        assert_eq!(day("two days ago"), "2004-03-16");
    }

    #[test]
    fn comparisons_are_not_event_dates() {
        assert!(best("the worst violence since 1999").is_none());
        assert!(best("the worst of its kind since February 2001").is_none());
        assert_eq!(day("Riots have gone on since Monday"), "2004-03-15");
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        assert!(find("on Wednesday", None).is_empty());
        assert_eq!(find("in 1999", None).len(), 1);
    }
}
