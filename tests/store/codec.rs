//! Golden codec fixtures: the bytes written by every released record version must keep
//! decoding to the same values. Regenerate only for a NEW version, never overwrite old
//! files: `FRONTDESK_BLESS=1 cargo test --test store codec::` writes missing files.

use chrono::NaiveDate;
use frontdesk_core::domain::activity::{Activity, ActivityRecord, ActivityStatus, SpendCategory};
use frontdesk_core::domain::analytics::snapshot::{CohortCounts, PropertySnapshot, SnapshotRecord};
use frontdesk_core::domain::approval::{Approval, ApprovalChange, ApprovalState};
use frontdesk_core::domain::complaint::{Complaint, ComplaintState, TimelineEntry};
use frontdesk_core::domain::ledger::{EntryKind, Line, Lot, LotMove, Posting};
use frontdesk_core::domain::member::{Member, MemberStatus};
use frontdesk_core::domain::operator::{Operator, OperatorStatus, Role};
use frontdesk_core::domain::promotion::{Effect, Eligibility, GrantRecord, GrantSet, Period, Promotion, PromotionBook};
use frontdesk_core::domain::residence::{Residence, ResidentRole};
use frontdesk_core::domain::reward::{Redemption, RedemptionState, Reward};
use frontdesk_core::domain::stay::{Stay, StayStatus};
use frontdesk_core::domain::tier::{TierOverride, YearQual};
use frontdesk_store::store::codec::{self, Record};
use frontdesk_store::store::records::{AuditRecord, ExtRef, FactCells, Overview};
use std::fmt::Debug;
use std::path::PathBuf;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn member() -> Member {
    Member {
        id: 7,
        card: "620000000070".into(),
        name: "王芳 Wang Fang".into(),
        email: Some("wang.fang@example.cn".into()),
        phone: Some("+8613800135678".into()),
        birthday: Some(date(1988, 2, 29)),
        home_property: "SHA".into(),
        notes: "high floor\nfeather-free pillows".into(),
        tags: vec!["vip".into()],
        marketing_consent: true,
        status: MemberStatus::Active,
        enrolled_on: date(2024, 5, 1),
        enrol_channel: "desk".into(),
        balance: 5_500,
        lifetime_points: 9_000,
        lots: vec![Lot { id: 2, earned_on: date(2025, 7, 3), remaining: 5_500 }],
        qual: vec![YearQual { year: 2025, nights: 12, stays: 3, spend_minor: 270_000 }],
        tier_override: Some(TierOverride { tier: "gold".into(), until: date(2026, 12, 31) }),
        last_activity: Some(date(2025, 7, 3)),
        last_stay: Some(date(2025, 7, 3)),
        stays: 3,
        nights: 12,
        stay_seq: 4,
        ledger_seq: 3,
        open_complaints: 1,
    }
}

fn stay() -> Stay {
    Stay {
        member_id: 7,
        seq: 4,
        property: "SHA".into(),
        arrival: date(2025, 6, 30),
        departure: date(2025, 7, 3),
        nights: 3,
        revenue_minor: 61_050,
        currency: "EUR".into(),
        channel: "direct".into(),
        status: StayStatus::Completed,
        external_ref: Some("pms:SHA:88231".into()),
        base_points: 6_100,
        bonus_points: 610,
        tier_at_arrival: "silver".into(),
        qualifies: true,
        ledger_seq: Some(2),
        posted_at: 1_751_536_800_000,
        posted_by: "ana".into(),
    }
}

fn posting() -> Posting {
    Posting {
        member_id: 7,
        seq: 3,
        date: date(2025, 8, 1),
        at: 1_754_042_400_000,
        operator: "ana".into(),
        approver: Some("duty-manager".into()),
        source: "redemption 12".into(),
        reason: "BREAKFAST".into(),
        lines: vec![Line { kind: EntryKind::Redeem, points: -3_000 }],
        consumed: vec![LotMove { lot: 1, points: 2_500 }, LotMove { lot: 2, points: 500 }],
    }
}

fn reward() -> Reward {
    Reward {
        id: 4,
        code: "SPA-60".into(),
        name: "60-minute spa treatment".into(),
        points: 12_000,
        stock: Some(39),
        min_tier: "gold".into(),
        partial: true,
        property: None,
        valid_from: Some(date(2025, 1, 1)),
        valid_until: None,
        active: true,
    }
}

fn redemption() -> Redemption {
    Redemption {
        id: 12,
        member_id: 7,
        reward_id: 4,
        reward_code: "SPA-60".into(),
        property: "LIS".into(),
        points: 5_000,
        cash_minor: 7_000,
        state: RedemptionState::Cancelled,
        date: date(2025, 8, 1),
        at: 1_754_042_400_000,
        operator: "ana".into(),
        posting_seq: 3,
        external_ref: None,
    }
}

