//! Maker–checker approvals through `ops::execute` on a real store: each role's limits, the
//! request above them, no self-approval, an approval applies exactly once (also when two
//! checkers race), rejection applies nothing, external references stay idempotent, and the
//! ledger names maker and checker.

use chrono::NaiveDate;
use frontdesk_core::config::Config;
use frontdesk_core::domain::approval::ApprovalState;
use frontdesk_core::domain::ledger::{EntryKind, Posting};
use frontdesk_core::domain::operator::{Actor, Role};
use frontdesk_store::ops::{
    self, Adjustment, Command, ComplaintInput, ComplaintUpdate, Ctx, MemberRef, NewMember, OpError, Reply, query,
};
use frontdesk_store::store::records::AuditRecord;
use frontdesk_store::store::{Store, T, keys};
use rstest::rstest;

struct Desk {
    _dir: tempfile::TempDir,
    store: Store,
    config: Config,
    card: String,
    member_id: u64,
}

fn actor(name: &str, role: Role) -> Actor {
    Actor { name: name.into(), role }
}

impl Desk {
    /// A store with one member holding 20,000 points.
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path(), "test").unwrap();
        let config = Config::builtin().unwrap();
        let mut d = Desk { _dir: dir, store, config, card: String::new(), member_id: 0 };
        let reply = d.run(
            &actor("boss", Role::Admin),
            Command::AddMember(NewMember { name: "Ana Silva".into(), channel: "desk".into(), ..NewMember::default() }),
        );
        let Ok(Reply::Member(o)) = reply else { panic!("enrol: {reply:?}") };
        d.card = o.member.card.clone();
        d.member_id = ops::member_lookup(&d.store, &MemberRef::Card(d.card.clone())).unwrap().unwrap().id;
        d.adjust(&actor("boss", Role::Admin), 20_000, None).unwrap();
        d
    }

    fn run(&self, who: &Actor, cmd: Command) -> Result<Reply, OpError> {
        let ctx = Ctx {
            config: &self.config,
            actor: who.clone(),
            now: 1_750_000_000_000,
            today: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        };
        ops::execute(&self.store, &ctx, &cmd)
    }

    fn adjust(&self, who: &Actor, points: i64, external_ref: Option<&str>) -> Result<Reply, OpError> {
        self.run(
            who,
            Command::AdjustPoints(Adjustment {
                member: MemberRef::Card(self.card.clone()),
                points,
                reason: "rate dispute".into(),
                kind: EntryKind::Adjust,
                external_ref: external_ref.map(String::from),
            }),
        )
    }

    fn decide(&self, who: &Actor, id: u64, approve: bool) -> Result<Reply, OpError> {
        self.run(who, Command::DecideApproval { id, approve, note: "checked the folio".into() })
    }

    fn balance(&self) -> i64 {
        ops::member_lookup(&self.store, &MemberRef::Card(self.card.clone())).unwrap().unwrap().balance
    }

    fn postings(&self) -> Vec<Posting> {
        self.store.scan_prefix::<Posting>(T::Ledger, &keys::id(self.member_id)).map(|r| r.unwrap().1).collect()
    }

    fn audit(&self) -> Vec<AuditRecord> {
        self.store.scan_prefix::<AuditRecord>(T::Audit, &[]).map(|r| r.unwrap().1).collect()
    }

    fn verify_clean(&self) {
        let report = frontdesk_store::report::verify(&self.store, &self.config).unwrap();
        assert!(report.is_clean(), "{report:?}");
    }
}

/// The request id of a reply that should be a pending request.
fn pending(reply: Result<Reply, OpError>) -> (u64, Role) {
    match reply {
        Ok(Reply::Approval(o)) if o.approval.state == ApprovalState::Pending => (o.approval.id, o.approval.needs),
        other => panic!("expected a pending request, got {other:?}"),
    }
}

