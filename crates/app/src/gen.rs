//! `dossier gen`: synthetic report corpora in the genre, with the gold record of what they
//! report, for benchmarks at scale and for scoring on text that nobody tuned a rule for.
//!
//! A case (a union, its company, a few of its leaders, a city and its court) unfolds as one
//! to four events; one to four reports tell it (a news article, a union federation's
//! statement, an NGO update), each published some days after the events it tells, in one of
//! two transliterations, with dates written relative to its own date line. Now and then two
//! reports disagree on a date or a count. Everything comes from the tables below and a seeded
//! PRNG, so one seed always gives the same bytes; the tables are the team's own, not any
//! report's.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use dossier_extract::date::{civil_from_days, days_from_civil};
use serde::Serialize;

// ---------------------------------------------------------------- randomness

/// SplitMix64: tiny, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// A value in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi.saturating_sub(lo) + 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------- tables

/// One name part in two Latin transliterations and, where the language has one, Cyrillic.
#[derive(Clone, Copy)]
struct Part {
    a: &'static str,
    b: &'static str,
    cy: &'static str,
}

const fn p(a: &'static str, b: &'static str, cy: &'static str) -> Part {
    Part { a, b, cy }
}

/// A surname ending; `after_vowel` says which roots take it (`-yev` after a vowel, `-ov` not).
struct Ending {
    male: Part,
    female: Part,
    after_vowel: bool,
}

const fn e(male: Part, female: Part, after_vowel: bool) -> Ending {
    Ending { male, female, after_vowel }
}

/// How people are named in one part of the world.
struct Culture {
    male: &'static [Part],
    female: &'static [Part],
    heads: &'static [Part],
    mids: &'static [Part],
    ends: &'static [Ending],
}

const CENTRAL_ASIAN: Culture = Culture {
    male: &[
        p("Yerbol", "Erbol", "Ербол"),
        p("Nurlan", "Nurlan", "Нурлан"),
        p("Daniyar", "Daniiar", "Данияр"),
        p("Askhat", "Ashat", "Асхат"),
        p("Bakhyt", "Bahyt", "Бахыт"),
        p("Yerzhan", "Erzhan", "Ержан"),
        p("Marat", "Marat", "Марат"),
        p("Serik", "Serik", "Серик"),
        p("Kairat", "Kairat", "Кайрат"),
        p("Talgat", "Talgat", "Талгат"),
        p("Arman", "Arman", "Арман"),
        p("Zhandos", "Jandos", "Жандос"),
        p("Rustem", "Rustem", "Рустем"),
        p("Mukhtar", "Muhtar", "Мухтар"),
        p("Galym", "Galym", "Галым"),
        p("Yermek", "Ermek", "Ермек"),
    ],
    female: &[
        p("Aigerim", "Aigerim", "Айгерим"),
        p("Gulnara", "Gulnara", "Гульнара"),
        p("Zhanar", "Janar", "Жанар"),
        p("Saule", "Saule", "Сауле"),
        p("Dinara", "Dinara", "Динара"),
        p("Aliya", "Aliia", "Алия"),
        p("Khadisha", "Hadisha", "Хадиша"),
        p("Asel", "Asel", "Асель"),
        p("Madina", "Madina", "Мадина"),
        p("Zhuldyz", "Juldyz", "Жулдыз"),
    ],
    heads: &[
        p("Bek", "Bek", "Бек"),
        p("Yer", "Er", "Ер"),
        p("Kha", "Ha", "Ха"),
        p("Zhu", "Zhu", "Жу"),
        p("Ab", "Ab", "Аб"),
        p("Tok", "Tok", "Ток"),
        p("Ser", "Ser", "Сер"),
        p("Mus", "Mus", "Мус"),
        p("Dau", "Dau", "Дау"),
        p("Sul", "Sul", "Сул"),
        p("Yes", "Es", "Ес"),
        p("Or", "Or", "Ор"),
        p("Kan", "Kan", "Кан"),
        p("Nur", "Nur", "Нур"),
        p("Bal", "Bal", "Бал"),
        p("Kur", "Kur", "Кур"),
        p("Zha", "Zha", "Жа"),
        p("Ish", "Ish", "Иш"),
        p("Sat", "Sat", "Сат"),
        p("Mukh", "Muh", "Мух"),
        p("Akh", "Ah", "Ах"),
        p("Tu", "Tu", "Ту"),
    ],
    mids: &[
        p("ba", "ba", "ба"),
        p("ga", "ga", "га"),
        p("ke", "ke", "ке"),
        p("ma", "ma", "ма"),
        p("sa", "sa", "са"),
        p("ta", "ta", "та"),
        p("khan", "han", "хан"),
        p("bek", "bek", "бек"),
        p("zhan", "zhan", "жан"),
        p("sen", "sen", "сен"),
        p("gali", "gali", "гали"),
        p("mag", "mag", "маг"),
        p("kul", "kul", "кул"),
        p("mur", "mur", "мур"),
        p("dil", "dil", "дил"),
        p("nis", "nis", "нис"),
        p("tem", "tem", "тем"),
        p("rak", "rak", "рак"),
        p("sha", "sha", "ша"),
        p("kha", "ha", "ха"),
        p("la", "la", "ла"),
        p("ri", "ri", "ри"),
    ],
    ends: &[
        e(p("yev", "ev", "ев"), p("yeva", "eva", "ева"), true),
        e(p("ov", "ov", "ов"), p("ova", "ova", "ова"), false),
        e(p("ov", "ov", "ов"), p("ova", "ova", "ова"), false),
        e(p("uly", "uly", "улы"), p("kyzy", "kyzy", "кызы"), false),
    ],
};

const SLAVIC: Culture = Culture {
    male: &[
        p("Sergey", "Sergei", "Сергей"),
        p("Aleksandr", "Alexander", "Александр"),
        p("Dmitry", "Dmitri", "Дмитрий"),
        p("Yury", "Yuri", "Юрий"),
        p("Andrey", "Andrei", "Андрей"),
        p("Aleksey", "Alexei", "Алексей"),
        p("Nikolay", "Nikolai", "Николай"),
        p("Pavel", "Pavel", "Павел"),
        p("Igor", "Ihar", "Игорь"),
        p("Viktor", "Victor", "Виктор"),
        p("Gennady", "Gennadi", "Геннадий"),
        p("Yevgeny", "Evgeny", "Евгений"),
        p("Mikhail", "Mihail", "Михаил"),
        p("Vasily", "Vasili", "Василий"),
    ],
    female: &[
        p("Yelena", "Elena", "Елена"),
        p("Natalya", "Natalia", "Наталья"),
        p("Tatyana", "Tatiana", "Татьяна"),
        p("Olga", "Volha", "Ольга"),
        p("Yuliya", "Yulia", "Юлия"),
        p("Irina", "Iryna", "Ирина"),
        p("Svetlana", "Sviatlana", "Светлана"),
        p("Anastasiya", "Anastasia", "Анастасия"),
        p("Galina", "Halina", "Галина"),
        p("Lyudmila", "Liudmila", "Людмила"),
    ],
    heads: &[
        p("Khar", "Har", "Хар"),
        p("Kor", "Kor", "Кор"),
        p("Vol", "Vol", "Вол"),
        p("Bel", "Bel", "Бел"),
        p("Gor", "Hor", "Гор"),
        p("Kuz", "Kuz", "Куз"),
        p("Sav", "Sav", "Сав"),
        p("Tkach", "Tkach", "Ткач"),
        p("Dub", "Dub", "Дуб"),
        p("Zhur", "Zhur", "Жур"),
        p("Pet", "Pet", "Пет"),
        p("Yer", "Er", "Ер"),
        p("Las", "Las", "Лас"),
        p("Kras", "Kras", "Крас"),
        p("Shev", "Shev", "Шев"),
        p("Mikh", "Mih", "Мих"),
        p("Lit", "Lit", "Лит"),
        p("Glad", "Hlad", "Глад"),
        p("Nov", "Nov", "Нов"),
        p("Bor", "Bor", "Бор"),
        p("Step", "Step", "Степ"),
        p("Gra", "Hra", "Гра"),
    ],
    mids: &[
        p("a", "a", "а"),
        p("o", "o", "о"),
        p("in", "in", "ин"),
        p("ush", "ush", "уш"),
        p("en", "en", "ен"),
        p("ak", "ak", "ак"),
        p("el", "el", "ел"),
        p("ar", "ar", "ар"),
        p("ul", "ul", "ул"),
        p("ich", "ich", "ич"),
        p("ets", "ets", "ец"),
        p("ikh", "ih", "их"),
    ],
    ends: &[
        e(p("yev", "ev", "ев"), p("yeva", "eva", "ева"), true),
        e(p("ov", "ov", "ов"), p("ova", "ova", "ова"), false),
        e(p("enko", "enko", "енко"), p("enko", "enko", "енко"), false),
        e(p("uk", "uk", "ук"), p("uk", "uk", "ук"), false),
        e(p("ovich", "ovich", "ович"), p("ovich", "ovich", "ович"), false),
        e(p("in", "in", "ин"), p("ina", "ina", "ина"), false),
        e(p("sky", "ski", "ский"), p("skaya", "skaya", "ская"), false),
    ],
};

