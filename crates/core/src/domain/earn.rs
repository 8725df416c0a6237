//! Points earned by a stay: base per whole currency unit, tier bonus on base.

use serde::Serialize;

/// Points a stay earns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Earned {
    /// Base points.
    pub base: i64,
    /// Tier bonus on base.
    pub bonus: i64,
}

impl Earned {
    /// Base plus bonus.
    pub fn total(self) -> i64 {
        self.base + self.bonus
    }
}

/// The inputs of the earning rule for one stay.
#[derive(Debug, Clone, Copy)]
pub struct EarnInput {
    /// Eligible room revenue in minor units.
    pub revenue_minor: i64,
    /// Minor units per whole currency unit.
    pub minor_per_unit: i64,
    /// Base points per whole currency unit.
    pub points_per_unit: i64,
    /// Tier bonus percent in effect on the arrival date.
    pub bonus_percent: u32,
    /// Whether the booking channel earns.
    pub channel_earns: bool,
    /// Whether the stay was completed (not cancelled or a no-show).
    pub completed: bool,
}

/// Base points are rounded down per stay; the bonus is rounded down from base.
pub fn earn(input: EarnInput) -> Earned {
    if !input.completed || !input.channel_earns || input.revenue_minor <= 0 {
        return Earned::default();
    }
    let units = input.revenue_minor / input.minor_per_unit.max(1);
    let base = units.saturating_mul(input.points_per_unit);
    let bonus = base.saturating_mul(i64::from(input.bonus_percent)) / 100;
    Earned { base, bonus }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn input(revenue_minor: i64, bonus_percent: u32) -> EarnInput {
        EarnInput {
            revenue_minor,
            minor_per_unit: 100,
            points_per_unit: 10,
            bonus_percent,
            channel_earns: true,
            completed: true,
        }
    }

    #[rstest]
    #[case(45_000, 0, 4_500, 0)]
    #[case(45_099, 0, 4_500, 0)] // cents are rounded down per stay
    #[case(45_000, 10, 4_500, 450)]
    #[case(45_000, 25, 4_500, 1_125)]
    #[case(12_345, 50, 1_230, 615)]
    #[case(99, 50, 0, 0)]
    #[case(0, 50, 0, 0)]
    fn base_and_bonus_follow_the_rule(#[case] rev: i64, #[case] pct: u32, #[case] base: i64, #[case] bonus: i64) {
        assert_eq!(earn(input(rev, pct)), Earned { base, bonus });
    }

    #[test]
    fn non_earning_channel_and_cancelled_stays_earn_nothing() {
        let ota = EarnInput { channel_earns: false, ..input(50_000, 25) };
        let cancelled = EarnInput { completed: false, ..input(50_000, 25) };
        assert_eq!(earn(ota), Earned::default());
        assert_eq!(earn(cancelled), Earned::default());
    }
}
