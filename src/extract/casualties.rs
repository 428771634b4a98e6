//! Killed and injured counts in a sentence: "at least 12 people were killed and 300 wounded",
//! "killing 11 and injuring 40", "a Ukrainian policeman died", "more than 200 hurt".

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::parse_number;

/// Counts found in one stretch of text; `None` where nothing was said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<u32>,
    pub injured: Option<u32>,
}

impl Casualties {
    /// Merges another report of the same incident: the larger figure of each kind.
    pub fn max(self, o: Casualties) -> Casualties {
        let m = |a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Casualties {
            killed: m(self.killed, o.killed),
            injured: m(self.injured, o.injured),
        }
    }

    /// True when any figure was found.
    pub fn any(&self) -> bool {
        self.killed.is_some() || self.injured.is_some()
    }
}

const NUM: &str = r"(\d[\d,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|dozens|hundreds|several|scores|a dozen|a hundred|a couple)";
const QUAL: &str = r"(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|roughly|an estimated|as many as|a further|another)\s+)?";
const DEATH: &str = r"(?:killed|shot dead|shot to death|(?:beaten|clubbed|stabbed|burned|burnt|hacked|axed and clubbed|axed|shot and killed) to death|died|dead|murdered|slain|executed|lost their lives|perished|drowned)";
const HURT: &str = r"(?:wounded|injured|hurt|treated for (?:their |his |her )?(?:injuries|wounds)|hospitali[sz]ed)";

struct Patterns {
    count_then_death: Regex,
    count_then_hurt: Regex,
    verb_then_count_death: Regex,
    verb_then_count_hurt: Regex,
    left_dead: Regex,
    toll: Regex,
    bodies: Regex,
    none_killed: Regex,
    one_killed: Regex,
    one_hurt: Regex,
    none_hurt: Regex,
}

static P: LazyLock<Patterns> = LazyLock::new(|| {
    let r = |s: String| super::re(format!("(?i){s}")).unwrap();
    let words = r"(?:[\w'’-]+\s+){0,6}?";
    let aux = r"(?:(?:were|was|have been|had been|has been|are|is|being|got|had|have)\s+)?(?:(?:still|reportedly|later|also|all|slightly|seriously|critically|badly|lightly|fatally)\s+){0,2}";
    Patterns {
        count_then_death: r(format!(r"^{QUAL}{NUM}\s+{words}{aux}{DEATH}\b")),
        count_then_hurt: r(format!(r"^{QUAL}{NUM}\s+{words}{aux}{HURT}\b")),
        verb_then_count_death: r(format!(r"\b(?:killing|killed|shot dead|shooting dead|(?:killing|killings|deaths|murders?|massacre) of)\s+{QUAL}{NUM}\b")),
        verb_then_count_hurt: r(format!(r"\b(?:injuring|wounding|injured|wounded)\s+{QUAL}{NUM}\b")),
        left_dead: r(format!(r"\b(?:left|leaving)\s+{QUAL}{NUM}\s+(?:[\w-]+\s+){{0,3}}?dead\b")),
        toll: r(format!(r"\bdeath toll\s+(?:\w+\s+){{0,2}}?(?:to|at|of)\s+{QUAL}{NUM}\b")),
        bodies: r(format!(r"\bbod(?:ies|y) of\s+{QUAL}{NUM}\b")),
        one_killed: r(r"\b(?:(?:his|her|their) ((?:[\w-]+ ){0,2}?)(?:was|had been) (?:\w+ly )?(?:killed|shot dead)\b|(?:the|a|an) (?:[\w-]+ ){0,2}?(?:man|woman|farmer|driver|boy|girl|child|policeman|officer|soldier|civilian|pensioner|shepherd|teenager|passenger|worker)\b[^.;]{0,50}?,\s+died\b)".into()),
        one_hurt: r(r"\b(?:his|her|their) ((?:[\w-]+ ){0,2}?)(?:was|had been) (?:\w+ly )?(?:injured|wounded|hurt)\b".into()),
        none_killed: r(r"\b(?:no one|nobody|no-one|none)\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?killed\b|\bno (?:deaths|fatalities)\b".into()),
        none_hurt: r(r"\b(?:no one|nobody|no-one|none)\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:hurt|injured|wounded)\b|\bno (?:injuries|casualties)\b|\bwithout (?:injuries|casualties)\b".into()),
    }
});

