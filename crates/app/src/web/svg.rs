//! Charts drawn as inline SVG on the server: a person's or organisation's timeline (events on
//! a time axis, one row per event type, each a link) and the overview's events by year and
//! type. No script is needed to read them.

use std::collections::BTreeMap;

use dossier_extract::status::TimelineEntry;
use dossier_extract::{Edtf, EventType};
use maud::{html, Markup};

/// A colour per event type, grouped by family: custody and courts in reds, money in
/// oranges, organisations in purples, collective action in blues, violence dark, the
/// rest in greens and greys.
pub fn colour(kind: EventType) -> &'static str {
    match kind {
        EventType::Arrest => "#c62828",
        EventType::Charge => "#e57373",
        EventType::Trial => "#ad1457",
        EventType::Sentence => "#7b1fa2",
        EventType::Fine => "#ef6c00",
        EventType::Damages => "#ffa726",
        EventType::Ban => "#6d4c41",
        EventType::Release => "#2e7d32",
        EventType::Pardon => "#66bb6a",
        EventType::Dissolution => "#4527a0",
        EventType::RegistrationDenied => "#7e57c2",
        EventType::Strike => "#1565c0",
        EventType::HungerStrike => "#42a5f5",
        EventType::Protest => "#00838f",
        EventType::Killing => "#212121",
        EventType::Injury => "#616161",
        EventType::Dismissal => "#8d6e63",
        EventType::Restriction => "#9e9d24",
        EventType::LawAdopted => "#558b2f",
        EventType::Campaign => "#00695c",
        EventType::InternationalAction => "#0277bd",
    }
}

/// A readable label for an event type.
pub fn label(kind: EventType) -> String {
    kind.as_str().replace('_', " ")
}

const LEFT: f64 = 130.0;
const RIGHT: f64 = 20.0;
const WIDTH: f64 = 760.0;
const ROW: f64 = 26.0;
const TOP: f64 = 10.0;
const AXIS: f64 = 30.0;

/// The timeline of one entity: a row per event type, a dot per dated event at its date
/// (a month or a year is drawn as a bar over its span), each a link to the event's page.
pub fn timeline(entries: &[TimelineEntry], event_href: impl Fn(usize) -> String) -> Markup {
    let dated: Vec<(&TimelineEntry, Edtf)> = entries.iter().filter_map(|t| Some((t, t.date?))).collect();
    if dated.is_empty() {
        return html! { p.muted { "No dated events to draw." } };
    }
    let mut kinds: Vec<EventType> = dated.iter().map(|(t, _)| t.kind).collect();
    kinds.sort();
    kinds.dedup();
    let lo = dated.iter().map(|(_, d)| d.first_ordinal()).min().unwrap_or(0);
    let hi = dated.iter().map(|(_, d)| d.last_ordinal()).max().unwrap_or(lo);
    // Whole years around the events, so the ticks fall on 1 January.
    let first_year = dossier_extract::CalDate::from_ordinal(lo).first_day().0;
    let last_year = dossier_extract::CalDate::from_ordinal(hi).first_day().0 + 1;
    let start = year_start(first_year);
    let end = year_start(last_year).max(start + 1);
    let span = (end - start) as f64;
    let x = |day: i64| LEFT + (day - start) as f64 / span * (WIDTH - LEFT - RIGHT);
    let height = TOP + kinds.len() as f64 * ROW + AXIS;
    let row_of = |k: EventType| kinds.iter().position(|&x| x == k).unwrap_or(0);
    let step = ((last_year - first_year) / 8).max(1);
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label="Timeline of events" {
            @for (r, k) in kinds.iter().enumerate() {
                @let y = TOP + r as f64 * ROW + ROW / 2.0;
                line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y) y2=(y) stroke="#e0e0e0" {}
                text x=(LEFT - 8.0) y=(y + 4.0) text-anchor="end" font-size="12" fill="#333" { (label(*k)) }
            }
            @for year in (first_year..=last_year).step_by(step as usize) {
                @let tx = x(year_start(year));
                line x1=(tx) x2=(tx) y1=(TOP) y2=(height - AXIS + 4.0) stroke="#bdbdbd" stroke-dasharray="2,3" {}
                text x=(tx) y=(height - AXIS + 18.0) text-anchor="middle" font-size="11" fill="#555" { (year) }
            }
            @for (t, d) in &dated {
                @let y = TOP + row_of(t.kind) as f64 * ROW + ROW / 2.0;
                @let (a, b) = (x(d.first_ordinal()), x(d.last_ordinal() + 1));
                a href=(event_href(t.event)) class="tl-event" data-event=(t.event + 1) {
                    title { (label(t.kind)) " — " (d.to_string()) }
                    @if b - a > 8.0 {
                        rect x=(a) y=(y - 5.0) width=(b - a) height="10" rx="3" fill=(colour(t.kind)) fill-opacity="0.55" {}
                    }
                    circle cx=((a + b) / 2.0) cy=(y) r="6" fill=(colour(t.kind)) stroke="#fff" stroke-width="1.5" {}
                }
            }
        }
    }
}

