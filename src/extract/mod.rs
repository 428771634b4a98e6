//! Incident extraction: from an article and its publication date to typed, dated, geocoded
//! incidents with casualties and evidence.
//!
//! One pass over the sentences. Place names are found and geocoded with the article as
//! context ([`places`], [`crate::geocode`]); each clause with an event trigger ([`events`]) and a
//! place that can host an incident starts or extends an incident; clauses without a place
//! extend the current incident or, when the next sentence names the place, the next one.
//! Dates come from the clause, else the story's last day-precise date, else the publication
//! date (flagged as assumed); casualties are the largest figure any supporting sentence gives.

pub mod casualties;
pub mod dates;
pub mod events;
pub mod numbers;
pub mod places;
pub mod text;

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::gazetteer::{Gazetteer, Kind};
use crate::geocode::{Candidate, Context, rank_folded};
use crate::model::{Article, EventType, Incident, PlaceRef, Precision};
use casualties::Casualties;
use events::EventReading;
use places::{Cue, Mention};

/// Word boundaries as ASCII (`(?-u:\b)`): the patterns are English and ASCII, and an ASCII
/// boundary lets the regex engine use its fast DFA instead of the slower PikeVM.
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Compiles an extraction pattern with [`ascii_boundaries`].
pub(crate) fn re(pattern: impl AsRef<str>) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_boundaries(pattern.as_ref()))
}

/// A place mention with its geocoding and role: the `flashpoint places` view.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceMention {
    pub article: String,
    pub mention: String,
    pub span: [usize; 2],
    /// "incident" (an incident's place), "mentioned" (a speaker's or a force's location) or
    /// "other".
    pub role: &'static str,
    pub place: Option<MentionPlace>,
    pub candidates: usize,
}

/// The gazetteer place a mention was resolved to.
#[derive(Debug, Clone, Serialize)]
pub struct MentionPlace {
    pub name: String,
    pub matched: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub gazetteer_id: String,
    pub kind: Kind,
}

/// Everything one reading of an article yields.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub incidents: Vec<Incident>,
    pub mentions: Vec<PlaceMention>,
}

/// Reads the incidents of one article.
pub fn extract(article: &Article, gazetteer: &Gazetteer) -> Vec<Incident> {
    analyze(article, gazetteer).incidents
}

static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:will|would|could|might|possibility of|prepared for|plans? to|planning to|expected to|likely to|fears? (?:of|that)|feared|threat of|in case of|if)\b").unwrap()
});

/// How many sentences ahead a place-less report may find its place.
const LOOKAHEAD: usize = 3;

/// "could", "prepared for", "plans to" before the event word: it has not happened. A clause
/// with a date of its own ("Listeners will remember that ... on the 5th") is a report.
fn is_hypothetical(clause: &str, dated: bool) -> bool {
    let Some(m) = HYPOTHETICAL.find(clause) else {
        return false;
    };
    let first_trigger = events::first_trigger_at(clause).unwrap_or(usize::MAX);
    m.start() < first_trigger && !dated
}

/// "is not fought", "never attacked": the event word is negated.
fn is_negated(clause: &str) -> bool {
    events::first_trigger_at(clause).is_some_and(|at| {
        let before = clause[..at].to_ascii_lowercase();
        let before = before.trim_end();
        ["not", "never", "no", "nor", "not be", "not been", "without"]
            .iter()
            .any(|n| before.ends_with(&format!(" {n}")) || before == *n)
    })
}

struct Resolved {
    cand: Candidate,
}

#[derive(Clone)]
struct DateInfo {
    date: NaiveDate,
    end: Option<NaiveDate>,
    precision: Precision,
}

struct Draft {
    reading: EventReading,
    /// Index into the mentions (resolved or unresolved) of the incident's place.
    mention: usize,
    precision: u8,
    date: Option<DateInfo>,
    explicit_date: bool,
    casualties: Casualties,
    sentences: Vec<(usize, usize)>,
    last_sentence: usize,
}