/// A count at a capture, unless it is an age ("a 43-year-old"), a year or a distance.
fn count(text: &str, m: regex::Match) -> Option<u32> {
    let after = &text[m.end()..];
    if after.starts_with('-')
        || after.trim_start().starts_with("km")
        || after.trim_start().starts_with("kilomet")
    {
        return None;
    }
    let s = m.as_str().to_ascii_lowercase();
    let n = match s.as_str() {
        "a dozen" => 12,
        "a hundred" => 100,
        "a couple" => 2,
        _ => parse_number(&s)?,
    };
    if (1900..2100).contains(&n) && !s.contains(',') {
        return None;
    }
    u32::try_from(n).ok()
}

static HINT: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)kill|dead|died|death|wound|injur|hurt|bod(?:y|ies)|casualt|fatalit|hospitali|lives|perished|drowned|murder|slain|executed").unwrap()
});
static NUM_AT: LazyLock<Regex> =
    LazyLock::new(|| super::re(format!(r"(?i)\b{QUAL}{NUM}\b")).unwrap());
static CASUALTY_WORD: LazyLock<Regex> =
    LazyLock::new(|| super::re(format!(r"(?i)\b(?:{DEATH}|{HURT})\b|\b\d[\d,]*(?:\s|$)")).unwrap());

/// Killed and injured figures in a sentence; distinct figures of one kind are added.
pub fn find(text: &str) -> Casualties {
    // Most clauses name no casualty: one cheap scan for the words any pattern needs.
    if !HINT.is_match(text) {
        return Casualties::default();
    }
    let p = &*P;
    let mut killed: Vec<(usize, u32)> = Vec::new();
    let mut injured: Vec<(usize, u32)> = Vec::new();
    let take = |re: &Regex, out: &mut Vec<(usize, u32)>| {
        for c in re.captures_iter(text) {
            let g = c.get(1).unwrap();
            if let Some(n) = count(text, g)
                && !out.iter().any(|(at, _)| *at == g.start())
            {
                out.push((g.start(), n));
            }
        }
    };
    take(&p.verb_then_count_death, &mut killed);
    take(&p.left_dead, &mut killed);
    take(&p.toll, &mut killed);
    take(&p.bodies, &mut killed);
    take(&p.verb_then_count_hurt, &mut injured);
    // "his son was injured": one person.
    for (re, out) in [(&p.one_hurt, &mut injured), (&p.one_killed, &mut killed)] {
        for m in re.find_iter(text) {
            // a figure another pattern read inside the same words is the same person
            if !out
                .iter()
                .any(|&(at, _)| (m.start()..m.end()).contains(&at))
            {
                out.push((m.start(), 1));
            }
        }
    }
    // "N ... killed": tried at every number, and the words between may hold no other
    // figure or casualty word ("10 were killed and 250 wounded" gives 10 and 250).
    let mut covered = 0;
    for m in NUM_AT.find_iter(text) {
        let at = m.start();
        let mut from = at.saturating_sub(16);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = text[from..at].to_ascii_lowercase();
        let prev = before.split_whitespace().last().unwrap_or("");
        let article = m.as_str().eq_ignore_ascii_case("a") || m.as_str().eq_ignore_ascii_case("an");
        if at < covered
            || prev == "no"
            || (article
                && matches!(
                    prev,
                    "of" | "in"
                        | "from"
                        | "with"
                        | "for"
                        | "to"
                        | "at"
                        | "by"
                        | "on"
                        | "into"
                        | "after"
                        | "like"
                ))
        {
            continue;
        }
        for (re, out) in [
            (&p.count_then_death, &mut killed),
            (&p.count_then_hurt, &mut injured),
        ] {
            let Some(c) = re
                .captures(&text[at..])
                .filter(|c| c.get(0).unwrap().start() == 0)
            else {
                continue;
            };
            let g = c.get(1).unwrap();
            let between = &text[at + g.end()..at + c.get(0).unwrap().end()];
            let last = CASUALTY_WORD
                .find_iter(between)
                .last()
                .map_or(0, |w| w.start());
            if CASUALTY_WORD.find_iter(between).any(|w| w.start() < last) {
                continue;
            }
            let g = text[at..].len().min(g.end());
            let mat = NUM_AT.captures(&text[at..at + g]).and_then(|c| c.get(1));
            if let Some(mm) = mat
                && let Some(n) = count(text, regex_shift(mm, at, text))
                && !out.iter().any(|(a, _)| *a == at + mm.start())
            {
                out.push((at + mm.start(), n));
                covered = covered.max(at + c.get(0).unwrap().end());
            }
        }
    }
    // A figure read as killed is not also injured ("two killed and three wounded").
    injured.retain(|(at, _)| !killed.iter().any(|(k, _)| k == at));
    let sum = |v: &[(usize, u32)]| (!v.is_empty()).then(|| v.iter().map(|x| x.1).sum());
    let mut c = Casualties {
        killed: sum(&killed),
        injured: sum(&injured),
    };
    if c.killed.is_none() && p.none_killed.is_match(text) {
        c.killed = Some(0);
    }
    if c.injured.is_none() && p.none_hurt.is_match(text) {
        c.injured = Some(0);
    }
    c
}

