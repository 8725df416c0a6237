//! Table tests of property-management rules: property kinds, complaint categories and
//! SLA targets per kind, and resident roles.

use frontdesk_core::config::{Config, PropertyKind, load_with_override};
use frontdesk_core::domain::residence::{Residence, ResidentRole};

fn with(toml: &str) -> Result<Config, String> {
    load_with_override(Some(("test.toml", toml))).map_err(|e| e.to_string())
}

#[test]
fn property_kinds_default_to_hotel_and_unknown_kinds_are_refused() {
    let cases: [(&str, Result<PropertyKind, &str>); 4] = [
        ("", Ok(PropertyKind::Hotel)),
        (r#"kind = "residential""#, Ok(PropertyKind::Residential)),
        (r#"kind = "commercial""#, Ok(PropertyKind::Commercial)),
        (r#"kind = "campsite""#, Err("campsite")),
    ];
    for (line, want) in cases {
        // Arrays replace whole: the hotels the rewards name come along.
        let hotels: String = ["LIS", "ALG", "SHA", "PRT"]
            .iter()
            .map(|c| format!("[[properties]]\ncode = \"{c}\"\nname = \"{c}\"\n"))
            .collect();
        let toml = format!("{hotels}[[properties]]\ncode = \"X\"\nname = \"X\"\n{line}\n");
        match (with(&toml), want) {
            (Ok(c), Ok(kind)) => assert_eq!(c.property_kind("X"), kind, "{line}"),
            (Err(e), Err(part)) => assert!(e.contains(part), "{line}: {e}"),
            (got, want) => panic!("{line}: got {:?}, want {want:?}", got.map(|c| c.property_kind("X"))),
        }
    }
}

#[test]
fn the_default_configuration_has_one_residential_property() {
    let c = Config::builtin().expect("defaults load");
    let managed: Vec<&str> = c.managed_properties().map(|p| p.code.as_str()).collect();
    assert_eq!(managed, ["LRG"]);
    assert!(c.is_managed("LRG") && !c.is_managed("LIS") && !c.is_managed("nowhere"));
}

#[test]
fn complaint_categories_and_sla_follow_the_property_kind() {
    let c = Config::builtin().expect("defaults load");
    let managed = ["repairs", "security", "cleaning", "landscaping", "parking", "noise", "fees", "neighbours", "other"];
    assert_eq!(c.complaint_categories("LRG"), managed);
    assert!(c.complaint_categories("LIS").iter().any(|x| x == "wifi"));
    // (property, category, severity) → (first response, resolution) in minutes.
    let cases = [
        ("LIS", "wifi", "normal", Some((120, 4320))),
        ("LRG", "repairs", "normal", Some((120, 4320))),
        ("LRG", "repairs", "low", Some((240, 4320))),
        ("LRG", "security", "low", Some((15, 240))),
        ("LRG", "landscaping", "critical", Some((15, 240))),
        ("LRG", "landscaping", "low", Some((1440, 10080))),
        ("LRG", "wifi", "low", None),
        ("LRG", "repairs", "urgent", None),
    ];
    for (property, category, severity, want) in cases {
        assert_eq!(c.complaint_sla(property, category, severity), want, "{property} {category} {severity}");
    }
}

#[test]
fn managed_categories_need_sla_targets() {
    let cases = [
        ("[complaints.managed]\ncategories = [\"repairs\", \"lifts\"]\n", "category `lifts` has no SLA targets"),
        ("[complaints.managed]\ncategories = [\"repairs\", \"repairs\"]\n", "`repairs` appears twice"),
        ("[complaints.managed]\ncategories = []\n", "managed properties need at least one category"),
    ];
    for (toml, want) in cases {
        let e = with(toml).expect_err(toml);
        assert!(e.contains(want), "{toml}: {e}");
    }
}

#[test]
fn resident_roles_are_owner_tenant_family() {
    let codes: Vec<&str> = ResidentRole::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(codes, ["owner", "tenant", "family"]);
    assert!(Residence::parse("A", "1", "landlord").is_err());
    assert_eq!(Residence::parse("A", "1", "family").map(|r| r.role), Ok(ResidentRole::Family));
}