impl Draft {
    /// A draft incident: what, where, when (the date and whether the text gave it), the
    /// figures and the supporting sentences.
    fn new(
        reading: EventReading,
        mention: usize,
        precision: u8,
        (date, explicit_date): (Option<DateInfo>, bool),
        casualties: Casualties,
        sentences: Vec<(usize, usize)>,
        last_sentence: usize,
    ) -> Draft {
        Draft {
            reading,
            mention,
            precision,
            date,
            explicit_date,
            casualties,
            sentences,
            last_sentence,
        }
    }
}

struct Pending {
    reading: EventReading,
    casualties: Casualties,
    span: (usize, usize),
    sentence: usize,
    date: Option<DateInfo>,
}

/// Reads an article: its incidents and every place mention with its role.
pub fn analyze(article: &Article, g: &Gazetteer) -> Analysis {
    let text = article.text.as_str();
    let published = article.published;
    let sents = text::sentences(text);

    // Place mentions, sentence by sentence.
    let mut mentions: Vec<Mention> = Vec::new();
    let mut by_sentence: Vec<std::ops::Range<usize>> = Vec::with_capacity(sents.len());
    for s in &sents {
        let from = mentions.len();
        mentions.extend(places::find(text, s.start, s.end, g));
        by_sentence.push(from..mentions.len());
    }
    let resolved = geocode_mentions(&mentions, g);
    let dateline = (0..mentions.len()).find(|&i| {
        mentions[i].cue == Cue::Dateline
            && resolved[i]
                .as_ref()
                .is_some_and(|r| g.place(r.cand.place).kind.is_local())
    });

    // Incidents.
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<usize> = None;
    let mut pending: Option<Pending> = None;
    let mut story_date: Option<DateInfo> = None;
    // "- **Prizren.** ... The seminary was set on fire.": a label places the rest of its line.
    let mut section: Option<(usize, usize)> = None;
    for (si, s) in sents.iter().enumerate() {
        let sentence = s.text(text);
        let found = dates::find(sentence, published);
        // The date in a dateline ("DECANI, Kosovo, May 28 (Wire) -") is the filing date.
        let dateline_end = by_sentence[si]
            .clone()
            .filter(|&i| mentions[i].cue == Cue::Dateline)
            .filter_map(|i| {
                sentence[mentions[i].end - s.start..]
                    .find(" - ")
                    .map(|p| mentions[i].end - s.start + p)
            })
            .next();
        let found: Vec<dates::DateExpr> = found
            .into_iter()
            .filter(|d| dateline_end.is_none_or(|e| d.start > e))
            .collect();
        let sentence_date = strongest(&found);
        if let Some(mi) = by_sentence[si]
            .clone()
            .find(|&i| mentions[i].cue == Cue::Label && resolved[i].is_some())
        {
            let end = mentions[mi].end;
            section = Some((mi, text[end..].find('\n').map_or(text.len(), |p| end + p)));
        }
        // Direct speech ("We have seen numerous protests in Kosovo") reports no new incident.
        let quoted = sentence.starts_with(['"', '\u{201C}', '\'']);
        // "the worst since February 2001, when ...": what follows a comparison is background.
        let comparison_at = found
            .iter()
            .filter(|d| d.strength == 0)
            .map(|d| d.end)
            .min();
        for (cs, ce) in clauses(sentence, comparison_at.is_some()) {
            let clause = &sentence[cs..ce];
            let dated = found
                .iter()
                .any(|d| d.strength > 0 && d.start >= cs && d.end <= ce);
            if is_hypothetical(clause, dated)
                || is_negated(clause)
                || quoted
                || comparison_at.is_some_and(|at| cs >= at)
            {
                continue;
            }
            let reading = events::classify(clause);
            let cas = casualties::find(clause);
            // Of equally strong dates, the one nearest the event word ("condemned today the
            // killing ... yesterday evening").
            let trigger_at = events::first_trigger_at(clause).map(|t| cs + t);
            let clause_date = nearest_strongest(
                found.iter().filter(|d| d.start >= cs && d.end <= ce),
                trigger_at,
            )
            .or(sentence_date.clone());
            let span = (s.start + cs, s.start + ce);
            let place = pick_place(&mentions, &resolved, by_sentence[si].clone(), span, g);

            match (reading, place) {
                (Some(reading), Some((mi, precision))) => {
                    let mut reading = reading;
                    let mut cas = cas;
                    let mut extra = Vec::new();
                    if let Some(p) = pending.take().filter(|p| si <= p.sentence + LOOKAHEAD) {
                        if p.reading.score > reading.score {
                            reading = p.reading;
                        }
                        cas = cas.max(p.casualties);
                        extra.push(p.span);
                    }
                    let (mut date, mut explicit) = own_or_story(clause_date.clone(), &story_date);
                    // "detained two men on Monday over Friday's explosion": the arrests on
                    // the adverbial date, the explosion on the one that qualifies it.
                    if reading.arrests_too {
                        let in_clause = || found.iter().filter(|d| d.start >= cs && d.end <= ce);
                        let adverbial = in_clause()
                            .filter(|d| d.strength == 2)
                            .copied()
                            .collect::<Vec<_>>();
                        let modifier = in_clause()
                            .filter(|d| d.strength == 1)
                            .copied()
                            .collect::<Vec<_>>();
                        if let Some(m) = strongest(&modifier) {
                            let (arrest_date, arrest_explicit) =
                                own_or_story(strongest(&adverbial), &story_date);
                            add_incident(
                                &mut drafts,
                                &mentions,
                                &resolved,
                                Draft::new(
                                    EventReading {
                                        event_type: EventType::StrategicDevelopments,
                                        sub_event_type: "arrests",
                                        score: 3,
                                        arrests_too: false,
                                    },
                                    mi,
                                    precision,
                                    (arrest_date, arrest_explicit),
                                    Casualties::default(),
                                    vec![span],
                                    si,
                                ),
                            );
                            date = Some(m);
                            explicit = true;
                        }
                    }
                    // "a bomb destroyed a bus near Podujevo ..., three policemen died when their
                    // jeep ran over mines at Lucane": another place nearest another specific
                    // trigger is another incident.
                    for (other, reading2) in other_events(clause, &mentions, &resolved, mi, span, g)
                    {
                        add_incident(
                            &mut drafts,
                            &mentions,
                            &resolved,
                            Draft::new(
                                reading2,
                                other,
                                if mentions[other].cue == Cue::Near {
                                    2
                                } else {
                                    1
                                },
                                (date.clone(), explicit),
                                Casualties::default(),
                                vec![span],
                                si,
                            ),
                        );
                    }
                    // "in Obilic, Lipljan and Gnjilane": one incident per listed place; the
                    // figures stay with the first.
                    for (k, sibling) in coordinated(text, &mentions, &resolved, mi, span)
                        .into_iter()
                        .enumerate()
                    {
                        if k > 0 {
                            add_incident(
                                &mut drafts,
                                &mentions,
                                &resolved,
                                Draft::new(
                                    reading.clone(),
                                    sibling,
                                    precision,
                                    (date.clone(), explicit),
                                    Casualties::default(),
                                    vec![span],
                                    si,
                                ),
                            );
                        }
                    }
                    let d = add_incident(
                        &mut drafts,
                        &mentions,
                        &resolved,
                        Draft::new(
                            reading,
                            mi,
                            precision,
                            (date, explicit),
                            cas,
                            extra.into_iter().chain([span]).collect(),
                            si,
                        ),
                    );
                    current = Some(d);
                }
                (Some(reading), None) if section.is_some_and(|(_, end)| span.0 < end) => {
                    let mi = section.map(|(mi, _)| mi).unwrap_or_default();
                    let (date, explicit) = own_or_story(clause_date.clone(), &story_date);
                    let d = add_incident(
                        &mut drafts,
                        &mentions,
                        &resolved,
                        Draft::new(reading, mi, 1, (date, explicit), cas, vec![span], si),
                    );
                    current = Some(d);
                }
                (Some(reading), None) => {
                    let next_has_place =
                        (si + 1..(si + 1 + LOOKAHEAD).min(sents.len())).any(|ni| {
                            let n = &sents[ni];
                            let r = by_sentence[ni].clone();
                            pick_place(&mentions, &resolved, r, (n.start, n.end), g).is_some_and(
                                |(mi, _)| mentions[mi].cue >= Cue::In && is_local(&resolved, mi, g),
                            ) && events::classify(n.text(text))
                                .is_none_or(|r| r.score < 3 || r.event_type == reading.event_type)
                        });
                    let recent = current.filter(|&c| si - drafts[c].last_sentence <= 3);
                    let names_a_place = by_sentence[si].clone().any(|i| {
                        resolved[i].is_some()
                            && mentions[i].start >= span.0
                            && mentions[i].end <= span.1
                    });
                    // An explicit date that is not a refinement of the current incident's
                    // inherited date starts an earlier or later event at the story's place.
                    let new_event = |d: &Draft| {
                        clause_date.as_ref().is_some_and(|n| {
                            reading.score >= 3
                                && !names_a_place
                                && published.is_none_or(|p| (p - n.date).num_days() <= 45)
                                && found.iter().any(|x| x.strength > 0)
                                && d.date.as_ref().is_none_or(|o| o.date != n.date)
                                && !refines(d, n)
                        })
                    };
                    let story_place =
                        recent.or_else(|| main_incident(&drafts, &mentions, &resolved, g));
                    if next_has_place && !names_a_place {
                        pending = Some(Pending {
                            reading,
                            casualties: cas,
                            span,
                            sentence: si,
                            date: clause_date.clone(),
                        });
                    } else if let Some(c) = story_place.filter(|&c| new_event(&drafts[c])) {
                        // "a town hall seized by strikers last week": an earlier event at the
                        // place the story is about.
                        let (mention, precision) = (drafts[c].mention, drafts[c].precision);
                        let d = add_incident(
                            &mut drafts,
                            &mentions,
                            &resolved,
                            Draft::new(
                                reading,
                                mention,
                                precision,
                                (clause_date.clone(), true),
                                cas,
                                vec![span],
                                si,
                            ),
                        );
                        current = Some(d);
                    } else if let Some(c) = (0..drafts.len())
                        .rev()
                        .find(|&c| {
                            drafts[c].reading.event_type == reading.event_type
                                && si - drafts[c].last_sentence <= 2
                        })
                        .or(recent.filter(|&c| si - drafts[c].last_sentence <= 2))
                    {
                        // "...wounded by the shelling": the recent incident of the same kind.
                        extend(&mut drafts[c], cas, span, si, clause_date.clone());
                    } else if let Some(mi) =
                        dateline.filter(|_| drafts.is_empty() && reading.score >= 3)
                    {
                        // Nothing in the text places it: the town the story was filed from.
                        let (date, explicit) = own_or_story(clause_date.clone(), &story_date);
                        let d = add_incident(
                            &mut drafts,
                            &mentions,
                            &resolved,
                            Draft::new(reading, mi, 1, (date, explicit), cas, vec![span], si),
                        );
                        current = Some(d);
                    }
                }
                (None, place) => {
                    if let Some((mi, precision)) = place
                        && let Some(p) = pending.take_if(|p| si <= p.sentence + LOOKAHEAD)
                    {
                        let (date, explicit) =
                            own_or_story(p.date.clone().or(clause_date.clone()), &story_date);
                        let d = add_incident(
                            &mut drafts,
                            &mentions,
                            &resolved,
                            Draft::new(
                                p.reading,
                                mi,
                                precision,
                                (date, explicit),
                                p.casualties.max(cas),
                                vec![p.span, span],
                                si,
                            ),
                        );
                        current = Some(d);
                    } else if cas.any()
                        && let Some(c) = current.filter(|&c| si - drafts[c].last_sentence <= 2)
                        && place.is_none_or(|(mi, _)| {
                            same_place(&mentions, &resolved, mi, drafts[c].mention)
                        })
                    {
                        extend(&mut drafts[c], cas, span, si, clause_date.clone());
                    } else if let Some(c) = current.filter(|&c| si - drafts[c].last_sentence == 1)
                        && place.is_none()
                        && clause_date.is_some()
                    {
                        extend(
                            &mut drafts[c],
                            Casualties::default(),
                            span,
                            si,
                            clause_date.clone(),
                        );
                    }
                }
            }
        }
        if let Some(d) =
            sentence_date.filter(|d| matches!(d.precision, Precision::Day | Precision::Week))
            && !HYPOTHETICAL.is_match(sentence)
        {
            story_date = Some(d);
        }
    }

    let incidents = drafts
        .iter()
        .map(|d| to_incident(article, d, &mentions, &resolved, g, published))
        .collect();
    let incident_mentions: Vec<usize> = drafts.iter().map(|d| d.mention).collect();
    let mentions_out = mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            m.candidates == 0 || resolved[*i].is_some() || incident_mentions.contains(i)
        })
        .map(|(i, m)| {
            let role = if incident_mentions.contains(&i) {
                "incident"
            } else if m.cue == Cue::Reporting {
                "mentioned"
            } else {
                "other"
            };
            PlaceMention {
                article: article.file.clone(),
                mention: m.text.clone(),
                span: [m.start, m.end],
                role,
                place: resolved[i].as_ref().map(|r| {
                    let p = g.place(r.cand.place);
                    MentionPlace {
                        name: m.text.clone(),
                        matched: p.name.clone(),
                        lat: p.lat,
                        lon: p.lon,
                        country: p.country.clone(),
                        gazetteer_id: p.id.clone(),
                        kind: p.kind,
                    }
                }),
                candidates: m.candidates,
            }
        })
        .collect();
    Analysis {
        incidents,
        mentions: mentions_out,
    }
}

