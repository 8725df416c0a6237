//! What a request names that does not exist (`[not_found]`), and a reference or code that
//! is already taken by something else (`[conflict]`).

crate::messages! {
    /// Something named that is not in the store, and where to look.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Missing in "not_found" {
        MemberByCard { card: String } => "member_by_card",
        MemberByEmail { email: String } => "member_by_email",
        MemberById { id: u64 } => "member_by_id",
        Member { who: String } => "member",
        MemberGone { id: u64 } => "member_gone",
        Activity { id: u64 } => "activity",
        Approval { id: u64 } => "approval",
        Complaint { id: u64 } => "complaint",
        Operator { login: String } => "operator",
        OperatorIndexed { login: String } => "operator_indexed",
        Promotion { code: String } => "promotion",
        Redemption { id: u64 } => "redemption",
        Reward { code: String } => "reward",
        RewardIndexed { code: String } => "reward_indexed",
        EarlierComplaint => "earlier_complaint",
        EarlierRedemption => "earlier_redemption",
        EarlierReward { code: String } => "earlier_reward",
        EarlierStay { seq: u32 } => "earlier_stay",
        Stay { card: String, seq: u32 } => "stay",
        NoCard => "no_card",
        CardNotIndexed { card: String } => "card_not_indexed",
        Residence { id: u64, detail: String } => "residence",
        MemberOfRecord { record: String, id: u64 } => "member_of_record",
    }
}

crate::messages! {
    /// A code or external reference already used for something else.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Clash in "conflict" {
        Reference { reference: String, kind: String } => "reference",
        ReferenceOtherGuest { reference: String } => "reference_other_guest",
        ReferenceOtherRecord { reference: String, kind: String } => "reference_other_record",
        Profile { profile: String, kind: String } => "profile",
        Operator { login: String } => "operator",
        Promotion { code: String } => "promotion",
        Record { record: String } => "record",
    }
}
