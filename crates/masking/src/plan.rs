//! Numbering plans, from the `phonenumber` crate's libphonenumber metadata, compiled for speed.
//!
//! The crate keeps its metadata patterns in a shared cache of 100 compiled regexes behind a
//! mutex. Trying one candidate against several countries (as national numbers require) touches
//! more patterns than that, so every call recompiled regexes: tens of microseconds per number.
//! Here each country's patterns are compiled once, on first use, and matched without a lock.
//! The data and the rules are the crate's: a number is valid when the general pattern and one
//! number type's pattern match it from its first digit and its length is possible for that
//! type, exactly as `phonenumber::is_valid` decides (a test holds the two to agreeing).

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use phonenumber::metadata::{Descriptor, Metadata, DATABASE};
use regex::{Regex, RegexBuilder};

/// Every country's plan, loaded on first use (loading the crate's database takes ~0.1 s).
pub static PLANS: LazyLock<Plans> = LazyLock::new(Plans::load);

/// All numbering plans, by region and by country calling code.
pub struct Plans {
    metadata: Vec<&'static Metadata>,
    compiled: Vec<OnceLock<Plan>>,
    by_region: HashMap<&'static str, usize>,
    /// Regions sharing a calling code, the code's main region first, indexed by the code
    /// (codes have at most three digits; unused codes have none). Looked up for every
    /// candidate number, so a plain index rather than a hash.
    by_code: Vec<Vec<usize>>,
}

/// One region's plan, compiled.
pub struct Plan {
    general: Option<Regex>,
    /// Every number type's pattern. Matched one by one, and only for the types whose lengths
    /// allow the number's: cheaper than a set matching them all (which also allocates).
    types: Vec<Regex>,
    /// Each type's possible lengths (empty: any), by the type's index in `types`.
    type_lengths: Vec<Vec<u16>>,
    /// Leading digits that pick this region among those sharing its calling code.
    leading: Option<Regex>,
    /// Possible national-number lengths over all types.
    pub lengths: Vec<u16>,
    /// Does some type allow any length (it lists none)?
    any_length: bool,
    /// The trunk prefix dialled before national numbers (`0`, `1` for North America).
    pub national_prefix: Option<&'static str>,
    /// Formatting rules: leading digits and the pattern whose groups a number is written in.
    /// Compiled on first use: only numbers outside the validity patterns need them.
    formats: OnceLock<Vec<(Option<Regex>, Regex)>>,
    metadata: &'static Metadata,
}

/// Anchors a metadata pattern at the number's start, and at its end too when asked.
fn anchored(source: &str, anchor_end: bool) -> String {
    if anchor_end {
        format!("^(?:{source})$")
    } else {
        format!("^(?:{source})")
    }
}

fn compile(source: &str, anchor_end: bool) -> Regex {
    let pattern = anchored(source, anchor_end);
    // Numbers are ASCII digits by now: ASCII `\d` makes far smaller automata than Unicode's,
    // which is most of the compile time.
    RegexBuilder::new(&pattern)
        .ignore_whitespace(true)
        .unicode(false)
        .build()
        .expect("libphonenumber metadata patterns compile")
}

