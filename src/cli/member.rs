//! `frontdesk member …`

use super::output::{already, emit, member_line, member_text};
use super::parse;
use super::residence::{self, ResidenceArgs};
use super::{Env, Failure};
use chrono::NaiveDate;
use clap::Subcommand;
use frontdesk_core::domain::member::MemberStatus;
use frontdesk_core::i18n::errors::{CliSays, Missing};
use frontdesk_store::ops::view::MemberView;
use frontdesk_store::ops::{self, Command, MemberChanges, MemberRef, NewMember, Reply, masking, query};

/// Member subcommands.
#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// Enrol a member; prints the new card number.
    Add {
        /// Name in any script.
        #[arg(long)]
        name: String,
        /// E-mail address.
        #[arg(long)]
        email: Option<String>,
        /// Phone number.
        #[arg(long)]
        phone: Option<String>,
        /// Birthday (YYYY-MM-DD).
        #[arg(long, value_parser = parse::date)]
        birthday: Option<NaiveDate>,
        /// Home property code.
        #[arg(long)]
        property: Option<String>,
        /// Pre-printed card number (Luhn-checked); issued automatically when absent.
        #[arg(long)]
        card: Option<String>,
        /// Your reference; enrolling again with it returns the same member.
        #[arg(long)]
        external_ref: Option<String>,
        /// Card or e-mail of the member who referred them (credited the referral points at
        /// this member's first stay or fee payment).
        #[arg(long, value_name = "MEMBER")]
        referred_by: Option<String>,
        #[command(flatten)]
        residence: ResidenceArgs,
    },
    /// Show one member by card number or e-mail (a clerk sees phone and e-mail masked).
    Show {
        /// Card number or e-mail.
        member: String,
        /// Show the whole phone and e-mail; the reveal is written to the audit log.
        #[arg(long)]
        reveal: bool,
    },
    /// Find members by card, e-mail, phone (any form) or its last 4+ digits, name or pinyin initials.
    ///
    /// Cards, e-mails and phones are read from their keys at once. A name is looked up in a
    /// running `frontdesk serve`'s index in milliseconds; without a server it reads every
    /// member (about a second at 200,000), and says so on a store of 20,000 or more.
    Find {
        /// What to look for.
        query: String,
        /// Most results to return.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Change a member's profile, status or tier override.
    Update {
        /// Card number or e-mail.
        member: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        /// New e-mail ("" clears it).
        #[arg(long)]
        email: Option<String>,
        /// New phone ("" clears it).
        #[arg(long)]
        phone: Option<String>,
        /// New birthday.
        #[arg(long, value_parser = parse::date)]
        birthday: Option<NaiveDate>,
        /// New home property.
        #[arg(long)]
        property: Option<String>,
        /// New notes.
        #[arg(long)]
        notes: Option<String>,
        /// active or blocked.
        #[arg(long, value_parser = ["active", "blocked"])]
        status: Option<String>,
        /// Tier override (manager), with --tier-until.
        #[arg(long, requires = "tier_until")]
        tier: Option<String>,
        /// Last day of the tier override.
        #[arg(long, value_parser = parse::date, requires = "tier")]
        tier_until: Option<NaiveDate>,
        /// Your reference; applying the same changes again with it has no effect.
        #[arg(long)]
        external_ref: Option<String>,
        #[command(flatten)]
        residence: ResidenceArgs,
    },
    /// Erase a member's personal data (manager or admin): name, e-mail, phone, birthday,
    /// notes and the free text of their complaints and ledger; card, points, stays and
    /// complaint figures stay. Erasing again changes nothing.
    Erase {
        /// Card number or e-mail.
        member: String,
        /// A reference for the erasure (ticket, legal basis) kept in the audit log; it
        /// must not name the member.
        #[arg(long)]
        reason: String,
    },
}

