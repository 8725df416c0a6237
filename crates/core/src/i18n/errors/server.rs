//! What the served store's server and its clients say when a connection cannot serve
//! (`[server_error]`), and what the desk's worker says of its own (`[desk_error]`).

crate::messages! {
    /// A connection to `frontdesk serve` that failed or was refused, and what to do.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum ServerSays in "server_error" {
        NotRunning { path: String } => "not_running",
        Gone { path: String } => "gone",
        InFlight => "in_flight",
        Unexpected { path: String, what: String } => "unexpected",
        RequestTooLarge { mib: u32 } => "request_too_large",
        FrameClosed => "frame_closed",
        FrameBroken { error: String } => "frame_broken",
        BadMagic => "bad_magic",
        FrameVersion { theirs: u16, ours: u16 } => "frame_version",
        FrameTooLarge { bytes: u32, max: u32 } => "frame_too_large",
        Malformed { error: String } => "malformed",
        Trailing { bytes: usize } => "trailing",
        Failed => "failed",
        SayHello => "say_hello",
        Version { client: u16, server: u16 } => "version",
        SignInFirst => "sign_in_first",
        UnknownRole { role: String } => "unknown_role",
        FilesRefused => "files_refused",
        Running { socket: String } => "running",
        RemoveSocket { path: String, error: String } => "remove_socket",
        Listen { path: String, error: String } => "listen",
        SocketMode { path: String, error: String } => "socket_mode",
        Signals { error: String } => "signals",
        SocketGroup { path: String, error: String } => "socket_group",
        StoreGroup { path: String, error: String } => "store_group",
        Full { max: usize } => "full",
        Credentials { error: String } => "credentials",
        GroupLookup { group: String, error: String } => "group_lookup",
        NoGroup { group: String } => "no_group",
        OwnUserOnly { uid: u32 } => "own_user_only",
        NotInGroup { uid: u32, group: String } => "not_in_group",
    }
}

crate::messages! {
    /// What the desk's worker refuses or cannot do by itself.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum DeskSays in "desk_error" {
        AuditForManagers => "audit_for_managers",
        NoCard { card: String } => "no_card",
        RfmMissing => "rfm_missing",
        GiveName => "give_name",
        PinsDiffer => "pins_differ",
        GiveLogin => "give_login",
        NotAdded => "not_added",
    }
}
