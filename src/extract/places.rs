//! Place mentions: capitalised names found in the gazetteer, with the cue before them that
//! tells an incident place ("in Pec", "the village of Caglavica", "near Pristina") from a place
//! only mentioned ("told reporters in Pristina", "Moscow warned", "80 km west of Pristina").

use std::sync::LazyLock;

use regex::Regex;

use super::text::{Word, words};
use crate::fold::fold;
use crate::gazetteer::Gazetteer;

/// How the text introduces a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cue {
    /// A speaker's or a force's location: "told reporters in", "said in", "stationed in".
    Reporting,
    /// A reference point for distance: "80 km west of".
    Locator,
    /// An adjective use: "Kosovo's capital", "Pristina's declaration".
    Modifier,
    /// A wire dateline ("BELGRADE, Feb 22 (Wire) -"): where the story was filed, a fallback
    /// for incidents the text does not place.
    Dateline,
    /// No cue.
    Bare,
    /// "from", "to", "towards", "on".
    Weak,
    /// A heading or label that opens a line: "PEJA / PEC: ...", "- **Prizren.** On 17 March".
    Label,
    /// "near", "outside", "south of": the incident is near the place.
    Near,
    /// "in", "at", "inside".
    In,
    /// "the village of", "the town of".
    Settlement,
}

impl Cue {
    /// Whether a place with this cue may be an incident's place.
    pub fn can_host(self) -> bool {
        self >= Cue::Bare
    }
}

/// A place name in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte range in the article.
    pub start: usize,
    pub end: usize,
    /// The name as written.
    pub text: String,
    pub folded: String,
    pub cue: Cue,
    /// Gazetteer places with this name; 0 for an unresolved settlement name.
    pub candidates: usize,
}

static REPORTING_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:told (?:\w+ ){0,3}?(?:in|at)|said|says|saying|speaking|spoke|announced|stated|declared|reported|reporting|heard|broadcast|broadcasting|visiting|arrived in|returned to|returning to|flew to|flown to|travell?ed to|stationed in|posted in|based in|headquartered in|sent from|(?:on|during) (?:a |his |her |an official )?(?:visit|trip) to|(?:officials?|government|authorities|diplomats|leaders|ministers?|talks|meetings?|conference|summit|ambassador|correspondents?|reporters|journalists|newspapers?|radio|television|agency|spokes(?:man|woman|person)|negotiators|envoys?|sister station|station|sources|media centre|media center) (?:\w+ )?(?:in|at|from)|(?:discussed|concluded|negotiated|debated|convened) in|(?:capital|cities?|parliament|government|station|radio|television) of|to neighbouring|from neighbouring|(?:news|press) conference in|(?:dateline|datelined))\s+(?:(?:the|neighbouring|nearby|neighboring)\s+)?(?:[\w’'-]+\s+){0,2}?$").unwrap()
});
/// "peacekeepers in neighbouring Bosnia said": a force's location, when it speaks.
static FORCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:peacekeepers|troops|forces|soldiers|police|officers|units?)\s+(?:\w+\s+)?(?:in|at|from)\s+(?:(?:the|neighbouring|nearby|neighboring)\s+)?$").unwrap()
});
static SPEECH_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)^[^.;]{0,60}?\b(?:said|say|says|told|announced|reported|warned|added|stated|confirmed|denied|accused|insisted)\b").unwrap()
});
static REPORTING_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)^(?:'s|’s)?\s*(?:\(\w+\)\s*)?(?:said|says|warned|warns|accused|accuses|announced|claimed|claims|denied|denies|insisted|urged|urges|called|calls|demanded|condemned|condemns|responded|rejected|rejects|recognised|recognized|recognises|recognizes|backed|supports|declared|argues|argued|told|has said|has warned|has accused|has called|government|officials|authorities|radio|television|newspaper|says|-based|based)\b").unwrap()
});
static LOCATOR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s?|miles?|metres|meters)\s+(?:\(\d+ miles?\)\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?$").unwrap()
});
static NEAR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:near|nearby|outside|close to|on the outskirts of|outskirts of|just outside|around|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|(?:north|south|east|west)(?:-?(?:east|west))?ern (?:part of|edge of)|between|road (?:from|to|between)|highway (?:from|to|between)|road-?block (?:\w+ )?(?:of|near|outside))\s+(?:(?:the|a)\s+)?(?:[\w’'-]+\s+){0,2}?$").unwrap()
});
static SETTLEMENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:village|villages|town|city|hamlet|settlement|suburb|municipality|district|enclave|neighbourhood|neighborhood|commune|region|province) of\s+$").unwrap()
});
static IN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:in|at|inside|into|across|throughout|within|on the streets of)\s+(?:(?:the|divided|northern|southern|eastern|western|central|north|south|east|west|northwestern|northeastern|southwestern|southeastern|downtown|ethnically|mixed|nearby|neighbouring|neighboring|tense|restive|flashpoint|serb|serbian|albanian|\w+-dominated|\w+-populated|\w+-held|\w+'s|\w+’s|capital|town|city|village)\s+){0,3}$").unwrap()
});
/// Where a capitalised name the gazetteer lacks is still taken for a place (unresolved).
static UNRESOLVED_CUE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?:\b(?:in|at|near|outside)|\bvillages? of (?:[\w’'-]+,? )+and)\s+(?:the (?:village|hamlet) )?$").unwrap()
});
/// A verb whose object is the place hit: "shelled Junik", "striking Vaksince".
static TARGET_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:shell(?:ed|ing)|strik(?:e|es|ing)|struck|hit(?:ting)?|bomb(?:ed|ing)|attack(?:ed|ing)|raid(?:ed|ing)|storm(?:ed|ing)|entered|captur(?:ed|ing)|overran|pounded|pounding|targeted|targeting|besieged|surrounded|burned|torched|looted)\s+(?:the\s+(?:village|town|city|hamlet|suburb)s?\s+of\s+)?$").unwrap()
});
static WEAK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:from|to|towards?|through|via|on|over)\s+(?:the\s+)?$").unwrap()
});