/// A clause's own date (explicit), else the story's (inherited).
fn own_or_story(own: Option<DateInfo>, story: &Option<DateInfo>) -> (Option<DateInfo>, bool) {
    match own {
        Some(d) => (Some(d), true),
        None => (story.clone(), false),
    }
}

fn nearest_strongest<'a>(
    found: impl Iterator<Item = &'a dates::DateExpr>,
    near: Option<usize>,
) -> Option<DateInfo> {
    let Some(at) = near else {
        return strongest(&found.copied().collect::<Vec<_>>());
    };
    found
        .filter(|d| d.strength > 0)
        .max_by_key(|d| (d.strength, std::cmp::Reverse(d.start.abs_diff(at))))
        .map(|d| DateInfo {
            date: d.date,
            end: d.date_end,
            precision: d.precision,
        })
}

fn strongest(found: &[dates::DateExpr]) -> Option<DateInfo> {
    found
        .iter()
        .filter(|d| d.strength > 0)
        .max_by_key(|d| (d.strength, std::cmp::Reverse(d.start)))
        .map(|d| DateInfo {
            date: d.date,
            end: d.date_end,
            precision: d.precision,
        })
}

/// Clauses of a sentence: split at semicolons and dashes, which in news copy separate items.
/// With `subordinate`, ", when" and ", while" also split (after a comparison date).
fn clauses(sentence: &str, subordinate: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        let sep = c == ';'
            || (c == '\u{2014}' && i > 0)
            || sentence[i..].starts_with(" - ")
            || (subordinate
                && (sentence[i..].starts_with(", when ") || sentence[i..].starts_with(", while ")));
        if sep {
            if sentence[start..i].trim().len() > 1 {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if sentence[start..].trim().len() > 1 || out.is_empty() {
        out.push((start, sentence.len()));
    }
    out
}

/// Geocodes every mention: first the names that need no context (countries, names with one
/// reading, clear winners) build the article's context, then each name is ranked within it.
fn geocode_mentions(mentions: &[Mention], g: &Gazetteer) -> Vec<Option<Resolved>> {
    // A name repeats within an article: rank it once per pass.
    let mut first: HashMap<&str, Vec<Candidate>> = HashMap::new();
    let mut ctx = Context::new();
    for m in mentions.iter().filter(|m| m.candidates > 0) {
        let r = first
            .entry(m.folded.as_str())
            .or_insert_with(|| rank_folded(g, &m.folded, &Context::new()));
        let Some(top) = r.first() else { continue };
        let p = g.place(top.place);
        let big = !p.kind.is_local() || p.population >= 50_000;
        let clear =
            big && (r.len() == 1 || p.kind == Kind::Country || r[1].score + 1.5 <= top.score);
        if clear {
            let w = if m.cue == Cue::Reporting { 0.3 } else { 1.0 };
            ctx.add_place(p, w);
        }
    }
    let mut second: HashMap<&str, Option<Candidate>> = HashMap::new();
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if m.candidates == 0 {
                return None;
            }
            let top = second
                .entry(m.folded.as_str())
                .or_insert_with(|| rank_folded(g, &m.folded, &ctx).into_iter().next())
                .clone()?;
            let p = g.place(top.place);
            // A small namesake far from everything else the article names is a guess: the
            // name stays unresolved.
            let far = p.kind.is_local()
                && p.population < 50_000
                && ctx.country_share(&p.country) == 0.0
                && ctx.nearest(p.lat, p.lon).is_some_and(|(_, km)| km > 400.0);
            if far && m.cue >= Cue::Weak {
                return None;
            }
            // A bare, small, far-off namesake is more likely a person or a common word.
            if m.cue == Cue::Bare
                && p.kind.is_local()
                && p.population < 100_000
                && ctx.country_share(&p.country) == 0.0
                && !mentions[..i]
                    .iter()
                    .any(|o| o.folded == m.folded && o.cue > Cue::Bare)
            {
                return None;
            }
            Some(Resolved { cand: top })
        })
        .collect()
}

