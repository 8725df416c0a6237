//! A form: typed fields (text, dates, money, numbers, choices shown by their names),
//! the focused one, and parsing each value once, where it was typed, with the problem
//! shown beside its field.

use super::input::TextInput;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Which field: every form names its fields with these, never with label strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// A member's name.
    Name,
    /// E-mail address.
    Email,
    /// Phone number.
    Phone,
    /// Date of birth.
    Birthday,
    /// Property code.
    Property,
    /// Card number (empty: the store issues one).
    Card,
    /// Preferences and notes.
    Notes,
    /// Arrival date.
    Arrival,
    /// Departure date.
    Departure,
    /// Room revenue.
    Revenue,
    /// Booking or complaint channel.
    Channel,
    /// The source system's reference.
    ExternalRef,
    /// Points (signed).
    Points,
    /// Why (kept in the ledger).
    Reason,
    /// Complaint category.
    Category,
    /// Complaint severity.
    Severity,
    /// What happened.
    Description,
    /// The complaint state to move to.
    State,
    /// A note for the timeline.
    Note,
    /// Satisfaction 1–5.
    Csat,
    /// Likelihood to recommend 0–10.
    Nps,
    /// A file path.
    File,
    /// Which records a file holds.
    ImportKind,
    /// A mapping file.
    Mapping,
    /// Fee payment or event.
    ActivityKind,
    /// The activity's date.
    Date,
    /// The month a fee pays for.
    Period,
    /// The amount paid.
    Amount,
    /// Paid on time?
    OnTime,
    /// Event code.
    Event,
    /// Building of a residence.
    Building,
    /// Unit of a residence.
    Unit,
    /// Owner, tenant, occupant.
    Role,
}

impl FieldId {
    /// Catalogue key of the label.
    pub(crate) fn label(self) -> &'static str {
        use FieldId::*;
        match self {
            Name => "field.name",
            Email => "field.email",
            Phone => "field.phone",
            Birthday => "field.birthday",
            Property => "field.property",
            Card => "field.card",
            Notes => "field.notes",
            Arrival => "field.arrival",
            Departure => "field.departure",
            Revenue => "field.revenue",
            Channel => "field.channel",
            ExternalRef => "field.external_ref",
            Points => "field.points",
            Reason => "field.reason",
            Category => "field.category",
            Severity => "field.severity",
            Description => "field.description",
            State => "field.state",
            Note => "field.note",
            Csat => "field.csat",
            Nps => "field.nps",
            File => "field.file",
            ImportKind => "field.kind",
            Mapping => "field.mapping",
            ActivityKind => "property.field_kind",
            Date => "property.field_date",
            Period => "property.field_period",
            Amount => "property.field_amount",
            OnTime => "property.field_on_time",
            Event => "property.field_event",
            Building => "property.building",
            Unit => "property.unit",
            Role => "property.role",
        }
    }
}

/// One option of a choice: the code the command gets and the words the clerk reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The code (`food_beverage`).
    pub code: String,
    /// Its display name (`Food & beverage`).
    pub label: String,
}

/// What a field accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A date `YYYY-MM-DD`.
    Date,
    /// An amount of money.
    Money,
    /// A whole number, possibly negative.
    Integer,
    /// One of these; the index of the chosen one.
    Choice(Vec<Choice>, usize),
}

/// One labelled field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Which field.
    pub id: FieldId,
    /// Kind of value.
    pub kind: FieldKind,
    /// Whether it must be filled.
    pub required: bool,
    /// The typed value (unused by choices).
    pub input: TextInput,
    /// Why the value is not acceptable, shown beside the field.
    pub error: Option<String>,
}

impl Field {
    /// A text-like field with a starting value.
    pub(crate) fn new(id: FieldId, kind: FieldKind, required: bool, value: &str) -> Field {
        Field { id, kind, required, input: TextInput::with(value), error: None }
    }

    /// A free-text field.
    pub(crate) fn text(id: FieldId, required: bool, value: &str) -> Field {
        Field::new(id, FieldKind::Text, required, value)
    }

    /// A choice among `options`, on the one whose code is `code` (else the first).
    pub(crate) fn choice(id: FieldId, options: Vec<Choice>, code: &str) -> Field {
        let at = options.iter().position(|o| o.code == code).unwrap_or(0);
        Field::new(id, FieldKind::Choice(options, at), true, "")
    }

    /// The trimmed text, or the code of the chosen option.
    pub fn value(&self) -> &str {
        match &self.kind {
            FieldKind::Choice(options, at) => options.get(*at).map_or("", |o| o.code.as_str()),
            _ => self.input.value().trim(),
        }
    }

    /// What the field shows: the text, or the chosen option's name.
    pub(crate) fn shown(&self) -> &str {
        match &self.kind {
            FieldKind::Choice(options, at) => options.get(*at).map_or("", |o| o.label.as_str()),
            _ => self.input.value(),
        }
    }

    /// Whether typed keys edit text here (a choice takes letters to jump instead).
    pub(crate) fn is_text(&self) -> bool {
        !matches!(self.kind, FieldKind::Choice(..))
    }

