//! `[import]`: site defaults of `frontdesk import`.

use serde::{Deserialize, Serialize};

/// Site defaults of imports.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    /// Encoding of files given without `--encoding`: `auto` detects, or a name such as
    /// `gb18030` for a site whose files all come from Chinese Windows.
    #[serde(default = "auto")]
    pub encoding: String,
}

fn auto() -> String {
    "auto".into()
}

impl Default for ImportSettings {
    fn default() -> Self {
        ImportSettings { encoding: auto() }
    }
}
