//! What a command line refuses or fails at, beyond the operations' own errors
//! (`[cli_error]`; `[needs]` names an activity missing a flag).

use super::Fault;
use crate::i18n::{Changes, Commands, Problems, Rows};

crate::messages! {
    /// An argument, a file or the terminal a command line cannot use, and what to do.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum CliSays in "cli_error" {
        NotDate { value: String } => "not_date",
        NotRole { value: String } => "not_role",
        RoleVar { value: String, reason: String } => "role_var",
        Now { value: String, error: String } => "now",
        NeedsFlag { flag: String, what: Needs } => "needs_flag",
        Category { value: String } => "category",
        Period { value: String } => "period",
        ReferredNoMember { who: String } => "referred_no_member",
        Kind { value: String, known: String } => "kind",
        KindStay { value: String, known: String } => "kind_stay",
        DemoMembers => "demo_members",
        DemoNotEmpty => "demo_not_empty",
        NotApplied { id: u64, role: String } => "not_applied",
        Create { path: String, error: String } => "create",
        Rename { from: String, to: String, error: String } => "rename",
        RestoreServed => "restore_served",
        AdminRestore => "admin_restore",
        SalvageInto { path: String } => "salvage_into",
        SalvageIncomplete => "salvage_incomplete",
        ProblemsFound { n: Problems } => "problems_found",
        OpenStore { path: String, named: String, more: Option<More>, fix: String } => "open_store",
        VerifyPermissions { count: usize, fix: String } => "verify_permissions",
        NameScan { members: String } => "name_scan",
        State { value: String } => "state",
        ComplaintVanished => "complaint_vanished",
        JsonlEncoding => "jsonl_encoding",
        WriteExport { error: String } => "write_export",
        Spool { error: String } => "spool",
        WriteFile { path: String, error: String } => "write_file",
        BatchSize => "batch_size",
        DryRunNoStore { path: String } => "dry_run_no_store",
        ImportStopped { reason: Box<Fault> } => "import_stopped",
        RejectsIncomplete { error: String } => "rejects_incomplete",
        DuplicatesIncomplete { error: String } => "duplicates_incomplete",
        Interrupted => "interrupted",
        RowsRejected { n: Rows } => "rows_rejected",
        RowsRejectedShown { n: Rows } => "rows_rejected_shown",
        RowsRejectedSee { n: Rows, path: String } => "rows_rejected_see",
        CommandsRejected { n: Commands } => "commands_rejected",
        Pending { n: Changes } => "pending",
        ReferredByNoMember => "referred_by_no_member",
        Terminal => "terminal",
        RawMode { error: String } => "raw_mode",
        SetUpTerminal { error: String } => "set_up_terminal",
        Draw { error: String } => "draw",
        ReadTerminal { error: String } => "read_terminal",
        ReaderStopped => "reader_stopped",
        Keys { issues: String } => "keys",
        Stale { reason: Box<Fault>, socket: String } => "stale",
        TuiForwarded => "tui_forwarded",
        ServeForwarded => "serve_forwarded",
        Completions { error: String } => "completions",
        ReadPin { error: String } => "read_pin",
        NewPin => "new_pin",
        HashPin { error: String } => "hash_pin",
        RoleSet => "role_set",
        AdminAndRole => "admin_and_role",
        GiveRole => "give_role",
        UnexpectedReply => "unexpected_reply",
        WriteJson { error: String } => "write_json",
        WriteOutput { error: String } => "write_output",
        WriteCsv { error: String } => "write_csv",
        Revenue { reason: Box<Fault> } => "revenue",
        TooManyNights => "too_many_nights",
        DepartureOrNights => "departure_or_nights",
        StayStatus { value: String } => "stay_status",
        NoPromotion { code: String } => "no_promotion",
        Per { value: String } => "per",
        Effect => "effect",
        ActivityKind { value: String, known: String } => "activity_kind",
        Tier { value: String, known: String } => "tier",
        Property { value: String } => "property",
        NoMemberLists { report: String } => "no_member_lists",
        MembersOneOf { known: String } => "members_one_of",
        NotManaged { value: String, managed: String } => "not_managed",
        NoneManaged { value: String } => "none_managed",
        NotSegment { value: String, known: String } => "not_segment",
        RfmGone => "rfm_gone",
        ResidenceFlag { name: String } => "residence_flag",
        ResidenceAtHotel { code: String } => "residence_at_hotel",
        RedeemUsage => "redeem_usage",
        ReadStdin { error: String } => "read_stdin",
        StdinTooLarge { mib: u64 } => "stdin_too_large",
        ExportEncoding { value: String } => "export_encoding",
        NotExportable { value: String } => "not_exportable",
        NotFormat { value: String } => "not_format",
        ImportKind { value: String } => "import_kind",
    }
}

crate::messages! {
    /// The rest of a list cut short.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum More in "more" {
        Files { n: usize } => "files",
    }
}

crate::messages! {
    /// An activity that needs a flag, as the subject of "… needs --flag".
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Needs in "needs" {
        Spend => "spend",
        Fee => "fee",
        Event => "event",
        Survey => "survey",
        Referral => "referral",
    }
}
