//! Why the rules refuse a request that is well formed: the reason of a `Refused` error,
//! said whole. Texts: `[refused]`, `[act]` (what a role may do) and `[points_kind]`.

use super::Reason;
use crate::i18n::Nights;
use chrono::NaiveDate;

crate::messages! {
    /// A rule that stops a request, and what to do instead.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Refusal in "refused" {
        Withdrawn { code: String } => "withdrawn",
        NotValidOn { code: String, date: NaiveDate } => "not_valid_on",
        OnlyAt { code: String, property: String } => "only_at",
        OutOfStock { code: String } => "out_of_stock",
        NeedsTier { code: String, tier: String } => "needs_tier",
        FullyInPoints { code: String } => "fully_in_points",
        PointsUpToCost { cost: i64 } => "points_up_to_cost",
        BalanceShort { points: i64, balance: i64 } => "balance_short",
        Decided { id: u64, state: String } => "decided",
        OwnRequest { id: u64 } => "own_request",
        NeedsRole { id: u64, role: String, you: String } => "needs_role",
        AboveYourLimit { id: u64, points: u64, role: String, limit: i64 } => "above_your_limit",
        AboveLimit { what: PointsKind, points: u64, role: String, limit: i64 } => "above_limit",
        AboveEveryLimit { what: PointsKind, points: u64 } => "above_every_limit",
        ManagerOnly { act: Act, role: String } => "manager_only",
        AdminOnly { act: Act } => "admin_only",
        FirstAdmin => "first_admin",
        DisableYourself => "disable_yourself",
        LastAdmin { login: String } => "last_admin",
        Erased { card: String } => "erased",
        StayedAlready { card: String } => "stayed_already",
        HasReferrer { card: String } => "has_referrer",
        PromotionEnded { code: String, on: NaiveDate } => "promotion_ended",
        PromotionEnds { code: String, ends: NaiveDate } => "promotion_ends",
        NoStays { card: String, status: String } => "no_stays",
        NoRedemption { card: String, status: String } => "no_redemption",
        NoActivities { card: String, status: String } => "no_activities",
        EarnedOnce { card: String, what: String, earlier: u64 } => "earned_once",
        ActivityReversed { id: u64 } => "activity_reversed",
        NotReversible { seq: u32, status: String } => "not_reversible",
        RedemptionAlready { id: u64, state: String } => "redemption_already",
        EmailTaken { email: String } => "email_taken",
        CardTaken { card: String } => "card_taken",
        RewardExists { code: String } => "reward_exists",
        FollowUpUnresolved { id: u64, state: String } => "follow_up_unresolved",
        NoMemberToCredit { id: u64 } => "no_member_to_credit",
        State { reason: Reason } => "state",
        NotGoodwill { id: u64 } => "not_goodwill",
        NotAdjustment { id: u64 } => "not_adjustment",
        Negative { card: String, available: i64, kind: String, points: i64 } => "negative",
        LedgerOrder { card: String, postings: u32, next: u32 } => "ledger_order",
        TreeNotRead { tree: String } => "tree_not_read",
        Overlap {
            seq: u32,
            property: String,
            arrival: NaiveDate,
            departure: NaiveDate,
            nights: Nights,
        } => "overlap",
    }
}

crate::messages! {
    /// What only a manager or an admin may do, completing "may …".
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Act in "act" {
        OverrideTier => "override_tier",
        ErasePersonalData => "erase_personal_data",
        AddPromotions => "add_promotions",
        EndPromotions => "end_promotions",
        ImportLedger => "import_ledger",
        ImportTierOverride => "import_tier_override",
        BackUp => "back_up",
        ReadAudit => "read_audit",
        ExportRecords => "export_records",
        AddOperators => "add_operators",
        DisableOperators => "disable_operators",
        ResetPins => "reset_pins",
        ManageOperators => "manage_operators",
    }
}

crate::messages! {
    /// A change of points that a role's limit covers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum PointsKind in "points_kind" {
        Adjustment => "adjustment",
        Goodwill => "goodwill",
    }
}
