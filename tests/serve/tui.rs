//! Two TUIs on one served store: a stay posted in one shows in the other (its panel reloads
//! when the store's write sequence moves); the status bar says "served store", says when the
//! server is gone, and the TUI carries on once it is back.

#![cfg(unix)]

use crate::support::serve;

use crate::support::pty::*;

fn post_stay(t: &mut Tui) {
    t.send("p");
    t.wait_for("Post a stay");
    t.send("2026-11-20");
    t.wait_for("2026-11-20");
    t.send(ENTER);
    t.send(ENTER);
    t.send("450.00");
    t.wait_for("450.00");
    t.send(CTRL_S);
    t.wait_for("Post this stay?");
    t.send("y");
    t.wait_for("Stay posted: +4,500 points, balance 4,500.");
}

#[test]
fn a_stay_posted_in_one_tui_shows_in_the_other() {
    let dir = store();
    let db = db(&dir);
    let mut server = serve::start(&db);
    let mut a = Tui::start(&db);
    let mut b = Tui::start(&db);
    a.wait_for(" served ");
    b.wait_for(" served ");
    open_ana(&mut a);
    open_ana(&mut b);
    a.wait_for("Balance: 0");
    b.wait_for("Balance: 0");

    post_stay(&mut a);
    // B did nothing: its member panel reloads because the store's write sequence moved.
    b.wait_for("Balance: 4,500");

    // The server goes away: B says so, and carries on once a server is back.
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
    b.wait_for("server gone");
    let mut server = serve::start(&db);
    b.wait_for("Connected to the server again.");
    b.wait_for(" served ");
    b.wait_for("Balance: 4,500");
    a.quit();
    b.quit();
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");

    let m = member_json(&db);
    assert_eq!(m["balance"], 4500, "{m:#}");
}

#[test]
fn on_a_served_store_with_operators_the_tui_signs_the_connection_in_and_again_after_a_restart() {
    let dir = store();
    let db = db(&dir);
    add_admin(&db, "boss", "918273");
    let mut server = serve::start(&db);
    let mut t = Tui::start(&db);
    t.wait_for("Sign in");
    t.wait_for(" served ");
    t.send("\x1b[Z\x15boss");
    t.send(ENTER);
    t.send("111111");
    t.send(ENTER);
    t.wait_for("wrong PIN for `boss`");
    t.send("918273");
    t.send(ENTER);
    t.wait_for("Signed in as boss (Administrator).");
    open_ana(&mut t);
    t.wait_for("Balance: 0");
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
    t.wait_for("server gone");
    let mut server = serve::start(&db);
    t.wait_for("Connected to the server again.");
    // Still signed in: the reconnected connection acts as boss and loads the member.
    t.wait_for("Balance: 0");
    t.send("6");
    t.wait_for("Approvals: 0 waiting");
    t.quit();
    let (status, log) = server.terminate();
    assert!(status.success(), "{log}");
}