/// Capitalised words that are names of places somewhere but almost never in news prose.
const COMMON: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "of",
    "and",
    "but",
    "or",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "when",
    "where",
    "while",
    "after",
    "before",
    "during",
    "since",
    "however",
    "some",
    "many",
    "most",
    "all",
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "police",
    "army",
    "government",
    "president",
    "minister",
    "prime",
    "hospital",
    "people",
    "soldiers",
    "troops",
    "serb",
    "serbs",
    "albanian",
    "albanians",
    "serbian",
    "roma",
    "nato",
    "kfor",
    "un",
    "eu",
    "osce",
    "unmik",
    "eulex",
    "reuters",
    "ap",
    "afp",
    "bbc",
    "said",
    "initial",
    "later",
    "hundreds",
    "thousands",
    "last",
    "early",
    "late",
    "new",
    "old",
    "union",
    "independence",
    "liberty",
    "victoria",
    "hope",
    "mobile",
    "republic",
    "democratic",
    "party",
    "league",
    "council",
    "court",
    "church",
    "street",
    "bridge",
    "river",
    "lake",
    "mount",
    "city",
    "town",
    "village",
    "province",
    "region",
    "district",
    "state",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "date",
    "media",
    "press",
    "time",
    "times",
    "post",
    "mission",
    "security",
    "justice",
    "peace",
    "unity",
    "progress",
    "victory",
    "freedom",
    "center",
    "centre",
    "north",
    "south",
    "east",
    "west",
    "central",
    "western",
    "eastern",
    "northern",
    "southern",
    "european",
    "international",
    "national",
    "federal",
    "general",
    "major",
    "captain",
    "colonel",
    "ambassador",
    "secretary",
    "commander",
    "spokesman",
    "spokeswoman",
    "officials",
    "local",
    "also",
    "even",
    "only",
    "still",
    "such",
    "both",
    "each",
    "every",
    "other",
    "another",
    "more",
    "less",
    "what",
    "who",
    "why",
    "how",
    "if",
    "as",
    "so",
    "by",
    "for",
    "with",
    "from",
    "about",
    "into",
    "over",
    "under",
    "up",
    "down",
    "out",
    "off",
    "again",
    "further",
    "once",
    "here",
    "why",
    "yet",
    "not",
    "nor",
    "just",
    "now",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "anniversary",
    "rally",
    "rallies",
    "protest",
    "update",
    "breaking",
    "background",
    "analysis",
    "comment",
    "opinion",
    "editorial",
    "summary",
    "source",
    "sources",
    "title",
    "note",
    "notes",
    "photo",
    "video",
    "pictures",
    "live",
    "read",
    "home",
    "world",
    "europe",
    "news",
    "sport",
    "march",
    "ukrainian",
    "ukrainians",
    "french",
    "german",
    "italian",
    "british",
    "american",
    "russian",
    "polish",
    "poles",
    "japan's",
    "christian",
    "muslim",
    "orthodox",
    "catholic",
    "jewish",
    "monastery",
    "mosque",
    "school",
    "university",
    "airport",
    "station",
    "camp",
    "base",
    "valley",
    "mountain",
    "mountains",
    "field",
    "hill",
    "road",
    "highway",
    "border",
    "crossing",
    "gate",
    "dragon",
    "eagle",
    "lion",
    "star",
    "sun",
    "moon",
    "day",
    "night",
    "morning",
    "evening",
    "afternoon",
    "week",
    "month",
    "year",
    "years",
    "number",
    "figures",
    "reports",
    "report",
    "molotov",
    "us",
    "uk",
    "k-for",
    "kosovar",
    "kosovars",
    "balkan",
    "balkans",
    "yugoslav",
];

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "of"
            | "i"
            | "e"
            | "na"
            | "de"
            | "la"
            | "del"
            | "di"
            | "upon"
            | "on"
            | "e-"
            | "el"
            | "al"
            | "le"
            | "der"
            | "am"
            | "an"
            | "pri"
            | "nad"
            | "pod"
            | "u"
            | "kod"
    )
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Finds the place mentions in a byte range of the article (one sentence).
pub fn find(article: &str, start: usize, end: usize, g: &Gazetteer) -> Vec<Mention> {
    let ws = words(article, start, end);
    let max = g.max_name_words().clamp(1, 6);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !capitalised(ws[i].text(article)) {
            i += 1;
            continue;
        }
        let mut found = None;
        for n in (1..=max.min(ws.len() - i)).rev() {
            let last = ws[i + n - 1].text(article);
            if !capitalised(last) {
                continue;
            }
            if ws[i..i + n].iter().any(|w| {
                let t = w.text(article);
                !capitalised(t) && !is_connector(t)
            }) {
                continue;
            }
            let (s, e) = (ws[i].start, ws[i + n - 1].end);
            // a name does not run across a comma or other punctuation
            if article[s..e].contains([',', ';', ':', '(', ')', '"', '\n']) {
                continue;
            }
            let name = &article[s..e];
            let folded = fold(name);
            if n == 1 && COMMON.contains(&folded.as_str()) {
                continue;
            }
            let hits = g.lookup(&folded).len();
            if hits > 0 {
                found = Some((n, s, e, folded, hits));
                break;
            }
        }
        match found {
            Some((n, s, e, folded, hits)) => {
                if !part_of_longer_name(article, &ws, i, n, start) {
                    let cue = cue(article, start, s, e);
                    out.push(Mention {
                        start: s,
                        end: e,
                        text: article[s..e].to_string(),
                        folded,
                        cue,
                        candidates: hits,
                    });
                }
                i += n;
            }
            None => {
                if let Some(m) = unresolved_settlement(article, &ws, i, start) {
                    i += m.1;
                    out.push(m.0);
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

/// "Milan Ivanovic", "Angela Joseph": a match glued to another capitalised word that is not
/// a sentence start is part of a person's or an organisation's name.
fn part_of_longer_name(
    article: &str,
    ws: &[Word],
    i: usize,
    n: usize,
    sentence_start: usize,
) -> bool {
    let glued = |a: &Word, b: &Word| article[a.end..b.start].chars().all(|c| c == ' ');
    // "Kodra e Thatë": the name goes on past a connector
    if let (Some(c), Some(after)) = (ws.get(i + n), ws.get(i + n + 1))
        && matches!(c.text(article), "e" | "i" | "na" | "e-")
        && capitalised(after.text(article))
        && glued(&ws[i + n - 1], c)
        && glued(c, after)
    {
        return true;
    }
    if let Some(next) = ws.get(i + n) {
        let t = next.text(article);
        if capitalised(t) && glued(&ws[i + n - 1], next) && !t.chars().all(|c| c.is_uppercase()) {
            return true;
        }
    }
    if i > 0 {
        let prev = &ws[i - 1];
        let t = prev.text(article);
        let first_of_sentence = prev.start == sentence_start
            || (i == 1 && article[sentence_start..prev.start].trim().is_empty());
        let title = matches!(
            t,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "President"
                | "Minister"
                | "General"
                | "Gen"
                | "Col"
                | "Capt"
                | "Lt"
                | "Sgt"
                | "Judge"
                | "Bishop"
                | "Father"
                | "Saint"
                | "Sir"
        );
        if capitalised(t)
            && glued(prev, &ws[i])
            && (!first_of_sentence || title)
            && !COMMON.contains(&t.to_lowercase().as_str())
        {
            return true;
        }
    }
    false
}

/// "the village of Skulevo": a settlement name the gazetteer does not have (unresolved).
fn unresolved_settlement(
    article: &str,
    ws: &[Word],
    i: usize,
    sentence_start: usize,
) -> Option<(Mention, usize)> {
    let w = &ws[i];
    let before = window_before(article, sentence_start, w.start);
    let cue = if SETTLEMENT_BEFORE.is_match(before) {
        Cue::Settlement
    } else if i > 0 && UNRESOLVED_CUE.is_match(before) {
        Cue::In
    } else {
        return None;
    };
    let t = w.text(article);
    if t.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
        || t.len() < 3
        || t.ends_with("'s")
        || t.ends_with("’s")
        || t.contains('-')
        || REPORTING_BEFORE.is_match(before)
    {
        return None; // acronyms ("in NATO"), initials, possessives, speakers' places
    }
    let mut n = 1;
    while let Some(next) = ws.get(i + n) {
        let t = next.text(article);
        let glued = article[ws[i + n - 1].end..next.start]
            .chars()
            .all(|c| c == ' ');
        let connector = matches!(t, "e" | "i" | "na")
            && ws
                .get(i + n + 1)
                .is_some_and(|a| capitalised(a.text(article)));
        if glued && (capitalised(t) || connector) {
            n += 1;
        } else {
            break;
        }
    }
    let (s, e) = (w.start, ws[i + n - 1].end);
    let folded = fold(&article[s..e]);
    if COMMON.contains(&folded.as_str()) {
        return None;
    }
    Some((
        Mention {
            start: s,
            end: e,
            text: article[s..e].to_string(),
            folded,
            cue,
            candidates: 0,
        },
        n,
    ))
}

static LABEL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"^(?:\s*/\s*[\p{L} '’-]{2,30})?(?:,\s*\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)?(?:\*\*)?\s*[:.](?:\*\*)?\s").unwrap()
});
static DATELINE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"^(?:,\s*[A-Z][\w ]{1,30}?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:-|–|—)\s").unwrap()
});

