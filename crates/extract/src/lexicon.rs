//! Generic vocabulary of the genre: months, titles, organisation head nouns, countries and
//! major cities, currencies, and the common words that are never names.
//!
//! Nothing here names a person or an organisation of any particular case: the lists are the
//! words any report in the genre uses, so rules built on them hold on unseen reports.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// A word in lower case, borrowed when it already is: lookups run per token.
pub fn lc(word: &str) -> Cow<'_, str> {
    // Nearly every token is ASCII: a byte scan and `to_ascii_lowercase` give the same
    // result as the Unicode path there, without its per-char table lookups.
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Longest word the lookups below lower-case on the stack ("belarusian rubles" is 17).
const SHORT: usize = 24;

/// Calls `f` with `word` in lower case. Short ASCII words are lowered into a stack buffer:
/// these lookups run on every token and almost always miss, so a heap `String` per call
/// was most of their cost.
fn with_lc<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if !bytes.iter().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        // Already lower-case ASCII, the usual token: no copy at all.
        f(word)
    } else if word.len() <= SHORT && word.is_ascii() {
        let mut buf = [0u8; SHORT];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        // Lower-cased ASCII is still ASCII, so this never fails.
        f(std::str::from_utf8(buf).unwrap_or_default())
    } else {
        f(&lc(word))
    }
}

/// Month number of an English month name or its abbreviation (lower case).
pub fn month(word: &str) -> Option<u8> {
    with_lc(word, month_lower)
}

/// [`month`] of a word already in lower case (as `lc` gives it): no second lower-casing.
pub(crate) fn month_lower(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    // Every name below has 3 to 9 letters; most words are rejected here, before the arms.
    if !(3..=9).contains(&w.len()) {
        return None;
    }
    MONTH_WORDS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m)
}

/// Full month names only: "May" and "Mar" are too ambiguous as abbreviations in prose.
pub fn month_full(word: &str) -> Option<u8> {
    let m = month(word)?;
    (word.len() >= 3 && (word.len() > 4 || with_lc(word, |w| matches!(w, "may" | "june" | "july")))).then_some(m)
}

pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Value of a number word ("two", "dozen", "hundred").
pub fn number_word(word: &str) -> Option<u64> {
    with_lc(word, number_word_lower)
}

fn number_word_lower(w: &str) -> Option<u64> {
    // No word below is longer than "seventeen".
    if w.len() > 9 {
        return None;
    }
    NUMBER_WORDS.iter().find(|(name, _)| *name == w).map(|&(_, v)| v)
}

/// Multipliers written as words.
pub fn multiplier(word: &str) -> Option<u64> {
    with_lc(word, multiplier_lower)
}

fn multiplier_lower(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "mln" | "m" => 1_000_000,
        "billion" | "bn" => 1_000_000_000,
        _ => return None,
    })
}

/// Words that put a person's role before or after a name.
pub const TITLES: &[&str] = &[
    "president",
    "vice-president",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "deputy",
    "secretary",
    "secretary-general",
    "general",
    "minister",
    "director",
    "leader",
    "head",
    "activist",
    "lawyer",
    "attorney",
    "judge",
    "prosecutor",
    "researcher",
    "journalist",
    "reporter",
    "inspector",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "commissioner",
    "rapporteur",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "officer",
    "organiser",
    "organizer",
    "unionist",
    "trade-unionist",
    "member",
    "founder",
    "coordinator",
    "editor",
    "blogger",
    "defender",
    "worker",
    "colleague",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "mother",
    "father",
    "candidate",
    "politician",
    "dissident",
    "poet",
    "writer",
    "artist",
    "student",
    "teacher",
    "doctor",
    "nurse",
    "miner",
    "driver",
    "premier",
    "king",
    "queen",
    "prince",
    "sheikh",
    "imam",
    "bishop",
    "father",
    "captain",
    "colonel",
    "sergeant",
    "lieutenant",
    "major",
    "commander",
    "official",
    "investigator",
    "advocate",
    "representative",
    "mp",
    "speaker",
    "executive",
    "manager",
    "treasurer",
    "steward",
    "delegate",
    "ombudsman",
    "ombudsperson",
    "chief",
];

/// Nouns that make a capitalised phrase an organisation ("... Union", "Ministry of ...").
pub const ORG_HEADS: &[&str] = &[
    "union",
    "unions",
    "confederation",
    "federation",
    "association",
    "committee",
    "council",
    "court",
    "ministry",
    "office",
    "party",
    "movement",
    "company",
    "corporation",
    "corp",
    "group",
    "bank",
    "agency",
    "organisation",
    "organization",
    "watch",
    "conference",
    "commission",
    "network",
    "centre",
    "center",
    "institute",
    "foundation",
    "fund",
    "alliance",
    "front",
    "coalition",
    "assembly",
    "parliament",
    "police",
    "service",
    "secretariat",
    "trust",
    "society",
    "league",
    "congress",
    "syndicate",
    "nations",
    "bureau",
    "department",
    "directorate",
    "inspectorate",
    "tribunal",
    "authority",
    "board",
    "chamber",
    "club",
    "cooperative",
    "co-operative",
    "enterprise",
    "enterprises",
    "factory",
    "plant",
    "mine",
    "mines",
    "industries",
    "holding",
    "holdings",
    "inc",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "sa",
    "jsc",
    "llp",
    "university",
    "college",
    "school",
    "hospital",
    "church",
    "mission",
    "programme",
    "program",
    "project",
    "campaign",
    "initiative",
    "forum",
    "platform",
    "guild",
    "brotherhood",
    "solidarity",
    "army",
    "guard",
    "forces",
    "prison",
    "colony",
    "administration",
    "government",
    "cabinet",
    "senate",
    "majlis",
    "mazhilis",
    "duma",
    "procuracy",
    "prosecutor's",
    "media",
    "news",
    "times",
    "post",
    "radio",
    "television",
    "tv",
    "press",
    "agency",
    "daily",
    "gazette",
    "journal",
    "magazine",
    "review",
    "international",
    "worldwide",
    "global",
    "federal",
    "labour",
    "labor",
    "rights",
    "workers",
    "workers'",
    "employees",
    "syndicalists",
];

/// Lower-case nouns that, after a name and a comma ("X, the state oil company"), say the
/// name is an organisation.
pub const ORG_APPOSITIVES: &[&str] = &[
    "company",
    "firm",
    "union",
    "federation",
    "confederation",
    "organisation",
    "organization",
    "group",
    "association",
    "ngo",
    "party",
    "movement",
    "operator",
    "producer",
    "corporation",
    "employer",
    "contractor",
    "subsidiary",
    "outlet",
    "newspaper",
    "broadcaster",
    "agency",
    "network",
    "website",
    "channel",
    "bank",
    "charity",
];

