//! Every command in the README's shell blocks is run, in order, against one temporary
//! store, and must exit as the README says: 0, or the code its comment names (`# … exit 3`).
//! Lines are `frontdesk ARGS` or `cargo run --release -- ARGS` (both run the binary cargo
//! built); the two set-up commands, `cargo run --release` (the terminal UI) and `cargo test`,
//! are not run but must be there. Anything else in a shell block fails: the README's
//! commands stay few, plain and true. The README stays within 200 lines.

// Left at the top level for now; the shared support moved to tests/common/.
use crate::support::cli as cli_support;

use std::path::Path;

/// The set-up commands: documented, not run.
const SETUP: [&str; 2] = ["cargo run --release", "cargo test"];

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README.md")
}

/// The logical lines of every ```sh block (a trailing `\` continues a line).
fn shell_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in text.lines() {
        let fence = line.trim_start();
        if let Some(info) = fence.strip_prefix("```") {
            in_sh = !in_sh && matches!(info.trim(), "sh" | "bash" | "shell");
            continue;
        }
        if !in_sh {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(line);
        let whole = std::mem::take(&mut pending);
        if !whole.trim().is_empty() {
            out.push(whole.trim().to_string());
        }
    }
    out
}

/// A command line split into words (single and double quotes, backslash escapes) and its
/// trailing comment. Shell syntax beyond that (pipes, redirections, variables, `;`) is
/// refused: a README command is one plain command.
fn split(line: &str) -> (Vec<String>, String) {
    let (mut words, mut word, mut quote, mut started) = (Vec::new(), String::new(), None, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => word.extend(chars.next()),
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, '\\') => {
                word.extend(chars.next());
                started = true;
            }
            (None, '#') if !started => {
                let comment: String = chars.collect();
                return (words, comment.trim().to_string());
            }
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, '|' | '>' | '<' | '$' | ';' | '&' | '`' | '*') => {
                panic!("README command `{line}` uses shell syntax (`{c}`): keep README commands plain")
            }
            (None, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    assert!(quote.is_none(), "README command `{line}`: unclosed quote");
    if started {
        words.push(word);
    }
    (words, String::new())
}

/// The exit code a comment documents (`exit 3`), else 0.
fn documented_code(comment: &str) -> i32 {
    let words: Vec<&str> = comment.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.windows(2).find(|w| w[0] == "exit").and_then(|w| w[1].parse().ok()).unwrap_or(0)
}

/// A README command: the arguments after `frontdesk`, the exit code documented.
struct Documented {
    line: String,
    args: Vec<String>,
    code: i32,
}

fn commands(text: &str) -> (Vec<Documented>, Vec<String>) {
    let (mut run, mut setup) = (Vec::new(), Vec::new());
    for line in shell_lines(text) {
        let (words, comment) = split(&line);
        let joined = words.join(" ");
        if SETUP.contains(&joined.as_str()) {
            setup.push(joined);
            continue;
        }
        let args = match words.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["frontdesk", ..] => words[1..].to_vec(),
            ["cargo", "run", "--release", "--", ..] => words[4..].to_vec(),
            _ => panic!("README shell line `{line}` is neither a frontdesk command nor a set-up command"),
        };
        run.push(Documented { code: documented_code(&comment), line, args });
    }
    (run, setup)
}

#[test]
fn every_readme_command_exits_as_documented() {
    let text = readme();
    let (run, setup) = commands(&text);
    assert_eq!(setup, SETUP, "the README's set-up is `cargo run --release` then `cargo test`");
    assert!(!run.is_empty(), "the README shows some frontdesk commands");
    let store = tempfile::tempdir().expect("temp store");
    let cwd = tempfile::tempdir().expect("temp working directory");
    for cmd in &run {
        // Each argument stays one word; the store and the clock are the tests' own.
        let args: Vec<&str> = cmd.args.iter().map(String::as_str).collect();
        let out = cli_support::frontdesk(&store.path().join("store"), &args)
            .current_dir(cwd.path())
            .output()
            .expect("frontdesk runs");
        assert_eq!(
            out.status.code(),
            Some(cmd.code),
            "README: `{}` exited {:?}, documented {}\nstdout: {}\nstderr: {}",
            cmd.line,
            out.status.code(),
            cmd.code,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn the_readme_is_a_readme() {
    let text = readme();
    let lines = text.lines().count();
    assert!(lines <= 200, "README.md has {lines} lines; the manual belongs in docs/");
    // Six tabs, as the tab line shows them.
    assert!(!text.contains("1`–`5`") && !text.contains("tabs 1–5"), "the UI has six tabs");
}

#[test]
fn the_splitter_reads_what_a_shell_would() {
    let (words, comment) = split(r#"frontdesk member add --name "Ana Silva" --note 'a # b' x\ y   # exit 3"#);
    assert_eq!(words, ["frontdesk", "member", "add", "--name", "Ana Silva", "--note", "a # b", "x y"]);
    assert_eq!(documented_code(&comment), 3);
    assert_eq!(documented_code("the nightly job; idempotent"), 0);
    let lines = shell_lines("```sh\nfrontdesk a \\\n    --b c\n```\n```text\nfrontdesk not run\n```\n");
    assert_eq!(lines, ["frontdesk a      --b c"]);
}