fn complaint() -> Complaint {
    Complaint {
        id: 9,
        member_id: Some(7),
        property: "LIS".into(),
        category: "noise".into(),
        severity: "high".into(),
        channel: "desk".into(),
        description: "party next door".into(),
        state: ComplaintState::Resolved,
        opened_at: 1_754_042_400_000,
        respond_by: 1_754_044_200_000,
        resolve_by: 1_754_128_800_000,
        first_response_at: Some(1_754_043_000_000),
        resolved_at: Some(1_754_050_000_000),
        closed_at: None,
        timeline: vec![TimelineEntry {
            at: 1_754_043_000_000,
            operator: "ana".into(),
            from: Some(ComplaintState::Open),
            to: ComplaintState::Acknowledged,
            note: "on my way".into(),
        }],
        goodwill_points: 1_000,
        csat: Some(4),
        nps: Some(9),
        external_ref: None,
    }
}

fn audit() -> AuditRecord {
    AuditRecord {
        at: 1_754_042_400_000,
        operator: "ana".into(),
        role: "clerk".into(),
        command: "stay.post".into(),
        target: "member 620000000070 stay 4".into(),
        before: "balance 0".into(),
        after: "balance 6710".into(),
        // Version 1 had no member field: decoding it takes the card from the target.
        member: Some("620000000070".into()),
    }
}

fn audit_v2() -> AuditRecord {
    AuditRecord {
        at: 1_795_428_000_000,
        operator: "li.na".into(),
        role: "manager".into(),
        command: "complaint.update".into(),
        target: "complaint 9 of member 620000000070".into(),
        before: "open".into(),
        after: "resolved".into(),
        member: Some("620000000070".into()),
    }
}

fn overview() -> Overview {
    Overview {
        members: 2,
        stays: 5,
        nights: 14,
        points_earned: 20_000,
        points_redeemed: 3_000,
        points_expired: 500,
        points_outstanding: 16_500,
        complaints_open: 1,
    }
}

pub(super) fn ext_ref() -> ExtRef {
    ExtRef { kind: "stay".into(), member_id: 7, target: 4, fingerprint: 0x1234_5678_9abc_def0 }
}

fn fact_cells() -> FactCells {
    FactCells([(vec![b'e'], 9_000), (vec![b's', 3], 2), (vec![], -1)].into_iter().collect())
}

fn snapshot() -> SnapshotRecord {
    SnapshotRecord {
        as_of: date(2026, 11, 23),
        computed_at: 1_795_428_000_000,
        window_months: 24,
        recency_days_edges: vec![36, 97, 214, 437],
        frequency_edges: vec![1, 2, 3, 6],
        monetary_minor_edges: vec![46_400, 89_250, 163_650, 328_840],
        properties: vec![PropertySnapshot {
            property: "LIS".into(),
            segments: vec![11, 14, 6, 1, 4, 27, 19],
            not_scored: 20,
            cohorts: vec![
                CohortCounts { members: 4, returning: vec![4, 0, 1] },
                CohortCounts { members: 0, returning: vec![0, 0] },
                CohortCounts { members: 1, returning: vec![1] },
            ],
            monthly_stays: vec![3, 0, 29],
        }],
    }
}

fn operator() -> Operator {
    Operator {
        id: 3,
        login: "ana.li".into(),
        name: "李安娜 Ana Li".into(),
        role: Role::Supervisor,
        // A real Argon2id PHC string (of a PIN that appears nowhere in this repository).
        pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0pfx1KcD2qQkI0ZfrkVrEbnVmxZ1QGfjzM0Tn9pN3hE".into(),
        status: OperatorStatus::Active,
        failed_attempts: 2,
        lockouts: 1,
        locked_until: Some(1_754_042_700_000),
        created_at: 1_754_000_000_000,
        updated_at: 1_754_042_400_000,
    }
}

fn approval() -> Approval {
    Approval {
        id: 4,
        change: ApprovalChange::Goodwill {
            complaint_id: 9,
            member_id: 12,
            card: "6200000000127".into(),
            points: 12_000,
            note: "空调坏了 broken AC".into(),
        },
        maker: "ana.li".into(),
        maker_role: Role::Clerk,
        needs: Role::Manager,
        requested_at: 1_754_000_000_000,
        requested_on: NaiveDate::from_ymd_opt(2025, 7, 31).unwrap(),
        state: ApprovalState::Approved,
        checker: Some("max".into()),
        decided_at: Some(1_754_000_600_000),
        decision_note: "checked the folio".into(),
    }
}

