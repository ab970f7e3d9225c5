//! One document, start to finish: datelines and sections, entities, events with their
//! attributes, assembled into a [`DocExtraction`].

use crate::date::{CalDate, Edtf};
use crate::dates::{self, DateMention, RawDate, Reference};
use crate::entities::{self, DocEntity};
use crate::events::{self, Trigger};
use crate::model::*;
use crate::quantity::{self, AmountMention, CountMention, LegalMention, TermMention};
use crate::text::{self, Sentence, Token};
use crate::DocumentInput;

/// Paragraph openings that mark boilerplate: no events are read from such paragraphs.
const BOILERPLATE_CUES: &[&str] = &[
    "disclaimer",
    "fair use",
    "the fine print",
    "copyright",
    "\u{a9}",
    "all rights reserved",
    "share this",
    "follow us",
    "subscribe",
    "for more information",
    "contact",
    "tel",
    "email",
    "further:",
    "your tax",
    "donate",
    "sign up",
    "privacy",
    "cookie",
    "terms of use",
    "related:",
    "read more",
    "see also",
    "photo:",
    "image:",
    "tags:",
];

/// Boilerplate whose names are not part of the record either (legal notices).
const LEGAL_NOTICE_CUES: &[&str] = &[
    "fair use",
    "copyright",
    "all rights reserved",
    "terms of use",
    "privacy",
    "cookie",
    "share this",
    "share:",
    "follow us",
    "subscribe",
    "related:",
    "tags:",
    "read more",
    "photo:",
    "image:",
];

struct Para {
    start: usize,
    end: usize,
    boilerplate: bool,
    legal_notice: bool,
}