/// Words after "the" that introduce an organisation's name ("the company X").
pub const ORG_INTRODUCERS: &[&str] = &[
    "company",
    "firm",
    "union",
    "federation",
    "confederation",
    "organisation",
    "organization",
    "group",
    "association",
    "ngo",
    "party",
    "movement",
    "newspaper",
    "outlet",
    "website",
    "channel",
    "operator",
    "contractor",
    "employer",
];

/// Words naming a kind of place; "the town of X", "X region".
pub const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "settlement",
    "region",
    "province",
    "district",
    "oblast",
    "oblast'",
    "county",
    "governorate",
    "prefecture",
    "krai",
    "municipality",
    "capital",
    "port",
    "island",
    "valley",
    "state",
    "township",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "department",
    "territory",
    "canton",
    "commune",
    "republic",
];

/// Region words that may follow a place name ("Mangistau oblast'", "Kandal province").
pub const REGION_SUFFIXES: &[&str] = &[
    "region",
    "province",
    "district",
    "oblast",
    "oblast'",
    "county",
    "governorate",
    "prefecture",
    "krai",
    "municipality",
    "state",
    "department",
    "territory",
];

/// Countries and territories (lower case), with a few common alternative names.
pub const COUNTRIES: &[&str] = &[
    "afghanistan",
    "albania",
    "algeria",
    "andorra",
    "angola",
    "argentina",
    "armenia",
    "australia",
    "austria",
    "azerbaijan",
    "bahamas",
    "bahrain",
    "bangladesh",
    "barbados",
    "belarus",
    "belgium",
    "belize",
    "benin",
    "bhutan",
    "bolivia",
    "bosnia",
    "botswana",
    "brazil",
    "brunei",
    "bulgaria",
    "burkina faso",
    "burma",
    "burundi",
    "cambodia",
    "cameroon",
    "canada",
    "chad",
    "chile",
    "china",
    "colombia",
    "comoros",
    "congo",
    "costa rica",
    "croatia",
    "cuba",
    "cyprus",
    "czechia",
    "czech republic",
    "denmark",
    "djibouti",
    "dominica",
    "ecuador",
    "egypt",
    "el salvador",
    "eritrea",
    "estonia",
    "eswatini",
    "ethiopia",
    "fiji",
    "finland",
    "france",
    "gabon",
    "gambia",
    "georgia",
    "germany",
    "ghana",
    "greece",
    "grenada",
    "guatemala",
    "guinea",
    "guyana",
    "haiti",
    "honduras",
    "hong kong",
    "hungary",
    "iceland",
    "india",
    "indonesia",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "jamaica",
    "japan",
    "jordan",
    "kazakhstan",
    "kenya",
    "kiribati",
    "korea",
    "north korea",
    "south korea",
    "kosovo",
    "kuwait",
    "kyrgyzstan",
    "laos",
    "latvia",
    "lebanon",
    "lesotho",
    "liberia",
    "libya",
    "liechtenstein",
    "lithuania",
    "luxembourg",
    "madagascar",
    "malawi",
    "malaysia",
    "maldives",
    "mali",
    "malta",
    "mauritania",
    "mauritius",
    "mexico",
    "moldova",
    "monaco",
    "mongolia",
    "montenegro",
    "morocco",
    "mozambique",
    "myanmar",
    "namibia",
    "nauru",
    "nepal",
    "netherlands",
    "new zealand",
    "nicaragua",
    "niger",
    "nigeria",
    "north macedonia",
    "norway",
    "oman",
    "pakistan",
    "palau",
    "palestine",
    "panama",
    "papua new guinea",
    "paraguay",
    "peru",
    "philippines",
    "poland",
    "portugal",
    "qatar",
    "romania",
    "russia",
    "rwanda",
    "samoa",
    "san marino",
    "saudi arabia",
    "senegal",
    "serbia",
    "seychelles",
    "sierra leone",
    "singapore",
    "slovakia",
    "slovenia",
    "somalia",
    "south africa",
    "south sudan",
    "spain",
    "sri lanka",
    "sudan",
    "suriname",
    "sweden",
    "switzerland",
    "syria",
    "taiwan",
    "tajikistan",
    "tanzania",
    "thailand",
    "tibet",
    "timor-leste",
    "togo",
    "tonga",
    "tunisia",
    "turkey",
    "türkiye",
    "turkmenistan",
    "tuvalu",
    "uganda",
    "ukraine",
    "united arab emirates",
    "uae",
    "united kingdom",
    "uk",
    "united states",
    "usa",
    "u.s.",
    "uruguay",
    "uzbekistan",
    "vanuatu",
    "venezuela",
    "vietnam",
    "viet nam",
    "yemen",
    "zambia",
    "zimbabwe",
    "crimea",
    "western sahara",
    "xinjiang",
    "kurdistan",
    "england",
    "scotland",
    "wales",
    "chechnya",
    "dagestan",
    "abkhazia",
    "transnistria",
    "gaza",
    "west bank",
    "belgique",
    "deutschland",
    "россия",
    "казахстан",
    "беларусь",
    "украина",
    "кыргызстан",
    "узбекистан",
    "таджикистан",
];

