//! Generic vocabulary of the genre: months, titles, organisation head nouns, countries and
//! major cities, currencies, and the common words that are never names.
//!
//! Nothing here names a person or an organisation of any particular case: the lists are the
//! words any report in the genre uses, so rules built on them hold on unseen reports.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Month number of an English month name or its abbreviation (lower case).
pub fn month(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Full month names only: "May" and "Mar" are too ambiguous as abbreviations in prose.
pub fn month_full(word: &str) -> Option<u8> {
    let m = month(word)?;
    (word.len() >= 3 && (word.len() > 4 || matches!(word.to_lowercase().as_str(), "may" | "june" | "july")))
        .then_some(m)
}

pub const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Value of a number word ("two", "dozen", "hundred").
pub fn number_word(word: &str) -> Option<u64> {
    Some(match word.to_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Multipliers written as words.
pub fn multiplier(word: &str) -> Option<u64> {
    Some(match word.to_lowercase().as_str() {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "mln" | "m" => 1_000_000,
        "billion" | "bn" => 1_000_000_000,
        _ => return None,
    })
}

/// Words that put a person's role before or after a name.
pub const TITLES: &[&str] = &[
    "president", "vice-president", "chairman", "chairwoman", "chairperson", "chair", "deputy",
    "secretary", "secretary-general", "general", "minister", "director", "leader", "head",
    "activist", "lawyer", "attorney", "judge", "prosecutor", "researcher", "journalist",
    "reporter", "inspector", "spokesperson", "spokesman", "spokeswoman", "mr", "mrs", "ms", "dr",
    "prof", "professor", "commissioner", "rapporteur", "ambassador", "governor", "mayor",
    "senator", "officer", "organiser", "organizer", "unionist", "trade-unionist", "member",
    "founder", "coordinator", "editor", "blogger", "defender", "worker", "colleague", "son",
    "daughter", "wife", "husband", "brother", "sister", "mother", "father", "candidate",
    "politician", "dissident", "poet", "writer", "artist", "student", "teacher", "doctor",
    "nurse", "miner", "driver", "premier", "king", "queen", "prince", "sheikh", "imam", "bishop",
    "father", "captain", "colonel", "sergeant", "lieutenant", "major", "commander", "official",
    "investigator", "advocate", "representative", "mp", "speaker", "executive", "manager",
    "treasurer", "steward", "delegate", "ombudsman", "ombudsperson", "chief",
];

/// Nouns that make a capitalised phrase an organisation ("... Union", "Ministry of ...").
pub const ORG_HEADS: &[&str] = &[
    "union", "unions", "confederation", "federation", "association", "committee", "council",
    "court", "ministry", "office", "party", "movement", "company", "corporation", "corp",
    "group", "bank", "agency", "organisation", "organization", "watch", "conference",
    "commission", "network", "centre", "center", "institute", "foundation", "fund", "alliance",
    "front", "coalition", "assembly", "parliament", "police", "service", "secretariat", "trust",
    "society", "league", "congress", "syndicate", "nations", "bureau", "department",
    "directorate", "inspectorate", "tribunal", "authority", "board", "chamber", "club",
    "cooperative", "co-operative", "enterprise", "enterprises", "factory", "plant", "mine",
    "mines", "industries", "holding", "holdings", "inc", "ltd", "llc", "plc", "gmbh", "sa",
    "jsc", "llp", "university", "college", "school", "hospital", "church", "mission",
    "programme", "program", "project", "campaign", "initiative", "forum", "platform", "guild",
    "brotherhood", "solidarity", "army", "guard", "forces", "prison", "colony", "administration",
    "government", "cabinet", "senate", "majlis", "mazhilis", "duma", "procuracy", "prosecutor's",
    "media", "news", "times", "post", "radio", "television", "tv", "press", "agency", "daily",
    "gazette", "journal", "magazine", "review", "international", "worldwide", "global",
    "federal", "labour", "labor", "rights", "workers", "workers'", "employees", "syndicalists",
];

/// Heads that alone, at the end of a phrase, make it an organisation even when the rest of
/// the phrase is common words ("Human Rights Watch", "Amnesty International").
pub const STRONG_ORG_TAILS: &[&str] = &[
    "union", "unions", "confederation", "federation", "association", "committee", "council",
    "court", "ministry", "party", "movement", "company", "corporation", "agency", "organisation",
    "organization", "watch", "conference", "commission", "network", "centre", "center",
    "institute", "foundation", "fund", "alliance", "coalition", "assembly", "parliament",
    "secretariat", "society", "league", "congress", "nations", "bureau", "tribunal", "international",
    "group", "bank", "front", "service", "office", "department", "authority", "board",
];

/// Lower-case nouns that, after a name and a comma ("X, the state oil company"), say the
/// name is an organisation.
pub const ORG_APPOSITIVES: &[&str] = &[
    "company", "firm", "union", "federation", "confederation", "organisation", "organization",
    "group", "association", "ngo", "party", "movement", "operator", "producer", "corporation",
    "employer", "contractor", "subsidiary", "outlet", "newspaper", "broadcaster", "agency",
    "network", "website", "channel", "bank", "charity",
];

/// Words after "the" that introduce an organisation's name ("the company X").
pub const ORG_INTRODUCERS: &[&str] = &[
    "company", "firm", "union", "federation", "confederation", "organisation", "organization",
    "group", "association", "ngo", "party", "movement", "newspaper", "outlet", "website",
    "channel", "operator", "contractor", "employer",
];

/// Words naming a kind of place; "the town of X", "X region".
pub const PLACE_NOUNS: &[&str] = &[
    "town", "city", "village", "settlement", "region", "province", "district", "oblast",
    "oblast'", "county", "governorate", "prefecture", "krai", "municipality", "capital",
    "port", "island", "valley", "state", "township", "neighbourhood", "neighborhood", "suburb",
    "department", "territory", "canton", "commune", "republic",
];

/// Region words that may follow a place name ("Mangistau oblast'", "Kandal province").
pub const REGION_SUFFIXES: &[&str] = &[
    "region", "province", "district", "oblast", "oblast'", "county", "governorate",
    "prefecture", "krai", "municipality", "state", "department", "territory",
];

/// Countries and territories (lower case), with a few common alternative names.
pub const COUNTRIES: &[&str] = &[
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia",
    "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus",
    "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana", "brazil", "brunei",
    "bulgaria", "burkina faso", "burma", "burundi", "cambodia", "cameroon", "canada", "chad",
    "chile", "china", "colombia", "comoros", "congo", "costa rica", "croatia", "cuba", "cyprus",
    "czechia", "czech republic", "denmark", "djibouti", "dominica", "ecuador", "egypt",
    "el salvador", "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland", "france",
    "gabon", "gambia", "georgia", "germany", "ghana", "greece", "grenada", "guatemala", "guinea",
    "guyana", "haiti", "honduras", "hong kong", "hungary", "iceland", "india", "indonesia",
    "iran", "iraq", "ireland", "israel", "italy", "jamaica", "japan", "jordan", "kazakhstan",
    "kenya", "kiribati", "korea", "north korea", "south korea", "kosovo", "kuwait", "kyrgyzstan",
    "laos", "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania",
    "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "mauritania",
    "mauritius", "mexico", "moldova", "monaco", "mongolia", "montenegro", "morocco",
    "mozambique", "myanmar", "namibia", "nauru", "nepal", "netherlands", "new zealand",
    "nicaragua", "niger", "nigeria", "north macedonia", "norway", "oman", "pakistan", "palau",
    "palestine", "panama", "papua new guinea", "paraguay", "peru", "philippines", "poland",
    "portugal", "qatar", "romania", "russia", "rwanda", "samoa", "san marino", "saudi arabia",
    "senegal", "serbia", "seychelles", "sierra leone", "singapore", "slovakia", "slovenia",
    "somalia", "south africa", "south sudan", "spain", "sri lanka", "sudan", "suriname",
    "sweden", "switzerland", "syria", "taiwan", "tajikistan", "tanzania", "thailand", "tibet",
    "timor-leste", "togo", "tonga", "tunisia", "turkey", "türkiye", "turkmenistan", "tuvalu",
    "uganda", "ukraine", "united arab emirates", "uae", "united kingdom", "uk",
    "united states", "usa", "u.s.", "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam",
    "viet nam", "yemen", "zambia", "zimbabwe", "crimea", "western sahara", "xinjiang",
    "kurdistan", "england", "scotland", "wales", "chechnya", "dagestan", "abkhazia",
    "transnistria", "gaza", "west bank", "belgique", "deutschland", "россия", "казахстан",
    "беларусь", "украина", "кыргызстан", "узбекистан", "таджикистан",
];

/// Capitals and large cities (lower case): places a report names without saying "the city of".
pub const CITIES: &[&str] = &[
    "kabul", "tirana", "algiers", "luanda", "buenos aires", "yerevan", "sydney", "melbourne",
    "canberra", "vienna", "baku", "manama", "dhaka", "chittagong", "minsk", "brussels",
    "la paz", "sarajevo", "gaborone", "brasilia", "são paulo", "sao paulo", "rio de janeiro",
    "sofia", "ouagadougou", "phnom penh", "yaoundé", "toronto", "montreal", "ottawa",
    "vancouver", "santiago", "beijing", "shanghai", "guangzhou", "shenzhen", "wuhan", "bogotá",
    "bogota", "medellín", "medellin", "cali", "kinshasa", "san josé", "zagreb", "havana",
    "nicosia", "prague", "copenhagen", "quito", "cairo", "alexandria", "san salvador",
    "asmara", "tallinn", "addis ababa", "helsinki", "paris", "marseille", "lyon", "libreville",
    "tbilisi", "batumi", "kutaisi", "berlin", "hamburg", "munich", "frankfurt", "accra",
    "athens", "guatemala city", "conakry", "port-au-prince", "tegucigalpa", "budapest",
    "reykjavik", "new delhi", "delhi", "mumbai", "kolkata", "chennai", "bangalore", "jakarta",
    "tehran", "isfahan", "tabriz", "mashhad", "shiraz", "baghdad", "basra", "dublin",
    "jerusalem", "tel aviv", "rome", "milan", "naples", "kingston", "tokyo", "osaka", "amman",
    "astana", "almaty", "shymkent", "karaganda", "aktobe", "atyrau", "nur-sultan", "nairobi",
    "mombasa", "pristina", "kuwait city", "bishkek", "osh", "vientiane", "riga", "beirut",
    "maseru", "monrovia", "tripoli", "benghazi", "vilnius", "antananarivo", "lilongwe",
    "kuala lumpur", "bamako", "valletta", "nouakchott", "mexico city", "guadalajara",
    "monterrey", "chisinau", "ulaanbaatar", "podgorica", "rabat", "casablanca", "maputo",
    "yangon", "naypyidaw", "mandalay", "windhoek", "kathmandu", "amsterdam", "the hague",
    "rotterdam", "wellington", "auckland", "managua", "niamey", "abuja", "lagos", "skopje",
    "oslo", "muscat", "islamabad", "karachi", "lahore", "ramallah", "panama city",
    "asunción", "asuncion", "lima", "manila", "quezon city", "warsaw", "lisbon", "doha",
    "bucharest", "moscow", "saint petersburg", "st petersburg", "novosibirsk", "yekaterinburg",
    "kazan", "kigali", "riyadh", "jeddah", "dakar", "belgrade", "freetown", "bratislava",
    "ljubljana", "mogadishu", "johannesburg", "cape town", "pretoria", "durban", "seoul",
    "juba", "madrid", "barcelona", "colombo", "khartoum", "stockholm", "geneva", "zurich",
    "bern", "damascus", "aleppo", "taipei", "dushanbe", "dar es salaam", "dodoma", "bangkok",
    "lomé", "tunis", "ankara", "istanbul", "izmir", "diyarbakir", "ashgabat", "kampala", "kyiv",
    "kiev", "kharkiv", "odesa", "odessa", "lviv", "abu dhabi", "dubai", "london",
    "manchester", "birmingham", "glasgow", "edinburgh", "washington", "new york", "los angeles",
    "chicago", "montevideo", "tashkent", "samarkand", "caracas", "hanoi", "ho chi minh city",
    "sanaa", "lusaka", "harare", "bulawayo", "hong kong", "macau", "brussels", "strasbourg",
    "the hague", "luxembourg", "москва", "минск", "алматы", "астана", "киев", "ташкент", "бишкек",
];

/// Adjectives of nationality and language: capitalised, but neither names nor places.
pub const DEMONYMS: &[&str] = &[
    "kazakh", "kazakhstani", "russian", "belarusian", "ukrainian", "georgian", "armenian",
    "azerbaijani", "uzbek", "kyrgyz", "tajik", "turkmen", "turkish", "kurdish", "iranian",
    "persian", "iraqi", "syrian", "egyptian", "chinese", "cambodian", "khmer", "vietnamese",
    "thai", "burmese", "filipino", "indonesian", "malaysian", "indian", "pakistani",
    "bangladeshi", "nepali", "sri lankan", "american", "canadian", "mexican", "colombian",
    "guatemalan", "honduran", "brazilian", "argentine", "chilean", "peruvian", "venezuelan",
    "cuban", "nicaraguan", "british", "english", "french", "german", "italian", "spanish",
    "polish", "european", "african", "asian", "soviet", "post-soviet", "arab", "arabic",
    "zimbabwean", "nigerian", "kenyan", "ethiopian", "south african", "korean", "japanese",
    "hong konger", "western", "eastern", "northern", "southern", "central", "latin",
    "islamic", "muslim", "christian", "jewish", "orthodox", "catholic",
];

/// Currency words, symbols and codes, mapped to ISO 4217.
pub fn currency(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    Some(match w.as_str() {
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
        _ => return None,
    })
}

/// Frequent English words that start sentences or headlines capitalised but are never a name
/// on their own. Kept to words a report's prose uses; proper names never appear here.
pub const COMMON_WORDS: &[&str] = &[
    "a", "about", "above", "according", "across", "act", "action", "actions", "activist",
    "activists", "additionally", "after", "afterwards", "again", "against", "ago", "all",
    "almost", "already", "also", "although", "always", "among", "amid", "an", "and", "annual",
    "another", "any", "anyone", "appeal", "april", "are", "around", "arrest", "arrested",
    "arrests", "article", "as", "at", "august", "authorities", "back", "based", "because",
    "been", "before", "being", "below", "besides", "between", "both", "bottom", "breaking",
    "but", "by", "call", "calls", "can", "case", "cases", "central", "charges", "citizens",
    "civil", "click", "comment", "comments", "contact", "copyright", "could", "country",
    "court", "criminal", "current", "daily", "date", "day", "days", "december", "declaration",
    "despite", "did", "disclaimer", "do", "document", "does", "down", "due", "during", "each",
    "earlier", "early", "economic", "editor", "eight", "eleven", "email", "employees", "end",
    "english", "even", "events", "every", "everyone", "except", "fair", "february", "few",
    "fifteen", "finally", "find", "first", "five", "follow", "following", "for", "former",
    "four", "free", "freedom", "friday", "from", "further", "furthermore", "general", "get",
    "given", "global", "government", "governments", "had", "has", "have", "having", "he",
    "headline", "her", "here", "hers", "high", "him", "his", "home", "how", "however", "human",
    "i", "if", "immediately", "important", "in", "including", "independent", "information",
    "initially", "instead", "international", "into", "is", "it", "its", "january", "joint",
    "july", "june", "just", "labour", "labor", "last", "late", "later", "latest", "law",
    "laws", "leader", "leaders", "least", "legal", "less", "let", "like", "many", "march",
    "may", "meanwhile", "meaningful", "members", "might", "monday", "more", "moreover", "most",
    "mr", "mrs", "ms", "much", "must", "my", "national", "nearly", "neither", "never", "new",
    "news", "next", "nine", "no", "none", "nor", "not", "note", "notice", "november", "now",
    "october", "of", "off", "official", "on", "once", "one", "only", "or", "other", "others",
    "our", "out", "over", "page", "part", "people", "per", "photo", "police", "political",
    "posted", "president", "press", "previously", "prior", "print", "private", "public",
    "published", "read", "recently", "region", "related", "release", "report", "reportedly",
    "reports", "republic", "research", "right", "rights", "saturday", "said", "says",
    "security", "see", "september", "seven", "several", "share", "she", "should", "similarly",
    "since", "six", "skip", "so", "social", "some", "source", "sources", "state", "statement",
    "still", "strike", "such", "sunday", "support", "tags", "ten", "than", "thanks", "that",
    "the", "their", "them", "then", "there", "therefore", "these", "they", "third", "this",
    "those", "though", "three", "through", "thursday", "thus", "to", "today", "together",
    "too", "top", "trade", "trades", "tuesday", "twelve", "two", "under", "unions", "union",
    "unless", "until", "up", "update", "updated", "upon", "us", "very", "via", "was", "we",
    "wednesday", "week", "were", "what", "when", "where", "whereas", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "workers",
    "world", "would", "year", "years", "yes", "yesterday", "yet", "you", "your", "jump",
    "main", "content", "logotype", "logo", "menu", "search", "home", "subscribe", "sign",
    "donate", "watch", "listen", "video", "audio", "region", "country", "topics", "topic",
    "tax", "deductible", "gift", "help", "stop", "save", "around", "world", "fine", "print",
    "further", "meetings", "solutions", "social", "dialogue", "sanctions", "scrutiny",
    "statement", "workers'", "oil", "gas", "dear", "sincerely", "regards", "background",
    "summary", "conclusion", "recommendations", "introduction", "overview", "timeline",
    "chronology", "update", "urgent", "alert", "appeal", "action", "letter", "open", "joint",
    "signatories", "signed", "signatures", "sign", "petition", "campaign", "campaigns",
    "violent", "peaceful", "unjust", "unjustly", "detained", "jailed", "sentenced", "convicted",
    "charged", "accused", "released", "banned", "fined", "another", "among", "whose",
    "supporters", "protesters", "demonstrators", "strikers", "participants", "hundreds",
    "thousands", "dozens", "tens", "millions", "organizations", "organisations", "governments",
    "officials", "prosecutors", "judges", "lawyers", "journalists", "defenders", "young",
    "old", "poverty", "reduction", "meaningful", "sentences", "prisoners", "prison", "jail",
    "detention", "custody", "torture", "repression", "crackdown", "harassment", "persecution",
    "intimidation", "surveillance", "retaliation", "dissolution", "liquidation", "closure",
    "registration", "ban", "fines", "damages", "compensation", "pardon", "trial",
    "hearing", "verdict", "conviction", "sentence", "charge", "investigation", "complaint",
    "kazakh", "anarchists", "communists", "socialists", "liberals", "conservatives", "nationalists",
    "i", "ii", "iii", "iv", "v", "end", "fuel", "energy", "industry", "steel", "mining", "construction",
];

/// A word list as a hash set, built once on first use.
struct WordSet {
    cell: OnceLock<HashSet<&'static str>>,
    words: &'static [&'static str],
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> Self {
        WordSet { cell: OnceLock::new(), words }
    }
    fn contains(&self, w: &str) -> bool {
        self.cell.get_or_init(|| self.words.iter().copied().collect()).contains(w)
    }
}

static COMMON: WordSet = WordSet::new(COMMON_WORDS);
static TITLE_SET: WordSet = WordSet::new(TITLES);
static ORG_HEAD_SET: WordSet = WordSet::new(ORG_HEADS);
static DEMONYM_SET: WordSet = WordSet::new(DEMONYMS);
static COUNTRY_SET: WordSet = WordSet::new(COUNTRIES);
static CITY_SET: WordSet = WordSet::new(CITIES);
static GIVEN_SET: WordSet = WordSet::new(GIVEN_NAMES);

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

pub fn is_known_place(lower: &str) -> bool {
    COUNTRY_SET.contains(lower) || CITY_SET.contains(lower)
}

pub fn is_given_name(lower: &str) -> bool {
    GIVEN_SET.contains(lower)
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

/// Currency codes and other all-capital tokens that are never organisations.
pub const NON_ENTITY_ACRONYMS: &[&str] = &[
    "USD", "EUR", "GBP", "KZT", "RUB", "BYN", "UAH", "GEL", "TRY", "KHR", "IRR", "COP", "BDT",
    "INR", "CNY", "HKD", "EGP", "NGN", "PHP", "KGS", "UZS", "AMD", "AZN", "GTQ", "MXN", "BRL",
    "JPY", "CHF", "PDF", "URL", "FAQ", "CEO", "CFO", "NB", "PS", "AM", "PM", "TV", "OK", "ID",
    "USC", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "HTML", "RSS", "COVID",
    "SMS", "GPS", "DNA", "GDP", "VAT", "AIDS", "HIV", "LGBT", "LGBTI", "LGBTQ", "CV", "ISBN",
];

/// Given names common across the regions reports cover; a first word found here makes a
/// capitalised pair a person's name.
pub const GIVEN_NAMES: &[&str] = &[
    // Central Asian, Turkic, Caucasian
    "abai", "abdulla", "adil", "aidos", "aigerim", "ainur", "akmaral", "aliya", "almas",
    "altynbek", "amangeldy", "amin", "anar", "arman", "asel", "askar", "aslan", "assel", "aziz",
    "azamat", "bakhyt", "baurzhan", "bolat", "dana", "daniyar", "dauren", "dinara", "erlan",
    "yerlan", "ermek", "gulnara", "gulmira", "kairat", "kanat", "karlygash", "marat", "medet",
    "mukhtar", "nurlan", "nurbek", "nursultan", "nurzhan", "olzhas", "ruslan", "rustam",
    "sania", "saule", "serik", "talgat", "timur", "tolegen", "yerzhan", "zhanna", "zhanbolat",
    "shabdal", "rozlana", "kassym-jomart", "akezhan", "mukhtar", "kasym", "beibut", "yesenbek",
    "mehmet", "ahmet", "mustafa", "ayse", "fatma", "emine", "selahattin", "can", "kemal",
    "emre", "murat", "ali", "hasan", "huseyin", "ibrahim", "ozgur", "serkan", "burak", "elif",
    "zeynep", "deniz", "cem", "baris", "kadir", "osman", "yusuf", "nurcan", "gulsen",
    "levan", "giorgi", "nino", "tamar", "davit", "zurab", "armen", "ashot", "anahit",
    "ilham", "leyla", "emin", "rauf", "tofig", "zhanar",
    // Slavic
    "aleksandr", "alexander", "alexandr", "aleksei", "alexei", "alexey", "anastasia", "anatoly",
    "andrei", "andrey", "anna", "anton", "artem", "boris", "dmitry", "dmitri", "ekaterina",
    "yekaterina", "elena", "yelena", "evgeny", "yevgeny", "galina", "igor", "ilya", "irina",
    "ivan", "larisa", "lyudmila", "maria", "maksim", "maxim", "max", "mikhail", "natalia",
    "natalya", "nikolai", "oleg", "olga", "pavel", "roman", "sergei", "sergey", "svetlana",
    "tatiana", "tatyana", "valentina", "vasily", "viktor", "victor", "vladimir", "yulia",
    "yuri", "yury", "ales", "maryia", "maria", "siarhei", "aliaksandr", "uladzimir", "volha",
    "taras", "oksana", "mykola", "olena", "petro", "bohdan", "andriy", "vitaly", "valery",
    "gennady", "konstantin", "lev", "leonid", "nadezhda", "vera", "zoya", "polina", "daria",
    // Middle East, South Asia
    "ahmed", "ahmad", "ali", "hassan", "hossein", "hussein", "mohammad", "mohammed",
    "muhammad", "mahmoud", "reza", "narges", "nasrin", "sepideh", "esmail", "jafar", "karim",
    "khaled", "omar", "samir", "sara", "fatima", "zahra", "maryam", "alaa", "abdullah",
    "yusuf", "ibrahim", "ismail", "amir", "nasser", "rashid", "tariq", "walid", "salma",
    "rahul", "amit", "sanjay", "priya", "sunita", "kalpona", "shahidul", "nazma", "rina",
    "mizanur", "aminul", "babul", "jamal", "rafiq", "shirin", "anwar", "nurul",
    // East and South-East Asia
    "akiko", "hiroshi", "kenji", "yuki", "wei", "li", "chen", "ming", "lee", "joshua",
    "agnes", "jimmy", "sophal", "sokha", "kem", "chea", "rong", "vorn", "pov", "sam", "ath",
    "thorn", "nguyen", "thi", "van", "maria", "jose", "juan", "rodrigo", "leila",
    // Europe, Americas, Africa
    "adam", "alan", "albert", "alice", "andrew", "ann", "anne", "arthur", "barbara", "ben",
    "carlos", "catherine", "charles", "christian", "christine", "daniel", "david", "diana",
    "edward", "elizabeth", "emma", "eric", "eva", "francisco", "frank", "gabriel", "george",
    "guy", "hans", "helen", "henry", "hugo", "jack", "james", "jan", "jane", "jean", "jens",
    "john", "jorge", "joseph", "julia", "karl", "laura", "lisa", "louis", "lucia", "luis",
    "manuel", "marco", "mark", "martin", "mary", "michael", "michel", "miguel", "nicolas",
    "patrick", "paul", "pedro", "peter", "philip", "pierre", "rafael", "richard", "robert",
    "ruth", "sarah", "sharan", "simon", "sophie", "stefan", "stephen", "steven", "susan",
    "thomas", "valter", "walter", "william", "ana", "beatriz", "camila", "diego", "fernando",
    "gustavo", "javier", "luz", "marta", "pablo", "ricardo", "sergio", "tomas", "mihra",
    "maina", "chiwenga", "tendai", "obert", "japhet", "peter", "blessing", "grace", "joyce",
    "kofi", "amina", "chinedu", "emeka", "ngozi", "wanjiru", "david", "sipho", "thabo",
];

/// Endings that mark a word as a surname in the languages reports in this genre cover.
pub const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "sky", "skiy", "skaya", "ski",
    "ska", "enko", "uk", "yuk", "chuk", "vich", "vych", "yan", "ian", "dze", "shvili", "uly",
    "kyzy", "uli", "bay", "bayev", "bek", "bekov", "zhanov", "oglu", "oğlu", "ova", "zade",
    "pour", "ez", "sen", "berg", "mann", "stein", "escu", "ović", "ovic", "evic", "ić",
];
