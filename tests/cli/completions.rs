//! `frontdesk completions SHELL`: a script generated from the command definitions, which
//! the shell loads and completes with (bash here, when the machine has it).

use crate::support::cli;

use std::process::Command;

#[test]
fn bash_completes_a_subcommand_from_its_first_letters() {
    let dir = tempfile::tempdir().unwrap();
    let script = cli::ok(&dir.path().join("db"), &["completions", "bash"]);
    assert!(script.contains("_frontdesk()"), "{script}");
    assert!(!dir.path().join("db").exists(), "completions open no store");
    let file = dir.path().join("frontdesk.bash");
    std::fs::write(&file, script).unwrap();
    let probe = format!(
        "source '{}'; COMP_WORDS=(frontdesk mem); COMP_CWORD=1; COMP_LINE='frontdesk mem'; COMP_POINT=13; _frontdesk frontdesk mem frontdesk; echo \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let Ok(out) = Command::new("bash").arg("-c").arg(&probe).output() else {
        eprintln!("skipped: no bash on this machine to load the script");
        return;
    };
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "member", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn every_shell_gets_a_script() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = cli::ok(&dir.path().join("db"), &["completions", shell]);
        assert!(script.contains("member"), "{shell}");
    }
    let out = cli::run(&dir.path().join("db"), &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2), "an unknown shell is a usage error");
}
