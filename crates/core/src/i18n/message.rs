//! Typed messages: what frontdesk tells a person, as a value (an enum variant with the
//! values it names) that is rendered through a catalogue key in the reader's language.
//!
//! A message enum is declared with [`messages!`](crate::i18n::messages): each variant names
//! its key, and its fields are the `{placeholders}` of the catalogue text. The macro writes
//! the key and argument lookup (an exhaustive match), `Display` (the English text, from
//! the same `en.toml`), and `KEYS`, the list the completeness test checks both catalogues
//! against, so a variant cannot be added without a key.

use super::Texts;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Something said to a person: a catalogue key and the values of its placeholders.
pub trait Message: std::fmt::Debug {
    /// The catalogue key, `section.name`.
    fn key(&self) -> &'static str;
    /// The placeholder values, rendered for `t` (nested messages speak its language).
    fn args(&self, t: &Texts) -> Vec<(&'static str, String)>;
}

/// A value that fills a placeholder.
pub trait Arg {
    /// The value as `t` writes it.
    fn arg(&self, t: &Texts) -> String;
}

/// Values written as they are in every language: codes, names, numbers and dates quoted
/// in a sentence (the catalogue's own formatting applies where a text formats them).
macro_rules! plain_args {
    ($($ty:ty),*) => {
        $(impl Arg for $ty {
            fn arg(&self, _: &Texts) -> String {
                self.to_string()
            }
        })*
    };
}

plain_args!(String, str, &'static str, char, i64, i32, u64, u32, u16, u8, usize, NaiveDate);

impl Arg for PathBuf {
    fn arg(&self, _: &Texts) -> String {
        self.display().to_string()
    }
}

/// Nothing when absent: an optional clause of a sentence.
impl<T: Arg> Arg for Option<T> {
    fn arg(&self, t: &Texts) -> String {
        self.as_ref().map(|v| v.arg(t)).unwrap_or_default()
    }
}

/// One line each: a list of issues under the sentence that introduces them.
impl<T: Arg> Arg for Vec<T> {
    fn arg(&self, t: &Texts) -> String {
        self.iter().map(|v| v.arg(t)).collect::<Vec<_>>().join("\n")
    }
}

impl<T: Arg + ?Sized> Arg for Box<T> {
    fn arg(&self, t: &Texts) -> String {
        T::arg(self, t)
    }
}

/// A count of something, worded with its plural form from the catalogue (`unit.nights_one`
/// "{n} night", `unit.nights_other` "{n} nights"): declared as `Nights(3)`.
macro_rules! units {
    ($($(#[$meta:meta])* $name:ident => $key:literal),* $(,)?) => {
        $(
            $(#[$meta])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
            pub struct $name(pub i64);

            impl Arg for $name {
                fn arg(&self, t: &Texts) -> String {
                    t.count($key, self.0)
                }
            }
        )*

        /// The catalogue keys of the counted units, for the completeness test.
        pub const UNIT_KEYS: &[&str] = &[$($key),*];
    };
}

units! {
    /// Nights: "1 night", "3 nights".
    Nights => "unit.nights",
    /// Stays: "1 stay", "2 stays".
    Stays => "unit.stays",
    /// Rows of an input file: "1 row", "3 rows".
    Rows => "unit.rows",
    /// Commands of a batch: "1 command", "3 commands".
    Commands => "unit.commands",
    /// Changes waiting for approval: "1 change", "3 changes".
    Changes => "unit.changes",
    /// Problems found: "1 problem", "3 problems".
    Problems => "unit.problems",
    /// Wrong PINs left before a lock-out: "1 more wrong PIN", "3 more wrong PINs".
    WrongPins => "unit.wrong_pins",
}

/// Declares a message enum: `messages! { pub enum Name in "section" { Variant { field: Type }
/// => "key", … } }`. Each variant's text is `section.key` in `config/i18n/*.toml`, with
/// `{field}` placeholders; fields render through [`Arg`] (a nested message in the same
/// language). Attributes (docs, derives) pass through to the enum.
#[macro_export]
macro_rules! messages {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $section:literal {
            $(
                $(#[$vmeta:meta])*
                $variant:ident $({ $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? })? => $key:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant $({ $($(#[$fmeta])* $field: $ty),* })?
            ),*
        }

        impl $name {
            /// Every variant's catalogue key with the names of its placeholders.
            pub const KEYS: &'static [(&'static str, &'static [&'static str])] =
                &[$((concat!($section, ".", $key), &[$($(stringify!($field)),*)?])),*];
        }

        impl $crate::i18n::Message for $name {
            fn key(&self) -> &'static str {
                match self {
                    $($name::$variant { .. } => concat!($section, ".", $key)),*
                }
            }

            #[allow(unused_variables)]
            fn args(&self, t: &$crate::i18n::Texts) -> Vec<(&'static str, String)> {
                match self {
                    $($name::$variant $({ $($field),* })? => vec![
                        $($((stringify!($field), $crate::i18n::Arg::arg($field, t))),*)?
                    ]),*
                }
            }
        }

        impl $crate::i18n::Arg for $name {
            fn arg(&self, t: &$crate::i18n::Texts) -> String {
                t.say(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::i18n::Texts::english().say(self))
            }
        }

        impl std::error::Error for $name {}
    };
}
