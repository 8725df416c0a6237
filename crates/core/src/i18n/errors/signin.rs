//! Why a sign-in was refused (`[sign_in]`, `[denial]`).

use super::Reason;

crate::messages! {
    /// A sign-in that did not happen.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum SignInRefusal in "sign_in" {
        Denied { why: Denial } => "denied",
        Locked { login: String, until: String } => "locked",
    }
}

crate::messages! {
    /// Why the operator was not let in, and what to give instead.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Denial in "denial" {
        Login { reason: Reason } => "login",
        NoOperator { login: String } => "no_operator",
        Disabled { login: String } => "disabled",
        RoleRaise { login: String, role: String, want: String } => "role_raise",
        WrongPin { login: String, left: crate::i18n::WrongPins } => "wrong_pin",
        NameYourself => "name_yourself",
        NoPin => "no_pin",
    }
}