const HISPANIC: Culture = Culture {
    male: &[
        p("José", "Jose", ""),
        p("Andrés", "Andres", ""),
        p("Camilo", "Camilo", ""),
        p("Hernán", "Hernan", ""),
        p("Óscar", "Oscar", ""),
        p("Fabián", "Fabian", ""),
        p("Ramón", "Ramon", ""),
        p("Jesús", "Jesus", ""),
        p("Wilson", "Wilson", ""),
        p("Édgar", "Edgar", ""),
    ],
    female: &[
        p("María", "Maria", ""),
        p("Sofía", "Sofia", ""),
        p("Yolanda", "Yolanda", ""),
        p("Adriana", "Adriana", ""),
        p("Marlén", "Marlen", ""),
        p("Inés", "Ines", ""),
        p("Lucía", "Lucia", ""),
        p("Ángela", "Angela", ""),
    ],
    heads: &[
        p("Ar", "Ar", ""),
        p("Bel", "Bel", ""),
        p("Cas", "Cas", ""),
        p("Gal", "Gal", ""),
        p("Mon", "Mon", ""),
        p("Ro", "Ro", ""),
        p("Val", "Val", ""),
        p("Cor", "Cor", ""),
        p("Es", "Es", ""),
        p("Qui", "Qui", ""),
        p("Mar", "Mar", ""),
        p("Ser", "Ser", ""),
        p("Ol", "Ol", ""),
        p("Pa", "Pa", ""),
        p("Vi", "Vi", ""),
        p("Tor", "Tor", ""),
    ],
    mids: &[
        p("rán", "ran", ""),
        p("dón", "don", ""),
        p("ti", "ti", ""),
        p("ca", "ca", ""),
        p("lo", "lo", ""),
        p("be", "be", ""),
        p("mé", "me", ""),
        p("ri", "ri", ""),
        p("ve", "ve", ""),
    ],
    ends: &[
        e(p("ra", "ra", ""), p("ra", "ra", ""), false),
        e(p("do", "do", ""), p("do", "do", ""), false),
        e(p("ga", "ga", ""), p("ga", "ga", ""), false),
        e(p("ez", "ez", ""), p("ez", "ez", ""), false),
        e(p("llo", "llo", ""), p("llo", "llo", ""), true),
        e(p("nas", "nas", ""), p("nas", "nas", ""), true),
        e(p("ña", "na", ""), p("ña", "na", ""), true),
    ],
};

/// A country: its people's names, cities (two spellings), money, laws and unions.
struct Country {
    name: &'static str,
    adjective: &'static str,
    culture: &'static Culture,
    cities: &'static [(&'static str, &'static str)],
    /// Currency as written, ISO 4217 code, and the range and step of fines.
    money: (&'static str, &'static str, u64, u64, u64),
    /// Provisions as written and as the record normalises them.
    laws: &'static [(&'static str, &'static str)],
}

const COUNTRIES: &[Country] = &[
    Country {
        name: "Kazakhstan",
        adjective: "Kazakhstan",
        culture: &CENTRAL_ASIAN,
        cities: &[
            ("Almaty", "Almaty"),
            ("Karaganda", "Karagandy"),
            ("Temirtau", "Temirtau"),
            ("Aktau", "Aktau"),
            ("Atyrau", "Atyrau"),
            ("Shymkent", "Chimkent"),
            ("Pavlodar", "Pavlodar"),
            ("Zhanaozen", "Janaozen"),
            ("Ekibastuz", "Ekibastuz"),
        ],
        money: ("tenge", "KZT", 20_000, 2_000_000, 5_000),
        laws: &[
            ("Article 174 of the Criminal Code", "Criminal Code art. 174"),
            ("Article 272 of the Criminal Code", "Criminal Code art. 272"),
            ("Article 189 of the Criminal Code", "Criminal Code art. 189"),
        ],
    },
    Country {
        name: "Belarus",
        adjective: "Belarusian",
        culture: &SLAVIC,
        cities: &[
            ("Minsk", "Minsk"),
            ("Gomel", "Homiel"),
            ("Mogilev", "Mahilyow"),
            ("Grodno", "Hrodna"),
            ("Vitebsk", "Viciebsk"),
            ("Soligorsk", "Salihorsk"),
            ("Brest", "Brest"),
        ],
        money: ("Belarusian roubles", "BYN", 300, 6_000, 10),
        laws: &[
            ("Article 342 of the Criminal Code", "Criminal Code art. 342"),
            ("Article 361-1 of the Criminal Code", "Criminal Code art. 361-1"),
        ],
    },
    Country {
        name: "Russia",
        adjective: "Russian",
        culture: &SLAVIC,
        cities: &[
            ("Novokuznetsk", "Novokuznetsk"),
            ("Kemerovo", "Kemerovo"),
            ("Yekaterinburg", "Ekaterinburg"),
            ("Chelyabinsk", "Cheliabinsk"),
            ("Norilsk", "Norilsk"),
            ("Vorkuta", "Vorkuta"),
            ("Samara", "Samara"),
        ],
        money: ("roubles", "RUB", 5_000, 300_000, 1_000),
        laws: &[
            ("Article 212 of the Criminal Code", "Criminal Code art. 212"),
            ("Article 280 of the Criminal Code", "Criminal Code art. 280"),
        ],
    },
    Country {
        name: "Kyrgyzstan",
        adjective: "Kyrgyz",
        culture: &CENTRAL_ASIAN,
        cities: &[
            ("Bishkek", "Bishkek"),
            ("Osh", "Osh"),
            ("Kara-Balta", "Kara-Balta"),
            ("Tokmok", "Tokmak"),
            ("Naryn", "Naryn"),
        ],
        money: ("som", "KGS", 3_000, 100_000, 500),
        laws: &[("Article 278 of the Criminal Code", "Criminal Code art. 278")],
    },
    Country {
        name: "Colombia",
        adjective: "Colombian",
        culture: &HISPANIC,
        cities: &[
            ("Barrancabermeja", "Barrancabermeja"),
            ("Medellín", "Medellin"),
            ("Cali", "Cali"),
            ("Bogotá", "Bogota"),
            ("Santa Marta", "Santa Marta"),
            ("Cúcuta", "Cucuta"),
        ],
        money: ("pesos", "COP", 1_000_000, 30_000_000, 500_000),
        laws: &[("Article 353 of the Penal Code", "Penal Code art. 353")],
    },
];

/// Industries: how a company is named and what its workers are called.
const INDUSTRIES: &[(&str, &str)] = &[
    ("Steel", "Metalworkers"),
    ("Copper", "Miners"),
    ("Coal", "Miners"),
    ("Oil Services", "Oil Workers"),
    ("Textiles", "Textile Workers"),
    ("Cement", "Construction Workers"),
    ("Bus Company", "Transport Workers"),
    ("Gold Mining", "Miners"),
    ("Chemicals", "Chemical Workers"),
    ("Tractor Works", "Engineering Workers"),
    ("Palm Oil", "Plantation Workers"),
    ("Port Services", "Dockworkers"),
];