/// A match found in a sub-slice, re-found in the whole text (for the checks of [`count`]).
fn regex_shift<'t>(m: regex::Match<'_>, offset: usize, text: &'t str) -> regex::Match<'t> {
    let (s, e) = (offset + m.start(), offset + m.end());
    static ANY: LazyLock<Regex> = LazyLock::new(|| super::re(r"(?s).+").unwrap());
    ANY.find_at(&text[..e], s).expect("non-empty match")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(s: &str) -> (Option<u32>, Option<u32>) {
        let c = find(s);
        (c.killed, c.injured)
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(
            kw("at least 12 people were killed and 300 wounded"),
            (Some(12), Some(300))
        );
        assert_eq!(
            kw("Twenty Norwegian soldiers were slightly wounded on Wednesday"),
            (None, Some(20))
        );
        assert_eq!(
            kw("blew up a bus, killing 11 and injuring 40"),
            (Some(11), Some(40))
        );
        assert_eq!(
            kw("killing one Serb man and injuring four others"),
            (Some(1), Some(4))
        );
        assert_eq!(kw("counted more than 200 hurt"), (None, Some(200)));
        assert_eq!(
            kw("a Ukrainian policeman died from wounds"),
            (Some(1), None)
        );
        assert_eq!(kw("clashes left nine people dead in 1999"), (Some(9), None));
        assert_eq!(
            kw("three brothers were axed and clubbed to death"),
            (Some(3), None)
        );
        assert_eq!(kw("dozens were injured"), (None, Some(12)));
        assert_eq!(kw("the death toll rose to 31"), (Some(31), None));
        assert_eq!(
            kw("recovered the bodies of two missing children"),
            (Some(2), None)
        );
        assert_eq!(
            kw("soldiers said they had killed a gunman"),
            (Some(1), None)
        );
        assert_eq!(
            kw("35 officers are still being treated for their injuries"),
            (None, Some(35))
        );
    }

    #[test]
    fn ages_years_distances_and_ordinals_are_not_counts() {
        assert_eq!(
            kw("a 52-year-old farmer died after being shot"),
            (Some(1), None)
        );
        assert_eq!(kw("She was the fifth reporter killed"), (None, None));
        assert_eq!(
            kw("250 soldiers became engaged in disturbances"),
            (None, None)
        );
        assert_eq!(kw("In 1999 people died"), (None, None));
    }

    #[test]
    fn one_person_with_an_apposition() {
        assert_eq!(
            kw("The driver of the tractor, a father of two, died at the scene"),
            (Some(1), None)
        );
        assert_eq!(
            kw("her husband was killed and a policeman died"),
            (Some(2), None)
        );
    }

    #[test]
    fn explicit_zero() {
        assert_eq!(kw("No one was hurt in the blast"), (None, Some(0)));
        assert_eq!(kw("There were no casualties."), (None, Some(0)));
    }

    #[test]
    fn max_merges_reports() {
        let a = Casualties {
            killed: Some(4),
            injured: None,
        };
        let b = Casualties {
            killed: Some(2),
            injured: Some(80),
        };
        assert_eq!(
            a.max(b),
            Casualties {
                killed: Some(4),
                injured: Some(80)
            }
        );
    }
}
