//! `[serve]`: who may connect to `frontdesk serve` and how many at once.

use serde::{Deserialize, Serialize};

/// Settings of the store server.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServeSettings {
    /// Unix group whose members may connect (the socket is chowned to it, mode 0660, and
    /// the store directory, mode 0750, to reach it; the files stay 0600). Absent: only
    /// the server's own user and root.
    #[serde(default)]
    pub group: Option<String>,
    /// Connections served at once; more are refused with a message.
    #[serde(default = "default_max_clients")]
    pub max_clients: usize,
}

fn default_max_clients() -> usize {
    32
}

impl Default for ServeSettings {
    fn default() -> Self {
        ServeSettings { group: None, max_clients: default_max_clients() }
    }
}
