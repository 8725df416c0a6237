//! Words, not codes: the display names of tiers, states, categories, channels, ledger
//! kinds, severities, statuses, roles and rewards, in the desk's language.
//!
//! A name comes from the language catalogue (`config/i18n/*.toml`, sections named below);
//! for tiers and rewards, the configuration's `name` is used in English and where the
//! catalogue has none (a tier or reward a property added); a code found nowhere is shown
//! as words made of it (`late_fee` → "Late fee") rather than as a code.

use super::Model;
use frontdesk_core::i18n::Lang;

/// What a code names; each is a section of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vocabulary {
    /// Tier codes (`gold`).
    Tier,
    /// Complaint states (`awaiting_guest`).
    State,
    /// Complaint categories, hotel and managed (`food_beverage`, `repairs`).
    Category,
    /// Booking and complaint channels (`wholesale`, `desk`).
    Channel,
    /// Ledger entry kinds (`redeem_cancel`).
    Kind,
    /// Complaint severities (`critical`).
    Severity,
    /// Member statuses (`active`).
    MemberStatus,
    /// Stay statuses (`no_show`).
    StayStatus,
    /// Redemption states (`held`).
    Redemption,
    /// Approval request states (`pending`).
    Approval,
    /// Operator roles (`supervisor`).
    Role,
    /// Reward codes (`BREAKFAST`).
    Reward,
    /// Audited commands (`points.adjust`).
    Audit,
}

impl Vocabulary {
    /// Every vocabulary, for completeness checks.
    #[cfg(test)]
    const ALL: [Vocabulary; 13] = [
        Vocabulary::Tier,
        Vocabulary::State,
        Vocabulary::Category,
        Vocabulary::Channel,
        Vocabulary::Kind,
        Vocabulary::Severity,
        Vocabulary::MemberStatus,
        Vocabulary::StayStatus,
        Vocabulary::Redemption,
        Vocabulary::Approval,
        Vocabulary::Role,
        Vocabulary::Reward,
        Vocabulary::Audit,
    ];

    /// The catalogue section holding its names.
    pub(crate) fn section(self) -> &'static str {
        match self {
            Vocabulary::Tier => "tier",
            Vocabulary::State => "state",
            Vocabulary::Category => "category",
            Vocabulary::Channel => "channel",
            Vocabulary::Kind => "kind",
            Vocabulary::Severity => "severity",
            Vocabulary::MemberStatus => "member_status",
            Vocabulary::StayStatus => "stay_status",
            Vocabulary::Redemption => "redemption",
            Vocabulary::Approval => "approval",
            Vocabulary::Role => "role",
            Vocabulary::Reward => "reward",
            Vocabulary::Audit => "audit",
        }
    }
}