/// What an adjustment of `points` by each role does with the default limits (clerk 1,000,
/// supervisor 5,000, manager and admin 100,000 / 1,000,000).
#[rstest]
#[case::clerk_at_limit(Role::Clerk, 1_000, None)]
#[case::clerk_above(Role::Clerk, 1_001, Some(Role::Supervisor))]
#[case::clerk_debit_above(Role::Clerk, -1_001, Some(Role::Supervisor))]
#[case::clerk_far_above(Role::Clerk, 5_001, Some(Role::Manager))]
#[case::supervisor_at_limit(Role::Supervisor, 5_000, None)]
#[case::supervisor_above(Role::Supervisor, 5_001, Some(Role::Manager))]
#[case::manager_above(Role::Manager, 100_001, Some(Role::Admin))]
fn adjustments_above_the_role_limit_wait_for_a_higher_role(
    #[case] role: Role,
    #[case] points: i64,
    #[case] needs: Option<Role>,
) {
    let d = Desk::new();
    let before = d.balance();
    let reply = d.adjust(&actor("maker", role), points, None);
    match needs {
        None => {
            assert!(matches!(reply, Ok(Reply::Points(_))), "{reply:?}");
            assert_eq!(d.balance(), before + points);
        }
        Some(want) => {
            let (_, got) = pending(reply);
            assert_eq!(got, want);
            assert_eq!(d.balance(), before, "nothing applied until approved");
        }
    }
    d.verify_clean();
}

#[test]
fn above_every_limit_is_refused_outright() {
    let d = Desk::new();
    let err = d.adjust(&actor("boss", Role::Admin), 2_000_000, None).unwrap_err();
    assert!(err.to_string().contains("above every role's limit"), "{err}");
    assert!(query::approvals(&d.store, true, 10).unwrap().is_empty());
}

#[test]
fn nobody_approves_their_own_request() {
    let d = Desk::new();
    // A manager working with a lowered role asks, then tries to approve with the full role.
    let (id, _) = pending(d.adjust(&actor("mo", Role::Clerk), 3_000, None));
    let err = d.decide(&actor("mo", Role::Manager), id, true).unwrap_err();
    assert!(err.to_string().contains("your own"), "{err}");
    let err = d.decide(&actor("cy", Role::Clerk), id, true).unwrap_err();
    assert!(err.to_string().contains("needs a supervisor"), "{err}");
    assert_eq!(query::approvals(&d.store, false, 10).unwrap().len(), 1, "still waiting");
}

#[test]
fn an_approval_applies_exactly_once_with_maker_and_checker_on_the_ledger() {
    let d = Desk::new();
    let before = d.balance();
    let (id, _) = pending(d.adjust(&actor("ana", Role::Clerk), 3_000, None));
    let reply = d.decide(&actor("sue", Role::Supervisor), id, true).unwrap();
    let Reply::Approval(o) = reply else { panic!("{reply:?}") };
    assert_eq!(o.approval.state, ApprovalState::Approved);
    assert_eq!(o.member.unwrap().balance, before + 3_000);
    let again = d.decide(&actor("max", Role::Manager), id, true).unwrap_err();
    assert!(again.to_string().contains("already approved"), "{again}");
    assert_eq!(d.balance(), before + 3_000);
    let last = d.postings().pop().unwrap();
    assert_eq!((last.operator.as_str(), last.approver.as_deref()), ("ana", Some("sue")));
    assert_eq!(last.net(), 3_000);
    let commands: Vec<String> = d.audit().into_iter().map(|a| a.command).collect();
    for c in ["approval.request", "approval.approve", "points.adjust"] {
        assert!(commands.iter().any(|x| x == c), "{c} missing from {commands:?}");
    }
    d.verify_clean();
}