/// Whether a mention's place is a populated place or site (an unresolved name counts).
fn is_local(resolved: &[Option<Resolved>], mi: usize, g: &Gazetteer) -> bool {
    resolved[mi]
        .as_ref()
        .is_none_or(|r| g.place(r.cand.place).kind.is_local())
}

/// The clause's incident place: the best-cued, most specific hostable mention.
fn pick_place(
    mentions: &[Mention],
    resolved: &[Option<Resolved>],
    range: std::ops::Range<usize>,
    span: (usize, usize),
    g: &Gazetteer,
) -> Option<(usize, u8)> {
    let mut best: Option<(f64, usize, u8)> = None;
    for i in range {
        let m = &mentions[i];
        if m.start < span.0 || m.end > span.1 || !m.cue.can_host() || m.cue == Cue::Bare {
            continue;
        }
        let cue_score = match m.cue {
            Cue::Settlement | Cue::Label => 5.0,
            Cue::In => 4.0,
            Cue::Near => 3.0,
            Cue::Weak => 2.0,
            _ => 1.0,
        };
        let (spec, precision) = match &resolved[i] {
            None if m.candidates == 0 || m.cue >= Cue::Weak => (2.0, 1),
            None => continue,
            Some(r) => {
                let kind = g.place(r.cand.place).kind;
                let spec = match kind {
                    Kind::Village | Kind::Site => 2.0,
                    Kind::Town => 1.8,
                    Kind::City => 1.5,
                    Kind::Region => 0.5,
                    Kind::Country => 0.0,
                };
                if !kind.is_local() && m.cue < Cue::Near {
                    continue; // "the Kosovo war", "Serbia said"
                }
                let precision = if !kind.is_local() {
                    3
                } else if m.cue == Cue::Near {
                    2
                } else {
                    1
                };
                (spec, precision)
            }
        };
        let score = cue_score + spec;
        if best.is_none_or(|b| score > b.0) {
            best = Some((score, i, precision));
        }
    }
    best.map(|b| (b.1, b.2))
}

