//! How a command ends, as the process exit code scripts test for.

use serde::{Deserialize, Serialize};

/// The outcome of a command line, one code per kind (documented in docs/SCRIPTING.md); it
/// becomes the process exit code in `main` through [`ExitCode::code`] alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExitCode {
    /// Done (0).
    Ok,
    /// A runtime failure: the disk, the terminal, a file (1).
    Runtime,
    /// A malformed argument or configuration; the message names the field (2).
    Usage,
    /// The data refuses it: unknown member, too few points, a conflicting reference (3).
    Data,
    /// The store is held by another process (4).
    Busy,
    /// Sign-in refused: unknown or disabled operator, missing or wrong PIN (5).
    SignInRefused,
    /// The operator is locked out after repeated wrong PINs (6).
    LockedOut,
    /// Above the role's limit: stored as a request waiting for approval, not applied (7).
    PendingApproval,
}

impl ExitCode {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Ok => 0,
            ExitCode::Runtime => 1,
            ExitCode::Usage => 2,
            ExitCode::Data => 3,
            ExitCode::Busy => 4,
            ExitCode::SignInRefused => 5,
            ExitCode::LockedOut => 6,
            ExitCode::PendingApproval => 7,
        }
    }
}

/// Compares with a process exit code, as scripts and tests read it.
impl PartialEq<i32> for ExitCode {
    fn eq(&self, code: &i32) -> bool {
        self.code() == *code
    }
}

#[cfg(test)]
mod tests {
    use super::ExitCode;

    #[test]
    fn the_codes_are_those_the_readme_documents() {
        let all = [
            ExitCode::Ok,
            ExitCode::Runtime,
            ExitCode::Usage,
            ExitCode::Data,
            ExitCode::Busy,
            ExitCode::SignInRefused,
            ExitCode::LockedOut,
            ExitCode::PendingApproval,
        ];
        assert_eq!(all.map(ExitCode::code), [0, 1, 2, 3, 4, 5, 6, 7]);
    }
}