fn descriptors(meta: &Metadata) -> impl Iterator<Item = &Descriptor> {
    let d = meta.descriptors();
    [
        d.mobile(),
        d.fixed_line(),
        d.voip(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.pager(),
        d.uan(),
        d.voicemail(),
    ]
    .into_iter()
    .flatten()
}

impl Plan {
    fn compile(meta: &'static Metadata) -> Plan {
        let general_source = meta.descriptors().general().national_number().as_str();
        let types =
            descriptors(meta).map(|d| compile(d.national_number().as_str(), false)).collect();
        let type_lengths: Vec<Vec<u16>> =
            descriptors(meta).map(|d| d.possible_length().to_vec()).collect();
        let any_length = type_lengths.iter().any(Vec::is_empty);
        let mut lengths: Vec<u16> = type_lengths.iter().flatten().copied().collect();
        lengths.sort_unstable();
        lengths.dedup();
        Plan {
            general: (!general_source.trim().is_empty()).then(|| compile(general_source, false)),
            types,
            type_lengths,
            leading: meta.leading_digits().map(|ld| compile(ld.as_str(), false)),
            lengths,
            any_length,
            national_prefix: meta.national_prefix(),
            formats: OnceLock::new(),
            metadata: meta,
        }
    }

    /// Is `nsn` (national significant number) a valid number of this plan?
    pub fn is_valid(&self, nsn: &str) -> bool {
        let len = nsn.len() as u16;
        // A length no type allows fails below whatever the patterns say: skip them.
        if !self.any_length && !self.lengths.contains(&len) {
            return false;
        }
        self.general.as_ref().is_none_or(|g| g.is_match(nsn))
            && self.types.iter().zip(&self.type_lengths).any(|(pattern, lens)| {
                (lens.is_empty() || lens.contains(&len)) && pattern.is_match(nsn)
            })
    }

    /// The digit-group lengths this plan writes `nsn` in (`[1, 2, 2, 2, 2]` in France).
    pub fn grouping(&self, nsn: &str) -> Option<Vec<usize>> {
        let formats = self.formats.get_or_init(|| {
            let compile_format = |f: &phonenumber::metadata::Format| {
                let leading = f.leading_digits().last().map(|ld| compile(ld.as_str(), false));
                (leading, compile(f.pattern().as_str(), true))
            };
            self.metadata.formats().iter().map(compile_format).collect()
        });
        let (_, pattern) = formats.iter().find(|(leading, pattern)| {
            leading.as_ref().is_none_or(|l| l.is_match(nsn)) && pattern.is_match(nsn)
        })?;
        let caps = pattern.captures(nsn)?;
        Some(caps.iter().skip(1).flatten().map(|m| m.len()).collect())
    }
}

impl Plans {
    fn load() -> Plans {
        let metadata: Vec<&'static Metadata> = DATABASE.iter().collect();
        let by_region = metadata.iter().enumerate().map(|(i, m)| (m.id(), i)).collect();
        let codes = metadata.iter().map(|m| usize::from(m.country_code())).max().unwrap_or(0);
        let mut by_code: Vec<Vec<usize>> = vec![Vec::new(); codes + 1];
        for m in &metadata {
            let regions = &mut by_code[usize::from(m.country_code())];
            if regions.is_empty() {
                // In the database's order, as `phonenumber` walks them.
                let ids = DATABASE.region(&m.country_code()).unwrap_or_default();
                let index_of = |id: &str| metadata.iter().position(|m| m.id() == id);
                *regions = ids.into_iter().filter_map(index_of).collect();
            }
        }
        let compiled = metadata.iter().map(|_| OnceLock::new()).collect();
        Plans { metadata, compiled, by_region, by_code }
    }

    fn plan(&self, index: usize) -> &Plan {
        self.compiled[index].get_or_init(|| Plan::compile(self.metadata[index]))
    }

    /// The regions of a calling code, if it is one.
    fn regions(&self, code: u16) -> Option<&[usize]> {
        self.by_code.get(usize::from(code)).map(Vec::as_slice).filter(|r| !r.is_empty())
    }

    /// The plan of a region (`"FR"`) and its country calling code.
    pub fn region(&self, id: &str) -> Option<(&Plan, u16)> {
        self.by_region.get(id).map(|&i| (self.plan(i), self.metadata[i].country_code()))
    }

    /// Is `nsn` a valid number under calling code `code`? As `phonenumber::is_valid`: among
    /// regions sharing the code, the first whose leading digits match decides; a region
    /// without leading digits takes the number if it is valid there.
    pub fn is_valid(&self, code: u16, nsn: &str) -> bool {
        let Some(regions) = self.regions(code) else { return false };
        if let [only] = regions[..] {
            return self.plan(only).is_valid(nsn);
        }
        for &i in regions {
            let plan = self.plan(i);
            match &plan.leading {
                Some(leading) if leading.is_match(nsn) => return plan.is_valid(nsn),
                Some(_) => {}
                None if plan.is_valid(nsn) => return true,
                None => {}
            }
        }
        false
    }

    /// Reads international digits (country code first, no `+`): `Some(valid)` when the
    /// country code exists and the national number has a possible length for it.
    pub fn international(&self, digits: &str) -> Option<bool> {
        // Calling codes are prefix-free: the first known prefix is the country code.
        let (code, regions, nsn) = (1..=3.min(digits.len())).find_map(|n| {
            let code: u16 = digits[..n].parse().ok()?;
            self.regions(code).map(|regions| (code, regions, &digits[n..]))
        })?;
        let main = self.plan(regions[0]);
        // A trunk prefix typed after the country code ("+44 07911…") is not dialled.
        let trimmed = main.national_prefix.and_then(|p| nsn.strip_prefix(p));
        let mut possible = false;
        for n in std::iter::once(nsn).chain(trimmed) {
            if self.is_valid(code, n) {
                return Some(true);
            }
            possible |= regions.iter().any(|&i| self.plan(i).lengths.contains(&(n.len() as u16)));
        }
        possible.then_some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_agrees_with_the_phonenumber_crate() {
        use phonenumber::country::Id;
        let national = [
            (Id::FR, "0797297926"),
            (Id::FR, "0729638427"),
            (Id::DE, "015171851337"),
            (Id::DE, "020240315"),
            (Id::GB, "07911123456"),
            (Id::FI, "0413214616"),
            (Id::SA, "0555681433"),
            (Id::AE, "0501234567"),
            (Id::EG, "01012345678"),
            (Id::IT, "3347735643"),
            (Id::IT, "0212345678"),
            (Id::US, "2124500276"),
            (Id::US, "1234567890"),
        ];
        for (id, digits) in national {
            let theirs =
                phonenumber::parse(Some(id), digits).is_ok_and(|n| phonenumber::is_valid(&n));
            let (plan, code) = PLANS.region(id.as_ref()).unwrap();
            let nsn = plan.national_prefix.and_then(|p| digits.strip_prefix(p)).unwrap_or(digits);
            assert_eq!(PLANS.is_valid(code, nsn), theirs, "{id:?} {digits}");
        }
    }

    #[test]
    fn validity_agrees_with_the_crate_on_many_numbers() {
        use phonenumber::country::Id;
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for id in [Id::GB, Id::DE, Id::FR, Id::FI, Id::SA, Id::AE, Id::EG, Id::IT] {
            let (plan, code) = PLANS.region(id.as_ref()).unwrap();
            for _ in 0..3000 {
                // Trunk-prefixed national numbers ("00" would be an international prefix).
                let len = 9 + (next() % 4) as usize;
                let digits: String = ['0', char::from(b'1' + (next() % 9) as u8)]
                    .into_iter()
                    .chain((2..len).map(|_| char::from(b'0' + (next() % 10) as u8)))
                    .collect();
                let theirs =
                    phonenumber::parse(Some(id), &digits).is_ok_and(|n| phonenumber::is_valid(&n));
                let nsn =
                    plan.national_prefix.and_then(|p| digits.strip_prefix(p)).unwrap_or(&digits);
                assert_eq!(PLANS.is_valid(code, nsn), theirs, "{id:?} {digits}");
            }
        }
    }

    #[test]
    fn international_numbers() {
        assert_eq!(PLANS.international("447966197542"), Some(true));
        assert_eq!(PLANS.international("4407911123456"), Some(true));
        assert_eq!(PLANS.international("15148776516"), Some(true));
        assert_eq!(PLANS.international("11234567890"), Some(false));
        assert_eq!(PLANS.international("4412"), None);
        assert_eq!(PLANS.international("8091234567"), None);
    }

    #[test]
    fn groupings() {
        let (fr, _) = PLANS.region("FR").unwrap();
        assert_eq!(fr.grouping("729638427"), Some(vec![1, 2, 2, 2, 2]));
    }
}
