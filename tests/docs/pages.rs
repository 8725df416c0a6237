//! The README and the pages under docs/ hold together: every relative link names a file
//! that exists (and, with `#anchor`, a heading in it, spelled as GitHub makes anchors), and
//! every `frontdesk …` line of their shell blocks is accepted by frontdesk's own argument
//! parser, so an example never shows an option that does not exist. (The README's commands
//! are also run: tests/docs/readme.rs.)

use clap::Parser;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every docs/*.md, as paths relative to the repository.
fn pages() -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.strip_prefix(root()).expect("inside the repository").to_path_buf())
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

fn read(page: &Path) -> String {
    std::fs::read_to_string(root().join(page)).unwrap_or_else(|e| panic!("{}: {e}", page.display()))
}

/// The text outside fenced blocks and code spans, where links are.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            let mut in_code = false;
            out.extend(line.chars().filter(|&c| {
                if c == '`' {
                    in_code = !in_code;
                }
                !in_code && c != '`'
            }));
            out.push('\n');
        }
    }
    out
}

/// The targets of `[text](target)` links.
fn links(text: &str) -> Vec<String> {
    let text = prose(text);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let end = after.find(')').unwrap_or(after.len());
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

#[test]
fn every_link_names_a_file_and_a_heading_that_exist() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = read(&page);
        let dir = page.parent().unwrap_or(Path::new(""));
        for link in links(&text) {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() { page.clone() } else { normalise(&dir.join(file)) };
            if !root().join(&target).exists() {
                broken.push(format!("{}: {link}: no such file", page.display()));
                continue;
            }
            let markdown = target.extension().is_some_and(|x| x == "md");
            if !fragment.is_empty() && markdown && !anchors(&read(&target)).iter().any(|a| a == fragment) {
                broken.push(format!("{}: {link}: no such heading", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// `docs/../dist/x` as `dist/x`.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The `frontdesk …` lines of a page's shell blocks, continued lines joined.
fn frontdesk_lines(text: &str) -> Vec<String> {
    let (mut out, mut sh, mut pending) = (Vec::new(), false, String::new());
    for line in text.lines() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            sh = !sh && matches!(info.trim(), "sh" | "bash" | "shell");
            continue;
        }
        if !sh {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        pending.push_str(line);
        let whole = std::mem::take(&mut pending);
        if whole.trim_start().starts_with("frontdesk ") {
            out.push(whole.trim().to_string());
        }
    }
    out
}

/// Words of a plain command line, its comment left out; `None` when it uses shell syntax
/// (a loop, a variable, a redirection), which only a shell can read.
fn words(line: &str) -> Option<Vec<String>> {
    let (mut out, mut word, mut quote, mut started) = (Vec::new(), String::new(), None::<char>, false);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (None, '#') if !started => break,
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, '$' | '|' | '>' | '<' | ';' | '&' | '`') => return None,
            (None, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    Some(out)
}

#[test]
fn every_example_command_is_one_frontdesk_accepts() {
    let mut refused = Vec::new();
    let mut checked = 0;
    for page in pages() {
        for line in frontdesk_lines(&read(&page)) {
            let Some(words) = words(&line) else { continue };
            checked += 1;
            if let Err(e) = frontdesk::cli::Cli::try_parse_from(&words) {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                refused.push(format!("{}: `{line}`: {first}", page.display()));
            }
        }
    }
    assert!(refused.is_empty(), "examples the parser refuses:\n{}", refused.join("\n"));
    assert!(checked > 40, "only {checked} example commands found");
}

#[test]
fn anchors_are_spelled_as_github_spells_them() {
    assert_eq!(anchor(" `[ui.keys]`"), "uikeys");
    assert_eq!(anchor(" 6 Office: approvals"), "6-office-approvals");
    assert_eq!(anchor(" Backup, restore and salvage"), "backup-restore-and-salvage");
    assert_eq!(normalise(Path::new("docs/../dist/frontdesk.service")), Path::new("dist/frontdesk.service"));
}
