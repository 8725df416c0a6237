//! Residents of managed (residential and commercial) properties: where they live or
//! work and in what role. Pure rules; the record is stored beside the member under its
//! own key so that the member record (and its golden fixtures) stays as released.

use crate::i18n::errors::Reason;
use serde::{Deserialize, Serialize};

/// How a resident relates to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResidentRole {
    /// Owns the unit.
    Owner,
    /// Rents the unit.
    Tenant,
    /// Lives with an owner or tenant.
    Family,
}

impl ResidentRole {
    /// Every role, in the order forms offer them.
    pub const ALL: [ResidentRole; 3] = [ResidentRole::Owner, ResidentRole::Tenant, ResidentRole::Family];

    /// Code used in commands, files and the catalogues.
    pub fn as_str(self) -> &'static str {
        match self {
            ResidentRole::Owner => "owner",
            ResidentRole::Tenant => "tenant",
            ResidentRole::Family => "family",
        }
    }

    /// Parses a code (any case, surrounding blanks ignored).
    pub(crate) fn parse(s: &str) -> Option<ResidentRole> {
        let s = s.trim().to_ascii_lowercase();
        ResidentRole::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Where a member of a managed property lives or works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residence {
    /// Building (tower, block, wing), as the property names it.
    pub building: String,
    /// Unit (flat, office, shop) within the building.
    pub unit: String,
    /// Owner, tenant or family.
    pub role: ResidentRole,
}

/// Longest building or unit name: they are labels, not addresses.
pub(crate) const MAX_LABEL: usize = 20;

impl Residence {
    /// A residence from what a user typed: building and unit trimmed, without control
    /// characters, non-empty and at most [`MAX_LABEL`] characters; the role a known code.
    pub fn parse(building: &str, unit: &str, role: &str) -> Result<Residence, Reason> {
        let building = label("building", building)?;
        let unit = label("unit", unit)?;
        let role = ResidentRole::parse(role).ok_or_else(|| Reason::ResidentRole { role: role.trim().to_string() })?;
        Ok(Residence { building, unit, role })
    }

    /// One line, e.g. `B2-1203 tenant`: what the parse tests compare.
    #[cfg(test)]
    fn label(&self) -> String {
        format!("{}-{} {}", self.building, self.unit, self.role.as_str())
    }
}

fn label(field: &str, s: &str) -> Result<String, Reason> {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    if clean.is_empty() {
        return Err(Reason::LabelEmpty { field: field.to_string() });
    }
    if clean.chars().count() > MAX_LABEL {
        return Err(Reason::LabelTooLong { field: field.to_string(), label: clean, max: MAX_LABEL });
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_codes_only() {
        let cases = [
            ("owner", Some(ResidentRole::Owner)),
            (" Tenant ", Some(ResidentRole::Tenant)),
            ("FAMILY", Some(ResidentRole::Family)),
            ("guest", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(ResidentRole::parse(s), want, "{s:?}");
        }
        for r in ResidentRole::ALL {
            assert_eq!(ResidentRole::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn residences_validate_each_field() {
        let cases: [(&str, &str, &str, Result<&str, &str>); 6] = [
            ("B2", "1203", "tenant", Ok("B2-1203 tenant")),
            (" A ", " 01 ", "owner", Ok("A-01 owner")),
            ("", "1", "owner", Err("building must not be empty")),
            ("A", "\u{7}", "owner", Err("unit must not be empty")),
            ("A", "1", "lodger", Err("resident role `lodger`")),
            ("A-very-long-building-name", "1", "owner", Err("longer than 20")),
        ];
        for (b, u, r, want) in cases {
            match (Residence::parse(b, u, r), want) {
                (Ok(got), Ok(label)) => assert_eq!(got.label(), label),
                (Err(e), Err(part)) => assert!(e.to_string().contains(part), "{e}"),
                (got, want) => panic!("{b:?} {u:?} {r:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}