/// Capitals and large cities (lower case): places a report names without saying "the city of".
pub const CITIES: &[&str] = &[
    "kabul",
    "tirana",
    "algiers",
    "luanda",
    "buenos aires",
    "yerevan",
    "sydney",
    "melbourne",
    "canberra",
    "vienna",
    "baku",
    "manama",
    "dhaka",
    "chittagong",
    "minsk",
    "brussels",
    "la paz",
    "sarajevo",
    "gaborone",
    "brasilia",
    "são paulo",
    "sao paulo",
    "rio de janeiro",
    "sofia",
    "ouagadougou",
    "phnom penh",
    "yaoundé",
    "toronto",
    "montreal",
    "ottawa",
    "vancouver",
    "santiago",
    "beijing",
    "shanghai",
    "guangzhou",
    "shenzhen",
    "wuhan",
    "bogotá",
    "bogota",
    "medellín",
    "medellin",
    "cali",
    "kinshasa",
    "san josé",
    "zagreb",
    "havana",
    "nicosia",
    "prague",
    "copenhagen",
    "quito",
    "cairo",
    "alexandria",
    "san salvador",
    "asmara",
    "tallinn",
    "addis ababa",
    "helsinki",
    "paris",
    "marseille",
    "lyon",
    "libreville",
    "tbilisi",
    "batumi",
    "kutaisi",
    "berlin",
    "hamburg",
    "munich",
    "frankfurt",
    "accra",
    "athens",
    "guatemala city",
    "conakry",
    "port-au-prince",
    "tegucigalpa",
    "budapest",
    "reykjavik",
    "new delhi",
    "delhi",
    "mumbai",
    "kolkata",
    "chennai",
    "bangalore",
    "jakarta",
    "tehran",
    "isfahan",
    "tabriz",
    "mashhad",
    "shiraz",
    "baghdad",
    "basra",
    "dublin",
    "jerusalem",
    "tel aviv",
    "rome",
    "milan",
    "naples",
    "kingston",
    "tokyo",
    "osaka",
    "amman",
    "astana",
    "almaty",
    "shymkent",
    "karaganda",
    "aktobe",
    "atyrau",
    "nur-sultan",
    "nairobi",
    "mombasa",
    "pristina",
    "kuwait city",
    "bishkek",
    "osh",
    "vientiane",
    "riga",
    "beirut",
    "maseru",
    "monrovia",
    "tripoli",
    "benghazi",
    "vilnius",
    "antananarivo",
    "lilongwe",
    "kuala lumpur",
    "bamako",
    "valletta",
    "nouakchott",
    "mexico city",
    "guadalajara",
    "monterrey",
    "chisinau",
    "ulaanbaatar",
    "podgorica",
    "rabat",
    "casablanca",
    "maputo",
    "yangon",
    "naypyidaw",
    "mandalay",
    "windhoek",
    "kathmandu",
    "amsterdam",
    "the hague",
    "rotterdam",
    "wellington",
    "auckland",
    "managua",
    "niamey",
    "abuja",
    "lagos",
    "skopje",
    "oslo",
    "muscat",
    "islamabad",
    "karachi",
    "lahore",
    "ramallah",
    "panama city",
    "asunción",
    "asuncion",
    "lima",
    "manila",
    "quezon city",
    "warsaw",
    "lisbon",
    "doha",
    "bucharest",
    "moscow",
    "saint petersburg",
    "st petersburg",
    "novosibirsk",
    "yekaterinburg",
    "kazan",
    "kigali",
    "riyadh",
    "jeddah",
    "dakar",
    "belgrade",
    "freetown",
    "bratislava",
    "ljubljana",
    "mogadishu",
    "johannesburg",
    "cape town",
    "pretoria",
    "durban",
    "seoul",
    "juba",
    "madrid",
    "barcelona",
    "colombo",
    "khartoum",
    "stockholm",
    "geneva",
    "zurich",
    "bern",
    "damascus",
    "aleppo",
    "taipei",
    "dushanbe",
    "dar es salaam",
    "dodoma",
    "bangkok",
    "lomé",
    "tunis",
    "ankara",
    "istanbul",
    "izmir",
    "diyarbakir",
    "ashgabat",
    "kampala",
    "kyiv",
    "kiev",
    "kharkiv",
    "odesa",
    "odessa",
    "lviv",
    "abu dhabi",
    "dubai",
    "london",
    "manchester",
    "birmingham",
    "glasgow",
    "edinburgh",
    "washington",
    "new york",
    "los angeles",
    "chicago",
    "montevideo",
    "tashkent",
    "samarkand",
    "caracas",
    "hanoi",
    "ho chi minh city",
    "sanaa",
    "lusaka",
    "harare",
    "bulawayo",
    "hong kong",
    "macau",
    "brussels",
    "strasbourg",
    "the hague",
    "luxembourg",
    "москва",
    "минск",
    "алматы",
    "астана",
    "киев",
    "ташкент",
    "бишкек",
];

/// Adjectives of nationality and language: capitalised, but neither names nor places.
pub const DEMONYMS: &[&str] = &[
    "kazakh",
    "kazakhstani",
    "russian",
    "belarusian",
    "ukrainian",
    "georgian",
    "armenian",
    "azerbaijani",
    "uzbek",
    "kyrgyz",
    "tajik",
    "turkmen",
    "turkish",
    "kurdish",
    "iranian",
    "persian",
    "iraqi",
    "syrian",
    "egyptian",
    "chinese",
    "cambodian",
    "khmer",
    "vietnamese",
    "thai",
    "burmese",
    "filipino",
    "indonesian",
    "malaysian",
    "indian",
    "pakistani",
    "bangladeshi",
    "nepali",
    "sri lankan",
    "american",
    "canadian",
    "mexican",
    "colombian",
    "guatemalan",
    "honduran",
    "brazilian",
    "argentine",
    "chilean",
    "peruvian",
    "venezuelan",
    "cuban",
    "nicaraguan",
    "british",
    "english",
    "french",
    "german",
    "italian",
    "spanish",
    "polish",
    "european",
    "african",
    "asian",
    "soviet",
    "post-soviet",
    "arab",
    "arabic",
    "zimbabwean",
    "nigerian",
    "kenyan",
    "ethiopian",
    "south african",
    "korean",
    "japanese",
    "hong konger",
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "latin",
    "islamic",
    "muslim",
    "christian",
    "jewish",
    "orthodox",
    "catholic",
];

/// Currency words, symbols and codes, mapped to ISO 4217.
pub fn currency(word: &str) -> Option<&'static str> {
    with_lc(word, currency_lower)
}