/// Organisations that write or are quoted: name, acronym.
const NGOS: &[(&str, &str)] = &[
    ("Workers' Freedom Network", "WFN"),
    ("Centre for Labour Justice", "CLJ"),
    ("Union Rights Observatory", "URO"),
    ("Solidarity Without Borders", "SWB"),
    ("Labour Defence Initiative", "LDI"),
    ("Free Association Watch", "FAW"),
];
const FEDERATIONS: &[(&str, &str)] = &[
    ("Global Federation of Mine and Metal Workers", "GFMMW"),
    ("International Transport and Port Workers' Federation", "ITPWF"),
    ("World Federation of Public Service Unions", "WFPSU"),
    ("International Union of Textile and Garment Workers", "IUTGW"),
    ("International Energy and Chemical Workers' Federation", "IECWF"),
];
const MASTHEADS: &[&str] =
    &["STEPPE COURIER", "EURASIA LABOUR NEWS", "THE MORNING LEDGER", "ANDEAN WORKER", "EASTERN DAILY POST"];
/// The people who speak for the organisations above, and reporters.
const WEST_GIVEN: &[&str] = &[
    "Claire", "Martin", "Johanna", "Pieter", "Ruth", "Tomas", "Ines", "Karl", "Maeve", "Oskar", "Lena", "Hugo",
    "Greta", "Felix", "Nora", "Anton",
];
const WEST_SURNAMES: &[&str] = &[
    "Ashdown",
    "Brennholt",
    "Castellane",
    "Dunmore",
    "Eckhardt",
    "Fairweather",
    "Grunwald",
    "Holloway",
    "Ingersen",
    "Jarrow",
    "Kettering",
    "Lowther",
    "Marchetti",
    "Northcote",
    "Oakhurst",
    "Pemberly",
    "Quarles",
    "Redfern",
    "Silloth",
    "Thornbury",
    "Upwood",
    "Vennick",
];