/// Other local places of a clause whose nearest trigger is a specific one (weight 3+) that
/// is not the nearest trigger of the clause's chosen place, with the reading of that trigger.
fn other_events(
    clause: &str,
    mentions: &[Mention],
    resolved: &[Option<Resolved>],
    main: usize,
    span: (usize, usize),
    g: &Gazetteer,
) -> Vec<(usize, EventReading)> {
    let found = events::triggers(clause);
    if found.len() < 2 {
        return Vec::new();
    }
    let nearest = |m: &Mention, min_weight: u32| {
        let at = m.start - span.0;
        found
            .iter()
            .filter(|t| t.3 >= min_weight)
            .min_by_key(|t| t.0.abs_diff(at))
            .copied()
    };
    let mut out: Vec<(usize, EventReading)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let Some(here) = &resolved[i] else { continue };
        if i == main
            || m.start < span.0
            || m.end > span.1
            || !matches!(m.cue, Cue::In | Cue::Near | Cue::Settlement)
            || same_place(mentions, resolved, i, main)
            || out
                .iter()
                .any(|(o, _)| same_place(mentions, resolved, *o, i))
        {
            continue;
        }
        // "villages north of Kumanovo, striking Vaksince": a nearby reference point, not
        // another event.
        if m.cue == Cue::Near
            && let Some(there) = &resolved[main]
        {
            let (a, b) = (g.place(here.cand.place), g.place(there.cand.place));
            if crate::geocode::distance_km(a.lat, a.lon, b.lat, b.lon) < 40.0 {
                continue;
            }
        }
        // Specific triggers first; then any trigger near the main place against a clear one
        // (weight 2+) near this one.
        let split = match (nearest(m, 3), nearest(&mentions[main], 3)) {
            (Some(t), Some(u)) if t.0 != u.0 => Some(t),
            _ => match (nearest(m, 2), nearest(&mentions[main], 1)) {
                (Some(t), Some(u)) if t.0 != u.0 => Some(t),
                _ => None,
            },
        };
        if let Some(t) = split {
            let reading = EventReading {
                event_type: t.1,
                sub_event_type: t.2,
                score: t.3,
                arrests_too: false,
            };
            out.push((i, reading));
        }
    }
    out
}