/// The text before a name that its cue can span: the sentence, at most its last 160 bytes
/// (the patterns end at the name; a bounded window keeps long sentences linear).
fn window_before(article: &str, sentence_start: usize, s: usize) -> &str {
    let mut from = s.saturating_sub(160).max(sentence_start);
    while !article.is_char_boundary(from) {
        from += 1;
    }
    &article[from..s]
}

fn cue(article: &str, sentence_start: usize, s: usize, e: usize) -> Cue {
    let before = window_before(article, sentence_start, s);
    // The patterns after the name reach a few words; a bounded window keeps the regex
    // engine's literal search from scanning the rest of a long text for every name.
    let mut to = (e + 200).min(article.len());
    while !article.is_char_boundary(to) {
        to -= 1;
    }
    let after = &article[e..to];
    // What stands between the line's start and the name (only white space, or bullets and
    // markup) decides datelines, headings and labels; both scans stop at the line break.
    let opener = |extra: &dyn Fn(char) -> bool| {
        let lead =
            article[..s].trim_end_matches(|c: char| (c.is_whitespace() && c != '\n') || extra(c));
        lead.is_empty() || lead.ends_with('\n')
    };
    let at_line_start = opener(&|_| false);
    let name = &article[s..e];
    if at_line_start
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
        && DATELINE_AFTER.is_match(after)
    {
        return Cue::Dateline;
    }
    let line_ends = after.trim_start_matches([' ', '\t', '\r']);
    if opener(&|c| c == '#') && (line_ends.is_empty() || line_ends.starts_with('\n')) {
        return Cue::Dateline;
    }
    if opener(&|c| matches!(c, '-' | '*' | '#' | '•' | '>' | '_')) && LABEL_AFTER.is_match(after)
    {
        return Cue::Label;
    }
    if LOCATOR_BEFORE.is_match(before) {
        return Cue::Locator;
    }
    if REPORTING_BEFORE.is_match(before)
        || REPORTING_AFTER.is_match(after)
        || (FORCE_BEFORE.is_match(before) && SPEECH_AFTER.is_match(after))
    {
        return Cue::Reporting;
    }
    let possessive = after.starts_with("'s") || after.starts_with("’s");
    if SETTLEMENT_BEFORE.is_match(before) {
        return Cue::Settlement;
    }
    if NEAR_BEFORE.is_match(before) {
        return Cue::Near;
    }
    if IN_BEFORE.is_match(before) || TARGET_BEFORE.is_match(before) {
        return Cue::In;
    }
    if possessive {
        return Cue::Modifier;
    }
    if WEAK_BEFORE.is_match(before) {
        return Cue::Weak;
    }
    Cue::Bare
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: &str = "\
id,name,ascii_name,alt_names,lat,lon,kind,feature_code,country,admin1,population,source
gn:1,Peć,Pec,Peja,42.65913,20.28828,city,PPLA,XK,Pec,48962,GeoNames CC BY 4.0
gn:2,Pristina,Pristina,Prishtina,42.67272,21.16688,city,PPLC,XK,Pristina,550000,GeoNames CC BY 4.0
gn:3,Belgrade,Belgrade,Beograd,44.80401,20.46513,city,PPLC,RS,Belgrade,1273651,GeoNames CC BY 4.0
gn:4,Milan,Milan,Milano,45.46,9.19,city,PPLA,IT,Lombardy,1236837,GeoNames CC BY 4.0
gn:5,Bosnia and Herzegovina,Bosnia and Herzegovina,Bosnia,44,18,country,PCLI,BA,,3500000,GeoNames CC BY 4.0
gn:6,Moscow,Moscow,,55.75,37.61,city,PPLC,RU,Moscow,10000000,GeoNames CC BY 4.0
gn:7,March,March,,52.55,0.08,town,PPL,GB,England,20000,GeoNames CC BY 4.0
";

    fn g() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.add_reader(G.as_bytes(), "g").unwrap();
        g
    }

    fn cues(s: &str) -> Vec<(String, Cue)> {
        find(s, 0, s.len(), &g())
            .into_iter()
            .map(|m| (m.text, m.cue))
            .collect()
    }

    #[test]
    fn incident_cues() {
        assert_eq!(
            cues("In Pec, a crowd attacked the bus station"),
            [("Pec".into(), Cue::In)]
        );
        assert_eq!(
            cues("a checkpoint south of the capital Pristina"),
            [("Pristina".into(), Cue::Near)]
        );
        assert_eq!(
            cues("to march on the Serb village of Skulevo"),
            [("Skulevo".into(), Cue::Settlement)]
        );
        assert_eq!(
            cues("students marched in Belgrade"),
            [("Belgrade".into(), Cue::In)]
        );
    }

    #[test]
    fn mention_only_cues() {
        assert_eq!(
            cues("a minister told journalists in Kosovo's capital Pristina"),
            [("Pristina".into(), Cue::Reporting)]
        );
        assert_eq!(
            cues("a radio report heard in Belgrade"),
            [("Belgrade".into(), Cue::Reporting)]
        );
        assert_eq!(
            cues("Speaking in Moscow, she said"),
            [("Moscow".into(), Cue::Reporting)]
        );
        assert_eq!(
            cues("Moscow warned of an escalation"),
            [("Moscow".into(), Cue::Reporting)]
        );
        assert_eq!(
            cues("Officials in Belgrade accused the police"),
            [("Belgrade".into(), Cue::Reporting)]
        );
        assert_eq!(
            cues("most of the battalion is stationed in Bosnia and Herzegovina"),
            [("Bosnia and Herzegovina".into(), Cue::Reporting)]
        );
        assert_eq!(
            cues("in Pec, 70 km west of Pristina"),
            [("Pec".into(), Cue::In), ("Pristina".into(), Cue::Locator)]
        );
    }

    #[test]
    fn people_and_months_are_not_places() {
        assert!(cues("doctor Milan Jovic said").is_empty());
        assert!(cues("It happened in March.").is_empty());
        assert!(cues("Peja").len() == 1);
    }
}
