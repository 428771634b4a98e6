//! What happened: ACLED event and sub-event types from trigger phrases.
//!
//! Each trigger adds its weight to one type; the actors in the clause shift mob attacks to
//! riots; the type with the highest score wins (ties go to the more violent type).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::EventType;
use EventType::*;

/// The reading of a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventReading {
    pub event_type: EventType,
    pub sub_event_type: &'static str,
    /// The winning type's score: 1 is a vague word ("violence"), 3+ a specific trigger.
    pub score: u32,
    /// The clause also reports arrests for it ("police detained two men over Friday's
    /// explosion"): a second incident.
    pub arrests_too: bool,
}

const TRIGGERS: &[(&str, EventType, &str, u32)] = &[
    // Explosions / remote violence
    (
        r"\bsuicide bomb",
        ExplosionsRemoteViolence,
        "suicide_bomb",
        5,
    ),
    (r"\bgrenades?\b", ExplosionsRemoteViolence, "grenade", 3),
    (
        r"\b(?:car bombs?|roadside bombs?|bombs?\b|explosive devices?|explosives? (?:went off|exploded)|\bieds?\b|land ?mines?|(?:anti-tank|anti-personnel|anti-vehicle) mines?|(?:ran|drove|stepped) (?:over|on) (?:a|an) (?:[\w-]+ )?mine\b|booby.trap\w*|blew up|blown up|explosions?\b|exploded|blasts?\b|detonat\w+)",
        ExplosionsRemoteViolence,
        "remote_explosive_landmine_ied",
        3,
    ),
    (
        r"\b(?:shell(?:ed|ing|s)\b|mortars?\b|artillery|rocket(?:s|ed)?\b|missiles?\b)",
        ExplosionsRemoteViolence,
        "shelling_artillery_missile_attack",
        3,
    ),
    (
        r"\b(?:air ?strikes?|air raids?|bombing raids?|bombed|bombing campaign|air campaign|warplanes|jets? (?:struck|hit|bombed))",
        ExplosionsRemoteViolence,
        "air_drone_strike",
        4,
    ),
    // Battles
    (
        r"\b(?:gun ?battles?|fire ?fights?|exchanges? of (?:gun)?fire|exchanged fire|armed clash\w*|fighting\b|fought\b|ambush\w*|offensive\b|skirmish\w*|shoot-?outs?|heavy fire)",
        Battles,
        "armed_clash",
        3,
    ),
    (
        r"\bclash(?:es|ed)? (?:with|between) (?:\w+\s+){0,4}?(?:troops|soldiers|police(?:men)?|rebels|guerrill\w+|fighters|gunmen|militants|insurgents|kla|uck|nla|army|forces|separatists|paramilitar\w+)",
        Battles,
        "armed_clash",
        3,
    ),
    (
        r"\b(?:killed|shot dead) (?:a|an|one|two|three|four|five|\d+) (?:\w+ )?(?:snipers?|gunm[ae]n|rebels?|fighters?|militants?|insurgents?|guerrill\w+)",
        Battles,
        "armed_clash",
        4,
    ),
    (
        r"\b(?:opened fire|returned fire|fired (?:on|at)|came under fire|attacked (?:a |an |the )?(?:\w+ )?(?:police (?:station|patrol|post)|army|military|checkpoint|patrol|convoy of (?:troops|police)))",
        Battles,
        "armed_clash",
        2,
    ),
    // Violence against civilians
    (
        r"\b(?:massacre\w*|executed|execution|murder\w*|slain|lynch\w*|stabbed|beaten|axed|clubbed|hacked|tortur\w+|ethnic(?:ally)? cleans\w+|expelled|drove out|driven out|forced (?:out|from their)|revenge attacks?|shot dead|shot and killed|shot and wounded|gunned down|(?:was|were|been|being) shot\b|shot in the)",
        ViolenceAgainstCivilians,
        "attack",
        3,
    ),
    (
        r"\b(?:abduct\w+|kidnap\w+|went missing|disappeared|taken hostage|hostages?\b|forced disappearance|taken from (?:his|her|their) homes?|(?:seized|taken away|snatched) by (?:armed|masked|unknown|uniformed) men|not been seen since)",
        ViolenceAgainstCivilians,
        "abduction_forced_disappearance",
        3,
    ),
    (
        r"\b(?:raped?\b|rapes\b|sexual(?:ly)? (?:assault|violence|abuse)\w*)",
        ViolenceAgainstCivilians,
        "sexual_violence",
        3,
    ),
    (
        r"\battack(?:s|ed|ing)? (?:on )?(?:a |an |the |their )?(?:\w+\s+){0,2}?(?:civilians?|villagers?|famil(?:y|ies)|homes?|houses?|residents?|farmers?|children|women|shops?|bus\b|church\w*|monaster\w+|mosques?|returnees|pensioners|elderly)",
        ViolenceAgainstCivilians,
        "attack",
        3,
    ),
    (
        r"\b(?:bod(?:y|ies) (?:of [\w\s-]{0,40}?)?(?:were |was |had been |have been )?(?:found|recovered|discovered|pulled|exhumed)|(?:recovered|found|discovered|exhumed) the bod(?:y|ies)|mass graves?)",
        ViolenceAgainstCivilians,
        "attack",
        3,
    ),
    (
        r"\b(?:bodies|body of|chased|drowned|killed|killing|murdered|died|dead)\b",
        ViolenceAgainstCivilians,
        "attack",
        1,
    ),
    (
        r"\battack(?:s|ed|ing)?\b",
        ViolenceAgainstCivilians,
        "attack",
        1,
    ),
    // Riots
    (
        r"\b(?:violent (?:protests?|demonstrations?)|protests? turned violent|(?:protesters|demonstrators) (?:threw|hurled|attacked|clashed|set))",
        Riots,
        "violent_demonstration",
        4,
    ),
    (r"\briot\w*", Riots, "mob_violence", 3),
    (
        r"\b(?:mobs?\b|angry (?:crowds?|mobs?)|stormed|broke through (?:the )?(?:\w+ )?(?:barricades|cordons?|lines)|threw stones|throwing stones|hurled stones|stone-?throw\w*|stones and|petrol bombs?|molotov\w*|sticks and stones|rampag\w+)",
        Riots,
        "mob_violence",
        3,
    ),
    (
        r"\b(?:set (?:fire to|alight|ablaze|on fire)|torched|(?:were|was) on fire|looted|looting|vandali[sz]\w+|trashed)",
        Riots,
        "mob_violence",
        2,
    ),
    (
        r"\b(?:clash(?:es|ed)?|disturbances?|brawl\w*|scuffl\w+)\b",
        Riots,
        "mob_violence",
        2,
    ),
    (r"\b(?:unrest|violence|violent)\b", Riots, "mob_violence", 1),
    // Protests
    (
        r"\b(?:protest\w*|demonstrat(?:ion|ions|ors|ed|ing)\b|rall(?:y|ies|ied)\b|(?-i:march(?:ed|es)?)\b|(?-i:marching)|took to the streets|sit-?ins?|petition\w*|vigils?\b|hunger strike\w*|picket\w*|boycott\w*)",
        Protests,
        "peaceful_protest",
        3,
    ),
    (
        r"\b(?:blockade\w*|block(?:ed|ing|s)? (?:the |a |all )?(?:main )?(?:road|roads|bridge|crossing|border|highway)|barricades? (?:on|across)|erected barricades)",
        Protests,
        "peaceful_protest",
        2,
    ),
    (
        r"\b(?:tear ?gas|water cannons?|rubber bullets|stun grenades?|batons?|dispersed|broke up the (?:protest|demonstration|rally))",
        Protests,
        "protest_with_intervention",
        2,
    ),
    (
        r"\b(?:fired (?:on|into|at) (?:the )?(?:crowd|protesters|demonstrators)|excessive force|(?:killed|shot) (?:\w+ )?(?:protesters|demonstrators))",
        Protests,
        "excessive_force_against_protesters",
        3,
    ),
    // Strategic developments
    (
        r"\b(?:arrest\w*|detain\w*|apprehend\w*|taken into custody|in custody|rounded up)",
        StrategicDevelopments,
        "arrests",
        3,
    ),
    (
        r"\b(?:seiz(?:ed|e|ing)|took over|took control of|take control of|wrest(?:ed)? control|occupied|occupying|occupation of)\b",
        StrategicDevelopments,
        "non_violent_transfer_of_territory",
        3,
    ),
    (
        r"\b(?:(?:weapons?|arms|ammunition|explosives|rifles|guns) (?:cache|caches|were seized|seized|found|confiscated|discovered|handed in)|(?:cache|haul|stockpile|stash) of (?:\w+ )?(?:weapons|arms|ammunition|explosives|rifles|guns)|(?:weapons|arms|ammunition|rifles)\b[^.;]{0,50}\b(?:had been|were|was) (?:found|seized|discovered|confiscated)|defus\w+|disarm\w+|de-?min\w+|mines? (?:were )?cleared|(?:found|discovered|uncovered) (?:a |an |the |two |three |\d+ )?(?:more )?(?:mines|weapons|arms caches?))",
        StrategicDevelopments,
        "disrupted_weapons_use",
        4,
    ),
    (
        r"\b(?:agreement|cease-?fire|truce|peace (?:deal|accord|plan)|signed (?:a|an|the) )",
        StrategicDevelopments,
        "agreement",
        3,
    ),
    (
        r"\b(?:set up|established|opened|build(?:ing|s)?|built|construct\w*) (?:a |an |the )?(?:new |large |big |permanent |temporary )?(?:\w+ )?(?:base|headquarters|camp|checkpoint|command post|barracks)\b",
        StrategicDevelopments,
        "headquarters_or_base_established",
        3,
    ),
    (
        r"\b(?:raid(?:ed|s|ing)?\b|search operations?|cordon(?:ed)? off|curfew|withdr[ae]w\w*|pulled out|evacuat\w+)",
        StrategicDevelopments,
        "other",
        2,
    ),
    (
        r"\b(?:burn(?:ed|t)|destroyed|damaged|demolished|ransacked)\b",
        StrategicDevelopments,
        "looting_property_destruction",
        2,
    ),
];

