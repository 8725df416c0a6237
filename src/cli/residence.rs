//! `--building --unit --resident-role` on `member add|update`, and the residence line of
//! `member show`, for members of residential and commercial properties.

use super::{Env, Failure};
use clap::Args;
use frontdesk_core::domain::residence::Residence;
use frontdesk_core::i18n::errors::CliSays;
use frontdesk_store::ops::{self, Command, MemberRef, Reply};
use frontdesk_store::store::Store;

/// Where a resident lives or works (residential and commercial properties only).
#[derive(Debug, Clone, Default, Args)]
pub struct ResidenceArgs {
    /// Building (residential and commercial properties).
    #[arg(long)]
    pub building: Option<String>,
    /// Unit within the building.
    #[arg(long)]
    pub unit: Option<String>,
    /// owner, tenant or family.
    #[arg(long)]
    pub resident_role: Option<String>,
}

impl ResidenceArgs {
    fn given(&self) -> bool {
        self.building.is_some() || self.unit.is_some() || self.resident_role.is_some()
    }

    /// The residence these flags describe, completing missing ones from `before`; `None`
    /// when no flag was given. Checked before anything is written, so that a typo in the
    /// role does not leave a member enrolled without it.
    pub fn resolve(&self, before: Option<&Residence>) -> Result<Option<Residence>, Failure> {
        if !self.given() {
            return Ok(None);
        }
        let pick = |flag: &Option<String>, old: Option<&str>, name: &str| {
            flag.clone()
                .or_else(|| old.map(String::from))
                .ok_or_else(|| Failure::usage(CliSays::ResidenceFlag { name: name.to_string() }))
        };
        let building = pick(&self.building, before.map(|r| r.building.as_str()), "building")?;
        let unit = pick(&self.unit, before.map(|r| r.unit.as_str()), "unit")?;
        let role = pick(&self.resident_role, before.map(|r| r.role.as_str()), "resident-role")?;
        Residence::parse(&building, &unit, &role).map(Some).map_err(Failure::usage)
    }
}

/// Refuses residence flags for a hotel property before enrolling anyone.
pub fn check_property(env: &Env, args: &ResidenceArgs, property: Option<&str>) -> Result<(), Failure> {
    let code = property.unwrap_or(&env.config.store.default_property);
    if args.given() && !env.config.is_managed(code) {
        return Err(Failure::usage(CliSays::ResidenceAtHotel { code: code.to_string() }));
    }
    Ok(())
}

/// Applies the residence to the member a reply names, if the flags gave one.
pub fn apply(env: &Env, store: &Store, reply: &Reply, residence: Option<Residence>) -> Result<(), Failure> {
    let (Some(r), Reply::Member(o)) = (residence, reply) else {
        return Ok(());
    };
    let cmd = Command::SetResidence { member: MemberRef::Card(o.member.card.clone()), residence: Some(r) };
    ops::execute(store, &env.ctx(), &cmd)?;
    Ok(())
}

/// A member's residence for `member show`.
pub fn of(store: &Store, card: &str) -> Result<Option<Residence>, Failure> {
    let Some(m) = ops::member_lookup(store, &MemberRef::Card(card.into()))? else {
        return Ok(None);
    };
    Ok(ops::residence::residence_of(store, m.id)?)
}
