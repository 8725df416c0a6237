//! The CLI and a served store: with `frontdesk serve` running, every command goes through
//! it and prints what it prints without one; without a server (or with a stale socket) the
//! store opens locally; the client's operator, PIN and working directory count, never the
//! server's; SIGTERM drains and removes the socket.

#![cfg(unix)]

use std::path::Path;
use std::process::Output;

use crate::support::cli;
use crate::support::serve;

use crate::support::cli::{copy_of, frontdesk};

const PIN: &str = "1357";

fn run(db: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut c = frontdesk(db, args);
    for (k, v) in vars {
        c.env(k, v);
    }
    c.output().expect("frontdesk runs")
}

/// The demo store every case copies, with one admin operator.
fn template() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    cli::ok(dir.path(), &["demo", "--members", "30"]);
    let out = run(dir.path(), &["operator", "add", "ana", "--name", "Ana", "--admin"], &[("FRONTDESK_PIN", PIN)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

fn first_card(db: &Path) -> String {
    let out = run(db, &["--json", "member", "find", "a", "--limit", "1"], &[signed_in()[0], signed_in()[1]]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v[0]["card"].as_str().expect("a card").to_string()
}

fn signed_in() -> [(&'static str, &'static str); 2] {
    [("FRONTDESK_OPERATOR", "ana"), ("FRONTDESK_PIN", PIN)]
}

/// The same command lines on a local store and on a served copy print the same.
#[test]
fn commands_through_the_server_print_what_they_print_locally() {
    let template = template();
    let local = copy_of(template.path());
    let served = copy_of(template.path());
    let card = first_card(local.path());
    let work = tempfile::tempdir().unwrap();
    let sessions: Vec<Vec<&str>> = vec![
        vec!["member", "show", &card],
        vec!["--json", "member", "show", &card],
        // Names: the server answers from its index, locally every member is scanned.
        vec!["--json", "member", "find", "an", "--limit", "50"],
        vec!["member", "find", "li"],
        vec!["member", "find", "w", "--limit", "3"],
        vec!["member", "find", "a", "--limit", "50"],
        vec!["--json", "member", "find", "silva"],
        vec![
            "stay",
            "post",
            "--member",
            &card,
            "--arrival",
            "2026-10-01",
            "--nights",
            "2",
            "--revenue",
            "240.50",
            "--external-ref",
            "pms-1",
            "--allow-overlap",
        ],
        vec![
            "--json",
            "stay",
            "post",
            "--member",
            &card,
            "--arrival",
            "2026-10-01",
            "--nights",
            "2",
            "--revenue",
            "240.50",
            "--external-ref",
            "pms-1",
            "--allow-overlap",
        ],
        vec!["member", "show", &card],
        vec!["operator", "list"],
        vec!["--json", "operator", "list"],
        vec!["points", "history", &card],
        vec!["report", "overview"],
        vec!["member", "show", "6200000000000"],
        vec!["export", "members", "--out", "members.csv"],
        vec!["verify"],
    ];
    let local_out: Vec<Output> = sessions
        .iter()
        .map(|args| {
            let mut c = frontdesk(local.path(), args);
            c.envs(signed_in()).current_dir(work.path());
            c.output().unwrap()
        })
        .collect();
    let exported_locally = std::fs::read(work.path().join("members.csv")).unwrap();
    std::fs::remove_file(work.path().join("members.csv")).unwrap();

    let mut server = serve::start(served.path());
    for (args, want) in sessions.iter().zip(&local_out) {
        // The server runs with no operator or PIN of its own: the client's are used.
        let got = {
            let mut c = frontdesk(served.path(), args);
            c.envs(signed_in()).current_dir(work.path());
            c.output().unwrap()
        };
        assert_eq!(String::from_utf8_lossy(&got.stdout), String::from_utf8_lossy(&want.stdout), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&got.stderr), String::from_utf8_lossy(&want.stderr), "{args:?}");
        assert_eq!(got.status.code(), want.status.code(), "{args:?}");
    }
    // Relative paths resolved against the client's directory.
    assert_eq!(std::fs::read(work.path().join("members.csv")).unwrap(), exported_locally);
    // The PIN is the client's: a wrong one is refused as locally.
    let wrong =
        run(served.path(), &["member", "show", &card], &[("FRONTDESK_OPERATOR", "ana"), ("FRONTDESK_PIN", "0000")]);
    assert_eq!(wrong.status.code(), Some(5), "{}", String::from_utf8_lossy(&wrong.stderr));
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
    assert!(!server.socket.exists(), "SIGTERM removes the socket");
}

/// A PIN read from standard input reaches the server.
#[test]
fn a_new_operator_pin_on_standard_input_goes_through_the_server() {
    let template = template();
    let mut server = serve::start(template.path());
    let mut c =
        frontdesk(template.path(), &["operator", "add", "bo", "--name", "Bo", "--role", "clerk", "--pin-stdin"]);
    c.envs(signed_in()).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"8642\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown =
        run(template.path(), &["report", "overview"], &[("FRONTDESK_OPERATOR", "bo"), ("FRONTDESK_PIN", "8642")]);
    assert!(shown.status.success(), "the new clerk signs in: {}", String::from_utf8_lossy(&shown.stderr));
    let (status, _) = server.terminate();
    assert!(status.success());
}

/// A socket left by a killed server: commands open the store locally, and `serve` starts again.
#[test]
fn a_stale_socket_falls_back_to_the_local_store() {
    let template = template();
    let card = first_card(template.path());
    let mut server = serve::start(template.path());
    server.kill();
    assert!(server.socket.exists());
    let out = run(template.path(), &["member", "show", &card], &signed_in());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&card));
    let mut again = serve::start(template.path());
    let (status, _) = again.terminate();
    assert!(status.success());
}

