//! The first-run screen of an empty store: demo data, an import, or an empty start.

use crate::support::{Driver, key};
use crossterm::event::KeyCode;
use frontdesk_core::i18n::Lang;
use frontdesk_service::jobs::Job;

#[test]
fn welcome_builds_demo_data() {
    let mut d = Driver::empty(Lang::En);
    assert!(d.model.welcome.is_some());
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    assert_eq!(d.model.welcome.map(|w| w.selected), Some(2));
    d.press(KeyCode::Up);
    d.press(KeyCode::Up);
    let jobs = d.send_held(key(KeyCode::Enter));
    assert!(matches!(jobs[..], [Job::BuildDemo { members: 2_000, .. }]));
    assert!(d.model.welcome.is_some_and(|w| w.building));
    assert!(d.send_held(key(KeyCode::Enter)).is_empty(), "keys wait while building");
    d.run(jobs);
    assert!(d.model.welcome.is_none());
    assert_eq!(d.model.message.as_ref().map(|m| m.text.as_str()), Some("Demo data ready: 40 members."));
    d.type_str("an");
    assert!(!d.model.members.rows.is_empty(), "the index knows the new members");
}

#[test]
fn welcome_start_empty() {
    let mut d = Driver::empty(Lang::En);
    d.press(KeyCode::Down);
    d.press(KeyCode::Down);
    assert!(d.send_held(key(KeyCode::Enter)).is_empty());
    assert!(d.model.welcome.is_none());
    assert!(d.model.members.typing);
    let mut q = Driver::empty(Lang::En);
    q.press(KeyCode::Char('q'));
    assert!(q.model.quit);
}

#[test]
fn welcome_imports_a_file_through_the_import_engine() {
    let mut d = Driver::empty(Lang::En);
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    assert!(matches!(d.model.popups.last(), Some(frontdesk_tui::app::Popup::Form(_))));
    let root = env!("CARGO_MANIFEST_DIR");
    d.paste(&format!("{root}/tests/fixtures/hotel-booking-demand/excerpt.csv"));
    d.press(KeyCode::Tab);
    d.press(KeyCode::Tab);
    d.paste(&format!("{root}/config/mappings/hotel-booking-demand.toml"));
    d.ctrl('s');
    assert!(d.model.welcome.is_none(), "the import ran and the store is no longer empty");
    let said = d.model.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(said.starts_with("Read 346, applied ") && said.contains("read as UTF-8 (plain ASCII)."), "{said}");
    // The dataset's synthetic North American phones: area codes no number has are kept.
    assert!(
        said.ends_with(
            " phones are no valid number of their country and were kept as written: correct them on the member."
        ),
        "{said}"
    );
    d.type_str("an");
    assert!(!d.model.members.rows.is_empty(), "the index knows the imported guests");
}

/// The import's message is in the operator's language and names the encoding detected.
#[test]
fn a_chinese_desk_hears_of_its_gbk_import_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("guests.csv");
    let bytes = encoding_rs::GBK
        .encode("name,phone,property\n谢伟,13800138000,SHA\n郑强,13900139000,SHA\n叶平,13700137000,SHA\n")
        .0;
    std::fs::write(&file, bytes).expect("write");
    let mut d = Driver::empty(Lang::Zh);
    d.press(KeyCode::Down);
    d.press(KeyCode::Enter);
    d.paste(file.to_str().expect("path"));
    d.press(KeyCode::Tab);
    // The kind: members, next after bookings, chosen with the arrows.
    d.press(KeyCode::Right);
    d.ctrl('s');
    let said = d.model.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert_eq!(said, "读取 3 行：应用 3，重复 0，拒绝 0；按 gb18030 读取（自动检测）。");
}