/// Crowds and ethnic groups as actors: their attacks and arson read as riots (mob violence).
static CROWD: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:ethnic \w+s|albanians|serbs|crowds?|mobs?|youths|rioters|protesters|demonstrators|hundreds of|thousands of|dozens of|villagers|residents|students|fans|locals)\b").unwrap()
});
static CROWD_ACT: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\b(?:attack\w*|damag\w+|set fire|set alight|burn\w*|torch\w*|threw|hurl\w*|smash\w*|stormed)\b").unwrap()
});

static MASK: LazyLock<Regex> = LazyLock::new(|| {
    super::re(r"(?i)\bstun grenades?|\bwarning shots?|\bduring (?:the |a )?[^,.;]{1,50}").unwrap()
});

struct Lexicon {
    /// Byte-level, ASCII-only (`\w`, `\b`, case folding): the triggers are English, and an
    /// ASCII set runs on the fast DFA instead of the PikeVM.
    set: regex::bytes::RegexSet,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    set: regex::bytes::RegexSetBuilder::new(TRIGGERS.iter().map(|t| t.0))
        .case_insensitive(true)
        .unicode(false)
        .build()
        .unwrap(),
});

static EACH: LazyLock<Vec<regex::bytes::Regex>> = LazyLock::new(|| {
    TRIGGERS
        .iter()
        .map(|t| {
            regex::bytes::RegexBuilder::new(t.0)
                .case_insensitive(true)
                .unicode(false)
                .build()
                .unwrap()
        })
        .collect()
});