/// `late_fee` as "Late fee": a code nobody named, in words.
pub(crate) fn humanize(code: &str) -> String {
    let spaced = code.replace(['_', '-', '.'], " ").to_lowercase();
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Model {
    /// The display name of `code` in `vocabulary`.
    pub(crate) fn word(&self, vocabulary: Vocabulary, code: &str) -> String {
        let key = format!("{}.{}", vocabulary.section(), code.replace('.', "_"));
        let catalogue = Some(self.texts.get(&key)).filter(|t| *t != key).map(str::to_string);
        let configured = self.configured_name(vocabulary, code);
        let english = self.texts.lang == Lang::En;
        let name = if english { configured.or(catalogue) } else { catalogue.or(configured) };
        name.unwrap_or_else(|| humanize(code))
    }

    /// A name the configuration gives the code (tiers and rewards have one).
    fn configured_name(&self, vocabulary: Vocabulary, code: &str) -> Option<String> {
        match vocabulary {
            Vocabulary::Tier => self.config.tiers.iter().find(|t| t.code == code).map(|t| t.name.clone()),
            Vocabulary::Reward => self.config.rewards.iter().find(|r| r.code == code).map(|r| r.name.clone()),
            _ => None,
        }
    }

    /// A reward's name: the language catalogue's outside English, else the stored one
    /// (`stored`, or the loaded reward catalogue's when empty).
    pub(crate) fn reward_name(&self, code: &str, stored: &str) -> String {
        let key = format!("reward.{code}");
        let loaded = || self.rewards.catalogue.iter().find(|r| r.code == code).map(|r| r.name.clone());
        match self.texts.get(&key) {
            t if t != key && self.texts.lang != Lang::En => t.to_string(),
            _ if !stored.is_empty() => stored.to_string(),
            _ => loaded().unwrap_or_else(|| self.word(Vocabulary::Reward, code)),
        }
    }

    /// A tier's name.
    pub(crate) fn tier(&self, code: &str) -> String {
        self.word(Vocabulary::Tier, code)
    }

    /// A complaint state's name.
    pub(crate) fn state(&self, code: &str) -> String {
        self.word(Vocabulary::State, code)
    }

    /// A complaint category's name.
    pub(crate) fn category(&self, code: &str) -> String {
        self.word(Vocabulary::Category, code)
    }

    /// A channel's name.
    pub(crate) fn channel(&self, code: &str) -> String {
        self.word(Vocabulary::Channel, code)
    }

    /// A severity's name.
    pub(crate) fn severity(&self, code: &str) -> String {
        self.word(Vocabulary::Severity, code)
    }

    /// A role's name.
    pub(crate) fn role_name(&self, role: frontdesk_core::domain::operator::Role) -> String {
        self.word(Vocabulary::Role, role.as_str())
    }

    /// The kinds of a ledger posting's lines, by name: "Earn + Bonus".
    pub(crate) fn kinds(&self, p: &frontdesk_core::domain::ledger::Posting) -> String {
        let mut names: Vec<String> = Vec::new();
        for l in &p.lines {
            let n = self.word(Vocabulary::Kind, l.kind.as_str());
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names.join(" + ")
    }

    /// Why a member is in a drill-down list, in words.
    pub(crate) fn why(&self, why: &frontdesk_core::domain::analytics::Why) -> String {
        use frontdesk_core::domain::analytics::Why;
        let t = &self.texts;
        match why {
            Why::Upgraded { from, to } => format!("{} → {}", self.tier(from), self.tier(to)),
            Why::Secured { tier, year } => {
                t.fill("why.secured", &[("tier", self.tier(tier)), ("year", year.to_string())])
            }
            Why::Needs { nights, stays, spend_minor } => t.fill(
                "why.needs",
                &[
                    ("nights", t.count("unit.nights", i64::from(*nights))),
                    ("stays", t.count("unit.stays", i64::from(*stays))),
                    ("spend", t.money(*spend_minor, self.config.store.minor_digits, &self.config.store.currency)),
                ],
            ),
            Why::Scores { r, f, m } => format!("R{r} F{f} M{m}"),
            Why::Birthday(date) => t.fill("why.birthday", &[("date", t.date(*date))]),
        }
    }

    /// A ledger posting's source in words: `stay 12` → `Stay 12`, `promo X activity 4` →
    /// `Promotion X Activity 4` (the kinds of reference named, ids and codes kept).
    pub(crate) fn source(&self, source: &str) -> String {
        source
            .split(' ')
            .map(|w| {
                let key = format!("source.{w}");
                match self.texts.get(&key) {
                    t if t != key => t.to_string(),
                    _ => w.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// An audit value in words: each code the catalogue names (a state, a tier, a
    /// severity, a category…) by its name.
    pub(crate) fn audit_value(&self, value: &str) -> String {
        let known = [
            Vocabulary::State,
            Vocabulary::Tier,
            Vocabulary::Severity,
            Vocabulary::Category,
            Vocabulary::Channel,
            Vocabulary::Redemption,
            Vocabulary::Approval,
            Vocabulary::MemberStatus,
            Vocabulary::StayStatus,
            Vocabulary::Role,
        ];
        value
            .split(' ')
            .map(|token| {
                // `clerk,` and `open:` are codes too, before their punctuation.
                let w = token.trim_end_matches([',', ':', ';']);
                let tail = &token[w.len()..];
                known
                    .iter()
                    .find(|v| {
                        let key = format!("{}.{w}", v.section());
                        self.texts.get(&key) != key
                    })
                    .map_or_else(|| token.to_string(), |v| format!("{}{tail}", self.word(*v, w)))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Choices for a form field: each code with its name.
    pub(crate) fn choices<'a>(
        &self,
        vocabulary: Vocabulary,
        codes: impl IntoIterator<Item = &'a String>,
    ) -> Vec<super::form::Choice> {
        codes.into_iter().map(|c| super::form::Choice { code: c.clone(), label: self.word(vocabulary, c) }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_has_its_section_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let texts = frontdesk_core::i18n::Texts::load(lang);
            for v in Vocabulary::ALL {
                let prefix = format!("{}.", v.section());
                assert!(texts.keys().iter().any(|k| k.starts_with(&prefix)), "{lang:?} has no [{}]", v.section());
            }
        }
    }

    #[test]
    fn a_code_nobody_named_reads_as_words() {
        assert_eq!(humanize("late_fee"), "Late fee");
        assert_eq!(humanize("NIGHT-STD"), "Night std");
        assert_eq!(humanize(""), "");
    }
}