const MONTHS: [&str; 12] = [
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
const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// Prison terms as written, as ISO 8601 durations.
const TERMS: &[(&str, &str)] = &[
    ("two years", "P2Y"),
    ("three years", "P3Y"),
    ("two and a half years", "P2Y6M"),
    ("four years", "P4Y"),
    ("five years", "P5Y"),
    ("18 months", "P1Y6M"),
    ("six months", "P6M"),
    ("seven years", "P7Y"),
    ("three and a half years", "P3Y6M"),
    ("one year", "P1Y"),
];
const BAN_TERMS: &[(&str, &str)] = &[("five years", "P5Y"), ("three years", "P3Y"), ("two years", "P2Y")];
const CHARGES: &[&str] = &[
    "inciting social discord",
    "organising an illegal strike",
    "calling for participation in an unlawful strike",
    "misusing union funds",
    "hooliganism",
];
const QUOTES: &[&str] = &[
    "Workers have the right to organise without fear.",
    "This is an attempt to silence an independent union.",
    "Nobody should go to prison for defending their colleagues.",
    "The authorities must respect freedom of association.",
    "We stand with our sisters and brothers and will keep watching this case.",
];
const TITLES: &[&str] = &["general secretary", "director", "president", "campaigns officer"];

// ---------------------------------------------------------------- the gold record

/// The gold record, in the format of `../shared/eval/seeds.gold.json`; event sources add
/// the passages that tell each event, with byte offsets into the generated files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Gold {
    pub documents: BTreeMap<String, GoldDoc>,
    pub entities: Vec<GoldEntity>,
    pub events: Vec<GoldEvent>,
    pub conflicts: Vec<GoldField>,
    pub non_conflicts: Vec<GoldField>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldDoc {
    pub published: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldEntity {
    pub key: String,
    pub kind: &'static str,
    pub forms: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldEvent {
    pub key: String,
    pub types: Vec<&'static str>,
    pub participants: Vec<String>,
    pub date: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub docs: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub count: Vec<GoldCount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub term: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub amount: Vec<GoldAmount>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legal: Vec<String>,
    pub sources: Vec<GoldSource>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct GoldCount {
    pub value: u64,
    pub bound: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldAmount {
    pub value: u64,
    pub currency: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldSource {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GoldField {
    pub event: String,
    pub field: &'static str,
}

// ---------------------------------------------------------------- the world

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Org,
    Place,
}

/// One real-world entity of the synthetic world, with the forms the reports have used.
struct Ent {
    key: String,
    kind: Kind,
    /// Two spellings (transliterations, accents); the same string twice where there is one.
    full: [String; 2],
    short: [String; 2],
    cyrillic: Option<(String, String)>,
    acronym: Option<String>,
    female: bool,
    optional: bool,
    forms: Vec<String>,
}

impl Ent {
    fn new(key: String, kind: Kind, full: [String; 2]) -> Self {
        Ent {
            key,
            kind,
            short: full.clone(),
            full,
            cyrillic: None,
            acronym: None,
            female: false,
            optional: false,
            forms: Vec::new(),
        }
    }
}

/// The kinds of event the generator tells, with their `dossier/1` names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ev {
    Strike,
    Protest,
    Arrest,
    Charge,
    Trial,
    Sentence,
    Ban,
    Fine,
    Dissolution,
    Dismissal,
    Release,
    HungerStrike,
}

impl Ev {
    fn name(self) -> &'static str {
        match self {
            Ev::Strike => "strike",
            Ev::Protest => "protest",
            Ev::Arrest => "arrest",
            Ev::Charge => "charge",
            Ev::Trial => "trial",
            Ev::Sentence => "sentence",
            Ev::Ban => "ban",
            Ev::Fine => "fine",
            Ev::Dissolution => "dissolution",
            Ev::Dismissal => "dismissal",
            Ev::Release => "release",
            Ev::HungerStrike => "hunger_strike",
        }
    }
}

/// A count with its bound, as the record writes it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Count {
    value: u64,
    bound: &'static str,
}

/// One event of a case, and what the reports have said of it so far.
struct Event {
    kind: Ev,
    day: i64,
    targets: Vec<usize>,
    count: Option<Count>,
    /// What one report says instead, and whether that is a disagreement.
    alt_count: Option<(Count, bool)>,
    /// The report (index in the case) that gives the day before.
    alt_date_report: Option<usize>,
    alt_count_report: Option<usize>,
    term: Option<(&'static str, &'static str)>,
    amount: Option<u64>,
    legal: Option<(&'static str, &'static str)>,
    charge: &'static str,
    // what the tellings said
    dates: BTreeSet<String>,
    days_said: BTreeSet<i64>,
    counts: BTreeSet<Count>,
    participants: BTreeSet<usize>,
    place_said: bool,
    docs: Vec<String>,
    sources: Vec<GoldSource>,
}

impl Event {
    fn new(kind: Ev, day: i64) -> Self {
        Event {
            kind,
            day,
            targets: Vec::new(),
            count: None,
            alt_count: None,
            alt_date_report: None,
            alt_count_report: None,
            term: None,
            amount: None,
            legal: None,
            charge: "",
            dates: BTreeSet::new(),
            days_said: BTreeSet::new(),
            counts: BTreeSet::new(),
            participants: BTreeSet::new(),
            place_said: false,
            docs: Vec::new(),
            sources: Vec::new(),
        }
    }
}

/// The cast and setting of one case.
struct Case {
    country: usize,
    city: usize,
    union: usize,
    company: usize,
    court: usize,
    industry: usize,
    events: Vec<Event>,
}

struct World {
    rng: Rng,
    ents: Vec<Ent>,
    /// Folded spellings of every surname given out, so no two people share one.
    surnames: HashSet<String>,
    orgs_by_name: HashMap<String, usize>,
    acronyms: HashSet<String>,
    places: HashMap<(usize, usize), usize>,
    countries: Vec<usize>,
    courts: HashMap<(usize, usize), usize>,
    /// NGOs and federations with their spokesperson.
    ngos: Vec<(usize, usize)>,
    federations: Vec<(usize, usize)>,
    mastheads: Vec<(usize, [usize; 2])>,
    gold: Gold,
    events_done: usize,
}

/// ASCII folding of the few accented letters the tables use, for uniqueness checks.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Initials of the capitalised words: "Temirtau Miners' Union" → "TMU".
fn acronym_of(name: &str) -> String {
    name.split([' ', '-']).filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

fn ends_in_vowel(s: &str) -> bool {
    s.chars().last().is_some_and(|c| "aeiouáéíóú".contains(c))
}

impl World {
    fn new(seed: u64) -> Self {
        let mut w = World {
            rng: Rng(seed ^ 0x5EED_D055_1E55_0001),
            ents: Vec::new(),
            surnames: HashSet::new(),
            orgs_by_name: HashMap::new(),
            acronyms: HashSet::new(),
            places: HashMap::new(),
            countries: Vec::new(),
            courts: HashMap::new(),
            ngos: Vec::new(),
            federations: Vec::new(),
            mastheads: Vec::new(),
            gold: Gold::default(),
            events_done: 0,
        };
        for c in COUNTRIES {
            let k = w.push(Ent::new(format!("country_{}", fold(c.name)), Kind::Place, [c.name.into(), c.name.into()]));
            w.countries.push(k);
        }
        let mut people = 0;
        let mut spokesperson = |w: &mut World, optional: bool| {
            let given = WEST_GIVEN[people % WEST_GIVEN.len()];
            let sur = WEST_SURNAMES[people % WEST_SURNAMES.len()];
            people += 1;
            let full = format!("{given} {sur}");
            let mut ent = Ent::new(format!("p_{}", fold(sur)), Kind::Person, [full.clone(), full]);
            ent.short = [sur.into(), sur.into()];
            ent.optional = optional;
            w.surnames.insert(fold(sur));
            w.push(ent)
        };
        for (name, acr) in NGOS {
            let o = w.org(name, Some(acr));
            let s = spokesperson(&mut w, false);
            w.ngos.push((o, s));
        }
        for (name, acr) in FEDERATIONS {
            let o = w.org(name, Some(acr));
            let s = spokesperson(&mut w, false);
            w.federations.push((o, s));
        }
        for m in MASTHEADS {
            let o = w.org(m, None);
            w.ents[o].optional = true;
            let r1 = spokesperson(&mut w, true);
            let r2 = spokesperson(&mut w, true);
            w.mastheads.push((o, [r1, r2]));
        }
        w
    }

    fn push(&mut self, ent: Ent) -> usize {
        self.ents.push(ent);
        self.ents.len() - 1
    }

    /// The organisation of that name (one entity per name), with its acronym when no other
    /// organisation has taken it.
    fn org(&mut self, name: &str, acronym: Option<&str>) -> usize {
        if let Some(&o) = self.orgs_by_name.get(name) {
            return o;
        }
        let key = format!("o{}_{}", self.ents.len(), acronym_of(name).to_lowercase());
        let mut ent = Ent::new(key, Kind::Org, [name.into(), name.into()]);
        // Two organisations never share an acronym: the later one goes without.
        if let Some(acr) = acronym.filter(|a| a.len() >= 3) {
            if self.acronyms.insert(acr.to_string()) {
                ent.acronym = Some(acr.to_string());
            }
        }
        let o = self.push(ent);
        self.orgs_by_name.insert(name.into(), o);
        o
    }

    fn place(&mut self, country: usize, city: usize) -> usize {
        if let Some(&l) = self.places.get(&(country, city)) {
            return l;
        }
        let (a, b) = COUNTRIES[country].cities[city];
        let l = self.push(Ent::new(format!("l_{}", fold(b).replace(' ', "_")), Kind::Place, [a.into(), b.into()]));
        self.places.insert((country, city), l);
        l
    }

    fn court(&mut self, country: usize, city: usize) -> usize {
        if let Some(&c) = self.courts.get(&(country, city)) {
            return c;
        }
        let (a, _) = COUNTRIES[country].cities[city];
        let name = if COUNTRIES[country].culture.latin_only() {
            format!("Criminal Court of {a}")
        } else {
            format!("{a} City Court")
        };
        let c = self.org(&name, None);
        self.courts.insert((country, city), c);
        c
    }

    /// A new person of the culture, with a surname no one else has in any spelling.
    fn person(&mut self, culture: &Culture) -> usize {
        let female = self.rng.chance(35);
        let given = *self.rng.pick(if female { culture.female } else { culture.male });
        let mut tries = 0;
        let (sa, sb, scy) = loop {
            tries += 1;
            let head = *self.rng.pick(culture.heads);
            let n_mids = match self.rng.below(20) {
                0..=2 => 0,
                3..=17 => 1,
                _ => 2,
            } + (tries / 30).min(3);
            let mut parts = vec![head];
            for _ in 0..n_mids {
                parts.push(*self.rng.pick(culture.mids));
            }
            let root_a: String = parts.iter().map(|x| x.a).collect();
            let vowel = ends_in_vowel(&root_a);
            let ends: Vec<&Ending> = culture.ends.iter().filter(|e| e.after_vowel == vowel).collect();
            if ends.is_empty() {
                continue;
            }
            let end = *self.rng.pick(&ends);
            let end = if female { end.female } else { end.male };
            parts.push(end);
            let a: String = parts.iter().map(|x| x.a).collect();
            let b: String = parts.iter().map(|x| x.b).collect();
            let cy: String = parts.iter().map(|x| x.cy).collect();
            let (fa, fb) = (fold(&a), fold(&b));
            if (a.len() > 16 && tries < 60) || self.surnames.contains(&fa) || self.surnames.contains(&fb) {
                continue;
            }
            self.surnames.insert(fa);
            self.surnames.insert(fb);
            break (a, b, if parts.iter().all(|x| !x.cy.is_empty()) { Some(cy) } else { None });
        };
        let key = format!("p{}_{}", self.ents.len(), fold(&sb));
        let mut ent = Ent::new(key, Kind::Person, [format!("{} {sa}", given.a), format!("{} {sb}", given.b)]);
        ent.short = [sa, sb];
        ent.female = female;
        if let Some(cy) = scy {
            if !given.cy.is_empty() {
                ent.cyrillic = Some((format!("{} {cy}", given.cy), cy));
            }
        }
        self.push(ent)
    }

    fn use_form(&mut self, ent: usize, form: &str) {
        let e = &mut self.ents[ent];
        if !e.forms.iter().any(|f| f == form) {
            e.forms.push(form.to_string());
        }
    }
}

impl Culture {
    /// Names with no Cyrillic form: Latin America, where courts are named differently.
    fn latin_only(&self) -> bool {
        self.heads.iter().all(|h| h.cy.is_empty())
    }
}

// ---------------------------------------------------------------- writing one report

/// One report being written: its text, spelling, and who has been introduced.
struct Doc {
    key: String,
    text: String,
    style: usize,
    pub_day: i64,
    introduced: HashSet<usize>,
    acronym_given: HashSet<usize>,
}

impl Doc {
    fn person(&mut self, w: &mut World, p: usize) -> String {
        let s = self.style;
        if self.introduced.insert(p) {
            let full = w.ents[p].full[s].clone();
            w.use_form(p, &full);
            if let Some((cf, _)) = w.ents[p].cyrillic.clone().filter(|_| w.rng.chance(12)) {
                w.use_form(p, &cf);
                return format!("{full} ({cf})");
            }
            full
        } else {
            let short = w.ents[p].short[s].clone();
            w.use_form(p, &short);
            short
        }
    }

    fn people(&mut self, w: &mut World, ps: &[usize]) -> String {
        let names: Vec<String> = ps.iter().map(|&p| self.person(w, p)).collect();
        join_and(&names)
    }

    /// An organisation; unions and courts take "the" in the template. The acronym is
    /// given in brackets at first mention now and then, and used after that.
    fn org(&mut self, w: &mut World, o: usize) -> String {
        let name = w.ents[o].full[0].clone();
        let acr = w.ents[o].acronym.clone();
        if self.introduced.insert(o) {
            w.use_form(o, &name);
            if let Some(a) = acr.filter(|_| w.rng.chance(50)) {
                self.acronym_given.insert(o);
                w.use_form(o, &a);
                return format!("{name} ({a})");
            }
            name
        } else if let Some(a) = acr.filter(|_| self.acronym_given.contains(&o)) {
            w.use_form(o, &a);
            a
        } else {
            w.use_form(o, &name);
            name
        }
    }

    fn place(&mut self, w: &mut World, l: usize) -> String {
        let name = w.ents[l].full[self.style].clone();
        w.use_form(l, &name);
        name
    }
}

fn join_and(xs: &[String]) -> String {
    match xs {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
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

fn count_phrase(c: Count) -> String {
    let n = group(c.value);
    match c.bound {
        "at_least" => format!("at least {n}"),
        "more_than" => format!("more than {n}"),
        "about" => format!("around {n}"),
        _ => n,
    }
}

fn weekday(day: i64) -> usize {
    // 1970-01-01 was a Thursday.
    (day + 4).rem_euclid(7) as usize
}

fn ymd(day: i64) -> (i32, u8, u8) {
    civil_from_days(day)
}

fn iso_day(day: i64) -> String {
    let (y, m, d) = ymd(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn iso_month(day: i64) -> String {
    let (y, m, _) = ymd(day);
    format!("{y:04}-{m:02}")
}

/// How a report writes the day of an event, relative to its own date: the phrase, the EDTF
/// value it stands for, and whether it names the day.
fn date_phrase(rng: &mut Rng, day: i64, pub_day: i64, us_style: bool, force_day: bool) -> (String, String, bool) {
    let gap = pub_day - day;
    let (y, m, d) = ymd(day);
    let (py, pm, _) = ymd(pub_day);
    let month = MONTHS[m as usize - 1];
    let roll = rng.below(100);
    if !force_day {
        if gap == 1 && roll < 25 {
            return ("yesterday".into(), iso_day(day), true);
        }
        let prev_month = (py * 12 + pm as i32) - (y * 12 + m as i32) == 1;
        if prev_month && gap > 20 && roll < 15 {
            return ("last month".into(), iso_month(day), false);
        }
        if roll >= 90 {
            let p = if y == py { format!("in {month}") } else { format!("in {month} {y}") };
            return (p, iso_month(day), false);
        }
    }
    if (2..=6).contains(&gap) && roll < 45 {
        return (format!("on {}", WEEKDAYS[weekday(day)]), iso_day(day), true);
    }
    let with_year = y != py || gap > 150 || roll.is_multiple_of(4);
    let p = match (us_style, with_year) {
        (false, false) => format!("on {d} {month}"),
        (false, true) => format!("on {d} {month} {y}"),
        (true, false) => format!("on {month} {d}"),
        (true, true) => format!("on {month} {d}, {y}"),
    };
    (p, iso_day(day), true)
}

/// "On 21 January" at the head of a sentence.
fn lead(date: &str) -> String {
    capitalise(date)
}

fn was(n: usize) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

/// One generated report and its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenDoc {
    pub name: String,
    pub text: String,
}

/// What a generation wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenSummary {
    pub documents: usize,
    pub bytes: usize,
    pub events: usize,
    pub entities: usize,
}

/// The three families of report the generator writes.
#[derive(Clone, Copy)]
enum Family {
    News,
    Statement,
    Update,
}

impl Family {
    fn tag(self) -> &'static str {
        match self {
            Family::News => "news",
            Family::Statement => "statement",
            Family::Update => "update",
        }
    }
}

/// Generates `count` reports for `seed`, handing each to `sink` as it is written, and
/// returns the gold record.
pub fn generate(count: usize, seed: u64, mut sink: impl FnMut(GenDoc) -> anyhow::Result<()>) -> anyhow::Result<Gold> {
    let mut w = World::new(seed);
    let width = count.max(1).to_string().len().max(6);
    let mut written = 0;
    while written < count {
        let mut case = new_case(&mut w);
        let n_reports = match w.rng.below(100) {
            0..=29 => 1,
            30..=59 => 2,
            60..=84 => 3,
            _ => 4,
        }
        .min(count - written);
        plan_disagreements(&mut w, &mut case, n_reports);
        // Report 0 tells everything; the others a part of it.
        let n_events = case.events.len();
        for r in 0..n_reports {
            let mut covered: Vec<usize> =
                if r == 0 { (0..n_events).collect() } else { (0..n_events).filter(|_| w.rng.chance(60)).collect() };
            if covered.is_empty() {
                covered.push(w.rng.below(n_events));
            }
            let key = format!("{written:0width$}");
            let doc = write_report(&mut w, &mut case, &covered, r, key)?;
            written += 1;
            sink(doc)?;
        }
        finish_case(&mut w, case);
    }
    let mut gold = std::mem::take(&mut w.gold);
    gold.entities = w
        .ents
        .iter()
        .filter(|e| !e.forms.is_empty())
        .map(|e| GoldEntity {
            key: e.key.clone(),
            kind: match e.kind {
                Kind::Person => "person",
                Kind::Org => "organization",
                Kind::Place => "place",
            },
            forms: e.forms.clone(),
            optional: e.optional,
        })
        .collect();
    Ok(gold)
}

/// Generates in memory: the reports and the gold record.
pub fn generate_in_memory(count: usize, seed: u64) -> (Vec<GenDoc>, Gold) {
    let mut docs = Vec::with_capacity(count);
    // The sink cannot fail, so neither can generation.
    let gold = generate(count, seed, |d| {
        docs.push(d);
        Ok(())
    })
    .unwrap_or_default();
    (docs, gold)
}

/// Writes the reports as `DIR/reports/NNNNNN_family_country.txt` and the gold record as
/// `DIR/gold.json` (beside the reports, so that ingesting the folder reads reports only).
pub fn generate_to_dir(dir: &Path, count: usize, seed: u64) -> anyhow::Result<GenSummary> {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).with_context(|| format!("cannot create {}", reports.display()))?;
    let mut summary = GenSummary { documents: 0, bytes: 0, events: 0, entities: 0 };
    let gold = generate(count, seed, |d| {
        summary.documents += 1;
        summary.bytes += d.text.len();
        let path = reports.join(&d.name);
        std::fs::write(&path, d.text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))
    })?;
    summary.events = gold.events.len();
    summary.entities = gold.entities.len();
    let path = dir.join("gold.json");
    let file = std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer_pretty(&mut out, &gold)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(summary)
}

// ---------------------------------------------------------------- cases

/// The stories cases follow; a case tells a window of one.
const STORIES: &[&[Ev]] = &[
    &[Ev::Strike, Ev::Arrest, Ev::Charge, Ev::Trial, Ev::Sentence, Ev::Release],
    &[Ev::Dismissal, Ev::Protest, Ev::Dissolution],
    &[Ev::Protest, Ev::Arrest, Ev::Fine, Ev::Release],
    &[Ev::Dismissal, Ev::HungerStrike, Ev::Fine],
    &[Ev::Strike, Ev::Dismissal, Ev::Charge, Ev::Sentence],
];

fn round_count(v: u64) -> u64 {
    match v {
        0..=99 => v,
        100..=999 => v / 10 * 10,
        _ => v / 50 * 50,
    }
}

fn new_count(rng: &mut Rng, lo: u64, hi: u64) -> Count {
    let value = round_count(rng.range(lo, hi));
    let bound = match rng.below(10) {
        0..=2 => "at_least",
        3..=4 => "more_than",
        5..=6 if value >= 100 => "about",
        _ => "exact",
    };
    Count { value, bound }
}

fn new_case(w: &mut World) -> Case {
    let country = w.rng.below(COUNTRIES.len());
    let c = &COUNTRIES[country];
    let city_i = w.rng.below(c.cities.len());
    let city = w.place(country, city_i);
    let court = w.court(country, city_i);
    let industry = w.rng.below(INDUSTRIES.len());
    let (ind, trade) = INDUSTRIES[industry];
    let company_name = if w.rng.chance(30) {
        format!("{} {ind}", c.cities[city_i].0)
    } else {
        let head = w.rng.pick(c.culture.heads).a;
        let mid = w.rng.pick(c.culture.mids).a;
        let mid = fold(mid);
        format!("{head}{mid} {ind}")
    };
    let company = w.org(&company_name, None);
    let union_name = match w.rng.below(3) {
        0 => format!("Independent Trade Union of {company_name}"),
        1 => format!("{} {trade}' Union", c.cities[city_i].0),
        _ => format!("{} Union of {trade}", c.adjective),
    };
    let union = w.org(&union_name, Some(&acronym_of(&union_name)));
    let story = *w.rng.pick(STORIES);
    let len = match w.rng.below(10) {
        0..=2 => 1,
        3..=5 => 2,
        6..=8 => 3,
        _ => 4,
    }
    .min(story.len());
    let start = w.rng.below(story.len() - len + 1);
    let n_leaders = 1 + w.rng.below(3);
    let leaders: Vec<usize> = (0..n_leaders).map(|_| w.person(c.culture)).collect();
    let mut day = days_from_civil(2014, 1, 1) + w.rng.range(0, 3800) as i64;
    let mut events: Vec<Event> = Vec::new();
    let mut last_targets: Vec<usize> = vec![leaders[0]];
    for (i, &kind) in story[start..start + len].iter().enumerate() {
        if i > 0 {
            day += w.rng.range(3, 45) as i64;
        }
        let mut ev = Event::new(kind, day);
        let some_leaders = |rng: &mut Rng| -> Vec<usize> {
            let n = 1 + rng.below(leaders.len().min(2));
            leaders[..n].to_vec()
        };
        match kind {
            Ev::Strike => ev.count = Some(new_count(&mut w.rng, 80, 3000)),
            Ev::Protest => ev.count = Some(new_count(&mut w.rng, 30, 1500)),
            Ev::Arrest => {
                ev.targets = some_leaders(&mut w.rng);
                if w.rng.chance(40) {
                    ev.count = Some(new_count(&mut w.rng, 5, 60));
                }
                last_targets = ev.targets.clone();
            }
            Ev::Charge => {
                ev.targets = last_targets.clone();
                ev.legal = Some(*w.rng.pick(c.laws));
                ev.charge = *w.rng.pick(CHARGES);
            }
            Ev::Trial => ev.targets = last_targets.clone(),
            Ev::Sentence => {
                ev.targets = vec![last_targets[0]];
                ev.term = Some(*w.rng.pick(TERMS));
            }
            Ev::Fine => {
                if w.rng.chance(60) {
                    ev.targets = some_leaders(&mut w.rng);
                } else {
                    ev.count = Some(new_count(&mut w.rng, 5, 80));
                }
                let (_, _, lo, hi, step) = c.money;
                ev.amount = Some(w.rng.range(lo / step, hi / step) * step);
            }
            Ev::Dismissal => {
                if w.rng.chance(50) {
                    ev.targets = some_leaders(&mut w.rng);
                    last_targets = ev.targets.clone();
                } else {
                    ev.count = Some(new_count(&mut w.rng, 10, 900));
                }
            }
            Ev::Release => ev.targets = last_targets.clone(),
            Ev::HungerStrike => {
                if w.rng.chance(50) {
                    ev.targets = some_leaders(&mut w.rng);
                } else {
                    ev.count = Some(new_count(&mut w.rng, 5, 80));
                }
            }
            Ev::Dissolution | Ev::Ban => {}
        }
        let with_ban = kind == Ev::Sentence && w.rng.chance(40);
        let targets = ev.targets.clone();
        events.push(ev);
        if with_ban {
            let mut ban = Event::new(Ev::Ban, day);
            ban.targets = targets;
            ban.term = Some(*w.rng.pick(BAN_TERMS));
            events.push(ban);
        }
    }
    Case { country, city, union, company, court, industry, events }
}

/// Decides which report gives another day or count, for events told more than once.
fn plan_disagreements(w: &mut World, case: &mut Case, n_reports: usize) {
    if n_reports < 2 {
        return;
    }
    for ev in case.events.iter_mut() {
        // A ban is told in the sentence's own words; its date is the sentence's.
        if ev.kind == Ev::Ban {
            continue;
        }
        if w.rng.chance(15) {
            ev.alt_date_report = Some(1 + w.rng.below(n_reports - 1));
        }
        if let Some(c) = ev.count {
            if w.rng.chance(25) {
                let conflict = w.rng.chance(50);
                let (base, alt) = if conflict {
                    let v2 = round_count(c.value * w.rng.range(13, 20) / 10).max(c.value + 2);
                    (Count { value: c.value, bound: "exact" }, Count { value: v2, bound: "exact" })
                } else {
                    let v2 = c.value + 1 + w.rng.below((c.value / 5 + 2) as usize) as u64;
                    (Count { value: c.value, bound: "at_least" }, Count { value: v2, bound: "exact" })
                };
                ev.count = Some(base);
                ev.alt_count = Some((alt, conflict));
                ev.alt_count_report = Some(1 + w.rng.below(n_reports - 1));
            }
        }
    }
}

/// The gold event of each event that some report told.
fn finish_case(w: &mut World, case: Case) {
    // A name inside an organisation's name ("Independent Trade Union of X Steel") is a
    // mention the extractor may well find: such entities are in the text.
    if !w.ents[case.union].forms.is_empty() {
        let union = w.ents[case.union].full[0].clone();
        for inner in [case.company, w.countries[case.country]] {
            let name = w.ents[inner].full[0].clone();
            if union.contains(&name) {
                w.use_form(inner, &name);
            }
        }
    }
    let place_key = w.ents[case.city].key.clone();
    for ev in case.events {
        if ev.docs.is_empty() {
            continue;
        }
        let key = format!("v{}_{}", w.events_done, ev.kind.name());
        w.events_done += 1;
        if ev.days_said.len() > 1 {
            w.gold.conflicts.push(GoldField { event: key.clone(), field: "date" });
        }
        if let Some((_, conflict)) = ev.alt_count {
            if ev.counts.len() > 1 {
                let f = GoldField { event: key.clone(), field: "count" };
                if conflict {
                    w.gold.conflicts.push(f);
                } else {
                    w.gold.non_conflicts.push(f);
                }
            }
        }
        let (_, code, ..) = COUNTRIES[case.country].money;
        w.gold.events.push(GoldEvent {
            key,
            types: vec![ev.kind.name()],
            participants: ev.participants.iter().map(|&p| w.ents[p].key.clone()).collect(),
            date: ev.dates.into_iter().collect(),
            place: ev.place_said.then(|| place_key.clone()),
            docs: ev.docs,
            count: ev.counts.iter().map(|c| GoldCount { value: c.value, bound: c.bound }).collect(),
            term: ev.term.map(|t| vec![t.1.to_string()]).unwrap_or_default(),
            amount: ev.amount.map(|a| vec![GoldAmount { value: a, currency: code }]).unwrap_or_default(),
            legal: ev.legal.map(|l| vec![l.1.to_string()]).unwrap_or_default(),
            sources: ev.sources,
        });
    }
}

// ---------------------------------------------------------------- reports

fn write_report(w: &mut World, case: &mut Case, covered: &[usize], r: usize, key: String) -> anyhow::Result<GenDoc> {
    let latest = covered.iter().map(|&i| case.events[i].day).max().unwrap_or(0);
    let pub_day = latest + w.rng.range(1, 9) as i64;
    let family = match w.rng.below(3) {
        0 => Family::News,
        1 => Family::Statement,
        _ => Family::Update,
    };
    let country = &COUNTRIES[case.country];
    let name = format!("{key}_{}_{}.txt", family.tag(), fold(country.name));
    let mut doc = Doc {
        key: key.clone(),
        text: String::with_capacity(2048),
        style: w.rng.below(2),
        pub_day,
        introduced: HashSet::new(),
        acronym_given: HashSet::new(),
    };
    let us = w.rng.chance(30);
    let (y, m, d) = ymd(pub_day);
    let month = MONTHS[m as usize - 1];
    let dateline = if us { format!("{month} {d}, {y}") } else { format!("{d} {month} {y}") };
    let country_ent = w.countries[case.country];
    let (author, speaker) = match family {
        Family::News => {
            let (m_ent, reporters) = w.mastheads[w.rng.below(w.mastheads.len())];
            let masthead = w.ents[m_ent].full[0].clone();
            w.use_form(m_ent, &masthead);
            doc.text.push_str(&masthead);
            doc.text.push_str("\n\n");
            headline(w, &mut doc, case, country_ent);
            let rep = reporters[w.rng.below(2)];
            let by = doc.person(w, rep);
            let city = doc.place(w, case.city);
            let weekday = WEEKDAYS[weekday(pub_day)];
            doc.text.push_str(&format!("By {by}\n{}, {weekday} {dateline}\n\n", city.to_uppercase()));
            (None, None)
        }
        Family::Statement => {
            let (o, s) = w.federations[w.rng.below(w.federations.len())];
            let name = w.ents[o].full[0].clone();
            doc.text.push_str(&format!("{name}\nStatement\n\n{dateline}\n\n"));
            w.use_form(o, &name);
            headline(w, &mut doc, case, country_ent);
            (Some(o), Some(s))
        }
        Family::Update => {
            let (o, s) = w.ngos[w.rng.below(w.ngos.len())];
            let name = w.ents[o].full[0].clone();
            doc.text.push_str(&format!("{name} | Case update\nPosted {dateline}\n\n"));
            w.use_form(o, &name);
            headline(w, &mut doc, case, country_ent);
            (Some(o), Some(s))
        }
    };
    if let Some(o) = author {
        let who = doc.org(w, o);
        let union = doc.org(w, case.union);
        let cn = doc.place(w, country_ent);
        let intro = match w.rng.below(3) {
            0 => format!("The {who} condemns the pressure on the {union} in {cn}."),
            1 => format!("The {who} is following the case of the {union} with concern."),
            _ => format!("The {who} has written again to the authorities of {cn} about the {union}."),
        };
        doc.text.push_str(&intro);
        doc.text.push_str("\n\n");
    }
    // The newest event leads, the rest follow in the order they happened. A ban passed with
    // its sentence is told in the sentence (a ban always follows its sentence in the case).
    let with_sentence = |i: usize| {
        case.events[i].kind == Ev::Ban && i > 0 && case.events[i - 1].kind == Ev::Sentence && covered.contains(&(i - 1))
    };
    let mut order: Vec<usize> = covered.iter().copied().filter(|&i| !with_sentence(i)).collect();
    order.sort_by_key(|&i| case.events[i].day);
    if let Some(last) = order.pop() {
        order.insert(0, last);
    }
    let told: Vec<(usize, Option<usize>)> =
        order.iter().map(|&e| (e, Some(e + 1).filter(|&b| b < case.events.len() && with_sentence(b)))).collect();
    for (e, ban) in told {
        tell(w, &mut doc, case, e, ban, r, us);
        if w.rng.chance(35) {
            doc.text.push(' ');
            let f = filler(w, &mut doc, case);
            doc.text.push_str(&f);
        }
        doc.text.push_str("\n\n");
    }
    if let Some(s) = speaker {
        let q = quoted(QUOTES[w.rng.below(QUOTES.len())]);
        let who = doc.person(w, s);
        let title = *w.rng.pick(TITLES);
        let org = author.map(|o| doc.org(w, o)).unwrap_or_default();
        doc.text.push_str(&format!("\u{201c}{q}\u{201d} said {who}, {title} of the {org}.\n\n"));
    } else {
        let leader = case.events.iter().flat_map(|e| e.targets.iter()).next().copied();
        if let Some(p) = leader.filter(|_| w.rng.chance(50)) {
            let who = doc.person(w, p);
            let q = quoted(QUOTES[w.rng.below(QUOTES.len())]);
            doc.text.push_str(&format!("\u{201c}{q}\u{201d} {who} told reporters.\n\n"));
        }
        let co = doc.org(w, case.company);
        doc.text.push_str(&format!("{co} did not reply to questions sent by email.\n\n"));
    }
    let footer = match family {
        Family::News => "Share this story".to_string(),
        Family::Statement => "---\nThis statement may be reproduced with attribution.".to_string(),
        Family::Update => format!("Tags: union rights, {}", country.name),
    };
    doc.text.push_str(&footer);
    doc.text.push('\n');
    w.gold.documents.insert(key, GoldDoc { published: vec![iso_day(pub_day)] });
    Ok(GenDoc { name, text: doc.text })
}

/// A quotation as it stands before "said": its full stop becomes a comma.
fn quoted(q: &str) -> String {
    format!("{},", q.strip_suffix('.').unwrap_or(q))
}

fn headline(w: &mut World, doc: &mut Doc, case: &Case, country_ent: usize) {
    let cn = w.ents[country_ent].full[0].clone();
    w.use_form(country_ent, &cn);
    let city = doc.place(w, case.city);
    let trade = INDUSTRIES[case.industry].1.to_lowercase();
    let h = match w.rng.below(4) {
        0 => format!("{cn}: pressure on independent unions in {city}"),
        1 => format!("{city}: {trade} stand by their union"),
        2 => format!("{cn}: justice for the {trade} of {city}"),
        _ => format!("Union rights under attack in {city}, {cn}"),
    };
    doc.text.push_str(&h);
    doc.text.push_str("\n\n");
}

/// A sentence that tells no event.
fn filler(w: &mut World, doc: &mut Doc, case: &Case) -> String {
    match w.rng.below(4) {
        0 => {
            let union = doc.org(w, case.union);
            let co = doc.org(w, case.company);
            format!("The {union} says it speaks for most of the workforce at {co}.")
        }
        1 => "The case has drawn criticism from unions abroad.".to_string(),
        2 => {
            let co = doc.org(w, case.company);
            format!("{co} has said that it respects the law.")
        }
        _ => "Lawyers for the workers say they will appeal.".to_string(),
    }
}

/// Writes the sentence that tells event `e` (and the ban passed with it), and records what
/// it said in the event.
fn tell(w: &mut World, doc: &mut Doc, case: &mut Case, e: usize, ban: Option<usize>, r: usize, us: bool) {
    let ev = &case.events[e];
    let alt_date = ev.alt_date_report == Some(r);
    let day = if alt_date { ev.day - 1 } else { ev.day };
    let (date, edtf, day_precise) = date_phrase(&mut w.rng, day, doc.pub_day, us, alt_date);
    let count = match (ev.alt_count, ev.alt_count_report == Some(r)) {
        (Some((c, _)), true) => ev.count.map(|_| c),
        _ => ev.count,
    };
    let n = ev.targets.len();
    let targets = ev.targets.clone();
    let kind = ev.kind;
    let term = ev.term;
    let amount = ev.amount;
    let legal = ev.legal;
    let charge = ev.charge;
    let country = &COUNTRIES[case.country];
    let mut parts: Vec<usize> = Vec::new();
    let mut place_said = false;
    let roll = w.rng.below(3);
    let sentence = match kind {
        Ev::Strike => {
            let co = doc.org(w, case.company);
            let c = count_phrase(count.unwrap_or(Count { value: 100, bound: "exact" }));
            parts.push(case.company);
            match roll {
                0 => {
                    let city = doc.place(w, case.city);
                    place_said = true;
                    format!(
                        "{} workers at {co} in {city} went on strike {date}, demanding higher wages.",
                        capitalise(&c)
                    )
                }
                1 => {
                    let union = doc.org(w, case.union);
                    parts.push(case.union);
                    format!("{}, {c} workers at {co} stopped work in a strike called by the {union}.", lead(&date))
                }
                _ => {
                    let union = doc.org(w, case.union);
                    parts.push(case.union);
                    format!("The {union} called a strike at {co} {date}; {c} workers walked out, the union said.")
                }
            }
        }
        Ev::Protest => {
            let city = doc.place(w, case.city);
            place_said = true;
            let c = count_phrase(count.unwrap_or(Count { value: 100, bound: "exact" }));
            match roll {
                0 => {
                    let co = doc.org(w, case.company);
                    parts.push(case.company);
                    format!("{} workers protested outside the offices of {co} in {city} {date}.", capitalise(&c))
                }
                1 => {
                    let union = doc.org(w, case.union);
                    parts.push(case.union);
                    format!("{}, members of the {union} held a rally in {city}, and {c} people took part.", lead(&date))
                }
                _ => format!("{} people joined a picket in {city} {date} in support of the workers.", capitalise(&c)),
            }
        }
        Ev::Arrest => {
            let city = doc.place(w, case.city);
            place_said = true;
            parts.extend(&targets);
            match (count, roll) {
                (Some(c), _) => {
                    let c = count_phrase(c);
                    let t = doc.people(w, &targets);
                    format!("Police detained {c} workers in {city} {date}, among them {t}.")
                }
                (None, 0) => {
                    let t = doc.people(w, &targets);
                    format!("{}, police in {city} arrested {t}.", lead(&date))
                }
                (None, 1) => {
                    let t = doc.people(w, &targets);
                    format!("{t} {} detained by police in {city} {date}.", was(n))
                }
                (None, _) => {
                    let t = doc.people(w, &targets);
                    let union = doc.org(w, case.union);
                    format!("{t} {} taken into custody in {city} {date}, the {union} said.", was(n))
                }
            }
        }
        Ev::Charge => {
            parts.extend(&targets);
            let t = doc.people(w, &targets);
            let law = legal.map(|l| l.0).unwrap_or("the Criminal Code");
            match roll {
                0 => format!("{}, investigators charged {t} with {charge} under {law}.", lead(&date)),
                1 => format!("{t} {} charged {date} with {charge}, an offence under {law}.", was(n)),
                _ => format!("A criminal case was opened against {t} {date} under {law}."),
            }
        }
        Ev::Trial => {
            parts.extend(&targets);
            parts.push(case.court);
            let t = doc.people(w, &targets);
            let court = doc.org(w, case.court);
            match roll {
                0 => format!("The trial of {t} opened at the {court} {date}."),
                _ => format!("{}, {t} went on trial at the {court}.", lead(&date)),
            }
        }
        Ev::Sentence => {
            parts.extend(&targets);
            parts.push(case.court);
            let t = doc.people(w, &targets);
            let court = doc.org(w, case.court);
            let (words, _) = term.unwrap_or(("two years", "P2Y"));
            let pron = match targets.first() {
                Some(&p) if w.ents[p].female => "her",
                Some(_) => "him",
                None => "them",
            };
            let ban_tail = ban
                .and_then(|b| case.events[b].term)
                .map(|(bw, _)| format!(" and banned {pron} from holding union office for {bw}"));
            let ban_tail = ban_tail.unwrap_or_default();
            match roll {
                0 => format!("{}, the {court} sentenced {t} to {words} in prison{ban_tail}.", lead(&date)),
                1 => format!("{t} was sentenced {date} to {words} in a penal colony by the {court}{ban_tail}."),
                _ => format!("The {court} found {t} guilty {date}, jailed {pron} for {words}{ban_tail}."),
            }
        }
        Ev::Ban => {
            // A ban told apart from its sentence.
            parts.extend(&targets);
            let t = doc.people(w, &targets);
            let (words, _) = term.unwrap_or(("two years", "P2Y"));
            format!("{}, a court banned {t} from holding union office for {words}.", lead(&date))
        }
        Ev::Fine => {
            let (money, ..) = country.money;
            let a = format!("{} {money}", group(amount.unwrap_or(0)));
            match count {
                Some(c) => {
                    let c = count_phrase(c);
                    let city = doc.place(w, case.city);
                    place_said = true;
                    format!("{}, a court in {city} fined {c} strikers {a} each.", lead(&date))
                }
                None => {
                    parts.extend(&targets);
                    let t = doc.people(w, &targets);
                    match roll {
                        0 => format!("{t} {} fined {a} {date} for organising an unsanctioned rally.", was(n)),
                        1 => {
                            let court = doc.org(w, case.court);
                            parts.push(case.court);
                            format!("The {court} ordered {t} to pay a fine of {a} {date}.")
                        }
                        _ => {
                            let city = doc.place(w, case.city);
                            place_said = true;
                            format!("{}, a court in {city} fined {t} {a} for taking part in the strike.", lead(&date))
                        }
                    }
                }
            }
        }
        Ev::Dissolution => {
            parts.push(case.union);
            parts.push(case.court);
            let court = doc.org(w, case.court);
            let union = doc.org(w, case.union);
            match roll {
                0 => format!("{}, the {court} ordered the dissolution of the {union}.", lead(&date)),
                1 => format!("The {union} was dissolved by a ruling of the {court} {date}."),
                _ => format!("The {court} liquidated the {union} {date}, at the request of the prosecutor."),
            }
        }
        Ev::Dismissal => {
            let co = doc.org(w, case.company);
            parts.push(case.company);
            match count {
                Some(c) => {
                    let c = count_phrase(c);
                    if roll == 0 {
                        let union = doc.org(w, case.union);
                        format!("{co} dismissed {c} workers {date}, most of them members of the {union}.")
                    } else {
                        format!(
                            "{} employees of {co} were laid off {date} after they joined the union.",
                            capitalise(&c)
                        )
                    }
                }
                None => {
                    parts.extend(&targets);
                    let t = doc.people(w, &targets);
                    let union = doc.org(w, case.union);
                    format!("{}, {co} fired {t}, who led the {union} at the plant.", lead(&date))
                }
            }
        }
        Ev::Release => {
            parts.extend(&targets);
            let t = doc.people(w, &targets);
            match roll {
                0 => format!("{t} {} released from custody {date}.", was(n)),
                _ => {
                    let city = doc.place(w, case.city);
                    place_said = true;
                    format!("{}, {t} walked free from the detention centre in {city}.", lead(&date))
                }
            }
        }
        Ev::HungerStrike => match count {
            Some(c) => {
                let c = count_phrase(c);
                let co = doc.org(w, case.company);
                parts.push(case.company);
                let city = doc.place(w, case.city);
                place_said = true;
                format!("{} workers of {co} went on hunger strike in {city} {date}.", capitalise(&c))
            }
            None => {
                parts.extend(&targets);
                let t = doc.people(w, &targets);
                format!("{t} began a hunger strike {date} to demand the payment of wage arrears.")
            }
        },
    };
    let start = doc.text.len();
    doc.text.push_str(&sentence);
    let end = doc.text.len();
    let record = |ev: &mut Event, edtf: &str| {
        ev.dates.insert(edtf.to_string());
        if day_precise {
            ev.days_said.insert(day);
        }
        if let Some(c) = count.filter(|_| ev.kind == kind) {
            ev.counts.insert(c);
        }
        ev.participants.extend(parts.iter().copied());
        ev.place_said |= place_said;
        if ev.docs.last() != Some(&doc.key) {
            ev.docs.push(doc.key.clone());
        }
        ev.sources.push(GoldSource { doc: doc.key.clone(), start, end, quote: sentence.clone() });
    };
    record(&mut case.events[e], &edtf);
    if let Some(b) = ban {
        let ban_ev = &mut case.events[b];
        // The ban is the sentence's: only the person it bans is its participant.
        let mut parts_ban = ban_ev.targets.clone();
        parts_ban.sort_unstable();
        record(ban_ev, &edtf);
        ban_ev.participants = parts_ban.into_iter().collect();
        ban_ev.place_said = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_follow_the_calendar() {
        // 2017-01-21 was a Saturday.
        assert_eq!(WEEKDAYS[weekday(days_from_civil(2017, 1, 21))], "Saturday");
        assert_eq!(WEEKDAYS[weekday(days_from_civil(1970, 1, 1))], "Thursday");
    }

    #[test]
    fn acronyms_are_initials() {
        assert_eq!(acronym_of("Temirtau Miners' Union"), "TMU");
        assert_eq!(acronym_of("Independent Trade Union of Kara-Balta Steel"), "ITUKBS");
    }

    #[test]
    fn counts_are_written_with_their_bounds() {
        assert_eq!(count_phrase(Count { value: 1200, bound: "about" }), "around 1,200");
        assert_eq!(count_phrase(Count { value: 40, bound: "at_least" }), "at least 40");
    }
}