/// The place itself and the places listed right after it ("X, Y and Z", "X and Y").
fn coordinated(
    text: &str,
    mentions: &[Mention],
    resolved: &[Option<Resolved>],
    mi: usize,
    span: (usize, usize),
) -> Vec<usize> {
    let mut out = vec![mi];
    let mut last = mi;
    for j in mi + 1..mentions.len() {
        let m = &mentions[j];
        if m.end > span.1 {
            break;
        }
        let gap = text[mentions[last].end..m.start].trim();
        let joined = matches!(gap, "," | "and" | ", and" | "or" | "as well as" | "/");
        if !joined || (resolved[j].is_none() && m.candidates > 0) {
            break;
        }
        if gap != "/" {
            out.push(j);
        }
        last = j;
    }
    out
}

fn place_key(mentions: &[Mention], resolved: &[Option<Resolved>], mi: usize) -> (u32, String) {
    match &resolved[mi] {
        Some(r) => (r.cand.place, String::new()),
        None => (u32::MAX, mentions[mi].folded.clone()),
    }
}

fn same_place(mentions: &[Mention], resolved: &[Option<Resolved>], a: usize, b: usize) -> bool {
    place_key(mentions, resolved, a) == place_key(mentions, resolved, b)
}

fn compatible(a: EventType, b: EventType) -> bool {
    use EventType::*;
    a == b
        || matches!(
            (a, b),
            (Riots, Protests)
                | (Protests, Riots)
                | (Riots, ViolenceAgainstCivilians)
                | (ViolenceAgainstCivilians, Riots)
        )
}

