//! The synthetic corpus the benchmarks share: report texts built in memory from template
//! sentences with varied names, dates, counts, sums, prison terms, articles of law and
//! boilerplate, and collections of any size made from them, so that no number depends on a
//! file.

#![allow(dead_code)]

use dossier_extract::{extract_document, DocExtraction, DocumentInput, EntityKind};

/// A small deterministic generator (SplitMix64): the corpus is the same on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const GIVEN: &[&str] = &[
    "Andrei",
    "Maksim",
    "Nurlan",
    "Aigul",
    "Larysa",
    "Oleksandr",
    "Serik",
    "Dana",
    "Timur",
    "Olena",
    "Ivan",
    "Marat",
    "Zhanna",
    "Yerlan",
    "Natalia",
    "Viktor",
    "Galina",
    "Ruslan",
    "Aliya",
    "Dmitry",
    "Svetlana",
    "Bakyt",
    "Gulnara",
    "Pavel",
    "Iryna",
    "Kairat",
    "Elena",
    "Sergei",
    "Asel",
    "Mikhail",
];
const SURNAMES: &[&str] = &[
    "Khvastovich",
    "Yaroshevich",
    "Ospanov",
    "Bekova",
    "Shevchuk",
    "Tkachenko",
    "Dauletov",
    "Ermekova",
    "Zhaksybekov",
    "Marchuk",
    "Petrenko",
    "Abenov",
    "Sadykova",
    "Kuznetsov",
    "Sokolova",
    "Nurmagambetov",
    "Karimova",
    "Baimukhamedov",
    "Lysenko",
    "Moroz",
    "Hrytsenko",
    "Iskakov",
    "Tulegenova",
    "Volkov",
    "Orlova",
    "Seitkali",
    "Zhumabayev",
    "Bondarenko",
    "Kravets",
    "Melnyk",
    "Savchenko",
    "Akhmetov",
    "Suleimenova",
    "Rakhimov",
    "Pavlenko",
    "Kovalenko",
    "Yessenova",
    "Mukhamedzhanov",
    "Litvinenko",
    "Dzhaksybekov",
];
const PLACES: &[&str] = &[
    "Almaty",
    "Astana",
    "Shymkent",
    "Karaganda",
    "Temirtau",
    "Zhanaozen",
    "Aktau",
    "Atyrau",
    "Mogilev",
    "Minsk",
    "Gomel",
    "Grodno",
    "Brest",
    "Kyiv",
    "Kharkiv",
    "Kherson",
    "Odesa",
    "Lviv",
    "Dnipro",
    "Bishkek",
    "Osh",
    "Tashkent",
    "Samarkand",
    "Baku",
    "Tbilisi",
];
const ORG_HEADS: &[&str] = &[
    "Independent Union of Miners",
    "Federation of Dockworkers",
    "Union of Railway Workers",
    "Confederation of Independent Trade Unions",
    "Independent Engineering Workers' Union",
    "Union of Oil Workers",
    "Free Union of Metalworkers",
    "Teachers' Union",
    "Union of Nurses",
    "Union of Bus Drivers",
    "Seafarers' Union",
    "Union of Textile Workers",
];
const COMPANIES: &[&str] = &[
    "Gear Works",
    "Coal",
    "Steel",
    "Oil Services",
    "Container Terminal",
    "Tractor Plant",
    "Copper",
    "Rail",
    "Textiles",
    "Chemicals",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const TERMS: &[&str] = &[
    "two and a half years",
    "three years",
    "18 months",
    "five years",
    "one year and four months",
    "3 years and 6 months",
    "seven years",
    "six months",
];
const RESTRICTIONS: &[&str] =
    &["in a penal colony", "of restricted freedom", "in prison", "of house arrest", "in a general-regime colony"];
const ARTICLES: &[&str] = &[
    "Article 402 of the Criminal Code",
    "Part 2 of Article 174 of the Criminal Code",
    "Article 342 of the Criminal Code",
    "Article 23.34 of the Code of Administrative Offences",
    "Article 361",
    "Articles 174 and 402",
];
const BOILERPLATE: &[&str] = &[
    "Copyright © 2024 Labour Rights Monitor. All rights reserved. Fair use notice: this page may contain copyrighted material.",
    "Share this: Facebook | X | Telegram | Email",
    "Subscribe to our newsletter for weekly updates from the region.",
    "Contact: press@example.org | Tel. +7 700 000 00 00",
    "Read more: Union rights in Central Asia, a 2023 overview",
    "Tags: strikes, arrests, freedom of association",
    "Donate to support our legal defence fund.",
];

fn person(r: &mut Rng) -> String {
    format!("{} {}", r.pick(GIVEN), r.pick(SURNAMES))
}

fn org(r: &mut Rng) -> (String, String) {
    let head = r.pick(ORG_HEADS);
    let acronym: String =
        head.split_whitespace().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect();
    (format!("the {head} of {}", r.pick(PLACES)), acronym)
}

fn date(r: &mut Rng, year: u64) -> String {
    let m = r.pick(MONTHS);
    let d = 1 + r.below(28);
    match r.below(5) {
        0 => format!("{d} {m} {year}"),
        1 => format!("{m} {d}, {year}"),
        2 => format!("{d} {m}"),
        3 => format!("{m} {year}"),
        _ => format!("{year}-{:02}-{d:02}", 1 + r.below(12)),
    }
}

fn number(r: &mut Rng) -> String {
    let n = 10 + r.below(4_000);
    if n >= 1_000 {
        format!("{},{:03}", n / 1_000, n % 1_000)
    } else {
        n.to_string()
    }
}

fn money(r: &mut Rng) -> String {
    let tenge = (1 + r.below(900)) * 10_000;
    let usd = tenge / 450;
    match r.below(3) {
        0 => format!("{} tenge (about US${usd})", group(tenge)),
        1 => format!("US${}", group(usd)),
        _ => format!("{} roubles", group(tenge / 5)),
    }
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One sentence that tells an event (or, now and then, a plain one that doesn't).
fn sentence(r: &mut Rng, year: u64, cast: &[String], company: &str, place: &str, union: &(String, String)) -> String {
    let who = &cast[r.below(cast.len() as u64) as usize];
    let surname = who.split_whitespace().last().unwrap_or(who);
    let d = date(r, year);
    match r.below(16) {
        0 => format!("On {d}, police in {place} detained {who}, a shop steward at {company}."),
        1 => format!("{who} was arrested on {d} and charged under {}.", r.pick(ARTICLES)),
        2 => format!(
            "A court in {place} sentenced {surname} to {} {} on {d}.",
            r.pick(TERMS),
            r.pick(RESTRICTIONS)
        ),
        3 => format!("{surname} was fined {} for organising an unauthorised rally.", money(r)),
        4 => format!(
            "Since {d}, around {} of the {} workers at {company} have been on strike over unpaid wages.",
            number(r),
            number(r)
        ),
        5 => format!("More than {} people protested outside the akimat in {place} on {d}.", number(r)),
        6 => format!("{who} went on a hunger strike in pre-trial detention in {}.", r.pick(MONTHS)),
        7 => format!("{surname} was released on {d} after serving {}.", r.pick(TERMS)),
        8 => format!("In {} {year} the Supreme Court dissolved {} ({}).", r.pick(MONTHS), union.0, union.1),
        9 => format!("The Ministry of Justice refused to register {} on {d}.", union.0),
        10 => format!("{who}, {}, was dismissed from {company} last month.", 25 + r.below(40)),
        11 => format!("At least {} workers were injured when security guards dispersed the strikers.", number(r)),
        12 => format!(
            "The ILO Committee on Freedom of Association urged the government to release {who} and to restore the registration of the {}.",
            union.1
        ),
        13 => format!("“We will not stop until the wages are paid,” {who} told reporters in {place}."),
        14 => format!("{surname} was banned from holding union office for {}.", r.pick(TERMS)),
        _ => format!(
            "The company said the stoppage had cost it {} and that talks with the {} would resume next week.",
            money(r),
            union.1
        ),
    }
}

/// One report: headline, dateline or byline, paragraphs of sentences, boilerplate footer.
pub fn document(r: &mut Rng, paragraphs: u64) -> String {
    let year = 2015 + r.below(10);
    let place = r.pick(PLACES);
    let company = format!("{place} {}", r.pick(COMPANIES));
    let union = org(r);
    let cast: Vec<String> = (0..2 + r.below(4)).map(|_| person(r)).collect();
    let mut doc = String::new();
    doc.push_str(&format!(
        "{} in {place}: workers and union leaders under pressure\n",
        r.pick(&["Strike", "Arrests", "Verdict", "Crackdown"])
    ));
    match r.below(3) {
        0 => doc.push_str(&format!("By {} | {}\n\n", person(r), date(r, year))),
        1 => doc.push_str(&format!("{place}, {}\n\n", date(r, year))),
        _ => doc.push_str(&format!("Posted {}\n\n", date(r, year))),
    }
    for _ in 0..paragraphs {
        let n = 2 + r.below(4);
        let para: Vec<String> = (0..n).map(|_| sentence(r, year, &cast, &company, place, &union)).collect();
        doc.push_str(&para.join(" "));
        doc.push_str("\n\n");
    }
    for _ in 0..1 + r.below(3) {
        doc.push_str(r.pick(BOILERPLATE));
        doc.push('\n');
    }
    doc
}

/// Documents until at least `bytes` of text.
pub fn corpus(seed: u64, bytes: usize, paragraphs: u64) -> Vec<String> {
    let mut r = Rng(seed);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let n = 1 + r.below(paragraphs);
        let d = document(&mut r, n);
        total += d.len();
        docs.push(d);
    }
    docs
}

pub fn extract(text: &str) -> DocExtraction {
    extract_document(&DocumentInput { text, title: None, published: None })
}

/// One document of a synthetic collection: its text (unique, so its sha256 is) and its
/// extraction.
pub struct SyntheticDoc {
    pub text: String,
    pub extraction: DocExtraction,
}

/// How many distinct report texts are extracted; larger collections reuse them.
pub const BASE_DOCUMENTS: usize = 1_000;

/// `n` documents: the extractions of [`BASE_DOCUMENTS`] generated reports, repeated in
/// "worlds" whose people carry surnames of their own (the world's letters appended), so that
/// people keep appearing in a few reports each however large the collection, while
/// organisations, places and dates are shared by all.
pub fn collection(seed: u64, n: usize) -> Vec<SyntheticDoc> {
    let base = base(seed, n);
    (0..n).map(|i| world_copy(&base[i % base.len()], i / base.len(), i)).collect()
}

/// The generated reports collections are made of (at most [`BASE_DOCUMENTS`], and at most
/// `n`), with their extractions.
pub fn base(seed: u64, n: usize) -> Vec<(String, DocExtraction)> {
    let mut r = Rng(seed);
    (0..BASE_DOCUMENTS.min(n).max(1))
        .map(|_| {
            let paragraphs = 1 + r.below(3);
            let text = document(&mut r, paragraphs);
            let extraction = extract(&text);
            (text, extraction)
        })
        .collect()
}

/// A document of world `world`: the base report with its people's surnames marked.
pub fn world_copy(base: &(String, DocExtraction), world: usize, serial: usize) -> SyntheticDoc {
    let (text, extraction) = base;
    let mut x = extraction.clone();
    if world > 0 {
        let suffix = letters(world);
        let rename = |form: &str| match form.rsplit_once(' ') {
            Some((given, surname)) => format!("{given} {surname}{suffix}"),
            None => format!("{form}{suffix}"),
        };
        let people: Vec<bool> = x.entities.iter().map(|e| e.kind == EntityKind::Person).collect();
        for e in x.entities.iter_mut().filter(|e| e.kind == EntityKind::Person) {
            e.name = rename(&e.name);
            e.forms = e.forms.iter().map(|f| rename(f)).collect();
        }
        for m in x.mentions.iter_mut().filter(|m| people.get(m.entity).copied().unwrap_or(false)) {
            m.text = rename(&m.text);
        }
    }
    SyntheticDoc { text: format!("{text}\n{serial}\n"), extraction: x }
}

/// A world number as lowercase letters (1 → "b", 26 → "ba").
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