/// Every trigger in a clause: where it starts, its type and sub-type, and its weight.
pub fn triggers(clause: &str) -> Vec<(usize, EventType, &'static str, u32)> {
    let masked = MASK.replace_all(clause, |c: &regex::Captures| " ".repeat(c[0].len()));
    let b = masked.as_bytes();
    LEXICON
        .set
        .matches(b)
        .iter()
        .flat_map(|i| {
            EACH[i]
                .find_iter(b)
                .map(move |m| (m.start(), TRIGGERS[i].1, TRIGGERS[i].2, TRIGGERS[i].3))
        })
        .collect()
}

/// Where the first event trigger (of weight 2 or more) starts in a clause.
pub fn first_trigger_at(clause: &str) -> Option<usize> {
    let b = clause.as_bytes();
    LEXICON
        .set
        .matches(b)
        .iter()
        .filter(|&i| TRIGGERS[i].3 >= 2)
        .filter_map(|i| EACH[i].find(b).map(|m| m.start()))
        .min()
}

/// Order used to break ties: the more violent reading first.
fn rank(t: EventType) -> u32 {
    match t {
        ExplosionsRemoteViolence => 6,
        Battles => 5,
        ViolenceAgainstCivilians => 4,
        Riots => 3,
        Protests => 2,
        StrategicDevelopments => 1,
    }
}

