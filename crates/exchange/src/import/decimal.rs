//! Exact decimals for mapping arithmetic and currency conversion: no binary floating
//! point touches an amount.

/// An exact decimal: mantissa × 10^-scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal {
    mant: i128,
    scale: u32,
}

impl Decimal {
    pub(super) const ZERO: Decimal = Decimal { mant: 0, scale: 0 };
    pub(super) const ONE: Decimal = Decimal { mant: 1, scale: 0 };

    /// Parses `-12.345`; at most 18 digits.
    pub(crate) fn parse(s: &str) -> Option<Decimal> {
        let s = s.trim();
        let (neg, body) = s.strip_prefix('-').map_or((false, s.strip_prefix('+').unwrap_or(s)), |b| (true, b));
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if (int.is_empty() && frac.is_empty()) || int.len() + frac.len() > 18 {
            return None;
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = format!("{int}{frac}");
        let mant: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
        Some(Decimal { mant: if neg { -mant } else { mant }, scale: u32::try_from(frac.len()).ok()? })
    }

    pub(super) fn add(self, o: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(o.scale);
        let a = self.mant.checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = o.mant.checked_mul(10i128.checked_pow(scale - o.scale)?)?;
        Some(Decimal { mant: a.checked_add(b)?, scale }).filter(|d| d.mant.abs() < 10i128.pow(30))
    }

    pub(super) fn mul(self, o: Decimal) -> Option<Decimal> {
        Some(Decimal { mant: self.mant.checked_mul(o.mant)?, scale: self.scale + o.scale })
            .filter(|d| d.mant.abs() < 10i128.pow(30) && d.scale <= 30)
    }

    pub(super) fn whole(self) -> Option<i128> {
        let p = 10i128.checked_pow(self.scale)?;
        (self.mant % p == 0).then_some(self.mant / p)
    }
}

impl Decimal {
    /// Whether it is above zero.
    pub(super) fn is_positive(self) -> bool {
        self.mant > 0
    }

    /// Decimals after the point as written.
    pub(super) fn scale(self) -> u32 {
        self.scale
    }

    /// Rounded half to even to `digits` decimals, as a whole number of those units (the
    /// minor units of a currency with `digits` decimals).
    pub(super) fn minor_units(self, digits: u32) -> Option<i64> {
        let mant = if self.scale <= digits {
            self.mant.checked_mul(10i128.checked_pow(digits - self.scale)?)?
        } else {
            let p = 10i128.checked_pow(self.scale - digits)?;
            let (q, r) = (self.mant.div_euclid(p), self.mant.rem_euclid(p));
            let up = match (2 * r).cmp(&p) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Equal => q % 2 != 0,
                std::cmp::Ordering::Less => false,
            };
            if up { q + 1 } else { q }
        };
        i64::try_from(mant).ok()
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.mant < 0 { "-" } else { "" };
        let digits = self.mant.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (i, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{i}.{frac}")
    }
}