/// Runs a member subcommand.
pub fn run(env: &Env, cmd: &MemberCmd) -> Result<(), Failure> {
    match cmd {
        MemberCmd::Add { name, email, phone, birthday, property, card, external_ref, referred_by, residence } => {
            residence::check_property(env, residence, property.as_deref())?;
            let home = residence.resolve(None)?;
            let referrer = referred_by.as_deref().map(|r| MemberRef::parse("referred-by", r)).transpose()?;
            let store = env.open_store()?;
            let input = NewMember {
                card: card.clone(),
                name: name.clone(),
                email: email.clone(),
                phone: phone.clone(),
                birthday: *birthday,
                property: property.clone(),
                channel: "desk".into(),
                enrolled_on: None,
                external_ref: external_ref.clone(),
            };
            if let Some(r) = &referrer {
                // Refused before anyone is enrolled when the referrer does not exist.
                ops::member_lookup(&store, r)?.ok_or_else(|| Failure::data(CliSays::ReferredByNoMember))?;
            }
            let reply = ops::execute(&store, &env.ctx(), &Command::AddMember(input))?;
            residence::apply(env, &store, &reply, home)?;
            if let (Some(referrer), Reply::Member(o)) = (referrer, &reply)
                && !o.duplicate
            {
                let member = MemberRef::Card(o.member.card.clone());
                ops::execute(&store, &env.ctx(), &Command::SetReferrer { member, referrer })?;
            }
            print_member_reply(env, &reply)
        }
        MemberCmd::Show { member, reveal } => {
            let who = MemberRef::parse("member", member)?;
            let store = env.open_store()?;
            let m = ops::member_lookup(&store, &who)?
                .ok_or_else(|| Failure::data(Missing::Member { who: member.clone() }))?;
            let ctx = env.ctx();
            let mut v = MemberView::of(&ctx, &m);
            if *reveal {
                let reply = ops::execute(&store, &ctx, &Command::RevealContact { member: MemberRef::Id(m.id) })?;
                if let Reply::Contact(c) = reply {
                    (v.email, v.phone) = (c.email, c.phone);
                }
            } else {
                masking::view(ctx.actor.role, &mut v);
            }
            let home = residence::of(&store, &v.card)?;
            let shown = MemberShow { member: &v, residence: home.as_ref() };
            emit(env, &shown, || {
                let line = home.as_ref().map_or_else(String::new, |r| {
                    format!("  residence   building {}  unit {}  {}\n", r.building, r.unit, r.role.as_str())
                });
                format!("{}{line}", member_text(env, &v))
            })
        }
        MemberCmd::Find { query: q, limit } => {
            let store = env.open_store()?;
            let index = env.served_index.as_ref().map(|i| i.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
            let found = query::find_members_in(&store, &env.config, q, *limit, index.as_deref())?;
            let scanned = index.is_none() && query::lookup_of(q) == query::Lookup::Name;
            drop(index);
            if scanned {
                name_scan_note(env, &store)?;
            }
            let ctx = env.ctx();
            let mut views = query::views(ctx.config, ctx.today, &found);
            views.iter_mut().for_each(|v| masking::view(ctx.actor.role, v));
            emit(env, &views, || {
                if views.is_empty() {
                    format!("no member matches `{q}`")
                } else {
                    views.iter().map(member_line).collect::<Vec<_>>().join("\n")
                }
            })
        }
        MemberCmd::Update {
            member,
            name,
            email,
            phone,
            birthday,
            property,
            notes,
            status,
            tier,
            tier_until,
            external_ref,
            residence,
        } => {
            let who = MemberRef::parse("member", member)?;
            let changes = MemberChanges {
                name: name.clone(),
                email: email.clone(),
                phone: phone.clone(),
                birthday: *birthday,
                property: property.clone(),
                notes: notes.clone(),
                status: status.as_deref().and_then(MemberStatus::parse),
                tier_override: tier.clone().zip(*tier_until),
                external_ref: external_ref.clone(),
            };
            let store = env.open_store()?;
            let current = match ops::member_lookup(&store, &who)? {
                Some(m) => ops::residence::residence_of(&store, m.id)?,
                None => None,
            };
            let home = residence.resolve(current.as_ref())?;
            let reply = ops::execute(&store, &env.ctx(), &Command::UpdateMember(who, Box::new(changes)))?;
            residence::apply(env, &store, &reply, home)?;
            print_member_reply(env, &reply)
        }
        MemberCmd::Erase { member, reason } => {
            let who = MemberRef::parse("member", member)?;
            let store = env.open_store()?;
            let reply =
                ops::execute(&store, &env.ctx(), &Command::EraseMember { member: who, reason: reason.clone() })?;
            match &reply {
                Reply::Member(o) => emit(env, o, || {
                    let did = if o.duplicate { "was already erased: nothing changed" } else { "erased" };
                    format!("member {} {did}; points, stays and complaint figures are kept", o.member.card)
                }),
                other => emit(env, other, String::new),
            }
        }
    }
}

fn print_member_reply(env: &Env, reply: &Reply) -> Result<(), Failure> {
    match reply {
        Reply::Member(o) => {
            emit(env, o, || format!("{}{}", already(o.duplicate, "applied"), member_text(env, &o.member)))
        }
        other => emit(env, other, String::new),
    }
}

/// `member show --json`: the member's fields, then its residence (null at a hotel).
#[derive(serde::Serialize)]
struct MemberShow<'a> {
    #[serde(flatten)]
    member: &'a MemberView,
    residence: Option<&'a frontdesk_core::domain::residence::Residence>,
}

/// Members from which a local name search, a scan of every member, takes long enough
/// (about 0.1 s) to point at `serve`.
const SCAN_NOTE_FROM: u64 = 20_000;

/// Says on standard error that a name search read every member and `serve` would answer
/// it from an index, once the store is large enough for that to be felt.
fn name_scan_note(env: &Env, store: &frontdesk_store::store::Store) -> Result<(), Failure> {
    let members = query::overview(store)?.members;
    if members >= SCAN_NOTE_FROM {
        let texts = frontdesk_core::i18n::Texts::for_setting(&env.config.ui.language);
        let members = texts.number(i64::try_from(members).unwrap_or(i64::MAX));
        super::capture::eprintln_labelled(&texts, "cli.note", &CliSays::NameScan { members });
    }
    Ok(())
}
