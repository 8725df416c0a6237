//! The terminal's settings checked when the configuration loads: key bindings and colours.

use frontdesk_core::config::Config;

/// Problems with `[ui.keys]` and `[ui.theme]`, as (dotted key, reason).
pub fn config_issues(c: &Config) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Err(errors) = crate::app::keymap::Keymap::build(&c.ui.keys) {
        for e in errors {
            let (key, reason) = e.split_once(": ").unwrap_or(("ui.keys", e.as_str()));
            out.push((key.to_string(), reason.to_string()));
        }
    }
    let t = &c.ui.theme;
    for (name, value) in [("accent", &t.accent), ("error", &t.error), ("warn", &t.warn), ("ok", &t.ok), ("dim", &t.dim)]
    {
        if crate::ui::theme::Theme::color(value).is_none() {
            out.push((
                format!("ui.theme.{name}"),
                format!("`{value}` is not a colour name such as cyan, lightred or #ff8800"),
            ));
        }
    }
    out
}
