//! The man pages in docs/man/ are generated from the clap definitions (clap_mangen): one
//! for `frontdesk` and one per subcommand (`frontdesk-member.1` …). This test regenerates
//! them and fails when the committed pages differ; `UPDATE_MAN=1 cargo test --test
//! docs man::` writes them.

use clap::CommandFactory;
use std::path::{Path, PathBuf};

/// Every page: (file name, roff text), subcommands of subcommands too
/// (`frontdesk-member-add.1`), as the pages name each other.
fn pages() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    // Built first, so that each subcommand carries the global options (--db, --json …)
    // its own arguments refer to and its page lists them.
    let mut root = frontdesk::cli::Cli::command().name("frontdesk");
    root.build();
    add(root, &mut out);
    out
}

fn add(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{}-{}", cmd.get_name(), sub.get_name());
        // clap names are 'static without its `string` feature; a test may leak a few.
        let named: &'static str = Box::leak(name.into_boxed_str());
        add(sub.clone().name(named), out);
    }
    out.push((format!("{}.1", cmd.get_name()), render(cmd)));
}

fn render(cmd: clap::Command) -> Vec<u8> {
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut roff).unwrap();
    roff
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man")
}

#[test]
fn man_pages_are_those_the_commands_generate() {
    let pages = pages();
    if std::env::var_os("UPDATE_MAN").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        for (name, roff) in &pages {
            std::fs::write(dir().join(name), roff).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, roff) in &pages {
        if std::fs::read(dir().join(name)).ok().as_ref() != Some(roff) {
            stale.push(name.clone());
        }
    }
    assert!(stale.is_empty(), "docs/man is out of date for {stale:?}: run UPDATE_MAN=1 cargo test --test docs man::");
    let committed = std::fs::read_dir(dir()).unwrap().count();
    assert_eq!(committed, pages.len(), "docs/man holds a page no command has");
    assert!(pages.iter().any(|(n, _)| n == "frontdesk-member.1"));
}