/// Adds a draft, merging it into an earlier incident at the same place, date and type.
fn add_incident(
    drafts: &mut Vec<Draft>,
    mentions: &[Mention],
    resolved: &[Option<Resolved>],
    d: Draft,
) -> usize {
    let same_date = |a: &Option<DateInfo>, b: &Option<DateInfo>| match (a, b) {
        (Some(a), Some(b)) => a.date == b.date && a.precision == b.precision,
        (None, None) => true,
        _ => false,
    };
    if let Some(i) = drafts.iter().position(|o| {
        same_place(mentions, resolved, o.mention, d.mention)
            && same_date(&o.date, &d.date)
            && compatible(o.reading.event_type, d.reading.event_type)
    }) {
        let o = &mut drafts[i];
        // The first report sets the type; a later, stronger trigger of the same type may
        // sharpen the sub-type.
        if d.reading.event_type == o.reading.event_type && d.reading.score > o.reading.score {
            o.reading = d.reading;
        }
        o.casualties = o.casualties.max(d.casualties);
        o.sentences.extend(d.sentences);
        o.last_sentence = d.last_sentence;
        o.precision = o.precision.min(d.precision);
        return i;
    }
    drafts.push(d);
    drafts.len() - 1
}

/// Whether a date only makes an incident's inherited date more precise ("...disappeared
/// Tuesday afternoon" in a story told from Wednesday).
fn refines(d: &Draft, new: &DateInfo) -> bool {
    !d.explicit_date
        && new.precision == Precision::Day
        && d.date
            .as_ref()
            .is_none_or(|old| new.date <= old.date && (old.date - new.date).num_days() <= 3)
}