fn currency_lower(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" | "us$" | "usd" | "dollar" | "dollars" | "us dollars" => "USD",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" | "pound" | "pounds" | "sterling" => "GBP",
        "kzt" | "tenge" | "₸" => "KZT",
        "rub" | "rubles" | "roubles" | "ruble" | "rouble" | "₽" => "RUB",
        "byn" | "byr" | "belarusian rubles" => "BYN",
        "uah" | "hryvnia" | "hryvnias" | "₴" => "UAH",
        "gel" | "lari" | "₾" => "GEL",
        "try" | "lira" | "liras" | "lire" | "₺" => "TRY",
        "khr" | "riel" | "riels" => "KHR",
        "irr" | "rial" | "rials" => "IRR",
        "cop" | "pesos" | "peso" => "COP",
        "bdt" | "taka" | "tk" | "৳" => "BDT",
        "inr" | "rupee" | "rupees" | "₹" | "rs" => "INR",
        "cny" | "rmb" | "yuan" | "renminbi" => "CNY",
        "hkd" | "hk$" => "HKD",
        "egp" => "EGP",
        "ngn" | "naira" | "₦" => "NGN",
        "zwl" => "ZWL",
        "php" | "₱" => "PHP",
        "kgs" | "som" | "soms" => "KGS",
        "uzs" | "sum" | "sums" => "UZS",
        "amd" | "dram" | "drams" => "AMD",
        "azn" | "manat" | "manats" => "AZN",
        "gtq" | "quetzal" | "quetzales" => "GTQ",
        "mxn" => "MXN",
        "brl" | "reais" | "real" => "BRL",
        "jpy" | "yen" | "¥" => "JPY",
        "chf" | "francs" => "CHF",
        "pen" | "soles" => "PEN",
        "ars" => "ARS",
        "clp" => "CLP",
        "cad" | "c$" => "CAD",
        "aud" | "a$" => "AUD",
        "zar" | "rand" => "ZAR",
        "idr" | "rupiah" => "IDR",
        "myr" | "ringgit" => "MYR",
        "thb" | "baht" => "THB",
        "vnd" | "dong" => "VND",
        "mmk" | "kyat" | "kyats" => "MMK",
        "pkr" => "PKR",
        "pln" | "zloty" | "zlotys" | "złoty" => "PLN",
        "huf" | "forint" | "forints" => "HUF",
        "etb" | "birr" => "ETB",
        "ghs" | "cedi" | "cedis" => "GHS",
        "kes" | "shilling" | "shillings" => "KES",
        "aed" | "dirham" | "dirhams" => "AED",
        "riyal" | "riyals" => "SAR",
        _ => return None,
    })
}

/// Frequent English words that start sentences or headlines capitalised but are never a name
/// on their own. Kept to words a report's prose uses; proper names never appear here.
pub const COMMON_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "act",
    "action",
    "actions",
    "activist",
    "activists",
    "additionally",
    "after",
    "afterwards",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "already",
    "also",
    "although",
    "always",
    "among",
    "amid",
    "an",
    "and",
    "annual",
    "another",
    "any",
    "anyone",
    "appeal",
    "april",
    "are",
    "around",
    "arrest",
    "arrested",
    "arrests",
    "article",
    "as",
    "at",
    "august",
    "authorities",
    "back",
    "based",
    "because",
    "been",
    "before",
    "being",
    "below",
    "besides",
    "between",
    "both",
    "bottom",
    "breaking",
    "but",
    "by",
    "call",
    "calls",
    "can",
    "case",
    "cases",
    "central",
    "charges",
    "citizens",
    "civil",
    "click",
    "comment",
    "comments",
    "contact",
    "copyright",
    "could",
    "country",
    "court",
    "criminal",
    "current",
    "daily",
    "date",
    "day",
    "days",
    "december",
    "declaration",
    "despite",
    "did",
    "disclaimer",
    "do",
    "document",
    "does",
    "down",
    "due",
    "during",
    "each",
    "earlier",
    "early",
    "economic",
    "editor",
    "eight",
    "eleven",
    "email",
    "employees",
    "end",
    "english",
    "even",
    "events",
    "every",
    "everyone",
    "except",
    "fair",
    "february",
    "few",
    "fifteen",
    "finally",
    "find",
    "first",
    "five",
    "follow",
    "following",
    "for",
    "former",
    "four",
    "free",
    "freedom",
    "friday",
    "from",
    "further",
    "furthermore",
    "general",
    "get",
    "given",
    "global",
    "government",
    "governments",
    "had",
    "has",
    "have",
    "having",
    "he",
    "headline",
    "her",
    "here",
    "hers",
    "high",
    "him",
    "his",
    "home",
    "how",
    "however",
    "human",
    "i",
    "if",
    "immediately",
    "important",
    "in",
    "including",
    "independent",
    "information",
    "initially",
    "instead",
    "international",
    "into",
    "is",
    "it",
    "its",
    "january",
    "joint",
    "july",
    "june",
    "just",
    "labour",
    "labor",
    "last",
    "late",
    "later",
    "latest",
    "law",
    "laws",
    "leader",
    "leaders",
    "least",
    "legal",
    "less",
    "let",
    "like",
    "many",
    "march",
    "may",
    "meanwhile",
    "meaningful",
    "members",
    "might",
    "monday",
    "more",
    "moreover",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "national",
    "nearly",
    "neither",
    "never",
    "new",
    "news",
    "next",
    "nine",
    "no",
    "none",
    "nor",
    "not",
    "note",
    "notice",
    "november",
    "now",
    "october",
    "of",
    "off",
    "official",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "out",
    "over",
    "page",
    "part",
    "people",
    "per",
    "photo",
    "police",
    "political",
    "posted",
    "president",
    "press",
    "previously",
    "prior",
    "print",
    "private",
    "public",
    "published",
    "read",
    "recently",
    "region",
    "related",
    "release",
    "report",
    "reportedly",
    "reports",
    "republic",
    "research",
    "right",
    "rights",
    "saturday",
    "said",
    "says",
    "security",
    "see",
    "september",
    "seven",
    "several",
    "share",
    "she",
    "should",
    "similarly",
    "since",
    "six",
    "skip",
    "so",
    "social",
    "some",
    "source",
    "sources",
    "state",
    "statement",
    "still",
    "strike",
    "such",
    "sunday",
    "support",
    "tags",
    "ten",
    "than",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thursday",
    "thus",
    "to",
    "today",
    "together",
    "too",
    "top",
    "trade",
    "trades",
    "tuesday",
    "twelve",
    "two",
    "under",
    "unions",
    "union",
    "unless",
    "until",
    "up",
    "update",
    "updated",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "wednesday",
    "week",
    "were",
    "what",
    "when",
    "where",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "workers",
    "world",
    "would",
    "year",
    "years",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
    "jump",
    "main",
    "content",
    "logotype",
    "logo",
    "menu",
    "search",
    "home",
    "subscribe",
    "sign",
    "donate",
    "watch",
    "listen",
    "video",
    "audio",
    "region",
    "country",
    "topics",
    "topic",
    "tax",
    "deductible",
    "gift",
    "help",
    "stop",
    "save",
    "around",
    "world",
    "fine",
    "print",
    "further",
    "meetings",
    "solutions",
    "social",
    "dialogue",
    "sanctions",
    "scrutiny",
    "statement",
    "workers'",
    "oil",
    "gas",
    "dear",
    "sincerely",
    "regards",
    "background",
    "summary",
    "conclusion",
    "recommendations",
    "introduction",
    "overview",
    "timeline",
    "chronology",
    "update",
    "urgent",
    "alert",
    "appeal",
    "action",
    "letter",
    "open",
    "joint",
    "signatories",
    "signed",
    "signatures",
    "sign",
    "petition",
    "campaign",
    "campaigns",
    "violent",
    "peaceful",
    "unjust",
    "unjustly",
    "detained",
    "jailed",
    "sentenced",
    "convicted",
    "charged",
    "accused",
    "released",
    "banned",
    "fined",
    "another",
    "among",
    "whose",
    "supporters",
    "protesters",
    "demonstrators",
    "strikers",
    "participants",
    "hundreds",
    "thousands",
    "dozens",
    "tens",
    "millions",
    "organizations",
    "organisations",
    "governments",
    "officials",
    "prosecutors",
    "judges",
    "lawyers",
    "journalists",
    "defenders",
    "young",
    "old",
    "poverty",
    "reduction",
    "meaningful",
    "sentences",
    "prisoners",
    "prison",
    "jail",
    "detention",
    "custody",
    "torture",
    "repression",
    "crackdown",
    "harassment",
    "persecution",
    "intimidation",
    "surveillance",
    "retaliation",
    "dissolution",
    "liquidation",
    "closure",
    "registration",
    "ban",
    "fines",
    "damages",
    "compensation",
    "pardon",
    "trial",
    "hearing",
    "verdict",
    "conviction",
    "sentence",
    "charge",
    "investigation",
    "complaint",
    "kazakh",
    "anarchists",
    "communists",
    "socialists",
    "liberals",
    "conservatives",
    "nationalists",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "end",
    "fuel",
    "energy",
    "industry",
    "steel",
    "mining",
    "construction",
];

