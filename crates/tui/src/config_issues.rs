//! The terminal's settings checked when the configuration loads: key bindings and colours.

use frontdesk_core::config::Config;
use frontdesk_core::i18n::Fault;
use frontdesk_core::i18n::errors::ConfigSays;

/// Problems with `[ui.keys]` and `[ui.theme]`, as (dotted key, reason).
pub fn config_issues(c: &Config) -> Vec<(String, Fault)> {
    let mut out: Vec<(String, Fault)> = Vec::new();
    for (key, reason) in crate::app::keymap::Keymap::check(&c.ui.keys) {
        out.push((key, reason.into()));
    }
    let t = &c.ui.theme;
    for (name, value) in [("accent", &t.accent), ("error", &t.error), ("warn", &t.warn), ("ok", &t.ok), ("dim", &t.dim)]
    {
        if crate::ui::theme::Theme::color(value).is_none() {
            out.push((format!("ui.theme.{name}"), ConfigSays::Colour { value: value.clone() }.into()));
        }
    }
    out
}
