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
fn field_conflict<T: Clone + PartialEq>(
    event: usize,
    field: ConflictField,
    sources: &[Claim],
    get: impl Fn(&Claim) -> Option<T>,
    agree: impl Fn(&T, &T) -> bool,
    render: impl Fn(&T) -> serde_json::Value,
) -> Option<Conflict> {
    let vals: Vec<(usize, T)> = sources.iter().enumerate().filter_map(|(i, c)| get(c).map(|v| (i, v))).collect();
    let disagree = vals.iter().enumerate().any(|(i, (_, a))| vals[i + 1..].iter().any(|(_, b)| !agree(a, b)));
    if !disagree {
        return None;
    }
    let mut values: Vec<ConflictValue> = Vec::new();
    for (ci, v) in &vals {
        let json = render(v);
        match values.iter_mut().find(|x| x.value == json) {
            Some(x) => {
                if !x.docs.contains(&sources[*ci].doc) {
                    x.docs.push(sources[*ci].doc);
                }
                x.claims.push(*ci);
            }
            None => values.push(ConflictValue { value: json, docs: vec![sources[*ci].doc], claims: vec![*ci] }),
        }
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