/// A word list as a set, built once on first use: lookups run per token.
pub(crate) struct WordSet {
    /// The short words packed, and the longer ones in a hash set.
    cell: OnceLock<(Packed<()>, FxHashSet<&'static [u8]>)>,
    words: &'static [&'static str],
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        WordSet { cell: OnceLock::new(), words }
    }
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.contains_bytes(w.as_bytes())
    }

    /// [`WordSet::contains`] of a word's bytes: a word built in a buffer is looked up
    /// without being checked as UTF-8 first.
    pub(crate) fn contains_bytes(&self, w: &[u8]) -> bool {
        let (short, long) = self.cell.get_or_init(|| {
            let short = Packed::new(self.words.iter().map(|&w| (w, ())), ());
            let long = self.words.iter().map(|w| w.as_bytes()).filter(|w| w.len() > PACKED).collect();
            (short, long)
        });
        match pack(w) {
            Some(key) => short.get(key).is_some(),
            None => long.contains(w),
        }
    }
}

static COMMON: WordSet = WordSet::new(COMMON_WORDS);
static TITLE_SET: WordSet = WordSet::new(TITLES);
static ORG_HEAD_SET: WordSet = WordSet::new(ORG_HEADS);
static DEMONYM_SET: WordSet = WordSet::new(DEMONYMS);
static COUNTRY_SET: WordSet = WordSet::new(COUNTRIES);
static CITY_SET: WordSet = WordSet::new(CITIES);
static GIVEN_SET: WordSet = WordSet::new(GIVEN_NAMES);
static NON_ENTITY_ACRONYM_SET: WordSet = WordSet::new(NON_ENTITY_ACRONYMS);

/// Bits of [`word_flags`]: which lists a lower-case word is in.
pub(crate) const COMMON_F: u16 = 1;
pub(crate) const TITLE_F: u16 = 1 << 1;
pub(crate) const ORG_HEAD_F: u16 = 1 << 2;
pub(crate) const DEMONYM_F: u16 = 1 << 3;
pub(crate) const COUNTRY_F: u16 = 1 << 4;
pub(crate) const CITY_F: u16 = 1 << 5;
pub(crate) const GIVEN_F: u16 = 1 << 6;
pub(crate) const WEEKDAY_F: u16 = 1 << 7;
/// An organisation head of the entity rules, anywhere in a name or only last.
pub(crate) const HEAD_CORE_F: u16 = 1 << 8;
pub(crate) const HEAD_TAIL_F: u16 = 1 << 9;
/// A word [`month`] reads as written (no trailing dot) and one [`number_word`] reads.
pub(crate) const MONTH_F: u16 = 1 << 10;
pub(crate) const NUMBER_WORD_F: u16 = 1 << 11;
/// A word a relative date may open with ("last", "the", "yesterday": `dates::DATE_OPENERS`).
/// The scanners of dates and of triggers look at every word and turn the others away on
/// their bit.
pub(crate) const DATE_WORD_F: u16 = 1 << 12;
/// A word an event trigger opens with (`events::TRIGGER_WORDS`).
pub(crate) const TRIGGER_F: u16 = 1 << 13;
pub(crate) const KNOWN_PLACE_F: u16 = COUNTRY_F | CITY_F;

/// English month names and abbreviations with their numbers: read by [`month`] and, as
/// [`MONTH_F`], by the tokenizer.
const MONTH_WORDS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Number words with their values: read by [`number_word`] and, as [`NUMBER_WORD_F`], by
/// the tokenizer.
const NUMBER_WORDS: &[(&str, u64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Every list a lower-case word is in, from one hash lookup: the tokenizer stores this per
/// word so the rules, which ask the same token about several lists many times over, never
/// repeat a lookup. Agrees with `is_common_word`, `is_title` and the others on every word.
pub(crate) fn word_flags(lower: &str) -> u16 {
    match pack(lower.as_bytes()) {
        Some(key) => short_flags().get(key).map_or(0, |(_, f)| f),
        None => flag_map().get(lower.as_bytes()).map_or(0, |&(_, f)| f),
    }
}

/// Longest word a [`Packed`] table holds: nearly every word of a report fits.
const PACKED: usize = 16;

/// A word of at most [`PACKED`] bytes as one integer, its bytes in order from the lowest,
/// zero-padded. No word holds a NUL byte, so two words pack alike exactly when they are
/// equal; the empty word packs to 0, a table's empty slot, and is in no list. Read by a
/// few overlapping loads rather than a copy: this runs once or more per word of a report.
fn pack(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let u32_at = |k: usize| word.get(k..k + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes);
    let u64_at = |k: usize| word.get(k..k + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes);
    Some(match n {
        0..=3 => word.iter().rev().fold(0u128, |v, &b| (v << 8) | u128::from(b)),
        // The last four bytes, moved up to their place, overlap the first four.
        4..=7 => u128::from(u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << (8 * (n - 4))),
        8 => u128::from(u64_at(0)),
        // Bytes 8.. are the top of the last eight, moved down.
        9..=PACKED => u128::from(u64_at(0)) | u128::from(u64_at(n - 8) >> (8 * (PACKED - n))) << 64,
        _ => return None,
    })
}

/// A packed ASCII word in lower case: every byte from A to Z gains its 0x20 bit, eight at
/// a time. Each byte is below 0x80, so adding to it never carries into the next.
fn packed_lower(key: u128) -> u128 {
    let half = |x: u64| {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let from_a = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f); // high bit set from b'A' on
        let past_z = x.wrapping_add(0x2525_2525_2525_2525); // high bit set past b'Z'
        x | ((from_a & !past_z & HIGH) >> 2)
    };
    u128::from(half(key as u64)) | u128::from(half((key >> 64) as u64)) << 64
}

/// Short words in an open-addressed table of packed keys, each with a value: a lookup is a
/// multiply and one or two integer compares, where a map of strings hashes the bytes and
/// calls `memcmp`. Lexicon lookups run on every word of every report.
struct Packed<V: Copy + 'static> {
    keys: Box<[u128]>,
    values: Box<[V]>,
    mask: usize,
}