    /// Applies a key; returns whether the field took it. A choice moves with ← → and
    /// Space, Home and End, and jumps to the next option whose name starts with a typed
    /// letter.
    fn handle(&mut self, e: &KeyEvent) -> bool {
        let FieldKind::Choice(options, at) = &mut self.kind else { return self.input.handle(e) };
        let n = options.len();
        if n == 0 || e.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        *at = match e.code {
            KeyCode::Left => (*at + n - 1) % n,
            KeyCode::Right | KeyCode::Char(' ') => (*at + 1) % n,
            KeyCode::Home => 0,
            KeyCode::End => n - 1,
            KeyCode::Char(c) => {
                let starts = |o: &Choice| o.label.chars().next().is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()));
                match (1..=n).map(|i| (*at + i) % n).find(|i| starts(&options[*i])) {
                    Some(i) => i,
                    None => return true,
                }
            }
            _ => return false,
        };
        true
    }
}

/// A form: fields, the focused one, and whether anything was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<K> {
    /// What the form is for.
    pub kind: K,
    /// Catalogue key of the title.
    pub title: &'static str,
    /// Fields in order.
    pub fields: Vec<Field>,
    /// Index of the focused field.
    pub focus: usize,
    /// Whether the user has typed anything since it opened.
    pub dirty: bool,
}

impl<K> Form<K> {
    /// A new form, the caret on the first required field still empty.
    pub(crate) fn new(kind: K, title: &'static str, fields: Vec<Field>) -> Self {
        let focus = fields.iter().position(|f| f.required && f.is_text() && f.value().is_empty()).unwrap_or(0);
        Form { kind, title, fields, focus, dirty: false }
    }

    /// The field `id`, if the form has it.
    pub(crate) fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The value of field `id` (empty when the form has no such field).
    pub fn get(&self, id: FieldId) -> &str {
        self.field(id).map_or("", Field::value)
    }

    /// Whether the form has field `id`.
    pub(crate) fn has(&self, id: FieldId) -> bool {
        self.field(id).is_some()
    }

    /// The focused field.
    pub(crate) fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Moves focus by `step`, wrapping.
    pub(crate) fn move_focus(&mut self, step: isize) {
        let n = self.fields.len() as isize;
        if n > 0 {
            self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
        }
    }

    /// Applies a key to the focused field; returns whether it took it.
    pub(crate) fn handle_key(&mut self, e: &KeyEvent) -> bool {
        let Some(field) = self.fields.get_mut(self.focus) else { return false };
        let taken = field.handle(e);
        if taken {
            self.dirty = true;
            field.error = None;
        }
        taken
    }

    /// Pastes into the focused text field.
    pub(crate) fn paste(&mut self, s: &str) {
        if let Some(field) = self.fields.get_mut(self.focus).filter(|f| f.is_text()) {
            field.input.insert_str(s);
            field.error = None;
            self.dirty = true;
        }
    }

    /// Marks field `id` with a problem (the first problem of a field stays).
    pub(crate) fn flag(&mut self, id: FieldId, problem: impl Into<String>) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id && f.error.is_none()) {
            f.error = Some(problem.into());
        }
    }

    /// Whether any field has a problem.
    pub(crate) fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Puts the caret on the first field with a problem.
    pub(crate) fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }
}

/// Why a typed date is not one: a shape other than `YYYY-MM-DD`, or a day that does not
/// exist (1990-02-30).
pub(crate) fn date_problem(s: &str) -> Option<DateProblem> {
    if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() {
        return None;
    }
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    Some(if shape { DateProblem::NoSuchDay } else { DateProblem::Shape })
}

/// What is wrong with a typed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateProblem {
    /// Not written `YYYY-MM-DD`.
    Shape,
    /// Written right, but the calendar has no such day.
    NoSuchDay,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(labels: &[&str]) -> Vec<Choice> {
        labels.iter().map(|l| Choice { code: l.to_lowercase(), label: (*l).to_string() }).collect()
    }

    fn press(f: &mut Field, code: KeyCode) -> bool {
        f.handle(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn a_letter_jumps_to_the_next_option_named_with_it() {
        let mut f = Field::choice(FieldId::Category, options(&["Cleanliness", "Maintenance", "Noise", "Nothing"]), "");
        assert!(press(&mut f, KeyCode::Char('n')));
        assert_eq!(f.value(), "noise");
        press(&mut f, KeyCode::Char('N'));
        assert_eq!(f.value(), "nothing", "the same letter again goes on to the next one");
        press(&mut f, KeyCode::Char('n'));
        assert_eq!(f.value(), "noise", "and wraps");
        press(&mut f, KeyCode::Home);
        assert_eq!(f.shown(), "Cleanliness");
        press(&mut f, KeyCode::End);
        assert_eq!(f.shown(), "Nothing");
        press(&mut f, KeyCode::Char('z'));
        assert_eq!(f.shown(), "Nothing", "no option starts with z");
    }

    #[test]
    fn a_form_opens_on_the_first_required_empty_field() {
        let fields = vec![
            Field::choice(FieldId::Property, options(&["LIS"]), "lis"),
            Field::new(FieldId::Arrival, FieldKind::Date, true, ""),
            Field::new(FieldId::Departure, FieldKind::Date, true, "2026-11-23"),
        ];
        assert_eq!(Form::new((), "t", fields).focus, 1);
    }

    #[test]
    fn a_date_that_does_not_exist_is_told_apart_from_a_mistyped_one() {
        assert_eq!(date_problem("1990-02-30"), Some(DateProblem::NoSuchDay));
        assert_eq!(date_problem("30.02.1990"), Some(DateProblem::Shape));
        assert_eq!(date_problem("2024-02-29"), None);
    }
}