/// The incident the story is about: the local place with the most supporting sentences.
fn main_incident(
    drafts: &[Draft],
    mentions: &[Mention],
    resolved: &[Option<Resolved>],
    g: &Gazetteer,
) -> Option<usize> {
    (0..drafts.len())
        .filter(|&i| is_local(resolved, drafts[i].mention, g))
        .max_by_key(|&i| {
            let k = place_key(mentions, resolved, drafts[i].mention);
            let n: usize = drafts
                .iter()
                .filter(|o| place_key(mentions, resolved, o.mention) == k)
                .map(|o| o.sentences.len())
                .sum();
            (n, std::cmp::Reverse(i))
        })
}

/// A clause without its own place that continues the current incident.
fn extend(d: &mut Draft, cas: Casualties, span: (usize, usize), si: usize, date: Option<DateInfo>) {
    d.casualties = d.casualties.max(cas);
    d.sentences.push(span);
    d.last_sentence = si;
    // "...disappeared Tuesday afternoon": an earlier day-precise date refines an inherited one.
    if let Some(new) = date
        && refines(d, &new)
    {
        d.date = Some(new);
        d.explicit_date = true;
    }
}

fn to_incident(
    article: &Article,
    d: &Draft,
    mentions: &[Mention],
    resolved: &[Option<Resolved>],
    g: &Gazetteer,
    published: Option<NaiveDate>,
) -> Incident {
    let m = &mentions[d.mention];
    let place = resolved[d.mention].as_ref().map(|r| {
        PlaceRef::from_place(
            g.place(r.cand.place),
            &m.text,
            d.precision,
            r.cand.reason.clone(),
        )
    });
    let (date, date_end, precision, assumed) = match (&d.date, published) {
        (Some(x), _) => (Some(x.date), x.end, x.precision, false),
        (None, Some(p)) => (Some(p), None, Precision::Week, true),
        (None, None) => (None, None, Precision::Week, true),
    };
    let mut spans = d.sentences.clone();
    spans.sort();
    spans.dedup();
    let evidence = spans
        .iter()
        .map(|&(s, e)| article.text[s..e].trim())
        .collect::<Vec<_>>()
        .join(" … ");
    Incident {
        article: article.file.clone(),
        event_type: d.reading.event_type,
        sub_event_type: d.reading.sub_event_type.to_string(),
        date,
        date_end,
        date_precision: precision,
        date_assumed: assumed,
        place,
        unresolved_place: resolved[d.mention].is_none().then(|| m.text.clone()),
        killed: d.casualties.killed,
        injured: d.casualties.injured,
        evidence,
        span: [
            spans.first().map_or(0, |s| s.0),
            spans.last().map_or(0, |s| s.1),
        ],
    }
}