/// Reads the event type of a clause, if any trigger is present.
pub fn classify(clause: &str) -> Option<EventReading> {
    // A stun grenade is crowd control, not an explosive attack; a warning shot hits no one.
    let text = MASK.replace_all(clause, |c: &regex::Captures| {
        let m = c[0].to_ascii_lowercase();
        if m.starts_with("during") {
            // "during the NATO air campaign" dates the event; it does not say what it was
            "during"
        } else if m.starts_with("stun") {
            "stun device"
        } else {
            "warning signal"
        }
    });
    let text = text.as_ref();
    let lowered = clause.to_ascii_lowercase();
    let mut scores = [0u32; 6];
    let mut best_sub: [(&str, u32); 6] = [("", 0); 6];
    let idx = |t: EventType| EventType::ALL.iter().position(|x| *x == t).unwrap();
    for i in LEXICON.set.matches(text.as_bytes()).iter() {
        let (_, t, sub, w) = TRIGGERS[i];
        let k = idx(t);
        scores[k] += w;
        if w > best_sub[k].1 {
            best_sub[k] = (sub, w);
        }
    }
    if clause.contains("stun grenade") || lowered.contains("stun grenade") {
        let k = idx(Protests);
        scores[k] += 2;
        if best_sub[k].1 < 2 {
            best_sub[k] = ("protest_with_intervention", 2);
        }
    }
    let crowd = CROWD.is_match(text) && CROWD_ACT.is_match(text);
    if crowd {
        let k = idx(Riots);
        scores[k] += 2;
        if best_sub[k].1 < 3 {
            best_sub[k] = ("mob_violence", 3);
        }
    }
    // Protest words with violence: a violent demonstration.
    let (p, r) = (scores[idx(Protests)], scores[idx(Riots)]);
    if p >= 3 && r >= 2 && best_sub[idx(Protests)].0 == "peaceful_protest" {
        let k = idx(Riots);
        scores[k] += p;
        best_sub[k] = ("violent_demonstration", 4);
    }
    // Weapons found are not weapons used.
    if best_sub[idx(StrategicDevelopments)].0 == "disrupted_weapons_use" {
        scores[idx(ExplosionsRemoteViolence)] = 0;
    }
    // Shots at a rally: the protest is the event (excessive force), not a battle.
    let (p, b) = (scores[idx(Protests)], scores[idx(Battles)]);
    if p >= 3 && b > 0 && b < 6 {
        scores[idx(Battles)] = 0;
        let k = idx(Protests);
        scores[k] += b;
        best_sub[k] = ("excessive_force_against_protesters", 3);
    }
    let k = idx(Protests);
    if best_sub[k].0 == "peaceful_protest"
        && TRIGGERS.iter().enumerate().any(|(i, t)| {
            t.2 == "protest_with_intervention" && LEXICON.set.matches(text.as_bytes()).matched(i)
        })
    {
        best_sub[k].0 = "protest_with_intervention";
    }
    let (k, &score) = scores
        .iter()
        .enumerate()
        .max_by_key(|&(k, s)| (*s, rank(EventType::ALL[k])))?;
    if score < 2 {
        return None;
    }
    let arrests =
        best_sub[idx(StrategicDevelopments)].0 == "arrests" && k != idx(StrategicDevelopments);
    Some(EventReading {
        event_type: EventType::ALL[k],
        sub_event_type: best_sub[k].0,
        score,
        arrests_too: arrests && score >= 3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Option<(&'static str, &'static str)> {
        classify(s).map(|r| (r.event_type.as_str(), r.sub_event_type))
    }

    #[test]
    fn reads_each_type() {
        assert_eq!(
            t("A hand grenade exploded outside a bakery"),
            Some(("explosions_remote_violence", "grenade"))
        );
        assert_eq!(
            t("Serb positions were shelled overnight"),
            Some((
                "explosions_remote_violence",
                "shelling_artillery_missile_attack"
            ))
        );
        assert_eq!(
            t("NATO bombed the bridge"),
            Some(("explosions_remote_violence", "air_drone_strike"))
        );
        assert_eq!(
            t("KLA fighters clashed with police in the hills"),
            Some(("battles", "armed_clash"))
        );
        assert_eq!(
            t("soldiers said they had killed two gunmen"),
            Some(("battles", "armed_clash"))
        );
        assert_eq!(
            t("an elderly couple were beaten and stabbed to death in their home"),
            Some(("violence_against_civilians", "attack"))
        );
        assert_eq!(
            t("two aid workers were abducted"),
            Some((
                "violence_against_civilians",
                "abduction_forced_disappearance"
            ))
        );
        assert_eq!(
            t("hundreds of ethnic Albanians broke through barricades"),
            Some(("riots", "mob_violence"))
        );
        assert_eq!(
            t("a crowd of youths attacked the town hall and damaged police cars"),
            Some(("riots", "mob_violence"))
        );
        assert_eq!(
            t("Some 30,000 students marched to protest"),
            Some(("protests", "peaceful_protest"))
        );
        assert_eq!(
            t("police used tear gas to disperse the protest"),
            Some(("protests", "protest_with_intervention"))
        );
        assert_eq!(
            t("Protesters threw stones and petrol bombs at police"),
            Some(("riots", "violent_demonstration"))
        );
        assert_eq!(
            t("Police arrested 53 Serbs"),
            Some(("strategic_developments", "arrests"))
        );
        assert_eq!(
            t("a town hall seized by the strikers"),
            Some((
                "strategic_developments",
                "non_violent_transfer_of_territory"
            ))
        );
        assert_eq!(
            t("KFOR found a weapons cache"),
            Some(("strategic_developments", "disrupted_weapons_use"))
        );
    }

    #[test]
    fn stun_grenades_are_not_explosions() {
        assert_ne!(
            classify("troops fired a stun grenade when Serbs began throwing stones")
                .unwrap()
                .event_type,
            ExplosionsRemoteViolence
        );
    }

    #[test]
    fn vague_words_alone_are_no_incident() {
        assert_eq!(
            t("The violence starkly reflected the failure of the talks"),
            None
        );
        assert_eq!(t("The minister spoke about the economy"), None);
    }
}