/// A server that holds the store but does not answer: exit 4 with a clear message.
#[test]
fn a_server_that_does_not_answer_means_exit_4() {
    let template = template();
    let card = first_card(template.path());
    let mut server = serve::start(template.path());
    let pid = server.child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-STOP", &pid]).status().unwrap().success());
    let out = run(template.path(), &["member", "show", &card], &signed_in());
    assert!(std::process::Command::new("kill").args(["-CONT", &pid]).status().unwrap().success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(err.contains("does not answer"), "{err}");
    let (status, _) = server.terminate();
    assert!(status.success());
}

/// Two servers on one store: the second refuses.
#[test]
fn a_second_server_is_refused() {
    let template = template();
    let mut server = serve::start(template.path());
    let out = run(template.path(), &["serve"], &[]);
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already running"));
    let (status, _) = server.terminate();
    assert!(status.success());
}

/// `[serve] max_clients`: one connection too many is told why, and the others carry on.
#[test]
fn connections_beyond_max_clients_are_refused_with_a_reason() {
    let template = template();
    let config = template.path().join("serve.toml");
    std::fs::write(&config, "[serve]\nmax_clients = 1\n").unwrap();
    let mut server = serve::start_with(template.path(), &["--config", config.to_str().unwrap()]);
    // The start-up probe was a connection too: wait (bounded) until its slot is free.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut first = loop {
        match frontdesk_protocol::Client::connect(&server.socket) {
            Ok(c) => break c,
            Err(e) => assert!(std::time::Instant::now() < deadline, "{e}"),
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let refused = match frontdesk_protocol::Client::connect(&server.socket) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a second connection was admitted beyond max_clients = 1"),
    };
    assert!(refused.contains("maximum of 1 clients"), "{refused}");
    first.ping().expect("the first connection is unaffected");
    drop(first);
    let (status, log) = server.terminate();
    assert!(status.success());
    assert!(log.contains("1 clients already connected"), "{log}");
}

/// A connection opened without an operator is signed in by a `SignIn` job (the TUI's
/// login screen), and then acts as them.
#[test]
fn a_sign_in_job_signs_the_connection_in() {
    use frontdesk_service::jobs::{Job, JobResult};
    let template = template();
    let mut server = serve::start(template.path());
    let mut client = frontdesk_protocol::Client::connect(&server.socket).unwrap();
    assert_eq!(client.session.operator, "", "operators exist: nobody is signed in yet");
    let overview = client.job(Job::LoadOverview { generation: 1 });
    assert!(
        matches!(overview.as_deref(), Ok([JobResult::SignInRequired])),
        "jobs need a signed-in operator: {overview:?}"
    );
    let wrong = client.job(Job::SignIn { generation: 2, login: "ana".into(), pin: "0000".into() }).unwrap();
    assert!(
        matches!(&wrong[..], [JobResult::SignedIn(Err(e))] if e.to_string().contains("sign-in refused")),
        "{wrong:?}"
    );
    let right = client.job(Job::SignIn { generation: 3, login: "ana".into(), pin: PIN.into() }).unwrap();
    assert!(matches!(&right[..], [JobResult::SignedIn(Ok(a))] if a.name == "ana"), "{right:?}");
    let overview = client.job(Job::LoadOverview { generation: 4 }).unwrap();
    assert!(
        matches!(&overview[..], [JobResult::Overview(o)] if o.members == 30),
        "the demo's 30 members, residents among them: {overview:?}"
    );
    drop(client);
    let (status, _) = server.terminate();
    assert!(status.success());
}

/// SIGTERM while a long command runs through the server: the command finishes and answers,
/// then the server exits 0 and removes its socket.
#[test]
fn sigterm_lets_the_command_in_flight_finish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let mut server = serve::start(&db);
    let mut watcher = frontdesk_protocol::Client::connect(&server.socket).unwrap();
    let before = watcher.ping().unwrap();
    let demo = frontdesk(&db, &["demo", "--members", "3000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The demo is in flight once the store's write sequence moves (it writes in batches).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while watcher.ping().unwrap() == before {
        assert!(std::time::Instant::now() < deadline, "the demo never started writing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    drop(watcher);
    let (status, log) = server.terminate();
    let out = demo.wait_with_output().unwrap();
    assert!(out.status.success(), "the command in flight finished: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3000 members"), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(status.success(), "{log}");
    assert!(!server.socket.exists());
    let shown = run(&db, &["--json", "report", "overview"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(v["members"], 3000, "all of it was saved, residents among the 3,000");
}

/// The server's search index follows writes from any client: a member enrolled by a
/// forwarded command line is found by a TUI connection's search.
#[test]
fn the_shared_search_index_follows_forwarded_writes() {
    use frontdesk_service::jobs::{Job, JobResult};
    let template = template();
    let mut server = serve::start(template.path());
    let mut tui = frontdesk_protocol::Client::connect_as(&server.socket, Some("ana"), Some(PIN)).unwrap();
    let search = |c: &mut frontdesk_protocol::Client| match &c
        .job(Job::Search { generation: 1, query: "Zebedee".into() })
        .unwrap()[..]
    {
        [JobResult::Found(rows)] => rows.len(),
        other => panic!("{other:?}"),
    };
    assert_eq!(search(&mut tui), 0);
    let added = run(template.path(), &["member", "add", "--name", "Zebedee Quarrington"], &signed_in());
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    // The index is updated by the server's subscription to the members tree: give it a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while search(&mut tui) == 0 {
        assert!(std::time::Instant::now() < deadline, "the new member never became searchable");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    drop(tui);
    let (status, _) = server.terminate();
    assert!(status.success());
}

/// Stay lines of `batch -` streams through a server go through its group commit, with the
/// posts of every other client, instead of a transaction and a flush each.
#[test]
fn batch_stay_lines_through_a_server_share_its_group_commit() {
    let template = template();
    let card = first_card(template.path());
    let mut server = serve::start(template.path());
    let lines: String = (0..20)
        .map(|i| {
            format!(
                "{{\"op\":\"stays\",\"member\":\"{card}\",\"arrival\":\"2026-11-0{}\",\"nights\":1,\"revenue\":\"120\",\"external_ref\":\"g-{i}\"}}\n",
                1 + i % 9
            )
        })
        .collect();
    let file = template.path().join("stays.jsonl");
    std::fs::write(&file, &lines).unwrap();
    let out = run(template.path(), &["batch", file.to_str().unwrap()], &signed_in());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("applied 20"), "{}", String::from_utf8_lossy(&out.stderr));
    let again = run(template.path(), &["batch", file.to_str().unwrap()], &signed_in());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("duplicates 20"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
    // Every stay line, posted or found a duplicate, went to the committer (sign-ins too).
    let grouped: u64 = log
        .split("stopped (")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {log}"));
    assert!(grouped >= 40, "{log}");
}