/// A notice of rights: "copyright" or "fair use", in any case, anywhere in a paragraph's
/// text, read off its tokens rather than searched for in every byte. Equal for these needles:
/// a run of letters is never split between tokens and no token holds a space, so "copyright"
/// lies within one token, and "fair use" is a token ending in "fair" with " use" after it.
fn is_legal_notice(text: &str, tokens: &[Token<'_>]) -> bool {
    let end = tokens.last().map_or(0, |t| t.span.end);
    tokens.iter().filter(|t| t.text.len() >= 4).any(|t| {
        let w = t.text.as_bytes();
        let fair_use = w[w.len() - 4..].eq_ignore_ascii_case(b"fair")
            && t.span.end + 4 <= end
            && text.as_bytes().get(t.span.end..t.span.end + 4).is_some_and(|u| u.eq_ignore_ascii_case(b" use"));
        fair_use || (w.len() >= 9 && w.windows(9).any(|x| x.eq_ignore_ascii_case(b"copyright")))
    })
}

/// The lower case of `text` written into `buf` up to the first char whose lower case is
/// not ASCII (or until `buf` is full), and its length: all of a head that an ASCII cue can
/// match. (Two non-ASCII letters lower-case to ASCII: the Kelvin sign to "k", and "İ" to an
/// "i" and a combining dot.)
fn ascii_lower_head(text: &str, buf: &mut [u8]) -> usize {
    let mut len = 0usize;
    for c in text.chars() {
        for l in c.to_lowercase() {
            match buf.get_mut(len).filter(|_| l.is_ascii()) {
                Some(b) => *b = l as u8,
                None => return len,
            }
            len += 1;
        }
    }
    len
}

fn paragraphs(text: &str, tokens: &[Token<'_>]) -> Vec<Para> {
    // Counted first, so the vector is allocated once rather than grown push by push.
    let mut out = Vec::with_capacity(tokens.iter().skip(1).filter(|t| t.paragraph_before).count() + 1);
    let mut start_tok = 0;
    for i in 0..=tokens.len() {
        if i == tokens.len() || (i > start_tok && tokens[i].paragraph_before) {
            if i > start_tok {
                let (s, e) = (tokens[start_tok].span.start, tokens[i - 1].span.end);
                // The first 40 chars, lower-cased, on the stack: an ASCII head (the usual one)
                // whole, another as far as the cues, all ASCII, can read it. Forty ASCII bytes
                // are forty chars, so such a head is cut without decoding a char.
                let body = &text[s..e];
                let mut buf = [0u8; 40];
                let ascii = body.as_bytes().get(..40).unwrap_or(body.as_bytes());
                let len = if ascii.is_ascii() {
                    let b = &mut buf[..ascii.len()];
                    b.copy_from_slice(ascii);
                    b.make_ascii_lowercase();
                    ascii.len()
                } else {
                    let cut = body.char_indices().nth(40).map_or(body.len(), |(k, _)| k);
                    ascii_lower_head(&body[..cut], &mut buf)
                };
                // Read as bytes: the head is ASCII, and a cue matches only at its first byte.
                let head = &buf[..len];
                let head = &head[head.iter().take_while(|b| matches!(b, b'#' | b'*' | b' ' | b'_' | b'>')).count()..];
                let opens = |cue: &&str| cue.as_bytes().first() == head.first() && head.starts_with(cue.as_bytes());
                let boilerplate = BOILERPLATE_CUES.iter().any(opens);
                let legal_notice = LEGAL_NOTICE_CUES.iter().any(opens) || is_legal_notice(text, &tokens[start_tok..i]);
                out.push(Para { start: start_tok, end: i, boilerplate, legal_notice });
            }
            start_tok = i;
        }
    }
    out
}

/// A dateline: a full date standing alone on a short line, opening a line, or in a byline.
struct Dateline {
    /// Token index where the section it opens begins.
    section_start: usize,
    date: Edtf,
    byline: bool,
    /// The date is the whole line ("17 April 2023" under a headline).
    alone: bool,
}

fn lines(tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(tokens.iter().skip(1).filter(|t| t.newline_before).count() + 1);
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || tokens[i].newline_before {
            out.push((start, i));
            start = i;
        }
    }
    out
}

fn find_datelines(tokens: &[Token<'_>], all_lines: &[(usize, usize)], mentions: &[DateMention]) -> Vec<Dateline> {
    let mut out = Vec::new();
    for (li, &(a, b)) in all_lines.iter().enumerate() {
        // The line's first date: mentions are in order and do not overlap, so the first
        // one from the line's start on is on the line or none is.
        let first_from = mentions.partition_point(|m| m.first < a);
        let Some(m) = mentions.get(first_from).filter(|m| m.end <= b) else { continue };
        let RawDate::Absolute(date) = m.raw else { continue };
        let words = tokens[a..b].iter().filter(|t| t.is_word()).count();
        let first_word = tokens[a].lower();
        let labelled = matches!(first_word, "posted" | "published" | "updated" | "date" | "dated");
        // "Published June 2024": a label vouches for a month; unlabelled, a month on a
        // line of its own is as likely a heading of a chronology.
        if date.end.is_some() || (date.start.day.is_none() && !(labelled && m.first <= a + 2)) {
            continue;
        }
        let byline = first_word == "by"
            && tokens[a..b].iter().any(|t| matches!(t.text, "-" | "\u{2013}" | "\u{2014}" | "|" | ","));
        let opens = m.first == a || (m.first == a + 1 && matches!(tokens[a].text, "(" | "[" | "*" | "_"));
        if !(byline || labelled || opens || words <= 8) {
            continue;
        }
        let alone = m.first == a && tokens[m.end..b].iter().all(|t| !t.is_word());
        // A byline's or a lone date's section starts at the headline above it.
        let mut section_start = a;
        if (byline || alone) && li > 0 {
            let (pa, pb) = all_lines[li - 1];
            let words_above = tokens[pa..pb].iter().filter(|t| t.is_word()).count();
            let ends_sentence = matches!(tokens[pb - 1].text, "." | "!" | "?");
            if words_above <= 20 && !ends_sentence {
                section_start = pa;
            }
        }
        out.push(Dateline { section_start, date, byline, alone });
    }
    out
}

/// The document's own date when no dateline gives it: after the latest date it tells as
/// past, at month precision ("this October" pins the month).
fn infer_published(tokens: &[Token<'_>], sentences: &[Sentence], mentions: &[DateMention]) -> Option<Edtf> {
    let absolute: Vec<(&DateMention, Edtf)> = mentions
        .iter()
        .filter_map(|m| match m.raw {
            RawDate::Absolute(e) => Some((m, e)),
            _ => None,
        })
        .collect();
    let year = absolute.iter().map(|(_, e)| e.end.unwrap_or(e.start).year).max()?;
    // "this October", "earlier this month" speak from inside the month.
    if let Some(m) = mentions.iter().find_map(|m| match m.raw {
        RawDate::Month { month, this: true, .. } => Some(month),
        _ => None,
    }) {
        return CalDate::ym(year, m).map(Edtf::point);
    }
    let future = |m: &DateMention| {
        sentences.iter().find(|s| m.first >= s.first && m.first < s.end).is_some_and(|s| {
            tokens[s.first..s.end].iter().any(|t| matches!(t.lower(), "will" | "upcoming" | "scheduled" | "due"))
        })
    };
    let latest_past = absolute
        .iter()
        .filter(|(m, e)| !future(m) && e.start.month.is_some() && e.end.unwrap_or(e.start).year == year)
        .map(|(_, e)| *e)
        .max_by_key(|e| e.last_ordinal());
    match latest_past {
        Some(e) => {
            let d = e.end.unwrap_or(e.start);
            CalDate::ym(d.year, d.month.unwrap_or(1)).map(Edtf::point)
        }
        None => Some(Edtf::point(CalDate::y(year))),
    }
}

/// What one sentence holds, resolved.
struct SentenceFacts {
    dates: Vec<(usize, Edtf)>,
    counts: Vec<CountMention>,
    terms: Vec<TermMention>,
    amounts: Vec<AmountMention>,
    legal: Vec<LegalMention>,
}

/// Extracts one document; see [`crate::extract_document`].
pub fn extract(input: &DocumentInput<'_>) -> DocExtraction {
    let text = input.text;
    let mut lower = String::new();
    let tokens = text::tokenize(text, &mut lower);
    let sentences = text::sentences(&tokens);
    let paras = paragraphs(text, &tokens);
    // Paragraphs are ordered and disjoint: find one by binary search.
    let para_of = |tok: usize| {
        let i = paras.partition_point(|p| p.end <= tok);
        paras.get(i).filter(|p| p.start <= tok)
    };

    // Dates, sentence by sentence so none crosses a boundary.
    let mut date_mentions: Vec<DateMention> = Vec::new();
    for s in &sentences {
        dates::find_dates_into(&tokens, s.first, s.end, &mut date_mentions);
    }
    // The lines, found once for the datelines and the title.
    let all_lines = lines(&tokens);
    let datelines = find_datelines(&tokens, &all_lines, &date_mentions);
    // Several articles on one page: each opens with a byline, or else with a date alone on
    // its line under its headline.
    let mut bylines: Vec<&Dateline> = datelines.iter().filter(|d| d.byline).collect();
    if bylines.len() < 2 {
        bylines = datelines.iter().filter(|d| d.alone).collect();
    }
    let mut section_starts: Vec<(usize, Edtf)> = Vec::new();
    if bylines.len() >= 2 {
        for (k, d) in bylines.iter().enumerate() {
            let start = if k == 0 { 0 } else { d.section_start };
            // Sections follow each other: a byline whose headline is the previous byline
            // opens its section on its own line.
            match section_starts.last() {
                Some(&(prev, _)) if start <= prev => {}
                _ => section_starts.push((start, d.date)),
            }
        }
    }
    let first_quarter = tokens.len() / 3 + 40;
    // A metadata date outside the calendar dossier writes (years 0–9999) is no date.
    let in_range = |d: &CalDate| {
        (0..=9999).contains(&d.year)
            && match (d.month, d.day) {
                (None, None) => true,
                (Some(m), None) => CalDate::ym(d.year, m).is_some(),
                (Some(m), Some(day)) => CalDate::ymd(d.year, m, day).is_some(),
                (None, Some(_)) => false,
            }
    };
    let meta = input.published.filter(|d| in_range(&d.start) && d.end.is_none_or(|e| in_range(&e)));
    let published = meta
        .or_else(|| section_starts.first().map(|s| s.1))
        .or_else(|| datelines.iter().find(|d| d.section_start <= first_quarter).map(|d| d.date))
        .or_else(|| infer_published(&tokens, &sentences, &date_mentions));
    let sections: Vec<Section> = section_starts
        .iter()
        .enumerate()
        .map(|(k, &(start, date))| {
            let end_tok = section_starts.get(k + 1).map_or(tokens.len(), |n| n.0);
            let span = Span::new(
                tokens.get(start).map_or(0, |t| t.span.start),
                end_tok.checked_sub(1).and_then(|e| tokens.get(e)).map_or(text.len(), |t| t.span.end),
            );
            let title = tokens.get(start).map(|t| {
                let line_end = tokens[start..]
                    .iter()
                    .skip(1)
                    .position(|x| x.newline_before)
                    .map_or(tokens.len(), |p| start + 1 + p);
                Span::new(t.span.start, tokens[line_end - 1].span.end).slice(text).to_string()
            });
            Section { span, date: Some(date), title }
        })
        .collect();
    let reference_date = |tok: usize| -> Option<Edtf> {
        section_starts.iter().rev().find(|(s, _)| *s <= tok).map(|s| s.1).or(published)
    };

    // Resolve every date mention against its section; remember the last year named.
    let mut resolved: Vec<(DateMention, Option<Edtf>)> = Vec::with_capacity(date_mentions.len());
    let mut last_year: Option<i32> = None;
    let mut last_date: Option<Edtf> = None;
    let mut last_day: Option<Edtf> = None;
    let mut section_of_last = 0usize;
    let mut narrative: Option<Edtf> = None;
    let mut para_of_year: Option<usize> = None;
    for m in &date_mentions {
        let section = section_starts.iter().rposition(|(s, _)| *s <= m.first).unwrap_or(0);
        if section != section_of_last {
            last_year = None;
            last_date = None;
            last_day = None;
            section_of_last = section;
        }
        // A shift counts from the last date of its section, as a reader takes it ("...
        // detained on 14 April. [new paragraph] Zhuk was released two days later").
        let para = para_of(m.first).map(|p| p.start);
        if para != para_of_year {
            narrative = None;
            para_of_year = para;
        }
        let r = reference_date(m.first).map(|date| Reference { date, last_year, last_date, last_day, narrative });
        let value = dates::resolve(m.raw, r);
        if value.is_some_and(|v| v.is_single_day()) {
            last_day = value;
        }
        if let RawDate::Absolute(e) = m.raw {
            last_year = Some(e.end.unwrap_or(e.start).year);
            if e.start.month.is_some() {
                narrative = Some(e);
            }
        }
        if value.is_some() {
            last_date = value;
        }
        resolved.push((*m, value));
    }

    // Entities: dates' tokens are not names.
    let mut skip = vec![false; tokens.len()];
    for m in &date_mentions {
        for s in skip.iter_mut().take(m.end).skip(m.first) {
            *s = true;
        }
    }
    let found = entities::find_mentions(&tokens, &sentences, &skip);
    let mut doc_entities = entities::form_entities(text, &tokens, &found);
    // Names found only in legal notices are not part of the record.
    doc_entities.retain(|e| e.mentions.iter().any(|(first, _, _)| !para_of(*first).is_some_and(|p| p.legal_notice)));
    // Whether each entity is a country, asked once rather than at every mention.
    let country: Vec<bool> =
        doc_entities.iter().map(|e| e.kind == EntityKind::Place && crate::lexicon::is_country_name(&e.name)).collect();

    // Every mention as (first token, end token, entity), in text order, so each sentence
    // finds its own by binary search: the whole pass stays linear in the document.
    let mut all_mentions: Vec<(usize, usize, usize)> =
        doc_entities.iter().enumerate().flat_map(|(k, e)| e.mentions.iter().map(move |m| (m.0, m.1, k))).collect();
    all_mentions.sort_unstable();

    let mut events: Vec<LocalEvent> = Vec::new();
    let mut last_person: Option<usize> = None;
    let mut last_group: Vec<usize> = Vec::new();
    // The one person the last event told of, and its paragraph.
    let mut last_single: Option<(usize, Option<usize>)> = None;
    // Whether an unnamed, counted group was told of since: "they" then means that group.
    let mut last_counted: Option<Count> = None;
    let mut last_place: Option<usize> = None;
    let mut prev_sentence_date: Option<Edtf> = None;
    // The month or year a paragraph set ("In January, ..."), which its later sentences share.
    let mut para_date: Option<(usize, Edtf)> = None;
    // Per-sentence lists, cleared and refilled: one allocation each for the document.
    let mut ents_here: Vec<(usize, usize, usize)> = Vec::new();
    let mut dates_here: Vec<&(DateMention, Option<Edtf>)> = Vec::new();
    let mut date_spans: Vec<(usize, usize)> = Vec::new();
    for s in &sentences {
        let boiler = para_of(s.first).is_some_and(|p| p.boilerplate);
        let para_start = para_of(s.first).map(|p| p.start);
        if para_date.is_some_and(|(p, _)| Some(p) != para_start) {
            para_date = None;
        }
        let from = all_mentions.partition_point(|m| m.0 < s.first);
        ents_here.clear();
        ents_here.extend(
            all_mentions[from..]
                .iter()
                .take_while(|m| m.0 < s.end)
                .filter(|m| m.1 <= s.end)
                .map(|&(a, b, k)| (k, a, b)),
        );
        let person_before_sentence = last_person;
        let place_before_sentence = last_place;
        for &(k, _, _) in &ents_here {
            match doc_entities[k].kind {
                EntityKind::Person => last_person = Some(k),
                EntityKind::Place if !country[k] => last_place = Some(k),
                _ => {}
            }
        }
        if boiler {
            continue;
        }
        // "Hrynevich and Maroz are still held. ... a case against the two": people named
        // together are the group a later "the two" or "they" means, even where no event
        // is told of them.
        let together = coordinated_people(&tokens, &ents_here, &doc_entities);
        if together.len() >= 2 {
            last_group = together;
            last_counted = None;
        }
        let triggers: Vec<Trigger> = events::find_triggers(&tokens, s)
            .into_iter()
            .filter(|t| events::is_factual(&tokens, s, t) && events::is_happening(&tokens, s, t))
            .map(|t| Trigger { noun: t.noun || events::is_modifier(&tokens, s, &t), ..t })
            .collect();
        // "Workers at the resort", "the union's chairman": a definite description of an
        // organisation named before stands for it, as a mention would.
        if !triggers.is_empty() {
            ents_here.extend(described_organisations(&tokens, s, &all_mentions, &doc_entities, &ents_here));
            ents_here.sort_by_key(|&(_, a, _)| a);
        }
        let from = resolved.partition_point(|(m, _)| m.first < s.first);
        dates_here.clear();
        dates_here.extend(resolved[from..].iter().take_while(|(m, _)| m.first < s.end).filter(|(m, _)| m.end <= s.end));
        date_spans.clear();
        date_spans.extend(dates_here.iter().map(|(m, _)| (m.first, m.end)));
        // A shift ("two days later", "the next day") dates the act it follows closely or,
        // opening the sentence, the one it leads; elsewhere it belongs to words we did not
        // read as an act ("most were let go the following morning"), and must date nothing.
        let placed = |m: &DateMention| {
            !matches!(m.raw, RawDate::Shift { .. })
                || m.first <= s.first + 3
                || triggers.iter().any(|t| t.end <= m.first && m.first - t.end <= 6)
        };
        let dates: Vec<(usize, Edtf)> =
            dates_here.iter().filter(|(m, _)| placed(m)).filter_map(|(m, v)| v.map(|v| (m.first, v))).collect();
        // Most sentences tell no act: their counts are read only for "took part" after
        // one (below), and their terms, sums and articles not at all.
        let counts_here = || quantity::find_counts(&tokens, s.first, s.end, &date_spans);
        let counts = if triggers.is_empty() { Vec::new() } else { counts_here() };
        let bare = dates.is_empty() && counts.is_empty();
        // "said the fines equalled two months' wages": the acts just told, not new ones,
        // where the sentence adds nothing to them.
        let recent = |kind: EventType| {
            events
                .iter()
                .rev()
                .take_while(|e| s.span.start.saturating_sub(e.source.end) <= 1500)
                .find(|e| e.kind == kind)
        };
        let is_reference = |t: &Trigger| {
            (t.noun || tokens[t.first].lower().ends_with("ing")) && t.first > s.first && tokens[t.first - 1].is("the")
        };
        // "police surrounded the sit-in and detained 23 people": the acts of a sentence
        // that refers back to an act told before happened where it did.
        // Only where the act is told as done at or to it: not "a day before the end of the strike".
        let at_it = |t: &&Trigger| {
            t.first >= s.first + 2
                && matches!(
                    tokens[t.first - 2].lower(),
                    "at" | "during" | "surrounded" | "dispersed" | "raided" | "stormed" | "attacked" | "up"
                )
        };
        let referred_place = triggers
            .iter()
            .filter(|t| is_reference(t))
            .filter(at_it)
            .find_map(|t| recent(t.kind))
            .and_then(|e| e.place);
        // "police arrested a man in connection with the killing": the sentence's act is
        // the arrest; the killing is the one told before.
        let other_act = |t: &Trigger| triggers.iter().any(|o| !o.noun && o.kind != t.kind && !is_reference(o));
        let told_before: Vec<bool> =
            triggers.iter().map(|t| is_reference(t) && recent(t.kind).is_some() && (bare || other_act(t))).collect();
        // "- implement the measures": a list item opening with a verb is a demand.
        let demand_item = matches!(tokens[s.first].text, "-" | "\u{2022}" | "*" | "\u{2013}")
            && tokens.get(s.first + 1).is_some_and(|t| t.is_word() && !t.is_capitalised());
        let triggers: Vec<Trigger> = triggers
            .into_iter()
            .zip(told_before)
            .filter(|(_, before)| !before && !demand_item)
            .map(|(t, _)| t)
            .collect();
        let this_date = dates.first().map(|d| d.1);
        if triggers.is_empty() {
            // "Around 600 members took part": a count for the event just told. The words are
            // read only where there is such an event.
            let joins = || {
                tokens[s.first..s.end].windows(2).any(|w| {
                    (w[0].is("took") && w[1].is("part"))
                        || matches!(w[0].lower(), "joined" | "participated" | "signed" | "attended" | "marched")
                })
            };
            if events.last().is_some_and(|e: &LocalEvent| e.count.is_none() && e.source.end <= s.span.start) && joins()
            {
                if let (Some(c), Some(last)) = (counts_here().first(), events.last_mut()) {
                    last.count = Some(c.count);
                }
            }
            prev_sentence_date = this_date;
            if let (Some(d), Some(p)) = (this_date, para_start) {
                if d.start.day.is_none() {
                    para_date = Some((p, d));
                }
            }
            continue;
        }
        let starts_with_pronoun = matches!(tokens[s.first].lower(), "he" | "she" | "they" | "it" | "this" | "these");
        let carried = if starts_with_pronoun {
            prev_sentence_date
        } else if this_date.is_none() {
            para_date.map(|(_, d)| d)
        } else {
            None
        };
        let facts = SentenceFacts {
            dates,
            counts,
            terms: quantity::find_terms(&tokens, s.first, s.end),
            amounts: quantity::find_amounts(&tokens, s.first, s.end),
            legal: quantity::find_legal(&tokens, s.first, s.end),
        };
        let sentence_events = build_events(
            text,
            &tokens,
            s,
            &triggers,
            &facts,
            &ents_here,
            &doc_entities,
            person_before_sentence,
            &last_group,
            last_counted,
            carried,
            reference_date(s.first),
        );
        prev_sentence_date = this_date;
        if let (Some(d), Some(p)) = (this_date, para_start) {
            if d.start.day.is_none() {
                para_date = Some((p, d));
            }
        }
        // "17 people were killed there": the place named last.
        let there = tokens[s.first..s.end].windows(2).any(|w| {
            w[0].is("there")
                && !matches!(w[1].lower(), "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will" | "would")
        }) || tokens.get(s.end.saturating_sub(2)).is_some_and(|t| t.is("there"));
        let mut sentence_events = sentence_events;
        if let Some(p) = referred_place {
            for e in sentence_events.iter_mut().filter(|e| e.place.is_none()) {
                e.place = Some(p);
            }
        }
        if there {
            if let Some(p) = place_before_sentence {
                for e in sentence_events.iter_mut().filter(|e| e.place.is_none()) {
                    e.place = Some(p);
                }
            }
        }
        for e in &sentence_events {
            let people: Vec<usize> = e
                .participants
                .iter()
                .filter(|p| p.role == Role::Target && doc_entities[p.entity].kind == EntityKind::Person)
                .map(|p| p.entity)
                .collect();
            if people.len() >= 2 {
                last_group = people;
                last_counted = None;
            } else if let [one] = people[..] {
                // "X was sentenced to ... His deputy, Y, received ... Both were convicted":
                // two people told of one after the other in a paragraph are a pair.
                if let Some((other, _)) = last_single.filter(|&(p, para)| p != one && para == para_start) {
                    last_group = vec![other, one];
                    last_counted = None;
                }
                last_single = Some((one, para_start));
                // "The four - the treasurer, X, and three stewards - were arrested. They
                // were charged": "they" is the four.
                if e.count.is_some_and(|c| c.value >= 2) {
                    last_counted = e.count;
                }
            } else if people.is_empty() && e.count.is_some_and(|c| c.value >= 2) {
                // "63 workers were detained. They were all fined": "they" is that group.
                last_counted = e.count;
            }
        }
        events.extend(sentence_events);
    }

    propagate_court_dates(&mut events, &doc_entities);
    date_from_referred_arrest(&mut events, &doc_entities);
    localise_currencies(&mut events, &doc_entities);

    let title = input.title.map(str::to_string).or_else(|| guess_title(text, &tokens, &all_lines));
    let mut mentions = Vec::with_capacity(doc_entities.iter().map(|e| e.mentions.len()).sum());
    // The entities are not read after this: their names and forms move, not copied.
    let locals: Vec<LocalEntity> = doc_entities
        .into_iter()
        .enumerate()
        .map(|(k, e)| {
            for &(_, _, span) in &e.mentions {
                mentions.push(Mention { span, text: span.slice(text).to_string(), entity: k });
            }
            LocalEntity { kind: e.kind, name: e.name, forms: e.forms }
        })
        .collect();
    mentions.sort_by_key(|m| m.span);
    DocExtraction { published, title, sections, entities: locals, mentions, events }
}

/// Penalties told after a dated sentence of the same person share its date: a court hands
/// down prison, fine, damages and ban together ("He is also banned ..."); and so do the
/// sentences of a hearing told one after another.
/// "Following their arrest, X and Y were denied contact with their lawyer": an undated act
/// told as coming right after an arrest of the same people takes that arrest's date.
fn date_from_referred_arrest(events: &mut [LocalEvent], entities: &[DocEntity]) {
    let targets = |e: &LocalEvent| -> Vec<usize> {
        e.participants
            .iter()
            .filter(|p| p.role != Role::Agent && entities[p.entity].kind == EntityKind::Person)
            .map(|p| p.entity)
            .collect()
    };
    for i in 0..events.len() {
        if events[i].date.is_some() || events[i].kind == EventType::Arrest {
            continue;
        }
        let words: Vec<&str> = events[i].quote.split(|c: char| !c.is_alphanumeric()).take(60).collect();
        // Compared without lowering copies: no letter but the Kelvin sign lower-cases to
        // ASCII, and none of these words has a "k".
        let any = |w: &str, of: &[&str]| of.iter().any(|x| w.eq_ignore_ascii_case(x));
        let referred = words.windows(3).any(|w| {
            any(w[0], &["after", "following", "upon"])
                && any(w[1], &["his", "her", "their"])
                && any(w[2], &["arrest", "arrests", "detention"])
        });
        let mine = targets(&events[i]);
        if !referred || mine.is_empty() {
            continue;
        }
        // Their own arrest, else the last arrest of people not named ("police arrested two
        // union leaders").
        let start = events[i].source.start;
        let arrests = || {
            events[..i]
                .iter()
                .rev()
                .filter(move |e| e.source.start < start && e.kind == EventType::Arrest && e.date.is_some())
        };
        let theirs = arrests().find(|e| targets(e).iter().any(|p| mine.contains(p)));
        let unnamed = || arrests().find(|e| targets(e).is_empty() && start - e.source.start <= 2500);
        events[i].date = theirs.or_else(unnamed).and_then(|e| e.date);
    }
}

fn propagate_court_dates(events: &mut [LocalEvent], entities: &[DocEntity]) {
    let targets = |e: &LocalEvent| -> Vec<usize> {
        e.participants
            .iter()
            .filter(|p| p.role == Role::Target && entities[p.entity].kind == EntityKind::Person)
            .map(|p| p.entity)
            .collect()
    };
    for i in 0..events.len() {
        if events[i].date.is_some() {
            continue;
        }
        // "X was sentenced on 20 January to four years. His deputy, Y, received 30 months":
        // the next sentence of the same hearing, told right after in a short plain clause
        // (not "he learned that X had been sentenced", which looks back).
        let plain = |q: &str| q.len() <= 200 && !q.split_whitespace().any(|w| matches!(w, "had" | "that"));
        // The court's other orders told in between ("The judge also fined her ...") are part
        // of the same hearing.
        if events[i].kind == EventType::Sentence
            && (events[i].term.is_some() || events[i].count.is_some())
            && plain(&events[i].quote)
        {
            let mut reach = events[i].source.start;
            for e in events[..i].iter().rev().filter(|e| e.source.start < events[i].source.start) {
                if reach.saturating_sub(e.source.end) > 300 {
                    break;
                }
                if e.kind == EventType::Sentence {
                    events[i].date = e.date;
                    break;
                }
                if !matches!(e.kind, EventType::Fine | EventType::Damages | EventType::Ban) {
                    break;
                }
                reach = e.source.start;
            }
            continue;
        }
        if !matches!(events[i].kind, EventType::Fine | EventType::Damages | EventType::Ban) {
            continue;
        }
        let mine = targets(&events[i]);
        if mine.is_empty() {
            continue;
        }
        let start = events[i].source.start;
        let found = events[..i]
            .iter()
            .rev()
            .take_while(|e| start.saturating_sub(e.source.start) <= 2500)
            .find(|e| {
                e.kind == EventType::Sentence
                    && e.date.is_some()
                    && (targets(e).iter().any(|p| mine.contains(p))
                        || (targets(e).is_empty() && start.saturating_sub(e.source.end) <= 400))
            })
            .and_then(|e| e.date);
        events[i].date = found;
    }
}

/// Whether a relative clause with its own subject opens between an act and a date after it
/// ("the picket, against a cut that the company announced in February"): the date is that
/// clause's, not the act's ("the strike, which began on 3 March", has no subject of its own).
fn own_clause_between(tokens: &[Token<'_>], from: usize, to: usize) -> bool {
    (from..to).any(|r| {
        matches!(tokens[r].lower(), "that" | "which" | "whom")
            && tokens.get(r + 1).is_some_and(|t| {
                matches!(t.lower(), "the" | "its" | "his" | "her" | "their" | "he" | "she" | "they" | "it" | "we")
            })
            // "the hunger strike, which the workers began on 5 January" still dates the strike
            // (the clause's own verb, right after its subject).
            && !(r + 2..(r + 4).min(to)).any(|k| events::is_happening_verb(tokens[k].lower()))
    })
}

/// Currency names that several countries share ("rubles") take the currency of the country
/// the report is about.
fn localise_currencies(events: &mut [LocalEvent], entities: &[DocEntity]) {
    let country = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Place && crate::lexicon::is_country_name(&e.name))
        .max_by_key(|e| e.mentions.len())
        .map(|e| e.name.to_lowercase());
    let Some(country) = country else { return };
    for e in events.iter_mut() {
        let written_as_code = |code: &str| e.quote.contains(code);
        if let Some(a) = e.amount.as_mut() {
            if let Some(local) = crate::lexicon::local_currency(&country, &a.currency) {
                if !written_as_code(&a.currency) {
                    a.currency = local.to_string();
                }
            }
        }
    }
}

fn guess_title(text: &str, tokens: &[Token<'_>], all_lines: &[(usize, usize)]) -> Option<String> {
    // The first line of at least three words that is not navigation.
    for &(a, b) in all_lines.iter().take(12) {
        let words = tokens[a..b].iter().filter(|t| t.is_word()).count();
        let line = Span::new(tokens[a].span.start, tokens[b - 1].span.end).slice(text);
        // Lower-casing goes char by char (a final sigma aside, which is never ASCII), so the
        // line's lower case opens with a cue exactly when the lower case of its first chars,
        // as many as the longest cue has, does.
        let head_end = line.char_indices().nth(12).map_or(line.len(), |(k, _)| k);
        let lower = crate::lexicon::lc(&line[..head_end]);
        if words >= 3
            && !["skip to", "jump to", "top of page", "you are here", "menu"].iter().any(|c| lower.starts_with(c))
            && line.len() < 200
        {
            return Some(line.trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace()).to_string());
        }
    }
    None
}

fn distance(a: usize, b: usize) -> usize {
    a.abs_diff(b)
}

/// Assigns an item at `pos` to the nearest trigger that accepts it.
fn nearest(triggers: &[Trigger], pos: usize, accepts: impl Fn(&Trigger) -> bool) -> Option<usize> {
    triggers
        .iter()
        .enumerate()
        .filter(|(_, t)| accepts(t))
        .min_by_key(|(_, t)| if pos >= t.end { distance(pos, t.end - 1) } else { distance(pos, t.first) })
        .map(|(k, _)| k)
}

/// Words across which a name does not reach a trigger: another speaker, another clause.
const CLAUSE_STOPS: &[&str] =
    &[";", "that", "said", "says", "told", "but", "while", "whereas", "according", "although", "\u{201c}", "\u{201d}"];

/// Whether tokens `[from, to)` are a title and the organisation it belongs to, ending in a
/// comma: "the president of the Khmer Hotel and Casino Workers' Union (KHCWU),".
fn titled_apposition(tokens: &[Token<'_>], from: usize, to: usize) -> bool {
    if to <= from || !tokens[to - 1].is(",") {
        return false;
    }
    let mut titled = false;
    for t in &tokens[from..to - 1] {
        let l = t.lower();
        if crate::lexicon::is_title(l) {
            titled = true;
            continue;
        }
        let fits = t.is_capitalised() || entities::is_name_filler(l) || matches!(l, "its" | "their");
        if !fits {
            return false;
        }
    }
    titled
}

/// The longest run of two or more people named one after another with only "and" or
/// commas between them ("X, Y and Z"), in text order; empty where there is none.
fn coordinated_people(
    tokens: &[Token<'_>],
    ents_here: &[(usize, usize, usize)],
    doc_entities: &[DocEntity],
) -> Vec<usize> {
    let people = || ents_here.iter().filter(|(k, _, _)| doc_entities[*k].kind == EntityKind::Person);
    // Most sentences name fewer than two people: answered without a vector.
    if people().nth(1).is_none() {
        return Vec::new();
    }
    let mut best: Vec<usize> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut last_end = 0;
    for &(k, a, b) in people() {
        let joined = !run.is_empty()
            && a > last_end
            && a - last_end <= 2
            && tokens[last_end..a].iter().all(|t| t.is("and") || t.is(","))
            && tokens[last_end..a].iter().any(|t| t.is("and") || t.is(","));
        if !joined {
            run.clear();
        }
        if !run.contains(&k) {
            run.push(k);
        }
        if run.len() > best.len() {
            best.clone_from(&run);
        }
        last_end = b;
    }
    if best.len() < 2 {
        best.clear();
    }
    best
}

/// Head nouns by which a report refers back to an organisation it has named.
const DESCRIBED_HEADS: &[&str] = &[
    "union",
    "company",
    "resort",
    "hotel",
    "factory",
    "plant",
    "mine",
    "firm",
    "federation",
    "confederation",
    "casino",
    "court",
    "ministry",
    "council",
    "mill",
    "port",
    "railway",
    "airline",
    "bank",
];

/// Organisations a sentence refers to by description ("the union", "the resort") as
/// `(entity, first, end)`: the nearest organisation named before whose name holds the head
/// noun. A description inside a name, or right after a capitalised word, is part of that
/// name instead.
fn described_organisations(
    tokens: &[Token<'_>],
    s: &Sentence,
    all_mentions: &[(usize, usize, usize)],
    doc_entities: &[DocEntity],
    ents_here: &[(usize, usize, usize)],
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for i in s.first + 1..s.end {
        let head = tokens[i].lower();
        if !DESCRIBED_HEADS.contains(&head) || !tokens[i - 1].is("the") || tokens[i].is_capitalised() {
            continue;
        }
        if ents_here.iter().any(|&(_, a, b)| a <= i && i < b) {
            continue;
        }
        // "the union's", "the union" — not "the union movement", "the court ruling".
        if tokens.get(i + 1).is_some_and(|n| n.is_word() && !n.is_capitalised() && !is_verbish(n.lower())) {
            continue;
        }
        let before = all_mentions.partition_point(|m| m.0 < i);
        let found = all_mentions[..before].iter().rev().take(400).find(|&&(_, _, k)| {
            let e = &doc_entities[k];
            e.kind == EntityKind::Organization && e.name.split_whitespace().any(|w| w.eq_ignore_ascii_case(head))
        });
        if let Some(&(_, _, k)) = found {
            out.push((k, i - 1, i + 1));
        }
    }
    out
}

/// Words that may follow a description as its verb ("the union said", "the company
/// dismissed") rather than make it a compound ("the union movement").
fn is_verbish(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with('s') && !w.ends_with("ss")
        || matches!(
            w,
            "was"
                | "were"
                | "is"
                | "are"
                | "has"
                | "had"
                | "have"
                | "did"
                | "does"
                | "will"
                | "would"
                | "can"
                | "could"
                | "and"
                | "or"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "of"
                | "with"
                | "by"
                | "from"
                | "after"
                | "before"
                | "since"
                | "until"
                | "when"
                | "where"
                | "which"
                | "who"
                | "that"
        )
}

/// Whether entity `[a, b)` belongs to trigger `t`: near it, in its clause, and with no
/// other trigger that takes the same kind of entity standing between them.
fn reaches(
    tokens: &[Token<'_>],
    triggers: &[Trigger],
    t: usize,
    a: usize,
    b: usize,
    takes: impl Fn(&Trigger) -> bool,
) -> bool {
    let tr = &triggers[t];
    let (lo, hi) = if b <= tr.first {
        (b, tr.first)
    } else if a >= tr.end {
        (tr.end, a)
    } else {
        return true;
    };
    let before = b <= tr.first;
    // A noun takes its complement ("the closure of X") or a name right before it ("X's
    // arrest"); strikes and protests also take who staged them.
    let before_limit = if tr.noun
        && !matches!(tr.kind, EventType::Strike | EventType::HungerStrike | EventType::Protest | EventType::Campaign)
    {
        2
    } else {
        14
    };
    if (before && hi - lo > before_limit) || (!before && hi - lo > 12) {
        return false;
    }
    // A passive verb's people stand before it ("X was accused of ..."); a name after it
    // belongs to the next clause.
    let passive = !tr.noun
        && tr.first > 0
        && matches!(tokens[tr.first - 1].lower(), "was" | "were" | "been" | "is" | "are" | "be" | "being");
    // ... except its agent: "fired by the company X".
    if !before && passive && !(lo..hi).any(|k| tokens[k].is("by")) {
        return false;
    }
    if (lo..hi).any(|k| CLAUSE_STOPS.contains(&tokens[k].lower())) {
        return false;
    }
    !triggers.iter().enumerate().any(|(k, o)| k != t && o.first >= lo && o.end <= hi && takes(o))
}

#[allow(clippy::too_many_arguments)]
fn build_events(
    text: &str,
    tokens: &[Token<'_>],
    s: &Sentence,
    triggers: &[Trigger],
    facts: &SentenceFacts,
    ents_here: &[(usize, usize, usize)],
    doc_entities: &[DocEntity],
    person_before: Option<usize>,
    group_before: &[usize],
    group_counted: Option<Count>,
    carried_date: Option<Edtf>,
    reference: Option<Edtf>,
) -> Vec<LocalEvent> {
    let mut triggers: Vec<Trigger> = triggers.to_vec();
    // "which the government banned": an organisation banned is dissolved.
    for t in triggers.iter_mut() {
        if t.kind == EventType::Ban {
            let before =
                ents_here.iter().filter(|(_, _, b)| *b <= t.first && t.first - *b <= 10).max_by_key(|(_, _, b)| *b);
            let person_near = ents_here.iter().any(|(k, a, b)| {
                doc_entities[*k].kind == EntityKind::Person && (a.abs_diff(t.end) <= 6 || b.abs_diff(t.first) <= 6)
            });
            if let Some((k, _, _)) = before {
                let e = &doc_entities[*k];
                if e.kind == EntityKind::Organization && !events::is_agent_org(&e.name) && !person_near {
                    t.kind = EventType::Dissolution;
                }
            }
        }
    }
    let n = triggers.len();
    let mut participants: Vec<Vec<LocalParticipant>> = vec![Vec::new(); n];
    let mut places: Vec<Option<(usize, usize)>> = vec![None; n];
    for &(k, a, b) in ents_here {
        let e = &doc_entities[k];
        if e.kind == EntityKind::Place {
            // Places after a locative word; countries only say where, not which town.
            let is_country = crate::lexicon::is_country_name(entities::region_stripped(&e.name));
            if is_country || !place_cue(tokens, s, a, b) {
                continue;
            }
            // The acts the place is told with: those with no other act standing between
            // ("opened fire on a rally at X, killing ..."); each takes its nearest place.
            // "arrested on 4 January and spent two months in X prison": a prison is where
            // people are held, not where they were arrested.
            let prison = (b..(b + 2).min(s.end))
                .chain(a..b)
                .any(|i| matches!(tokens[i].lower(), "prison" | "jail" | "colony" | "penitentiary" | "detention"));
            for (t, tr) in triggers.iter().enumerate() {
                if prison && tr.kind == EventType::Arrest {
                    continue;
                }
                let (lo, hi) = if a >= tr.end { (tr.end, a) } else { (b, tr.first) };
                if triggers.iter().any(|o| !o.noun && o.first >= lo && o.end <= hi) {
                    continue;
                }
                // A place across a clause break is the other clause's ("shot dead in X, and
                // a teacher was dismissed in Y").
                let across = (lo..hi).any(|i| tokens[i].text == "," && tokens.get(i + 1).is_some_and(|t| t.is("and")));
                // A region is less telling than the town named with it ("in Balkhash, in
                // Karaganda region"): the town wins unless the region is much nearer.
                let region = entities::is_region_name(&e.name);
                let d = hi.saturating_sub(lo) + if across { 20 } else { 0 } + if region { 10 } else { 0 };
                if places[t].is_none_or(|(_, best)| d < best) {
                    places[t] = Some((k, d));
                }
            }
            continue;
        }
        // "according to figures from the Labour Observatory": a source, not a party.
        if (a.saturating_sub(5).max(s.first)..a).any(|i| tokens[i].is("according")) {
            continue;
        }
        let agent = e.kind == EntityKind::Organization && events::is_agent_org(&e.name);
        for t in 0..n {
            let Some(mut role) = events::role_for(triggers[t].kind, e.kind, agent) else { continue };
            // "Judge X sentenced Y", "X pardoned him": the subject of an active verb acts.
            if role == Role::Target
                && e.kind == EntityKind::Person
                && b <= triggers[t].first
                && is_active(tokens, s, &triggers[t])
            {
                role = Role::Agent;
            }
            // "Quintana's colleagues were released": the owner is not the one it befell.
            if role == Role::Target && tokens.get(b).is_some_and(Token::is_possessive) {
                continue;
            }
            let takes = |o: &Trigger| events::role_for(o.kind, e.kind, agent).is_some() && !o.noun;
            if reaches(tokens, &triggers, t, a, b, takes) && !participants[t].iter().any(|p| p.entity == k) {
                participants[t].push(LocalParticipant { entity: k, role });
            }
        }
    }
    let persons_here: Vec<(usize, usize)> = ents_here
        .iter()
        .filter(|(k, _, _)| doc_entities[*k].kind == EntityKind::Person)
        .map(|(k, a, _)| (*k, *a))
        .collect();
    // Lists run on past the window: "among them the union's chairman, X, his deputy, Y,
    // and its lawyer, Z": each person listed right after a participant shares its role.
    for t in 0..n {
        let mut last: Option<(usize, Role)> = None;
        let person_role = events::role_for(triggers[t].kind, EntityKind::Person, false);
        for &(k, a, b) in ents_here.iter().filter(|(_, a, _)| *a >= triggers[t].end) {
            // "arrested the president of the union (KHCWU), Sok Chanthou": a title's
            // organisation leads on to the person it names.
            if let Some(p) = participants[t].iter().find(|p| p.entity == k) {
                let role = if doc_entities[k].kind == EntityKind::Person { Some(p.role) } else { person_role };
                if let Some(role) = role {
                    last = Some((b, role));
                }
                continue;
            }
            if doc_entities[k].kind != EntityKind::Person {
                continue;
            }
            // "arrested the president of the Khmer Hotel and Casino Workers' Union (KHCWU),
            // Sok Chanthou": only a title and its organisation stand between.
            if last.is_none() && a - triggers[t].end <= 20 {
                if let Some(role) = person_role.filter(|_| titled_apposition(tokens, triggers[t].end, a)) {
                    participants[t].push(LocalParticipant { entity: k, role });
                    last = Some((b, role));
                    continue;
                }
            }
            let Some((end, role)) = last else { continue };
            let between = &tokens[end..a];
            let listed = a - end <= 8
                && between.iter().any(|x| x.is(",") || x.is("and"))
                && !between.iter().any(|x| {
                    CLAUSE_STOPS.contains(&x.lower())
                        || matches!(x.lower(), "was" | "were" | "is" | "are" | "has" | "had" | "have" | "who" | "which")
                })
                && !triggers.iter().any(|o| o.first >= end && o.end <= a);
            if !listed {
                break;
            }
            participants[t].push(LocalParticipant { entity: k, role });
            last = Some((b, role));
        }
    }
    // "X, who leads the union, and his deputy Y were detained": the sentence's first person,
    // joined by ", and" to a target named before a passive verb, is a target too.
    for t in 0..n {
        let tr = triggers[t];
        if tr.noun || is_active(tokens, s, &tr) {
            continue;
        }
        let Some(&(first, a0)) = persons_here.first() else { continue };
        let joined = persons_here.iter().skip(1).any(|&(k, a)| {
            a < tr.first
                && participants[t].iter().any(|p| p.entity == k && p.role == Role::Target)
                && (a.saturating_sub(6).max(a0)..a).any(|i| {
                    tokens[i].is(",")
                        && tokens[i + 1].is("and")
                        && tokens.get(i + 2..a).is_some_and(|xs| xs.iter().all(|x| x.is_word() && !x.is_capitalised()))
                })
        });
        if a0 <= s.first + 1 && joined && !participants[t].iter().any(|p| p.entity == first) {
            participants[t].push(LocalParticipant { entity: first, role: Role::Target });
        }
    }
    for t in 0..n {
        let wants = events::role_for(triggers[t].kind, EntityKind::Person, false) == Some(Role::Target);
        let has_target =
            participants[t].iter().any(|x| doc_entities[x.entity].kind == EntityKind::Person && x.role == Role::Target);
        if !wants || has_target {
            continue;
        }
        let tr = triggers[t];
        let lo = tr.first.saturating_sub(12).max(s.first);
        let hi = (tr.end + 2).min(s.end);
        // "He was sentenced", "sentenced him", "his sentence": the person last named, in
        // this sentence if one stands before the pronoun.
        if let Some(p) = (lo..hi).find(|&i| events::is_person_anaphor(tokens, i)) {
            // Not the one who acts: in "X pardoned him", "him" is someone else.
            let agents: Vec<usize> =
                participants[t].iter().filter(|x| x.role == Role::Agent).map(|x| x.entity).collect();
            let here = persons_here
                .iter()
                .filter(|(k, a)| *a < p && !agents.contains(k))
                .max_by_key(|(_, a)| *a)
                .map(|(k, _)| *k);
            if let Some(person) = here.or(person_before.filter(|p| !agents.contains(p))) {
                participants[t].push(LocalParticipant { entity: person, role: Role::Target });
                continue;
            }
        }
        // "They were detained", "both men": the people last named together.
        let phrase = (lo..hi).any(|i| events::is_group_phrase(tokens, i));
        let pronoun = (lo..hi).any(|i| events::is_plural_pronoun(tokens, i));
        if (phrase || (pronoun && group_counted.is_none())) && group_before.len() >= 2 {
            for &person in group_before {
                participants[t].push(LocalParticipant { entity: person, role: Role::Target });
            }
            continue;
        }
        // "The trial was held behind closed doors": the trial of the people just told of.
        if tr.kind == EventType::Trial && tr.first > s.first && tokens[tr.first - 1].is("the") {
            if group_before.len() >= 2 {
                for &person in group_before {
                    participants[t].push(LocalParticipant { entity: person, role: Role::Target });
                }
                continue;
            }
            if let Some(person) = person_before {
                participants[t].push(LocalParticipant { entity: person, role: Role::Target });
                continue;
            }
        }
        // "..., and a teacher was dismissed": a new subject after a clause break.
        let new_subject = persons_here.first().is_some_and(|&(_, a)| {
            (a..tr.first).any(|i| {
                tokens[i].text == ";"
                    || (tokens[i].text == ","
                        && tokens.get(i + 1).is_some_and(|t| t.is("and") || t.is("while"))
                        && tokens.get(i + 2).is_some_and(|t| matches!(t.lower(), "a" | "an" | "the" | "another")))
            })
        });
        // A passive verb far from its subject: "X, who ..., was released".
        if !tr.noun && !new_subject && !is_active(tokens, s, &tr) {
            if let Some((k, a, _)) = ents_here
                .iter()
                .filter(|(k, _, _)| doc_entities[*k].kind == EntityKind::Person)
                .min_by_key(|(_, a, _)| *a)
            {
                if *a < tr.first {
                    participants[t].push(LocalParticipant { entity: *k, role: Role::Target });
                    continue;
                }
            }
        }
        // One person in the sentence, before the act: the subject of a run of predicates
        // ("X is banned ..., and must pay damages").
        let mut people: Vec<usize> = persons_here.iter().filter(|(_, a)| *a < tr.first).map(|(k, _)| *k).collect();
        people.dedup();
        if people.len() == 1 && persons_here.len() == 1 && !new_subject {
            participants[t].push(LocalParticipant { entity: people[0], role: Role::Target });
        }
    }
    // Counts: the verb a count is the subject of, else the nearest trigger still without one.
    let mut counts: Vec<Option<CountMention>> = vec![None; n];
    for c in &facts.counts {
        // "at least two groups were refused registration": groups are counted where people are not.
        let groups = tokens.get(c.end).is_some_and(|t| quantity::is_group_noun(t.lower()));
        let takes = |kind: EventType| {
            events::takes_count(kind)
                || (groups && matches!(kind, EventType::Dissolution | EventType::RegistrationDenied))
        };
        let free = |t: &Trigger, counts: &[Option<CountMention>], k: usize| takes(t.kind) && counts[k].is_none();
        let subject_of = triggers
            .iter()
            .enumerate()
            .filter(|(k, t)| !t.noun && t.first >= c.end && t.first <= c.end + 5 && free(t, &counts, *k))
            .map(|(k, _)| k)
            .next();
        let first_verb = if triggers.iter().all(|t| t.first >= c.end) {
            triggers.iter().enumerate().find(|(k, t)| !t.noun && free(t, &counts, *k)).map(|(k, _)| k)
        } else {
            None
        };
        let gap = |t: &Trigger| if c.first >= t.end { distance(c.first, t.end - 1) } else { distance(c.end, t.first) };
        // "About 450 workers of the smelter ended their hunger strike": a collective action
        // named by a noun takes the count of its subject from further back.
        let reach = |t: &Trigger| {
            let collective = matches!(t.kind, EventType::Strike | EventType::HungerStrike | EventType::Protest);
            let between = triggers.iter().any(|o| o.first >= c.end && o.end <= t.first);
            if collective && t.noun && t.first >= c.end && !between {
                16
            } else {
                6
            }
        };
        // "about 200 miners held a rally ...; police detained 12": the rally right after the
        // count is its subject's, before any verb further on.
        let verb_before = triggers.iter().any(|t| !t.noun && t.end <= c.first);
        let collective_subject = (0..n).filter(|_| !verb_before).find(|&k| {
            let t = &triggers[k];
            t.noun
                && matches!(t.kind, EventType::Strike | EventType::HungerStrike | EventType::Protest)
                && t.first >= c.end
                && gap(t) <= reach(t)
                && free(t, &counts, k)
                && !triggers.iter().any(|o| o.first >= c.end && o.end <= t.first)
                // Not "16 participants of the hunger strike": a complement of the counted noun.
                && !(t.first.saturating_sub(3).max(c.end)..t.first).any(|i| tokens[i].is("of"))
        });
        let owner = subject_of.or(collective_subject).or(first_verb).or_else(|| {
            let snapshot = counts.clone();
            (0..n)
                .filter(|&k| free(&triggers[k], &snapshot, k) && gap(&triggers[k]) <= reach(&triggers[k]))
                .min_by_key(|&k| (triggers[k].noun, gap(&triggers[k])))
        });
        if let Some(t) = owner {
            counts[t] = Some(*c);
        }
    }
    for (t, slot) in counts.iter_mut().enumerate() {
        match slot {
            // "Police detained X and two other couriers", "X and the eight others": the
            // named one is counted too.
            Some(c) => {
                let mut k = c.first;
                if k > s.first && tokens[k - 1].is("the") {
                    k -= 1;
                }
                let others = tokens.get(c.end).is_some_and(|x| matches!(x.lower(), "other" | "others"));
                let named_before = k > s.first
                    && tokens[k - 1].is("and")
                    && ents_here.iter().any(|&(e, _, b)| b == k - 1 && doc_entities[e].kind == EntityKind::Person);
                if others && named_before {
                    c.count.value += 1;
                }
                // "X and his deputy Y were detained along with 13 other members": the named
                // ones are counted too.
                // ("together with two colleagues": "other" is not needed after "with".)
                let along_with = k >= s.first + 2
                    && tokens[k - 1].is("with")
                    && matches!(tokens[k - 2].lower(), "along" | "together");
                let vague = (c.first..c.end).any(|k| quantity::number_at(tokens, k).is_some_and(|n| n.vague));
                if along_with && !vague && participants[t].iter().any(|p| p.role == Role::Target) {
                    let mut named: Vec<usize> =
                        persons_here.iter().filter(|&&(_, a)| a < triggers[t].first).map(|&(e, _)| e).collect();
                    named.sort_unstable();
                    named.dedup();
                    c.count.value += named.len() as u64;
                }
            }
            // "63 workers were detained. The court fined them": the group counted before.
            None if events::takes_count(triggers[t].kind) => {
                let tr = triggers[t];
                let near = tr.first.saturating_sub(6).max(s.first)..(tr.end + 2).min(s.end);
                let named = participants[t].iter().any(|p| doc_entities[p.entity].kind == EntityKind::Person);
                let pronoun = near.into_iter().any(|i| matches!(tokens[i].lower(), "they" | "them"));
                if !named && !tr.noun && pronoun {
                    if let Some(count) = group_counted {
                        *slot = Some(CountMention { span: tokens[tr.first].span, first: tr.first, end: tr.end, count });
                    }
                }
            }
            None => {}
        }
    }
    let mut terms: Vec<Option<TermMention>> = vec![None; n];
    for m in &facts.terms {
        // "a two-year ban", "seven-year prison term": the noun right after it owns it.
        let glued = triggers
            .iter()
            .position(|t| t.noun && t.first >= m.end && t.first <= m.end + 2 && events::takes_term(t.kind));
        let owner = glued.or_else(|| {
            triggers
                .iter()
                .enumerate()
                .filter(|(_, t)| events::takes_term(t.kind) && t.end <= m.first)
                .max_by_key(|(_, t)| t.end)
                .map(|(k, _)| k)
        });
        if let Some(t) = owner {
            if terms[t].is_none() {
                terms[t] = Some(*m);
            }
        }
    }
    let mut amounts: Vec<Vec<&AmountMention>> = vec![Vec::new(); n];
    for m in &facts.amounts {
        if let Some(t) = nearest(&triggers, m.first, |t| events::takes_amount(t.kind)) {
            amounts[t].push(m);
        }
    }
    let mut legal: Vec<Vec<String>> = vec![Vec::new(); n];
    for m in &facts.legal {
        if let Some(t) = nearest(&triggers, m.first, |t| events::takes_legal(t.kind)) {
            if !legal[t].contains(&m.provision) {
                legal[t].push(m.provision.clone());
            }
        }
    }
    // Dates: a date opening the sentence dates all of it; others date their nearest verb
    // (a noun is more often a reference: "a day before the end of the strike, on 20 January").
    let mut dates: Vec<Option<Edtf>> = vec![None; n];
    let opening = facts.dates.iter().find(|(pos, _)| *pos <= s.first + 3).map(|d| d.1);
    let any_verb = triggers.iter().any(|t| !t.noun);
    // When several dates fall to one act, the nearest wins ("after strikes in 2011 and 2012,
    // the law was adopted in 2014").
    let mut date_gap: Vec<usize> = vec![usize::MAX; n];
    for (pos, d) in &facts.dates {
        // "the 2011 strikes": a year used as an adjective dates its noun, not the clause.
        let attributive = d.start.month.is_none()
            && *pos > s.first
            && matches!(tokens[*pos - 1].lower(), "the" | "a" | "an" | "its" | "their" | "his" | "her")
            && tokens.get(*pos + 1).is_some_and(|n| n.is_word() && !n.is_capitalised());
        if attributive {
            continue;
        }
        if let Some(t) = nearest(&triggers, *pos, |t| !any_verb || !t.noun) {
            let tr = &triggers[t];
            if *pos >= tr.end && own_clause_between(tokens, tr.end, *pos) {
                continue;
            }
            let gap = if *pos >= tr.end { *pos - tr.end } else { tr.first - pos };
            if gap < date_gap[t] {
                date_gap[t] = gap;
                dates[t] = Some(*d);
            }
        }
    }
    // Coordinated acts of one kind share their date: "in September dozens were arrested
    // ..., and more than 100 people were detained at a rally".
    for k in 0..n {
        if dates[k].is_none() {
            dates[k] = (0..n).filter(|&j| j != k && triggers[j].kind == triggers[k].kind).find_map(|j| dates[j]);
        }
    }
    // ... and their place: "a court in Mogilev sentenced X to ...; Y received 16 months".
    for k in 0..n {
        if places[k].is_none() {
            places[k] = (0..n).filter(|&j| j != k && triggers[j].kind == triggers[k].kind).find_map(|j| places[j]);
        }
    }
    let mut distinct: Vec<Edtf> = facts.dates.iter().map(|d| d.1).collect();
    distinct.dedup();
    // The sentence's one date also dates acts near it, not those a clause away.
    let single_at = (distinct.len() == 1).then(|| facts.dates[0]);
    let mut out: Vec<LocalEvent> = Vec::new();
    for (k, t) in triggers.iter().enumerate() {
        let reference_noun = t.noun
            && (t.first.saturating_sub(3).max(s.first)..t.first)
                .any(|i| events::REFERENCE_WORDS.contains(&tokens[i].lower()));
        // "have been released", "have launched a campaign", "joins the campaign": told as
        // of the report's own date.
        let perfect = (t.first.saturating_sub(if t.noun { 5 } else { 3 }).max(s.first)..t.first)
            .any(|i| matches!(tokens[i].lower(), "has" | "have"))
            || (t.kind == EventType::Campaign
                && (t.first.saturating_sub(5).max(s.first)..t.first)
                    .any(|i| matches!(tokens[i].lower(), "joins" | "launches" | "supports" | "launched" | "starts")));
        let in_phrase = t.noun
            && (t.first.saturating_sub(3).max(s.first)..t.first)
                .any(|i| matches!(tokens[i].lower(), "of" | "before" | "after" | "during" | "since"));
        let state = events::is_state(tokens, s, t);
        // "ended their 19-day strike on 11 June": the date is the end of a lasting action,
        // not when it happened; left undated, the action joins its own start.
        let ending = matches!(t.kind, EventType::Strike | EventType::HungerStrike | EventType::Protest)
            && ((t.first.saturating_sub(6).max(s.first)..t.first)
                .any(|i| matches!(tokens[i].lower(), "ended" | "ending" | "ends" | "end" | "suspended" | "called"))
                || (t.end..(t.end + 2).min(s.end)).any(|i| matches!(tokens[i].lower(), "ended" | "ends" | "finished")));
        // (A year or a month still covers the whole action.)
        let ending = ending && dates[k].or(opening).is_some_and(|d| d.start.day.is_some());
        let date = if state || ending || (reference_noun && dates[k].is_none()) {
            None
        } else {
            dates[k]
                .or(opening)
                .or(if perfect { reference.map(|r| Edtf::point(CalDate { day: None, ..r.start })) } else { None })
                .or(single_at.filter(|(pos, _)| !in_phrase && pos.abs_diff(t.first) <= 8).map(|(_, d)| d))
                .or(if reference_noun { None } else { carried_date })
        };
        let ev = LocalEvent {
            kind: t.kind,
            date,
            place: places[k].map(|p| p.0),
            // Each trigger's lists are read here only: moved, not copied.
            participants: std::mem::take(&mut participants[k]),
            count: counts[k].map(|c| c.count),
            term: terms[k].map(|m| m.term),
            amount: quantity::combine_amounts(&amounts[k]),
            legal: std::mem::take(&mut legal[k]),
            source: s.span,
            // Written once the event is kept: one turned away or merged needs none.
            quote: String::new(),
        };
        if !anchored(&ev, t, doc_entities) {
            continue;
        }
        // A lasting state ("remain imprisoned") is told of named people only.
        if state && !ev.participants.iter().any(|p| doc_entities[p.entity].kind == EntityKind::Person) {
            continue;
        }
        // One event per type per sentence unless each has its own count or its own people
        // ("X was accused of ..., Y is also charged with ...").
        // Read straight off the participants, with no list of them built per comparison.
        fn targets<'a>(e: &'a LocalEvent, entities: &'a [DocEntity]) -> impl Iterator<Item = usize> + 'a {
            e.participants
                .iter()
                .filter(|p| p.role == Role::Target && entities[p.entity].kind == EntityKind::Person)
                .map(|p| p.entity)
        }
        if let Some(prev) = out.iter_mut().find(|e| {
            e.kind == ev.kind
                && (e.count.is_none() || ev.count.is_none() || e.count == ev.count)
                && (targets(&ev, doc_entities).next().is_none()
                    || targets(e, doc_entities).next().is_none()
                    || targets(&ev, doc_entities).any(|p| targets(e, doc_entities).any(|x| x == p)))
        }) {
            for p in ev.participants {
                if !prev.participants.iter().any(|x| x.entity == p.entity) {
                    prev.participants.push(p);
                }
            }
            prev.date = prev.date.or(ev.date);
            prev.place = prev.place.or(ev.place);
            prev.count = prev.count.or(ev.count);
            prev.term = prev.term.or(ev.term);
            prev.amount = prev.amount.take().or(ev.amount);
            continue;
        }
        out.push(LocalEvent { quote: s.span.slice(text).to_string(), ..ev });
    }
    out
}

/// Whether a place is named as where something happened: "in X", "at the X plant", "in
/// the capital, X", "an X court".
fn place_cue(tokens: &[Token<'_>], s: &Sentence, a: usize, b: usize) -> bool {
    if tokens.get(b).is_some_and(|t| t.text.eq_ignore_ascii_case("court")) {
        return true;
    }
    let mut k = a;
    // "in south Tehran", "in the northern Shan State": a part of the place is the place.
    while k > s.first && (matches!(tokens[k - 1].lower(), "the" | "a" | "an") || is_compass(tokens[k - 1].lower())) {
        k -= 1;
    }
    let prev = k.checked_sub(1).filter(|&p| p >= s.first).map(|p| tokens[p].lower()).unwrap_or_default();
    if matches!(
        prev,
        "in" | "at" | "near" | "of" | "outside" | "across" | "throughout" | "inside" | "through" | "around"
    ) {
        return true;
    }
    // "in the capital, Astana", "the town of X" (handled by "of").
    prev == "," && k >= s.first + 2 && crate::lexicon::PLACE_NOUNS.contains(&tokens[k - 2].lower())
}

/// A word naming a part of a place by direction: "south", "northern", "central".
fn is_compass(w: &str) -> bool {
    matches!(
        w,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "downtown"
            | "suburban"
            | "rural"
    )
}

/// Whether a verb trigger is in the active voice: a word other than an auxiliary, a
/// conjunction or a comma stands right before it ("police arrested", "Judge X sentenced").
fn is_active(tokens: &[Token<'_>], s: &Sentence, t: &Trigger) -> bool {
    if t.noun || t.first == s.first {
        return false;
    }
    // An active verb has an object: "sentenced Khvastovich", "arrested two leaders",
    // "pardoned him"; a headline's "X jailed on charges" does not.
    let object = tokens.get(t.end).filter(|_| t.end < s.end).is_some_and(|n| {
        n.is_capitalised()
            || n.kind == crate::text::TokenKind::Number
            || matches!(
                n.lower(),
                "him"
                    | "her"
                    | "them"
                    | "the"
                    | "a"
                    | "an"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "several"
                    | "dozens"
                    | "hundreds"
                    | "his"
                    | "their"
                    | "its"
                    | "both"
                    | "all"
                    | "at"
                    | "more"
                    | "over"
                    | "about"
                    | "around"
                    | "some"
            )
    });
    let prev = &tokens[t.first - 1];
    object
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
                | "got"
                | "get"
                | "gets"
                | "and"
                | "or"
                | "who"
                | "which"
                | "that"
                | "not"
                | "also"
                | "later"
                | "then"
                | "subsequently"
                | "again"
                | "reportedly"
                | "allegedly"
                | "once"
                | "twice"
                | "recently"
                | "formally"
                | "secretly"
        )
}

/// Whether an event says enough to be told apart: whom it concerns, or when, where, how many.
fn anchored(ev: &LocalEvent, t: &Trigger, entities: &[DocEntity]) -> bool {
    let person = ev.participants.iter().any(|p| entities[p.entity].kind == EntityKind::Person && p.role != Role::Agent);
    let org =
        ev.participants.iter().any(|p| entities[p.entity].kind == EntityKind::Organization && p.role != Role::Agent);
    let quantity = ev.count.is_some() || ev.amount.is_some() || ev.term.is_some();
    use EventType::*;
    match ev.kind {
        Arrest | Charge | Trial | Sentence | Fine | Damages | Ban | Release | Pardon | Restriction | Killing
        | Injury | Dismissal => {
            person
                || quantity
                || (!t.noun && (ev.date.is_some() || ev.place.is_some()) && org)
                || (!t.noun && ev.place.is_some() && ev.date.is_some())
        }
        // "at least three associations were refused registration": groups counted.
        Dissolution | RegistrationDenied => org || ev.count.is_some(),
        Strike | HungerStrike | Protest => {
            ev.date.is_some() || ev.place.is_some() || ev.count.is_some() || org || person
        }
        LawAdopted => ev.date.is_some(),
        Campaign => person || org || ev.count.is_some(),
        InternationalAction => org || ev.place.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A head lower-cased as far as it stays ASCII is the start of the full lower case,
        /// cut only where that is full or turns to a non-ASCII char: every ASCII cue the one
        /// starts with, the other does.
        #[test]
        fn a_head_is_the_ascii_start_of_the_lower_case(text in "([a-zA-Z #>_]|\\PC|\u{212a}|İ){0,50}") {
            let mut buf = [0u8; 40];
            let len = ascii_lower_head(&text, &mut buf);
            let head = std::str::from_utf8(&buf[..len]).unwrap_or("not UTF-8");
            let full = text.to_lowercase();
            proptest::prop_assert!(full.starts_with(head), "{:?} {:?}", head, full);
            let next = full[len..].chars().next();
            proptest::prop_assert!(len == 40 || next.is_none_or(|c| !c.is_ascii()), "{:?} {:?}", head, full);
        }
    }

    proptest::proptest! {
        /// Token by token, the notice search agrees with a search of the paragraph's text.
        #[test]
        fn notice_search_agrees_on_any_text(text in "(fair|FaIr|use|USE|copy|right|COPYRIGHT|[a-z '.\n-]|\\PC){0,30}") {
            let mut lower = String::new();
            let tokens = text::tokenize(&text, &mut lower);
            let body = match (tokens.first(), tokens.last()) {
                (Some(a), Some(b)) => &text[a.span.start..b.span.end],
                _ => "",
            };
            let windows = |n: &[u8]| body.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
            proptest::prop_assert_eq!(is_legal_notice(&text, &tokens), windows(b"copyright") || windows(b"fair use"));
        }
    }

    /// The search of the tokens finds what a window-by-window comparison of both needles
    /// finds in the paragraph's text.
    #[test]
    fn notice_search_agrees_with_windows() {
        let windows = |hay: &str, n: &[u8]| hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
        let hays = [
            "",
            "c",
            "copyrigh",
            "Copyright 2024",
            "(c) COPYRIGHT",
            "ccopyright",
            "fair us",
            "This is FAIR USE.",
            "ffair use",
            "unfair user",
            "fair  use",
            "fair\nuse",
            "fair-use",
            "fair use",
            "it's fair'use",
            "yyy copyrightcopyright",
            "copyright's",
            "2024copyright",
            "opyright fFair Use",
            "no notice at all, confirmed",
            "Ünïcödé copyright ©",
            "Ünïcödécopyrightü",
            "\u{212a}elvin fair\u{a0}use",
        ];
        for hay in hays {
            let mut lower = String::new();
            let tokens = text::tokenize(hay, &mut lower);
            let body = match (tokens.first(), tokens.last()) {
                (Some(a), Some(b)) => &hay[a.span.start..b.span.end],
                _ => "",
            };
            let expected = windows(body, b"copyright") || windows(body, b"fair use");
            assert_eq!(is_legal_notice(hay, &tokens), expected, "{hay:?}");
        }
    }
}
