//! Property kinds: hotels, and managed residential and commercial properties with their
//! own complaint categories and SLA targets.

use super::{Config, Issues, Property, PropertyKind};
use crate::i18n::errors::ConfigSays;
use serde::{Deserialize, Serialize};

/// Complaint categories of managed (residential and commercial) properties.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedComplaints {
    /// Category codes offered and accepted at managed properties.
    pub categories: Vec<String>,
    /// SLA targets per category.
    pub sla: Vec<CategorySla>,
}

/// SLA targets of one managed-property category.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySla {
    /// Category code.
    pub category: String,
    /// Minutes from logging to first response.
    pub first_response_minutes: i64,
    /// Minutes from logging to resolution.
    pub resolve_minutes: i64,
}

impl PropertyKind {
    /// Whether residents rather than guests are the members (residential, commercial).
    pub(crate) fn is_managed(self) -> bool {
        !matches!(self, PropertyKind::Hotel)
    }

    /// Code used in the configuration and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            PropertyKind::Hotel => "hotel",
            PropertyKind::Residential => "residential",
            PropertyKind::Commercial => "commercial",
        }
    }
}

impl Config {
    /// Kind of a property; unknown codes count as hotels (commands reject them anyway).
    pub fn property_kind(&self, code: &str) -> PropertyKind {
        self.property(code).map_or(PropertyKind::Hotel, |p| p.kind)
    }

    /// Whether a property is residential or commercial.
    pub fn is_managed(&self, code: &str) -> bool {
        self.property_kind(code).is_managed()
    }

    /// Managed properties, in configuration order.
    pub fn managed_properties(&self) -> impl Iterator<Item = &Property> {
        self.properties.iter().filter(|p| p.kind.is_managed())
    }

    /// Complaint categories accepted at a property, by its kind.
    pub fn complaint_categories(&self, property: &str) -> &[String] {
        if self.is_managed(property) { &self.complaints.managed.categories } else { &self.complaints.categories }
    }

    /// Every complaint category of any kind of property, hotel ones first, once each
    /// (for filters over the whole queue).
    pub fn all_complaint_categories(&self) -> Vec<String> {
        let mut all = self.complaints.categories.clone();
        for c in &self.complaints.managed.categories {
            if !all.contains(c) {
                all.push(c.clone());
            }
        }
        all
    }

    /// SLA targets (first response, resolution, in minutes) of a complaint. At a managed
    /// property the category's targets apply, tightened by the severity's: a critical
    /// leak is not given a week because repairs usually get one.
    pub fn complaint_sla(&self, property: &str, category: &str, severity: &str) -> Option<(i64, i64)> {
        let sev = self.severity(severity)?;
        let targets = (sev.first_response_minutes, sev.resolve_minutes);
        if !self.is_managed(property) {
            return Some(targets);
        }
        let cat = self.complaints.managed.sla.iter().find(|s| s.category == category)?;
        Some((targets.0.min(cat.first_response_minutes), targets.1.min(cat.resolve_minutes)))
    }
}

/// Checks the managed-property complaint rules: categories known codes, each with
/// sensible SLA targets.
pub(super) fn check(c: &Config, out: &mut Issues) {
    let m = &c.complaints.managed;
    if m.categories.is_empty() && c.managed_properties().next().is_some() {
        out.push(("complaints.managed.categories".into(), ConfigSays::NeedManagedCategory.into()));
    }
    for (i, cat) in m.categories.iter().enumerate() {
        if m.categories[..i].contains(cat) {
            out.push((format!("complaints.managed.categories[{i}]"), ConfigSays::Twice { value: cat.clone() }.into()));
        }
        if !m.sla.iter().any(|s| &s.category == cat) {
            out.push(("complaints.managed.sla".into(), ConfigSays::NoSla { category: cat.clone() }.into()));
        }
    }
    for (i, s) in m.sla.iter().enumerate() {
        if !m.categories.contains(&s.category) {
            out.push((
                format!("complaints.managed.sla[{i}].category"),
                ConfigSays::NotManaged { category: s.category.clone() }.into(),
            ));
        }
        if s.first_response_minutes <= 0 || s.resolve_minutes < s.first_response_minutes {
            out.push((format!("complaints.managed.sla[{i}]"), ConfigSays::SlaOrder.into()));
        }
    }
}