fn year_start(year: i32) -> i64 {
    Edtf::point(dossier_extract::CalDate::y(year)).first_ordinal()
}

/// Events per year, stacked by type, with a legend; undated events are counted apart.
pub fn events_by_year(counts: &BTreeMap<(Option<i32>, EventType), usize>) -> Markup {
    let mut years: BTreeMap<i32, Vec<(EventType, usize)>> = BTreeMap::new();
    let mut undated = 0;
    for (&(year, kind), &n) in counts {
        match year {
            Some(y) => years.entry(y).or_default().push((kind, n)),
            None => undated += n,
        }
    }
    if years.is_empty() {
        return html! { p.muted { "No dated events yet." } };
    }
    let (first, last) = (*years.keys().next().unwrap_or(&0), *years.keys().last().unwrap_or(&0));
    let n_years = (last - first + 1).max(1) as f64;
    let max = years.values().map(|v| v.iter().map(|(_, n)| n).sum::<usize>()).max().unwrap_or(1).max(1) as f64;
    let (left, bottom, top, plot_h) = (40.0, 30.0, 10.0, 180.0);
    let bar_w = ((WIDTH - left - RIGHT) / n_years).min(60.0);
    let mut kinds: Vec<EventType> = counts.keys().map(|(_, k)| *k).collect();
    kinds.sort();
    kinds.dedup();
    struct Bar {
        x: f64,
        y: f64,
        h: f64,
        kind: EventType,
        title: String,
    }
    let mut bars: Vec<Bar> = Vec::new();
    for (&year, parts) in &years {
        let bx = left + (year - first) as f64 * bar_w;
        let mut acc = 0.0;
        for &(kind, n) in parts {
            let h = n as f64 / max * plot_h;
            bars.push(Bar { x: bx, y: top + plot_h - acc - h, h, kind, title: format!("{year}: {n} {}", label(kind)) });
            acc += h;
        }
    }
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {}", top + plot_h + bottom)) role="img" aria-label="Events by year and type" {
            line x1=(left) x2=(WIDTH - RIGHT) y1=(top + plot_h) y2=(top + plot_h) stroke="#999" {}
            text x=(left - 6.0) y=(top + 10.0) text-anchor="end" font-size="11" fill="#555" { (max as usize) }
            @for b in &bars {
                rect x=(b.x + 2.0) y=(b.y) width=(bar_w - 4.0) height=(b.h) fill=(colour(b.kind)) { title { (b.title) } }
            }
            @for &year in years.keys() {
                text x=(left + (year - first) as f64 * bar_w + bar_w / 2.0) y=(top + plot_h + 16.0) text-anchor="middle" font-size="11" fill="#555" { (year) }
            }
        }
        ul.legend {
            @for k in &kinds {
                li { (swatch(*k)) " " (label(*k)) }
            }
            @if undated > 0 { li.muted { (undated) " undated" } }
        }
    }
}

/// A small square of a type's colour (an SVG attribute, not inline CSS, which the
/// Content-Security-Policy forbids).
pub fn swatch(kind: EventType) -> Markup {
    html! {
        svg.swatch xmlns="http://www.w3.org/2000/svg" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" {
            rect width="12" height="12" rx="2" fill=(colour(kind)) {}
        }
    }
}