#[test]
fn two_checkers_racing_apply_it_once() {
    let d = Desk::new();
    let before = d.balance();
    let (id, _) = pending(d.adjust(&actor("ana", Role::Clerk), 4_000, None));
    let results: Vec<bool> = std::thread::scope(|s| {
        let handles: Vec<_> = ["sue", "sam", "sid", "sal"]
            .into_iter()
            .map(|name| {
                let d = &d;
                s.spawn(move || d.decide(&actor(name, Role::Supervisor), id, true).is_ok())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|ok| **ok).count(), 1, "{results:?}");
    assert_eq!(d.balance(), before + 4_000);
    d.verify_clean();
}

#[test]
fn a_rejection_needs_a_note_and_applies_nothing() {
    let d = Desk::new();
    let before = d.balance();
    let (id, _) = pending(d.adjust(&actor("ana", Role::Clerk), -2_000, None));
    let no_note =
        d.run(&actor("sue", Role::Supervisor), Command::DecideApproval { id, approve: false, note: " ".into() });
    assert!(no_note.is_err());
    let Reply::Approval(o) = d.decide(&actor("sue", Role::Supervisor), id, false).unwrap() else { panic!() };
    assert_eq!(o.approval.state, ApprovalState::Rejected);
    assert!(d.decide(&actor("max", Role::Manager), id, true).is_err(), "a rejected request stays rejected");
    assert_eq!(d.balance(), before);
    assert!(query::approvals(&d.store, false, 10).unwrap().is_empty());
    assert_eq!(query::approvals(&d.store, true, 10).unwrap().len(), 1);
}

#[test]
fn a_debit_approved_after_the_points_are_gone_is_refused_and_stays_pending() {
    let d = Desk::new();
    let (id, _) = pending(d.adjust(&actor("ana", Role::Clerk), -4_000, None));
    d.adjust(&actor("boss", Role::Admin), -18_000, None).unwrap();
    let err = d.decide(&actor("sue", Role::Supervisor), id, true).unwrap_err();
    assert!(err.to_string().contains("negative"), "{err}");
    assert_eq!(query::approvals(&d.store, false, 10).unwrap()[0].id, id);
    assert!(d.balance() >= 0);
    d.verify_clean();
}

#[test]
fn the_same_external_reference_is_one_request_and_then_one_adjustment() {
    let d = Desk::new();
    let before = d.balance();
    let (id, _) = pending(d.adjust(&actor("ana", Role::Clerk), 3_000, Some("pms-77")));
    let Ok(Reply::Approval(again)) = d.adjust(&actor("ana", Role::Clerk), 3_000, Some("pms-77")) else { panic!() };
    assert!(again.duplicate && again.approval.id == id);
    d.decide(&actor("sue", Role::Supervisor), id, true).unwrap();
    let after = d.adjust(&actor("ana", Role::Clerk), 3_000, Some("pms-77")).unwrap();
    assert!(matches!(&after, Reply::Points(p) if p.duplicate), "{after:?}");
    assert_eq!(d.balance(), before + 3_000);
    assert_eq!(query::approvals(&d.store, true, 10).unwrap().len(), 1);
}

#[test]
fn goodwill_above_the_clerk_limit_waits_then_credits_the_complaint_once() {
    let d = Desk::new();
    let before = d.balance();
    let clerk = actor("ana", Role::Clerk);
    let Reply::Complaint(c) = d
        .run(
            &clerk,
            Command::LogComplaint(ComplaintInput {
                member: Some(MemberRef::Card(d.card.clone())),
                property: None,
                category: "noise".into(),
                severity: "high".into(),
                channel: "desk".into(),
                description: "party next door".into(),
                external_ref: None,
            }),
        )
        .unwrap()
    else {
        panic!()
    };
    let id = c.complaint.id;
    let update = |goodwill| {
        Command::UpdateComplaint(ComplaintUpdate {
            id,
            note: "sorry".into(),
            goodwill: Some(goodwill),
            ..ComplaintUpdate::default()
        })
    };
    let Reply::Complaint(o) = d.run(&clerk, update(2_500)).unwrap() else { panic!() };
    assert!(o.pending_approval.is_none(), "at the clerk limit goodwill applies at once");
    let Reply::Complaint(o) = d.run(&clerk, update(12_000)).unwrap() else { panic!() };
    let request = o.pending_approval.expect("above the limit it waits");
    assert_eq!(request.needs, Role::Manager);
    assert_eq!(o.complaint.goodwill_points, 2_500);
    assert!(d.decide(&actor("sue", Role::Supervisor), request.id, true).is_err(), "above a supervisor's limit");
    d.decide(&actor("max", Role::Manager), request.id, true).unwrap();
    let c = query::complaint(&d.store, id).unwrap().unwrap();
    assert_eq!(c.goodwill_points, 14_500);
    assert!(c.timeline.iter().any(|t| t.note.contains("approved by max")));
    assert_eq!(d.balance(), before + 14_500);
    let last = d.postings().pop().unwrap();
    assert_eq!((last.operator.as_str(), last.approver.as_deref()), ("ana", Some("max")));
    d.verify_clean();
}

/// `verify` knows the references of requests: pending, approved (then the reference names
/// the posting) and rejected all check clean.
#[test]
fn verify_is_clean_with_referenced_requests_pending_approved_and_rejected() {
    let d = Desk::new();
    let clerk = actor("ana", Role::Clerk);
    let (waiting, _) = pending(d.adjust(&clerk, 3_000, Some("pms:7781")));
    d.verify_clean();
    let (approved, _) = pending(d.adjust(&clerk, 2_000, Some("pms:7782")));
    d.decide(&actor("sue", Role::Supervisor), approved, true).unwrap();
    d.verify_clean();
    let (rejected, _) = pending(d.adjust(&clerk, 4_000, Some("pms:7783")));
    d.run(
        &actor("sue", Role::Supervisor),
        Command::DecideApproval { id: rejected, approve: false, note: "no folio".into() },
    )
    .unwrap();
    d.verify_clean();
    assert_ne!(waiting, rejected);
}
