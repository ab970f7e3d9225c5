//! Disagreements between the sources of one event, field by field, bound-aware: "more
//! than 700" and "around 600" disagree, "at least 16" and "17" do not, and a month agrees
//! with any day inside it.

use crate::model::*;

/// The closed range of true values a count allows. "About" allows ten per cent either way.
pub fn count_range(c: &Count) -> (f64, f64) {
    let v = c.value as f64;
    match c.bound {
        Bound::Exact => (v, v),
        Bound::About => (v * 0.9, v * 1.1),
        Bound::AtLeast => (v, f64::INFINITY),
        Bound::MoreThan => (v + 1.0, f64::INFINITY),
        Bound::AtMost => (0.0, v),
        Bound::FewerThan => (0.0, (v - 1.0).max(0.0)),
    }
}

pub fn counts_agree(a: &Count, b: &Count) -> bool {
    let (a0, a1) = count_range(a);
    let (b0, b1) = count_range(b);
    a0 <= b1 && b0 <= a1
}

fn amount_range(a: &Amount) -> Option<(f64, f64)> {
    match (a.value, a.min, a.max) {
        (Some(v), _, _) => Some((v, v)),
        (None, Some(lo), Some(hi)) => Some((lo, hi)),
        _ => None,
    }
}

pub fn amounts_agree(a: &Amount, b: &Amount) -> bool {
    if !a.currency.eq_ignore_ascii_case(&b.currency) {
        // Different currencies cannot be compared without a rate; not flagged.
        return true;
    }
    match (amount_range(a), amount_range(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 * 1.01 && b0 <= a1 * 1.01,
        _ => true,
    }
}

pub fn terms_agree(a: &Term, b: &Term) -> bool {
    let (x, y) = (a.approx_days() as f64, b.approx_days() as f64);
    (x - y).abs() <= 0.05 * x.max(y)
}

fn value_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// Builds one conflict for a field when some two of its sources' values disagree.
///
/// Compared over the distinct values, each with the claims that give it: an event told by
/// thousands of reports gives far fewer distinct values, so the cost is the number of claims
/// times the distinct values, not the square of the claims. (Every `agree` is symmetric, so
/// comparing each pair of distinct values once, and a value given twice with itself, is
/// comparing every pair of claims.)
fn field_conflict<T: Clone + PartialEq>(
    event: usize,
    field: ConflictField,
    sources: &[Claim],
    get: impl Fn(&Claim) -> Option<T>,
    agree: impl Fn(&T, &T) -> bool,
    render: impl Fn(&T) -> serde_json::Value,
) -> Option<Conflict> {
    let mut distinct: Vec<(T, Vec<usize>)> = Vec::new();
    for (i, c) in sources.iter().enumerate() {
        if let Some(v) = get(c) {
            match distinct.iter_mut().find(|(x, _)| *x == v) {
                Some((_, claims)) => claims.push(i),
                None => distinct.push((v, vec![i])),
            }
        }
    }
    let disagree = distinct.iter().enumerate().any(|(i, (a, given))| {
        (given.len() >= 2 && !agree(a, a)) || distinct[i + 1..].iter().any(|(b, _)| !agree(a, b))
    });
    if !disagree {
        return None;
    }
    // Only values that disagree with some other value are shown: "January" beside "20
    // January" and "21 January" takes no side.
    let mut of_claim: Vec<Option<usize>> = vec![None; sources.len()];
    for (k, (v, given)) in distinct.iter().enumerate() {
        if distinct.iter().any(|(o, _)| !agree(v, o)) {
            for &ci in given {
                of_claim[ci] = Some(k);
            }
        }
    }
    // Values are told apart as rendered; each distinct value is rendered and placed once.
    let mut slot_of: Vec<Option<usize>> = vec![None; distinct.len()];
    let mut values: Vec<ConflictValue> = Vec::new();
    let mut docs_of: Vec<std::collections::HashSet<u64>> = Vec::new();
    for (ci, k) in of_claim.iter().enumerate() {
        let Some(k) = *k else { continue };
        let slot = match slot_of[k] {
            Some(slot) => slot,
            None => {
                let json = render(&distinct[k].0);
                let slot = match values.iter().position(|x| x.value == json) {
                    Some(slot) => slot,
                    None => {
                        values.push(ConflictValue { value: json, docs: Vec::new(), claims: Vec::new() });
                        docs_of.push(std::collections::HashSet::new());
                        values.len() - 1
                    }
                };
                slot_of[k] = Some(slot);
                slot
            }
        };
        let doc = sources[ci].doc;
        if docs_of[slot].insert(doc) {
            values[slot].docs.push(doc);
        }
        values[slot].claims.push(ci);
    }
    Some(Conflict { event, field, values })
}

/// Every disagreement in the record.
pub fn find_conflicts(events: &[Event]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let s = &e.sources;
        if s.len() < 2 {
            continue;
        }
        out.extend(field_conflict(
            i,
            ConflictField::Date,
            s,
            |c| c.date,
            |a, b| a.overlaps(b),
            |d| serde_json::Value::String(d.to_string()),
        ));
        out.extend(field_conflict(i, ConflictField::Count, s, |c| c.count, counts_agree, value_json));
        out.extend(field_conflict(i, ConflictField::Amount, s, |c| c.amount.clone(), amounts_agree, value_json));
        out.extend(field_conflict(
            i,
            ConflictField::Term,
            s,
            |c| c.term,
            terms_agree,
            |t| serde_json::Value::String(t.iso()),
        ));
        out.extend(field_conflict(
            i,
            ConflictField::Place,
            s,
            |c| c.place,
            |a, b| a == b,
            |p| serde_json::Value::from(*p as u64),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(value: u64, bound: Bound) -> Count {
        Count { value, bound }
    }

    #[test]
    fn bound_aware_counts() {
        assert!(counts_agree(&c(16, Bound::AtLeast), &c(17, Bound::Exact)));
        assert!(!counts_agree(&c(700, Bound::MoreThan), &c(600, Bound::About)));
        assert!(counts_agree(&c(100, Bound::About), &c(60, Bound::AtLeast)));
        assert!(!counts_agree(&c(32, Bound::Exact), &c(37, Bound::Exact)));
        assert!(counts_agree(&c(100, Bound::MoreThan), &c(120, Bound::About)));
    }

    #[test]
    fn amounts_and_terms() {
        let a = |min: f64, max: f64| Amount {
            value: None,
            min: Some(min),
            max: Some(max),
            currency: "KZT".into(),
            usd: None,
        };
        assert!(!amounts_agree(&a(45_000.0, 113_500.0), &a(489_000.0, 1_220_000.0)));
        assert!(amounts_agree(&a(45_000.0, 113_500.0), &a(100_000.0, 200_000.0)));
        let t = |years, months| Term { years, months, days: 0 };
        assert!(terms_agree(&t(2, 6), &t(0, 30)));
        assert!(!terms_agree(&t(3, 6), &t(4, 0)));
    }
}

/// Approximate yearly average exchange rates, units of the currency per US dollar, rounded
/// from the annual averages central banks and the IMF publish. They only need to tell a
/// stated equivalent that is off by more than a factor of two.
const USD_RATES: &[(&str, [(i32, f64); 9])] = &[
    (
        "KZT",
        [
            (2015, 222.0),
            (2016, 342.0),
            (2017, 326.0),
            (2018, 345.0),
            (2019, 383.0),
            (2020, 413.0),
            (2021, 426.0),
            (2022, 460.0),
            (2023, 457.0),
        ],
    ),
    (
        "RUB",
        [
            (2015, 61.0),
            (2016, 67.0),
            (2017, 58.3),
            (2018, 62.7),
            (2019, 64.7),
            (2020, 72.1),
            (2021, 73.7),
            (2022, 68.5),
            (2023, 85.2),
        ],
    ),
    (
        "BYN",
        [
            (2015, 1.59),
            (2016, 1.99),
            (2017, 1.93),
            (2018, 2.04),
            (2019, 2.09),
            (2020, 2.44),
            (2021, 2.54),
            (2022, 2.60),
            (2023, 2.98),
        ],
    ),
    (
        "UAH",
        [
            (2015, 21.8),
            (2016, 25.6),
            (2017, 26.6),
            (2018, 27.2),
            (2019, 25.8),
            (2020, 27.0),
            (2021, 27.3),
            (2022, 32.3),
            (2023, 36.6),
        ],
    ),
    (
        "EUR",
        [
            (2015, 0.90),
            (2016, 0.90),
            (2017, 0.89),
            (2018, 0.85),
            (2019, 0.89),
            (2020, 0.88),
            (2021, 0.85),
            (2022, 0.95),
            (2023, 0.92),
        ],
    ),
    (
        "GBP",
        [
            (2015, 0.65),
            (2016, 0.74),
            (2017, 0.78),
            (2018, 0.75),
            (2019, 0.78),
            (2020, 0.78),
            (2021, 0.73),
            (2022, 0.81),
            (2023, 0.80),
        ],
    ),
    (
        "TRY",
        [
            (2015, 2.72),
            (2016, 3.02),
            (2017, 3.65),
            (2018, 4.83),
            (2019, 5.67),
            (2020, 7.01),
            (2021, 8.85),
            (2022, 16.5),
            (2023, 23.8),
        ],
    ),
    (
        "KHR",
        [
            (2015, 4068.0),
            (2016, 4058.0),
            (2017, 4051.0),
            (2018, 4051.0),
            (2019, 4062.0),
            (2020, 4092.0),
            (2021, 4098.0),
            (2022, 4102.0),
            (2023, 4111.0),
        ],
    ),
    (
        "BDT",
        [
            (2015, 77.9),
            (2016, 78.5),
            (2017, 80.4),
            (2018, 83.5),
            (2019, 84.5),
            (2020, 84.9),
            (2021, 85.1),
            (2022, 91.7),
            (2023, 108.0),
        ],
    ),
    (
        "GEL",
        [
            (2015, 2.27),
            (2016, 2.37),
            (2017, 2.51),
            (2018, 2.53),
            (2019, 2.82),
            (2020, 3.11),
            (2021, 3.22),
            (2022, 2.92),
            (2023, 2.63),
        ],
    ),
    (
        "INR",
        [
            (2015, 64.2),
            (2016, 67.2),
            (2017, 65.1),
            (2018, 68.4),
            (2019, 70.4),
            (2020, 74.1),
            (2021, 73.9),
            (2022, 78.6),
            (2023, 82.6),
        ],
    ),
];

/// Units of `currency` per US dollar in `year` (the nearest year the table has).
pub fn usd_rate(currency: &str, year: i32) -> Option<f64> {
    let (_, rates) = USD_RATES.iter().find(|(c, _)| c.eq_ignore_ascii_case(currency))?;
    rates.iter().min_by_key(|(y, _)| (y - year).abs()).map(|(_, r)| *r)
}

/// A passage that contradicts itself: a sum whose stated dollar equivalent is off by more
/// than a factor of two at that year's rate.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Inconsistency {
    /// Index into [`Record::events`].
    pub event: usize,
    /// Index into the event's `sources`.
    pub claim: usize,
    pub amount: f64,
    pub currency: String,
    pub stated_usd: f64,
    pub expected_usd: f64,
    pub rate_year: i32,
}

/// Every amount whose stated equivalent disagrees with itself.
pub fn inconsistencies(record: &Record) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    for (i, e) in record.events.iter().enumerate() {
        for (k, c) in e.sources.iter().enumerate() {
            let Some(a) = &c.amount else { continue };
            let (Some(usd), Some(value)) = (a.usd, a.value.or(a.min)) else { continue };
            let Some(year) = c.date.or(e.date).map(|d| d.start.year) else { continue };
            let Some(rate) = usd_rate(&a.currency, year) else { continue };
            let expected = value / rate;
            if usd > 0.0 && (expected / usd > 2.0 || usd / expected > 2.0) {
                out.push(Inconsistency {
                    event: i,
                    claim: k,
                    amount: value,
                    currency: a.currency.clone(),
                    stated_usd: usd,
                    expected_usd: expected.round(),
                    rate_year: year,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod inconsistency_tests {
    use super::*;

    #[test]
    fn an_equivalent_off_by_more_than_double_is_flagged() {
        let claim = |value: f64, usd: f64| Claim {
            doc: 1,
            span: Span::new(0, 1),
            quote: "x".into(),
            date: crate::date::Edtf::parse("2017-01"),
            place: None,
            count: None,
            term: None,
            amount: Some(Amount { value: Some(value), min: None, max: None, currency: "KZT".into(), usd: Some(usd) }),
        };
        let event = Event {
            kind: EventType::Fine,
            date: None,
            place: None,
            participants: vec![],
            count: None,
            term: None,
            amount: None,
            legal: vec![],
            sources: vec![claim(45_000.0, 135.0), claim(489_000.0, 140.0)],
        };
        let r = Record { entities: vec![], events: vec![event], conflicts: vec![] };
        let found = inconsistencies(&r);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].claim, 1);
    }
}
