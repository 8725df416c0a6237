//! The layers, held by Cargo: each crate may depend only on the crates below it, and the
//! core on nothing that stores, draws or talks to a network. `cargo tree` is asked, so an
//! arrow that runs up (the core wanting sled, the protocol wanting the terminal UI) fails
//! here, in `cargo test`, before review.

use std::collections::BTreeSet;
use std::process::Command;

/// Each workspace crate and the workspace crates it may depend on (normal dependencies).
const LAYERS: &[(&str, &[&str])] = &[
    ("frontdesk-core", &[]),
    ("frontdesk-store", &["frontdesk-core"]),
    ("frontdesk-exchange", &["frontdesk-core", "frontdesk-store"]),
    ("frontdesk-service", &["frontdesk-core", "frontdesk-store", "frontdesk-exchange"]),
    ("frontdesk-protocol", &["frontdesk-core", "frontdesk-store", "frontdesk-service"]),
    ("frontdesk-tui", &["frontdesk-core", "frontdesk-store", "frontdesk-service", "frontdesk-protocol"]),
];

/// Crates that store, draw, or reach the operating system's terminal and sockets.
const IMPURE: &[&str] = &["sled", "bincode", "crossterm", "ratatui", "nix", "signal-hook", "mio", "rusqlite", "csv"];
/// Crates of the terminal only.
const TERMINAL: &[&str] = &["crossterm", "ratatui", "tui-input", "indicatif"];

/// Package names in the normal-dependency closure of `package` (itself left out).
fn closure(package: &str) -> BTreeSet<String> {
    tree(package, &[])
}

/// Package names `package` depends on directly (normal dependencies).
fn direct(package: &str) -> BTreeSet<String> {
    tree(package, &["--depth", "1"])
}

fn tree(package: &str, extra: &[&str]) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-e", "normal", "--prefix", "none", "--format", "{p}", "-p", package])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo tree -p {package}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != package)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_crate_depends_only_on_the_layers_below_it() {
    let ours: BTreeSet<&str> = LAYERS.iter().map(|(name, _)| *name).chain(["frontdesk"]).collect();
    for (crate_name, allowed) in LAYERS {
        let up: Vec<String> = direct(crate_name)
            .into_iter()
            .filter(|d| ours.contains(d.as_str()) && !allowed.contains(&d.as_str()))
            .collect();
        assert!(up.is_empty(), "{crate_name} depends on {up:?}, above it or beside it; it may use only {allowed:?}");
    }
}

#[test]
fn the_core_needs_nothing_that_stores_draws_or_talks() {
    let found: Vec<String> = closure("frontdesk-core").into_iter().filter(|d| IMPURE.contains(&d.as_str())).collect();
    assert!(found.is_empty(), "frontdesk-core pulls in {found:?}: the rules must stay pure");
}

#[test]
fn only_the_terminal_ui_and_the_binary_know_the_terminal() {
    for crate_name in
        ["frontdesk-core", "frontdesk-store", "frontdesk-exchange", "frontdesk-service", "frontdesk-protocol"]
    {
        let found: Vec<String> = closure(crate_name).into_iter().filter(|d| TERMINAL.contains(&d.as_str())).collect();
        assert!(found.is_empty(), "{crate_name} pulls in {found:?}, the terminal's crates");
    }
}

/// The drawing code (`crates/tui/src/ui`) shows what it is given: it names no store, no
/// worker and no connection (the compiler cannot tell, as `ui` and `app` share a crate).
#[test]
fn the_drawing_code_reaches_no_store() {
    let forbidden = [
        "frontdesk_store::store",
        "frontdesk_store::ops::execute",
        "frontdesk_service::worker",
        "frontdesk_protocol",
        "sled::",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/tui/src/ui");
    let mut offending = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for word in forbidden.iter().filter(|w| text.contains(**w)) {
                    offending.push(format!("{} names {word}", path.display()));
                }
            }
        }
    }
    assert!(offending.is_empty(), "{offending:#?}");
}
