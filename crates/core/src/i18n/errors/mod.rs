//! Every error and refusal frontdesk reports, as typed messages (see [`super::message`]).
//! Each enum's texts are one section of `config/i18n/{en,zh}.toml`.

mod backup;
mod cli;
mod config;
mod import;
mod invalid;
mod missing;
mod refused;
mod row;
mod server;
mod signin;
mod store;

pub use backup::{BackupLine, BackupSays, Hex};
pub use cli::{CliSays, More, Needs};
pub use config::ConfigSays;
pub use import::{EncodingFrom, HeaderRead, ImportSays};
pub use invalid::Reason;
pub use missing::{Clash, Missing};
pub use refused::{Act, PointsKind, Refusal};
pub use row::{Expect, RowSays};
pub use server::{DeskSays, ServerSays};
pub use signin::{Denial, SignInRefusal};
pub use store::{Damage, Decode, Os, StoreIo, StoreSays};

use super::{Arg, Message, Texts};
use serde::{Deserialize, Serialize};

/// Declares [`Fault`]: one variant per message enum, each said as that message. Each
/// holds its message boxed, so that a `Result<_, Fault>` stays a few words wide.
macro_rules! faults {
    ($($(#[$meta:meta])* $variant:ident($ty:ty)),* $(,)?) => {
        /// What went wrong, as a value that is cloned, compared and sent to another process
        /// (the worker's answers, the served store's replies), then said in the reader's
        /// language.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub enum Fault {
            /// A field of the request is malformed: `{field}: {reason}`.
            Invalid {
                /// The field's name as the user typed it.
                field: String,
                /// What is wrong with it.
                reason: Box<Reason>,
            },
            $($(#[$meta])* $variant(Box<$ty>)),*
        }

        impl Message for Fault {
            fn key(&self) -> &'static str {
                match self {
                    Fault::Invalid { .. } => "fault.invalid",
                    $(Fault::$variant(m) => m.key()),*
                }
            }

            fn args(&self, t: &Texts) -> Vec<(&'static str, String)> {
                match self {
                    Fault::Invalid { field, reason } => vec![("field", field.clone()), ("reason", reason.arg(t))],
                    $(Fault::$variant(m) => m.args(t)),*
                }
            }
        }

        $(impl From<$ty> for Fault {
            fn from(m: $ty) -> Fault {
                Fault::$variant(Box::new(m))
            }
        })*

        impl Fault {
            /// A malformed `field`.
            pub fn invalid(field: &str, reason: Reason) -> Fault {
                Fault::Invalid { field: field.to_string(), reason: Box::new(reason) }
            }
        }

        /// Every typed message's keys with their placeholders: what the completeness test
        /// holds both catalogues to.
        pub fn all_keys() -> Vec<(&'static str, &'static [&'static str])> {
            let mut keys = vec![("fault.invalid", &["field", "reason"][..])];
            $(keys.extend_from_slice(<$ty>::KEYS);)*
            for k in nested() {
                keys.extend_from_slice(k);
            }
            keys
        }
    };
}

faults! {
    /// A value said without its field (a reject report names the column).
    Reason(Reason),
    /// Something the request names does not exist.
    NotFound(Missing),
    /// The rules refuse the request.
    Refused(Refusal),
    /// A reference or code is already used for something else.
    Conflict(Clash),
    /// The store failed.
    Store(StoreSays),
    /// A record does not decode.
    Decode(Decode),
    /// The operating system's or a library's own words.
    Os(Os),
    /// A sign-in was refused.
    SignIn(SignInRefusal),
    /// A row of an import or a line of a batch.
    Row(RowSays),
    /// An import as a whole.
    Import(ImportSays),
    Backup(BackupSays),
    /// A configuration file.
    Config(ConfigSays),
    /// A command line.
    Cli(CliSays),
    /// The served store's server or its connection.
    Server(ServerSays),
    /// The desk's worker.
    Desk(DeskSays),
}

/// The keys of the enums only ever said inside another message.
fn nested() -> [&'static [(&'static str, &'static [&'static str])]; 12] {
    [
        Act::KEYS,
        PointsKind::KEYS,
        Denial::KEYS,
        Damage::KEYS,
        StoreIo::KEYS,
        Expect::KEYS,
        HeaderRead::KEYS,
        EncodingFrom::KEYS,
        BackupLine::KEYS,
        Hex::KEYS,
        More::KEYS,
        Needs::KEYS,
    ]
}

impl Arg for Fault {
    fn arg(&self, t: &Texts) -> String {
        t.say(self)
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Texts::english().say(self))
    }
}

impl std::error::Error for Fault {}