impl<V: Copy + 'static> Packed<V> {
    fn slot(key: u128, mask: usize) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(31);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    /// The table of the words that fit, each with its value; `empty` fills the other slots.
    fn new(words: impl Iterator<Item = (&'static str, V)>, empty: V) -> Self {
        let words: Vec<(u128, V)> =
            words.filter_map(|(w, v)| pack(w.as_bytes()).filter(|&k| k != 0).map(|k| (k, v))).collect();
        // At most half full, so a miss ends after a probe or two.
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut keys = vec![0u128; size];
        let mut values = vec![empty; size];
        for (key, value) in words {
            let mut i = Self::slot(key, mask);
            while keys[i] != 0 && keys[i] != key {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }
        Packed { keys: keys.into(), values: values.into(), mask }
    }

    fn get(&self, key: u128) -> Option<V> {
        if key == 0 {
            return None;
        }
        let mut i = Self::slot(key, self.mask);
        loop {
            match self.keys[i] {
                0 => return None,
                k if k == key => return Some(self.values[i]),
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

/// [`flag_map`]'s short words, each with its own `str` and its flags.
fn short_flags() -> &'static Packed<(&'static str, u16)> {
    static TABLE: OnceLock<Packed<(&'static str, u16)>> = OnceLock::new();
    TABLE.get_or_init(|| Packed::new(flag_map().values().map(|&(w, f)| (w, (w, f))), ("", 0)))
}

/// A word's lower case and its [`word_flags`], for the tokenizer. A capitalised word that
/// some list holds ("The", "Police", "Minsk") borrows the list's own lower-case spelling, so
/// only words no list knows (mostly names) take a heap copy of their lower case.
pub(crate) fn lower_and_flags(word: &str) -> (Cow<'_, str>, u16) {
    // One pass over the bytes says both whether the word is ASCII and whether it has capitals.
    let (mut ascii, mut upper) = (true, false);
    for b in word.bytes() {
        ascii &= b.is_ascii();
        upper |= b.is_ascii_uppercase();
    }
    if ascii {
        return ascii_lower_and_flags(word, upper);
    }
    let l = lc(word);
    let f = word_flags(&l);
    (l, f)
}

/// [`lower_and_flags`] of an ASCII word, for a caller that has already scanned its bytes
/// and knows whether it has `upper`-case letters: the tokenizer's one pass over a word
/// answers that along with its other questions.
pub(crate) fn ascii_lower_and_flags(word: &str, upper: bool) -> (Cow<'_, str>, u16) {
    if !upper {
        return (Cow::Borrowed(word), word_flags(word));
    }
    if let Some(key) = pack(word.as_bytes()) {
        // The table holds each word's `str` beside its flags: a word it knows borrows that.
        return match short_flags().get(packed_lower(key)) {
            Some((k, f)) => (Cow::Borrowed(k), f),
            None => (Cow::Owned(word.to_ascii_lowercase()), 0),
        };
    }
    let l = word.to_ascii_lowercase();
    let f = word_flags(&l);
    (Cow::Owned(l), f)
}

/// Every listed word, by its bytes, with its own `str` and its flags.
fn flag_map() -> &'static FxHashMap<&'static [u8], (&'static str, u16)> {
    static ALL: OnceLock<FxHashMap<&'static [u8], (&'static str, u16)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut m: FxHashMap<&'static [u8], (&'static str, u16)> = FxHashMap::default();
        let months: Vec<&'static str> = MONTH_WORDS.iter().map(|&(w, _)| w).collect();
        let numbers: Vec<&'static str> = NUMBER_WORDS.iter().map(|&(w, _)| w).collect();
        let lists: [(&[&'static str], u16); 14] = [
            (COMMON_WORDS, COMMON_F),
            (TITLES, TITLE_F),
            (ORG_HEADS, ORG_HEAD_F),
            (DEMONYMS, DEMONYM_F),
            (COUNTRIES, COUNTRY_F),
            (CITIES, CITY_F),
            (GIVEN_NAMES, GIVEN_F),
            (WEEKDAYS, WEEKDAY_F),
            (crate::entities::CORE_HEADS, HEAD_CORE_F),
            (crate::entities::TAIL_ONLY_HEADS, HEAD_TAIL_F),
            (&months, MONTH_F),
            (&numbers, NUMBER_WORD_F),
            (crate::dates::DATE_OPENERS, DATE_WORD_F),
            (crate::events::TRIGGER_WORDS, TRIGGER_F),
        ];
        for (words, flag) in lists {
            for w in words {
                m.entry(w.as_bytes()).or_insert((w, 0)).1 |= flag;
            }
        }
        m
    })
}

pub fn is_common_word(lower: &str) -> bool {
    COMMON.contains(lower)
}

pub fn is_title(lower: &str) -> bool {
    TITLE_SET.contains(lower)
}

pub fn is_org_head(lower: &str) -> bool {
    ORG_HEAD_SET.contains(lower)
}

pub fn is_demonym(lower: &str) -> bool {
    DEMONYM_SET.contains(lower)
}

pub fn is_country(lower: &str) -> bool {
    COUNTRY_SET.contains(lower)
}

/// [`is_country`] of a name in any case, lowered on the stack where it is short ASCII.
pub fn is_country_name(name: &str) -> bool {
    with_lc(name, is_country)
}

pub fn is_known_place(lower: &str) -> bool {
    is_known_place_bytes(lower.as_bytes())
}

/// [`is_known_place`] of a lower-case name's bytes.
pub(crate) fn is_known_place_bytes(lower: &[u8]) -> bool {
    COUNTRY_SET.contains_bytes(lower) || CITY_SET.contains_bytes(lower)
}

pub fn is_given_name(lower: &str) -> bool {
    GIVEN_SET.contains(lower)
}

/// Whether an all-capital token is in [`NON_ENTITY_ACRONYMS`] (as written, not lowered).
pub(crate) fn is_non_entity_acronym(word: &str) -> bool {
    NON_ENTITY_ACRONYM_SET.contains(word)
}

/// The currency a shared currency name means in a country: rubles in Belarus are BYN,
/// pesos in Mexico MXN.
pub fn local_currency(country: &str, generic: &str) -> Option<&'static str> {
    Some(match (country, generic) {
        ("belarus", "RUB") => "BYN",
        ("mexico", "COP") => "MXN",
        ("philippines", "COP") => "PHP",
        ("argentina", "COP") => "ARS",
        ("chile", "COP") => "CLP",
        ("cuba", "COP") => "CUP",
        ("hong kong", "USD") => return None,
        ("turkey" | "türkiye", "TRY") => return None,
        ("syria" | "lebanon" | "egypt", "GBP") => match country {
            "syria" => "SYP",
            "lebanon" => "LBP",
            _ => "EGP",
        },
        ("iran", "IRR") | ("yemen", "IRR") => return None,
        _ => return None,
    })
}

/// The shared code a local currency is read as when no country is named: BYN and RUB are
/// both "rubles".
pub fn generic_currency(local: &str) -> Option<&'static str> {
    Some(match local {
        "BYN" => "RUB",
        "MXN" | "PHP" | "ARS" | "CLP" | "CUP" => "COP",
        "SYP" | "LBP" | "EGP" => "GBP",
        _ => return None,
    })
}

/// Currency codes and other all-capital tokens that are never organisations.
pub const NON_ENTITY_ACRONYMS: &[&str] = &[
    "USD", "EUR", "GBP", "KZT", "RUB", "BYN", "UAH", "GEL", "TRY", "KHR", "IRR", "COP", "BDT", "INR", "CNY", "HKD",
    "EGP", "NGN", "PHP", "KGS", "UZS", "AMD", "AZN", "GTQ", "MXN", "BRL", "JPY", "CHF", "PDF", "URL", "FAQ", "CEO",
    "CFO", "NB", "PS", "AM", "PM", "TV", "OK", "ID", "USC", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    "HTML", "RSS", "COVID", "SMS", "GPS", "DNA", "GDP", "VAT", "AIDS", "HIV", "LGBT", "LGBTI", "LGBTQ", "CV", "ISBN",
];

/// Given names common across the regions reports cover; a first word found here makes a
/// capitalised pair a person's name.
pub const GIVEN_NAMES: &[&str] = &[
    // Central Asian, Turkic, Caucasian
    "abai",
    "abdulla",
    "adil",
    "aidos",
    "aigerim",
    "ainur",
    "akmaral",
    "aliya",
    "almas",
    "altynbek",
    "amangeldy",
    "anar",
    "arman",
    "asel",
    "askar",
    "aslan",
    "assel",
    "aziz",
    "azamat",
    "bakhyt",
    "baurzhan",
    "bolat",
    "dana",
    "daniyar",
    "dauren",
    "dinara",
    "ermek",
    "gulnara",
    "gulmira",
    "kairat",
    "karlygash",
    "marat",
    "medet",
    "mukhtar",
    "nurlan",
    "nurzhan",
    "olzhas",
    "ruslan",
    "rustam",
    "saule",
    "serik",
    "talgat",
    "timur",
    "yerzhan",
    "zhanna",
    "zhanbolat",
    "mukhtar",
    "kasym",
    "beibut",
    "yesenbek",
    "mehmet",
    "ahmet",
    "mustafa",
    "ayse",
    "fatma",
    "emine",
    "selahattin",
    "can",
    "kemal",
    "emre",
    "murat",
    "ali",
    "hasan",
    "huseyin",
    "ibrahim",
    "ozgur",
    "serkan",
    "burak",
    "elif",
    "zeynep",
    "deniz",
    "cem",
    "baris",
    "kadir",
    "osman",
    "yusuf",
    "nurcan",
    "gulsen",
    "levan",
    "giorgi",
    "nino",
    "tamar",
    "davit",
    "zurab",
    "armen",
    "ashot",
    "anahit",
    "ilham",
    "leyla",
    "emin",
    "rauf",
    "tofig",
    "zhanar",
    // Slavic
    "aleksandr",
    "alexander",
    "alexandr",
    "aleksei",
    "alexei",
    "alexey",
    "anastasia",
    "anatoly",
    "andrei",
    "andrey",
    "anna",
    "anton",
    "artem",
    "boris",
    "dmitry",
    "dmitri",
    "ekaterina",
    "yekaterina",
    "elena",
    "yelena",
    "evgeny",
    "yevgeny",
    "galina",
    "igor",
    "ilya",
    "irina",
    "ivan",
    "lyudmila",
    "maria",
    "maksim",
    "maxim",
    "mikhail",
    "natalia",
    "natalya",
    "nikolai",
    "oleg",
    "olga",
    "pavel",
    "roman",
    "sergei",
    "sergey",
    "svetlana",
    "tatiana",
    "tatyana",
    "valentina",
    "vasily",
    "viktor",
    "victor",
    "vladimir",
    "yulia",
    "yuri",
    "yury",
    "ales",
    "maryia",
    "maria",
    "siarhei",
    "aliaksandr",
    "uladzimir",
    "volha",
    "taras",
    "oksana",
    "mykola",
    "olena",
    "petro",
    "bohdan",
    "andriy",
    "vitaly",
    "valery",
    "gennady",
    "konstantin",
    "lev",
    "leonid",
    "nadezhda",
    "vera",
    "zoya",
    "polina",
    "daria",
    // Middle East, South Asia
    "ahmed",
    "ahmad",
    "ali",
    "hassan",
    "hossein",
    "hussein",
    "mohammad",
    "mohammed",
    "muhammad",
    "mahmoud",
    "reza",
    "narges",
    "nasrin",
    "sepideh",
    "esmail",
    "jafar",
    "karim",
    "khaled",
    "omar",
    "samir",
    "sara",
    "fatima",
    "zahra",
    "maryam",
    "alaa",
    "abdullah",
    "yusuf",
    "ibrahim",
    "ismail",
    "amir",
    "nasser",
    "rashid",
    "tariq",
    "walid",
    "salma",
    "rahul",
    "amit",
    "sanjay",
    "priya",
    "sunita",
    "kalpona",
    "shahidul",
    "nazma",
    "rina",
    "mizanur",
    "aminul",
    "babul",
    "jamal",
    "rafiq",
    "shirin",
    "anwar",
    "nurul",
    // East and South-East Asia
    "hiroshi",
    "kenji",
    "yuki",
    "wei",
    "li",
    "chen",
    "ming",
    "lee",
    "joshua",
    "agnes",
    "jimmy",
    "sophal",
    "sokha",
    "kem",
    "chea",
    "rong",
    "vorn",
    "pov",
    "sam",
    "ath",
    "thorn",
    "nguyen",
    "thi",
    "van",
    "maria",
    "jose",
    "juan",
    "rodrigo",
    "leila",
    // Europe, Americas, Africa
    "adam",
    "alan",
    "albert",
    "alice",
    "andrew",
    "ann",
    "anne",
    "arthur",
    "barbara",
    "ben",
    "carlos",
    "catherine",
    "charles",
    "christian",
    "christine",
    "daniel",
    "david",
    "diana",
    "edward",
    "elizabeth",
    "emma",
    "eric",
    "eva",
    "francisco",
    "frank",
    "george",
    "guy",
    "hans",
    "helen",
    "henry",
    "hugo",
    "jack",
    "james",
    "jan",
    "jane",
    "jean",
    "jens",
    "john",
    "jorge",
    "joseph",
    "julia",
    "karl",
    "laura",
    "lisa",
    "louis",
    "lucia",
    "luis",
    "manuel",
    "marco",
    "mark",
    "martin",
    "mary",
    "michael",
    "michel",
    "miguel",
    "nicolas",
    "patrick",
    "paul",
    "pedro",
    "peter",
    "philip",
    "pierre",
    "rafael",
    "richard",
    "robert",
    "ruth",
    "sarah",
    "sharan",
    "simon",
    "sophie",
    "stefan",
    "stephen",
    "steven",
    "susan",
    "thomas",
    "walter",
    "william",
    "ana",
    "beatriz",
    "camila",
    "diego",
    "fernando",
    "gustavo",
    "javier",
    "luz",
    "marta",
    "pablo",
    "ricardo",
    "sergio",
    "tomas",
    "chiwenga",
    "tendai",
    "obert",
    "japhet",
    "peter",
    "blessing",
    "grace",
    "joyce",
    "kofi",
    "amina",
    "chinedu",
    "emeka",
    "ngozi",
    "wanjiru",
    "david",
    "sipho",
    "thabo",
];

/// Endings that mark a word as a surname in the languages reports in this genre cover.
pub const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "sky", "skiy", "skaya", "ski", "ska", "enko", "uk", "yuk",
    "chuk", "vich", "vych", "yan", "ian", "dze", "shvili", "uly", "kyzy", "uli", "bay", "bayev", "bek", "bekov",
    "zhanov", "oglu", "oğlu", "ova", "zade", "pour", "ez", "sen", "berg", "mann", "stein", "escu", "ović", "ovic",
    "evic", "ić",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The month and number-word flags say what `month` and `number_word` say, on every
    /// word of their table and on near misses.
    #[test]
    fn month_and_number_flags_agree_with_the_lookups() {
        let names = MONTH_WORDS.iter().map(|&(w, _)| w).chain(NUMBER_WORDS.iter().map(|&(w, _)| w));
        for w in names.chain(["mayor", "marc", "tens", "zero", "hundred", "junes"]) {
            assert_eq!(word_flags(w) & MONTH_F != 0, month_lower(w).is_some(), "{w}");
            assert_eq!(word_flags(w) & NUMBER_WORD_F != 0, number_word_lower(w).is_some(), "{w}");
        }
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(number_word("Seventeen"), Some(17));
    }

    /// Packing by overlapping loads is zero-padding, at every length; lowering a packed
    /// word is packing its lower case.
    #[test]
    fn packing_is_zero_padding() {
        let text = b"AbcDefGhIjKlMnOpQ@[`{Z";
        for n in 0..=text.len() {
            let word = &text[..n];
            let mut buf = [0u8; PACKED];
            let want = (n <= PACKED).then(|| {
                buf[..n].copy_from_slice(word);
                u128::from_le_bytes(buf)
            });
            assert_eq!(pack(word), want, "{n}");
            if let Some(key) = want {
                assert_eq!(Some(packed_lower(key)), pack(&word.to_ascii_lowercase()), "{n}");
            }
        }
        for b in 0u8..128 {
            assert_eq!(packed_lower(u128::from(b)), u128::from(b.to_ascii_lowercase()), "{b}");
        }
    }

    /// A word set answers as a plain set of its words does, short and long words alike.
    #[test]
    fn word_sets_agree_with_plain_sets() {
        static WORDS: &[&str] =
            &["union", "a", "international", "confederations", "b", "an organisation with a long name"];
        let words = WORDS;
        let set = WordSet::new(words);
        let plain: FxHashSet<&str> = words.iter().copied().collect();
        for w in words.iter().copied().chain(["", "unio", "unions", "Union", "international-", "c", "an organisation"])
        {
            assert_eq!(set.contains(w), plain.contains(w), "{w:?}");
        }
        for w in COMMON_WORDS.iter().chain(CITIES).chain(TITLES) {
            assert!(COMMON.contains(w) || CITY_SET.contains(w) || TITLE_SET.contains(w), "{w}");
        }
    }

    /// The packed table answers as the byte map does: on every listed word, on each with
    /// one letter changed, cut or lengthened, and on the empty word.
    #[test]
    fn the_packed_table_agrees_with_the_map() {
        let map = flag_map();
        let by_map = |w: &[u8]| map.get(w).map_or(0, |&(_, f)| f);
        assert_eq!(word_flags(""), 0);
        for (&word, &(text, flags)) in map {
            assert_eq!(word_flags(text), flags, "{text}");
            let mut probes = vec![word[..word.len() - 1].to_vec(), [word, b"s"].concat()];
            let mut changed = word.to_vec();
            changed[0] = if changed[0] == b'q' { b'z' } else { b'q' };
            probes.push(changed);
            for probe in probes {
                let probe = String::from_utf8(probe).unwrap_or_default();
                assert_eq!(word_flags(&probe), by_map(probe.as_bytes()), "{probe}");
                let upper = probe.to_ascii_uppercase();
                assert_eq!(lower_and_flags(&upper).1, by_map(probe.as_bytes()), "{upper}");
            }
        }
    }
}
