//! Events of one document: trigger words of the `dossier/1` types, kept only when the
//! clause reports a fact (not a demand, plan, hypothesis or negation), with participants,
//! date, place and quantities taken from the clause.

use crate::lexicon;
use crate::model::{EntityKind, EventType, Role};
use crate::text::{Sentence, Token, TokenKind};

/// A trigger found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub first: usize,
    pub end: usize,
    pub kind: EventType,
    /// Written as a noun ("the arrest", "a strike"), which needs more support than a verb.
    pub noun: bool,
}

fn w<'a>(tokens: &'a [Token<'_>], i: usize) -> &'a str {
    tokens.get(i).map(|t| t.lower()).unwrap_or("")
}

/// Whether any of the `n` words after `i` (within the sentence) is in `words`.
fn near_after(tokens: &[Token<'_>], i: usize, end: usize, n: usize, words: &[&str]) -> bool {
    (i + 1..(i + 1 + n).min(end)).any(|k| words.contains(&w(tokens, k)))
}

fn near_before(tokens: &[Token<'_>], i: usize, start: usize, n: usize, words: &[&str]) -> bool {
    (i.saturating_sub(n).max(start)..i).any(|k| words.contains(&w(tokens, k)))
}

/// Whether what follows "received", "handed" or "given" at `i` is a prison sentence: a
/// term ("received two and a half years"), a sentence or term with an article ("was given
/// a seven-year term"), or a kind of sentence ("received suspended sentences"), after an
/// optional "down" and an optional object ("handed X a five-year prison term", "handed
/// them ...").
fn receives_sentence(tokens: &[Token<'_>], i: usize, end: usize) -> bool {
    let mut j = i + 1;
    if w(tokens, j) == "down" {
        j += 1;
    }
    let object = tokens[j.min(end)..end]
        .iter()
        .take(4)
        .take_while(|t| {
            (t.is_capitalised() && lexicon::number_word(t.lower()).is_none())
                || matches!(t.lower(), "him" | "her" | "them" | "each")
        })
        .count();
    if object < 4 {
        j += object;
    }
    let Some(t) = tokens.get(j).filter(|_| j < end) else { return false };
    let counted_term =
        (t.kind == TokenKind::Number || lexicon::number_word(t.lower()).is_some() || t.lower().contains("-and-"))
            && near_after(tokens, j - 1, end, 6, &["years", "year", "months", "month"]);
    let with_article = matches!(t.lower(), "a" | "an") && near_after(tokens, j, end, 4, &["sentence", "term"]);
    let kind_of_sentence = matches!(t.lower(), "suspended" | "prison" | "custodial" | "jail")
        && near_after(tokens, j, end, 2, &["sentence", "sentences", "term", "terms"]);
    counted_term || with_article || kind_of_sentence
}

/// Every word an arm of [`find_triggers`] opens on, as the lexicon's [`lexicon::TRIGGER_F`]:
/// a word without that bit opens no trigger, so the scan skips it before the match's string
/// compares. A test holds this list to the arms.
pub(crate) const TRIGGER_WORDS: &[&str] = &[
    "abducted",
    "access",
    "accused",
    "administrative",
    "allowed",
    "apprehended",
    "arrest",
    "arrested",
    "arrests",
    "ban",
    "banned",
    "barred",
    "beaten",
    "blockade",
    "campaign",
    "campaigns",
    "charged",
    "close",
    "closed",
    "closure",
    "code",
    "compensation",
    "condemned",
    "convicted",
    "criminal",
    "damages",
    "demonstrated",
    "demonstrating",
    "demonstration",
    "demonstrations",
    "denied",
    "deregistered",
    "detained",
    "died",
    "dismissed",
    "dissolution",
    "dissolved",
    "downed",
    "fine",
    "fined",
    "fines",
    "fired",
    "found",
    "freed",
    "given",
    "got",
    "handed",
    "house",
    "hunger",
    "hunger-strike",
    "hunger-strikes",
    "imprisoned",
    "incommunicado",
    "indicted",
    "injured",
    "injuries",
    "injury",
    "investigation",
    "jailed",
    "judgement",
    "judgment",
    "kept",
    "killed",
    "killing",
    "laid",
    "law",
    "layoffs",
    "legislation",
    "letter",
    "letters",
    "liquidated",
    "liquidation",
    "lost",
    "march",
    "marched",
    "marches",
    "measures",
    "murdered",
    "now-defunct",
    "now-dissolved",
    "now-shuttered",
    "pardon",
    "pardoned",
    "pay",
    "paying",
    "permitted",
    "petition",
    "picket",
    "picketed",
    "pickets",
    "prevented",
    "prohibited",
    "prosecuted",
    "protest",
    "protested",
    "protesting",
    "protests",
    "rallies",
    "rally",
    "re-arrested",
    "re-register",
    "re-registration",
    "re-sentenced",
    "received",
    "receives",
    "refused",
    "refuses",
    "refusing",
    "register",
    "registration",
    "released",
    "restricted",
    "rounded",
    "ruled",
    "sacked",
    "sanctioned",
    "scrutiny",
    "sentenced",
    "shot",
    "shut",
    "shuttered",
    "sit-in",
    "sit-ins",
    "solitary",
    "stayed",
    "stoppage",
    "stopped",
    "strike",
    "strikes",
    "surveillance",
    "take",
    "taken",
    "takes",
    "taking",
    "took",
    "trial",
    "tried",
    "vigil",
    "vigils",
    "walk-out",
    "walked",
    "walkout",
    "walkouts",
    "wounded",
    "wounding",
];

/// Finds the event triggers of one sentence.
pub fn find_triggers(tokens: &[Token<'_>], s: &Sentence) -> Vec<Trigger> {
    use EventType::*;
    let mut out: Vec<Trigger> = Vec::new();
    let (a, b) = (s.first, s.end);
    let mut i = a;
    while i < b {
        // Most words open no trigger: their flag turns them away before the match, whose
        // string compares cost more than anything else here.
        if !tokens[i].has(lexicon::TRIGGER_F) {
            i += 1;
            continue;
        }
        let word = w(tokens, i);
        let next = w(tokens, i + 1);
        let mut hit = |kind: EventType, len: usize, noun: bool| {
            out.push(Trigger { first: i, end: i + len, kind, noun });
        };
        match word {
            "hunger" if next == "strike" || next == "strikes" || next == "strikers" => {
                hit(HungerStrike, 2, true);
                i += 2;
                continue;
            }
            "hunger-strike" | "hunger-strikes" => hit(HungerStrike, 1, true),
            "arrested" | "detained" | "apprehended" | "abducted" | "re-arrested" => hit(Arrest, 1, false),
            "arrest" | "arrests" if i > a && matches!(w(tokens, i - 1), "their" | "his" | "her" | "the" | "mass") => hit(Arrest, 1, true),
            "rounded" if next == "up" => hit(Arrest, 2, false),
            // "took the two leaders of the union (X) into custody": the object can be long.
            "taken" | "took" | "take" | "takes" | "taking"
                if (i + 1..(i + 16).min(b)).any(|k| w(tokens, k) == "into" && w(tokens, k + 1) == "custody") =>
            {
                hit(Arrest, 1, false)
            }
            "charged" | "accused" | "indicted" | "prosecuted" => hit(Charge, 1, false),
            "criminal" if (next == "case" || next == "cases" || next == "proceedings")
                && (near_after(tokens, i + 1, b, 4, &["against", "opened", "launched", "initiated", "was", "were"])
                    || near_before(tokens, i, a, 3, &["opened", "launched", "initiated", "brought"]))
                => {
                    hit(Charge, 2, true);
                }
            "investigation" if i > a && w(tokens, i - 1) == "under" => hit(Charge, 1, true),
            "tried" if i > a && matches!(w(tokens, i - 1), "were" | "was" | "been" | "be") => hit(Trial, 1, false),
            "trial" if i > a && matches!(w(tokens, i - 1), "on" | "stood" | "stand") && near_before(tokens, i, a, 3, &["put", "stood", "went", "were", "was"]) => {
                hit(Trial, 1, false)
            }
            "sentenced" | "convicted" | "jailed" | "imprisoned" | "condemned" | "re-sentenced" => hit(Sentence, 1, false),
            "found" if next == "guilty" => hit(Sentence, 2, false),
            // "received two and a half years", "was handed five years" (not "who received
            // ...", a sentence told as background, nor "received an award last year").
            "received" | "receives" | "handed" | "given" | "got"
                if !(i > a && matches!(w(tokens, i - 1), "who" | "which" | "that"))
                    && receives_sentence(tokens, i, b)
                    && !near_after(tokens, i, b, 6, &["ban", "fine", "probation", "ago", "old", "award", "prize"]) =>
            {
                hit(Sentence, 1, false)
            }
            "fined" => hit(Fine, 1, false),
            "fine" | "fines" if near_before(tokens, i, a, 3, &["a", "the", "to", "with", "by"]) => hit(Fine, 1, false),
            "damages" | "compensation" => hit(Damages, 1, true),
            "banned" | "barred" | "prohibited" if !(i > a && matches!(w(tokens, i - 1), "a" | "an" | "the")) => {
                hit(Ban, 1, false)
            }
            "ban" if near_after(tokens, i, b, 2, &["on", "from"]) => hit(Ban, 1, true),
            "released" | "freed" => hit(Release, 1, false),
            "pardoned" => hit(Pardon, 1, false),
            "pardon" if i > a && matches!(w(tokens, i - 1), "presidential" | "a" | "the") => hit(Pardon, 1, true),
            "dissolved" | "liquidated" | "shuttered" | "deregistered" | "now-shuttered" | "now-dissolved" | "now-defunct" => hit(Dissolution, 1, false),
            "liquidation" | "dissolution" | "closure" => hit(Dissolution, 1, true),
            // "which the authorities closed down in January": an organisation is its object
            // (the event needs one to stand).
            "closed" | "shut" if next == "down" => hit(Dissolution, 2, false),
            "close" if i > a && matches!(w(tokens, i - 1), "to") && near_before(tokens, i, a, 3, &["ordered", "forced"]) => hit(Dissolution, 1, false),
            "registration" | "re-registration"
                if (near_before(tokens, i, a, 4, &["refused", "denied", "unable", "failed", "refusal", "rejected"])
                    || near_after(tokens, i, b, 4, &["refused", "denied", "rejected"]))
                => {
                    hit(RegistrationDenied, 1, true);
                }
            // "refused to register the branch", "declined to re-register the union".
            "register" | "re-register"
                if i >= a + 2
                    && w(tokens, i - 1) == "to"
                    && matches!(w(tokens, i - 2), "refused" | "refuses" | "refusing" | "declined" | "declines" | "declining") =>
            {
                hit(RegistrationDenied, 1, false)
            }
            // Not "the strike committee", "a strike leader", "a strike ballot".
            "strike" | "strikes"
                if matches!(
                    next,
                    "committee" | "committees" | "leader" | "leaders" | "fund" | "funds" | "ballot" | "ballots"
                ) => {}
            "strike" | "strikes" | "walkout" | "walkouts" | "stoppage" => hit(Strike, 1, true),
            // Not "walked out of prison".
            "walked" if next == "out" && w(tokens, i + 2) != "of" => hit(Strike, 2, false),
            "walked" if next == "off" && w(tokens, i + 2) == "the" && matches!(w(tokens, i + 3), "job" | "jobs") => {
                hit(Strike, 4, false)
            }
            "downed" if next == "tools" => hit(Strike, 2, false),
            "stopped" | "stayed" if matches!(next, "work" | "working" | "away") => hit(Strike, 2, false),
            "refused" | "refusing" | "refuses" if matches!(next, "food" | "meals") => hit(HungerStrike, 2, false),
            "trial" if near_after(tokens, i, b, 3, &["began", "opened", "started", "was", "held", "took", "ended"]) && i > a && matches!(w(tokens, i - 1), "the" | "a" | "his" | "her" | "their") => {
                hit(Trial, 1, false)
            }
            // "refused food in protest against ...": the manner of another act.
            "protest" if i > a && w(tokens, i - 1) == "in" => {}
            "protest" | "protests" | "protested" | "protesting" | "rally" | "rallies" | "demonstration" | "demonstrations"
            | "demonstrating" | "demonstrated" | "picket" | "pickets" | "marched" => hit(Protest, 1, true),
            "killed" | "murdered" | "killing" => hit(Killing, 1, false),
            // "died in police custody", "died in prison": a death in the state's hands.
            "died" if near_after(tokens, i, b, 3, &["custody", "detention", "prison", "jail"]) => {
                hit(Killing, 1, false)
            }
            "shot" if next == "dead" => hit(Killing, 2, false),
            "injured" | "wounded" | "wounding" | "beaten" => hit(Injury, 1, false),
            "injuries" | "injury" if i > a && tokens[i - 1].kind == TokenKind::Number => hit(Injury, 1, false),
            "fired" | "dismissed" | "sacked" | "layoffs"
                // "opened fire" is not a dismissal; "fired" of guns takes "on"/"at".
                if !(near_after(
                    tokens,
                    i,
                    b,
                    1,
                    &["on", "at", "shots", "upon", "into", "several", "twice", "repeatedly", "warning", "rubber", "tear", "live"],
                )) => {
                    hit(Dismissal, 1, word == "layoffs");
                }
            "laid" if next == "off" => hit(Dismissal, 2, false),
            "lost" if matches!(next, "their" | "his" | "her") && matches!(w(tokens, i + 2), "jobs" | "job") => hit(Dismissal, 3, false),
            // Acts of international bodies: rulings, judgments, protective measures.
            "ruled" | "judgment" | "judgement" | "measures"
                if (a..b).any(|k| is_international_body(tokens, k))
                    && (word != "measures" || near_before(tokens, i, a, 2, &["precautionary", "protective", "provisional", "interim"])) =>
            {
                hit(InternationalAction, 1, word != "ruled")
            }
            "surveillance" => hit(Restriction, 1, true),
            // "placed X under house arrest".
            "house" if next == "arrest" => {
                hit(Restriction, 2, true);
                i += 2;
                continue;
            }
            // "were given administrative arrest of ten days": a court's short jail term.
            "administrative" if matches!(next, "arrest" | "detention") => {
                // Told as the predicate ("were given ..."), so it takes its subject's count.
                hit(Sentence, 2, false);
                i += 2;
                continue;
            }
            "incommunicado" => hit(Restriction, 1, false),
            "solitary" if next == "confinement" => hit(Restriction, 2, false),
            "kept" | "barred" | "prevented" if near_after(tokens, i, b, 6, &["lawyer", "lawyers", "family", "relatives", "counsel"]) => {
                hit(Restriction, 1, false)
            }
            "allowed" | "access" | "permitted"
                if near_before(tokens, i, a, 4, &["not", "no", "without", "never", "neither", "nor"])
                    && near_after(tokens, i, b, 6, &["lawyer", "lawyers", "family", "relatives", "counsel"]) =>
            {
                hit(Restriction, 1, false)
            }
            // "March" capitalised inside a sentence is the month.
            "march" | "marches" if tokens[i].is_capitalised() && i > a => {}
            "sit-in" | "sit-ins" | "vigil" | "vigils" | "blockade" | "march" | "marches" | "walk-out" => hit(Protest, 1, true),
            "restricted" => hit(Restriction, 1, false),
            "denied" | "refused" if matches!(next, "contact" | "access" | "visits" | "a" | "the") && near_after(tokens, i, b, 4, &["lawyer", "lawyers", "counsel", "access", "visits", "contact"]) => {
                hit(Restriction, 1, false)
            }
            "law" | "legislation" | "code"
                if (near_before(tokens, i, a, 5, &["adopted", "passed", "enacted", "introduced", "signed"])
                    || near_after(tokens, i, b, 4, &["adopted", "passed", "introduced", "enacted", "signed"]))
                => {
                    hit(LawAdopted, 1, true);
                }
            // "must pay the offended party 25.2 million": a court order to pay is damages.
            "pay" | "paying" if !near_after(tokens, i, b, 6, &["fine", "fines", "wages", "salaries", "salary", "price", "tribute", "attention", "respect", "damages", "compensation"])
                && near_before(tokens, i, a, 3, &["must", "ordered", "to", "also"])
                && (i + 1..(i + 8).min(b)).any(|k| tokens[k].kind == TokenKind::Number) =>
            {
                hit(Damages, 1, false)
            }
            "campaign" | "campaigns"
                if near_before(tokens, i, a, 5, &["launched", "launch", "joins", "joined", "began", "started", "international", "global", "solidarity"]) => {
                    hit(Campaign, 1, true);
                }
            "letters" | "letter" | "petition" if near_before(tokens, i, a, 4, &["sent", "signed", "wrote"]) || near_after(tokens, i, b, 2, &["sent", "signed"]) => {
                hit(Campaign, 1, true)
            }
            "picketed" => hit(Campaign, 1, false),
            "sanctioned" | "scrutiny" => hit(InternationalAction, 1, word == "scrutiny"),
            _ => {}
        }
        i += 1;
    }
    out
}

/// Whether the word at `k` opens the name of an international body: a regional court or
/// commission, the ILO, the UN and its committees.
fn is_international_body(tokens: &[Token<'_>], k: usize) -> bool {
    let t = &tokens[k];
    match w(tokens, k) {
        "european" | "inter-american" | "african" => {
            (k + 1..(k + 4).min(tokens.len())).any(|j| matches!(w(tokens, j), "court" | "commission" | "committee"))
        }
        "ilo" | "iachr" | "echr" | "ohchr" | "un" | "united" => t.is_capitalised() || t.is_all_caps(),
        _ => false,
    }
}

/// [`MODAL`] as a hash set: up to ten words before every trigger are asked, and the list is
/// long enough that scanning it was most of the fact test.
static MODAL_SET: crate::lexicon::WordSet = crate::lexicon::WordSet::new(MODAL);

/// Words before a trigger that make its clause something other than a reported fact.
const MODAL: &[&str] = &[
    "must",
    "should",
    "will",
    "would",
    "could",
    "may",
    "might",
    "can",
    "shall",
    "cannot",
    "not",
    "never",
    "no",
    "refuses",
    "refused",
    "refuse",
    "threatened",
    "threatens",
    "threat",
    "demand",
    "demands",
    "demanded",
    "demanding",
    "call",
    "calls",
    "called",
    "urge",
    "urges",
    "urged",
    "if",
    "unless",
    // "once he is freed", "until she is released": a condition, not a fact.
    "once",
    "until",
    "awaiting",
    "awaits",
    "await",
    "still",
    "face",
    "faces",
    "facing",
    "risk",
    "risks",
    "potential",
    "maximum",
    "carries",
    "carry",
    "due",
    "plans",
    "planned",
    "intends",
    "expected",
    "ought",
    "wants",
    "want",
    "without",
    "against",
    "fear",
    "fears",
    "possible",
    "allegedly",
    "whether",
    "avoid",
    "before",
    "prevent",
    "safeguard",
    "protect",
    "stop",
    "ensure",
    "aims",
    "aim",
    "seeks",
    "seek",
    "wish",
    "wishes",
    "hope",
];

/// Words before a noun trigger that make it a reference to an event told elsewhere: the
/// event is real, but this sentence does not date it.
pub const REFERENCE_WORDS: &[&str] = &[
    "criticised",
    "criticized",
    "condemned",
    "against",
    "over",
    "about",
    "concerns",
    "concern",
    "protest",
    "protested",
    "denounced",
    "following",
    "after",
    "since",
    "despite",
];

/// [`HAPPENING_VERBS`] as a hash set: every word of a trigger's reach is asked.
static HAPPENING_SET: crate::lexicon::WordSet = crate::lexicon::WordSet::new(HAPPENING_VERBS);

/// Verbs that make a strike or protest noun a reported happening.
const HAPPENING_VERBS: &[&str] = &[
    "answered",
    "responded",
    "mounted",
    "began",
    "begun",
    "begin",
    "started",
    "staged",
    "stage",
    "held",
    "launched",
    "went",
    "continued",
    "continues",
    "ended",
    "lasted",
    "joined",
    "led",
    "came",
    "come",
    "gathered",
    "attended",
    "took",
    "broke",
    "erupted",
    "organised",
    "organized",
    "spread",
    "called",
    "reached",
    "involved",
    "declared",
    "were",
    "dispersed",
    "broke",
    "broken",
    "attacked",
    "was",
    "brought",
    "marched",
];

/// Whether a verb tells that a strike or protest happened ("began", "staged", "held").
pub fn is_happening_verb(word: &str) -> bool {
    HAPPENING_SET.contains(word)
}

/// Whether a noun trigger of a strike or protest is told as something that happened.
pub fn is_happening(tokens: &[Token<'_>], s: &Sentence, t: &Trigger) -> bool {
    if !t.noun || !matches!(t.kind, EventType::Strike | EventType::HungerStrike | EventType::Protest) {
        return true;
    }
    // "went on strike", "has been on hunger strike".
    if t.first > s.first && w(tokens, t.first - 1) == "on" {
        return true;
    }
    let from = t.first.saturating_sub(6).max(s.first);
    let to = (t.end + 8).min(s.end);
    (from..to).any(|k| HAPPENING_SET.contains(w(tokens, k)))
}

/// A participle right after a noun and before a preposition modifies that noun ("the
/// workers jailed after the strike"): it does not head the clause.
pub fn is_modifier(tokens: &[Token<'_>], s: &Sentence, t: &Trigger) -> bool {
    if t.noun || t.first == s.first {
        return false;
    }
    let prev = &tokens[t.first - 1];
    let next = w(tokens, t.end);
    // "the dismissed couriers", "those detained": a participle used as an adjective.
    let determiner = matches!(prev.lower(), "the" | "those" | "these" | "their" | "our" | "its");
    if determiner && tokens.get(t.end).is_some_and(|n| n.is_word() && !n.is_capitalised()) {
        return true;
    }
    // "which the authorities closed down in 2017": the verb of a relative clause with its
    // own subject is that subject's act.
    let relative = (t.first.saturating_sub(4).max(s.first)..t.first - 1)
        .any(|k| matches!(w(tokens, k), "which" | "whom") || (w(tokens, k) == "that" && w(tokens, k + 1) == "the"));
    !relative
        && prev.is_word()
        && !matches!(
            prev.lower(),
            "was"
                | "were"
                | "been"
                | "be"
                | "is"
                | "are"
                | "being"
                | "has"
                | "have"
                | "had"
                | "got"
                | "get"
                | "and"
                | "or"
                | "later"
                | "then"
                | "also"
                | "who"
                | "which"
                | "that"
                | "first"
                | "again"
                | "once"
                | "twice"
                | "already"
                | "since"
        )
        // "was first charged in", "was briefly detained at": an adverb stands between.
        && !prev.lower().ends_with("ly")
        && prev.text.chars().next().is_some_and(|c| c.is_lowercase())
        && matches!(next, "after" | "in" | "for" | "during" | "since" | "over" | "at")
}

/// Kinds whose court orders are written with "must": "must pay damages".
fn order_ok(kind: EventType, tokens: &[Token<'_>], at: usize) -> bool {
    matches!(kind, EventType::Damages | EventType::Fine) && (at + 1..at + 4).any(|k| w(tokens, k) == "pay")
}

/// Whether the trigger reports a fact: no modal, negation, demand or plan in the clause
/// before it.
pub fn is_factual(tokens: &[Token<'_>], s: &Sentence, t: &Trigger) -> bool {
    // The clause: back to the last clause break, at most 10 words.
    let mut k = t.first;
    let mut seen = 0;
    while k > s.first && seen < 10 {
        k -= 1;
        let tok = &tokens[k];
        if matches!(tok.text, ";" | ":" | "(" | ")" | "\u{201c}" | "\u{201d}") {
            break;
        }
        let l = tok.lower();
        // "May" the month is not "may" the modal.
        let month_name = tok.is_capitalised() && k > s.first && crate::lexicon::month(tok.text).is_some();
        // A restriction is told by a negation: "has not been allowed to see a lawyer".
        let intrinsic = (t.kind == EventType::Restriction
            && matches!(l, "not" | "no" | "never" | "without" | "refused"))
            || (t.kind == EventType::RegistrationDenied
                && k + 2 == t.first
                && matches!(l, "refused" | "refuses" | "refusing"));
        if MODAL_SET.contains(l) && !month_name && !intrinsic {
            if (l == "must" || l == "should") && order_ok(t.kind, tokens, k) {
                continue;
            }
            // "not only", "no longer" still negate; "against" only for charges/campaigns.
            if l == "against"
                && !matches!(
                    t.kind,
                    EventType::Campaign | EventType::Protest | EventType::Strike | EventType::HungerStrike
                )
            {
                continue;
            }
            if l == "against" {
                continue;
            }
            if l == "before" || l == "without" {
                // "before the court", "released without charge" are facts.
                continue;
            }
            // "once again detained", "until recently" tell facts.
            if (l == "once" && matches!(w(tokens, k + 1), "again" | "more"))
                || (l == "until" && matches!(w(tokens, k + 1), "recently" | "then" | "now"))
            {
                continue;
            }
            // "refused registration" is a fact; "refused to pay" is not.
            if (l == "refused" || l == "refuses") && w(tokens, k + 1) != "to" {
                continue;
            }
            return false;
        }
        if tok.kind == TokenKind::Punct && tok.text == "," && seen > 2 {
            break;
        }
        seen += 1;
    }
    // "to release", "to close": an infinitive is an aim, not a fact.
    if t.first > s.first && w(tokens, t.first - 1) == "to" && !t.noun && t.kind != EventType::RegistrationDenied {
        let word = w(tokens, t.first);
        if !word.ends_with("ed") && !word.ends_with('s') {
            return false;
        }
    }
    // "... demands that both men be released": a bare "be" before the verb is a wish, a
    // plan or a condition, never a report ("was", "were", "been" are).
    if !t.noun && t.first > s.first && w(tokens, t.first - 1) == "be" {
        return false;
    }
    // "the conviction should be quashed": a demand about the event, not its report.
    if (t.end..(t.end + 3).min(s.end)).any(|k| matches!(w(tokens, k), "should" | "must")) {
        return false;
    }
    // Questions are not reports.
    if tokens[s.end - 1].text == "?" {
        return false;
    }
    true
}

/// Which entity kinds take which role in an event of this type.
pub fn role_for(kind: EventType, entity: EntityKind, org_is_agent: bool) -> Option<Role> {
    use EventType::*;
    match (kind, entity) {
        (_, EntityKind::Place) => None,
        (LawAdopted, _) => None,
        (_, EntityKind::Organization) if org_is_agent => Some(Role::Agent),
        (Dissolution | RegistrationDenied, EntityKind::Organization) => Some(Role::Target),
        (Dissolution | RegistrationDenied, EntityKind::Person) => None,
        (Strike | HungerStrike | Protest | Campaign | InternationalAction, _) => Some(Role::Participant),
        (Dismissal, EntityKind::Organization) => Some(Role::Agent),
        (
            Arrest | Charge | Trial | Sentence | Fine | Damages | Ban | Release | Pardon | Restriction | Killing
            | Injury,
            EntityKind::Organization,
        ) => None,
        (_, EntityKind::Person) => Some(Role::Target),
    }
}

/// Whether the trigger tells a lasting state ("remain banned", "still detained") rather
/// than the act: it names the event but does not date it.
pub fn is_state(tokens: &[Token<'_>], s: &Sentence, t: &Trigger) -> bool {
    near_before(tokens, t.first, s.first, 2, &["remain", "remains", "remained", "still", "continue", "continues"])
}

/// Organisations that act on others: courts, police, governments, ministries.
pub fn is_agent_org(name: &str) -> bool {
    const CUES: &[&str] = &[
        "court",
        "police",
        "ministry",
        "government",
        "prosecutor",
        "committee for",
        "security",
        "authorit",
        "tribunal",
        "procuracy",
        // Registering and local authorities: "the City Executive Committee refused to
        // register", "the Registry of Trade Unions refused registration".
        "registry",
        "registrar",
        "directorate",
        "inspectorate",
        "administration",
        "municipal",
        "city executive",
        "regional executive",
        "district executive",
        "akimat",
    ];
    // The bytes some cue opens with: a cue is looked for only where one of them stands.
    const OPENS: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        while k < CUES.len() {
            t[CUES[k].as_bytes()[0] as usize] = true;
            k += 1;
        }
        t
    };
    // Lower-cased as `to_lowercase` would, as far as ASCII cues can tell: no letter but the
    // Kelvin sign (an upper-case letter, which `lc` lowers in full) lowers to ASCII.
    let l = crate::lexicon::lc(name);
    let b = l.as_bytes();
    (0..b.len()).any(|i| OPENS[usize::from(b[i])] && CUES.iter().any(|c| b[i..].starts_with(c.as_bytes())))
}

/// Event types whose passages mostly speak of a one-off act, and so take a count of people.
pub fn takes_count(kind: EventType) -> bool {
    !matches!(
        kind,
        EventType::LawAdopted
            | EventType::InternationalAction
            | EventType::Dissolution
            | EventType::RegistrationDenied
            | EventType::Pardon
    )
}

pub fn takes_term(kind: EventType) -> bool {
    matches!(kind, EventType::Sentence | EventType::Ban)
}

pub fn takes_amount(kind: EventType) -> bool {
    matches!(kind, EventType::Fine | EventType::Damages)
}

pub fn takes_legal(kind: EventType) -> bool {
    matches!(kind, EventType::Charge | EventType::Sentence | EventType::Trial)
}

/// Words that stand for the people last named together ("both men", "they", "the two
/// union leaders").
pub fn is_group_anaphor(tokens: &[Token<'_>], i: usize) -> bool {
    is_plural_pronoun(tokens, i) || is_group_phrase(tokens, i)
}

/// "they", "them", "their": also said of an unnamed, counted group.
pub fn is_plural_pronoun(tokens: &[Token<'_>], i: usize) -> bool {
    matches!(w(tokens, i), "they" | "them" | "their")
}

/// "both men", "the two union leaders": said of people named together.
pub fn is_group_phrase(tokens: &[Token<'_>], i: usize) -> bool {
    let l = w(tokens, i);
    match l {
        "both" => true,
        "the" => {
            let n = w(tokens, i + 1);
            let number = matches!(n, "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten");
            // "a case against the two under Article 342", "the five were arrested".
            let bare = number
                && tokens.get(i + 2).is_none_or(|t| {
                    !t.is_word()
                        || matches!(
                            t.lower(),
                            "under"
                                | "for"
                                | "of"
                                | "in"
                                | "on"
                                | "with"
                                | "and"
                                | "were"
                                | "are"
                                | "had"
                                | "have"
                                | "was"
                        )
                });
            bare || (number || n == "men" || n == "women")
                && (i + 1..i + 4).any(|k| {
                    matches!(
                        w(tokens, k),
                        "men"
                            | "women"
                            | "leaders"
                            | "activists"
                            | "unionists"
                            | "defendants"
                            | "organisers"
                            | "organizers"
                            | "workers"
                    )
                })
        }
        _ => false,
    }
}

/// Nouns that stand for the person last named ("the union leader").
pub fn is_person_anaphor(tokens: &[Token<'_>], i: usize) -> bool {
    let l = w(tokens, i);
    if matches!(l, "he" | "she" | "him" | "her" | "his") {
        return true;
    }
    l == "the"
        && tokens.get(i + 1).is_some_and(|_| {
            let mut k = i + 1;
            while k < i + 4 && tokens.get(k).is_some_and(|t| !t.is_capitalised() && t.is_word()) {
                let x = w(tokens, k);
                if lexicon::is_title(x) || matches!(x, "unionist" | "activist" | "leader" | "organiser" | "organizer") {
                    return true;
                }
                k += 1;
            }
            false
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{sentences, tokenize};

    /// The words `find_triggers`' arms open on, read from this file: each arm's patterns
    /// begin a line at the arm's indent, as `"word" | "word"` or, continued, `| "word"`.
    fn arm_words() -> Vec<&'static str> {
        let source = include_str!("events.rs");
        let body = source.split("pub fn find_triggers").nth(1).unwrap_or("");
        let arms = body.split("        match word {").nth(1).unwrap_or("");
        let arms = arms.split("\n            _ => {}").next().unwrap_or("");
        let mut words = Vec::new();
        for line in arms.lines() {
            let Some(rest) = line.strip_prefix("            ") else { continue };
            let rest = rest.strip_prefix("| ").unwrap_or(rest);
            if !rest.starts_with('"') {
                continue;
            }
            // The leading alternatives, `"a" | "b"`, up to the guard or the arrow.
            let mut rest = rest;
            while let Some((word, after)) = rest.strip_prefix('"').and_then(|r| r.split_once('"')) {
                words.push(word);
                match after.trim_start().strip_prefix('|') {
                    Some(next) => rest = next.trim_start(),
                    None => break,
                }
            }
        }
        words.sort_unstable();
        words.dedup();
        words
    }

    /// The trigger bit is set on exactly the words the arms open on: a word added to an
    /// arm and not to the list would never be reached.
    #[test]
    fn trigger_words_are_the_arms_words() {
        let arms = arm_words();
        assert!(arms.len() > 100, "the arms were not read: {arms:?}");
        let mut listed = TRIGGER_WORDS.to_vec();
        listed.sort_unstable();
        assert_eq!(listed, arms);
        for w in TRIGGER_WORDS {
            assert!(lexicon::word_flags(w) & lexicon::TRIGGER_F != 0, "{w}");
        }
        assert_eq!(lexicon::word_flags("union") & lexicon::TRIGGER_F, 0);
    }

    #[test]
    fn acting_bodies_are_found_by_their_cues() {
        for (name, agent) in [
            ("Supreme Court", true),
            ("the Almaty City Executive Committee", true),
            ("Ministry of Labour", true),
            ("Committee for National Security", true),
            ("KNB security service", true),
            ("Local AUTHORITIES", true),
            ("\u{0410}kimat of Astana", false),
            ("Akimat of Astana", true),
            ("Confederation of Independent Trade Unions", false),
            ("Courtney Workers' Union", true),
            ("", false),
            ("\u{212a}nife", false),
        ] {
            assert_eq!(is_agent_org(name), agent, "{name}");
        }
    }

    fn facts(text: &str) -> Vec<EventType> {
        let mut lower = String::new();
        let t = tokenize(text, &mut lower);
        let s = sentences(&t);
        s.iter()
            .flat_map(|s| {
                find_triggers(&t, s)
                    .into_iter()
                    .filter(|tr| is_factual(&t, s, tr))
                    .map(|tr| tr.kind)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn reported_facts_are_events() {
        assert_eq!(facts("Police arrested two union leaders on Monday."), [EventType::Arrest]);
        assert_eq!(facts("He was sentenced to two years."), [EventType::Sentence]);
        assert_eq!(facts("Workers staged a hunger strike."), [EventType::HungerStrike]);
        assert_eq!(facts("He must also pay damages of $5,000."), [EventType::Damages]);
        assert_eq!(facts("Most were released without charge."), [EventType::Release]);
    }

    #[test]
    fn demands_plans_and_negations_are_not() {
        for text in [
            "The authorities must release him.",
            "They should immediately release the activist.",
            "Kazakhstan will undergo a review.",
            "He is still detained.",
            "He refuses to pay the fine.",
            "The union was not dissolved.",
            "We call on the government to release them.",
            "He is awaiting trial.",
        ] {
            assert!(facts(text).is_empty(), "{text}: {:?}", facts(text));
        }
    }
}