fn promotion_book() -> PromotionBook {
    PromotionBook {
        promotions: vec![Promotion {
            id: 2,
            code: "SPRING26".into(),
            name: "春季双倍 Spring double".into(),
            starts: date(2026, 3, 1),
            ends: date(2026, 5, 31),
            eligibility: Eligibility {
                tiers: vec!["gold".into()],
                properties: vec!["LIS".into()],
                channels: vec!["direct".into()],
                kinds: vec!["stay".into(), "spend".into()],
                tags: vec!["vip".into()],
            },
            effect: Effect::Nth { n: 3, period: Period::Quarter, points: 500 },
            member_cap: Some(2_000),
            budget: Some(1_000_000),
            ended_on: Some(date(2026, 5, 1)),
        }],
    }
}

fn grant() -> GrantRecord {
    GrantRecord { promotion_id: 2, code: "SPRING26".into(), points: 500, posting: Some(7), period: date(2026, 4, 1) }
}

fn activity() -> ActivityRecord {
    ActivityRecord {
        id: 5,
        member_id: 12,
        activity: Activity::Spend { category: SpendCategory::Spa, amount_minor: 12_345, stay_seq: Some(3) },
        date: date(2026, 4, 2),
        property: "LIS".into(),
        base_points: 984,
        posting: Some(6),
        grants: vec![grant()],
        status: ActivityStatus::Reversed,
        external_ref: Some("pos-778".into()),
        recorded_at: 1_775_000_000_000,
        recorded_by: "ana".into(),
    }
}

fn check<R: Record + PartialEq + Debug>(file: &str, value: R) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codec").join(file);
    let encoded = codec::encode(&value);
    if !path.exists() && std::env::var_os("FRONTDESK_BLESS").is_some() {
        std::fs::write(&path, &encoded).unwrap();
    }
    let golden =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run with FRONTDESK_BLESS=1 once", path.display()));
    let decoded: R = codec::decode(&golden).unwrap_or_else(|e| panic!("{file} no longer decodes: {e}"));
    assert_eq!(decoded, value, "{file} decodes to a different value");
    assert_eq!(encoded, golden, "{file}: this build writes different bytes for the same version");
}

/// A record written by an older version: it must decode to `value`; this build writes
/// the current version instead, so the bytes are not compared.
fn check_old<R: Record + PartialEq + Debug>(file: &str, value: R) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codec").join(file);
    let golden = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoded: R = codec::decode(&golden).unwrap_or_else(|e| panic!("{file} no longer decodes: {e}"));
    assert_eq!(decoded, value, "{file} decodes to a different value");
}

#[test]
fn released_v3_records_still_decode() {
    check("audit.v3.bin", audit_v2());
}

#[test]
fn released_v2_records_still_decode() {
    check_old("audit.v2.bin", audit_v2());
    check("member.v2.bin", member());
    check("stay.v2.bin", stay());
    check("posting.v2.bin", posting());
    check("factcells.v2.bin", fact_cells());
}

#[test]
fn released_v1_records_still_decode() {
    check_old("member.v1.bin", member());
    check_old("stay.v1.bin", stay());
    check_old("posting.v1.bin", posting());
    check("reward.v1.bin", reward());
    check("redemption.v1.bin", redemption());
    check("complaint.v1.bin", complaint());
    check_old("audit.v1.bin", audit());
    check("overview.v1.bin", overview());
    check("extref.v1.bin", ext_ref());
    check_old("factcells.v1.bin", fact_cells());
    check("snapshot.v1.bin", snapshot());
    check("operator.v1.bin", operator());
    check("approval.v1.bin", approval());
    check("promotionbook.v1.bin", promotion_book());
    check("activity.v1.bin", activity());
    check("grantset.v1.bin", GrantSet { grants: vec![grant()] });
    check("residence.v1.bin", Residence { building: "B2".into(), unit: "1203".into(), role: ResidentRole::Tenant });
}

#[test]
fn decoding_rejects_wrong_kind_truncation_and_trailing_bytes() {
    let bytes = codec::encode(&member());
    assert!(codec::decode::<Stay>(&bytes).unwrap_err().to_string().contains("expected"));
    assert!(codec::decode::<Member>(&bytes[..bytes.len() - 3]).is_err());
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(codec::decode::<Member>(&longer).unwrap_err().to_string().contains("trailing"));
    let mut newer = bytes;
    newer[3] = 9;
    assert!(codec::decode::<Member>(&newer).unwrap_err().to_string().contains("newer frontdesk"));
}
