use super::*;
use chrono::NaiveDate;

fn member(id: u64, name: &str, email: &str, phone: &str) -> Member {
    Member {
        id,
        card: crate::domain::card::issue("62", id),
        name: name.into(),
        email: Some(email.into()),
        phone: Some(phone.into()),
        birthday: None,
        home_property: "LIS".into(),
        notes: String::new(),
        tags: vec![],
        marketing_consent: false,
        status: crate::domain::member::MemberStatus::Active,
        enrolled_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        enrol_channel: "desk".into(),
        balance: 0,
        lifetime_points: 0,
        lots: vec![],
        qual: vec![],
        tier_override: None,
        last_activity: None,
        last_stay: None,
        stays: 0,
        nights: 0,
        stay_seq: 0,
        ledger_seq: 0,
        open_complaints: 0,
    }
}

fn index() -> Index {
    let mut ix = Index::default();
    ix.upsert(Entry::of(&member(1, "Ana Silva", "ana@example.com", "+351912345678")));
    ix.upsert(Entry::of(&member(2, "张三", "zhang.san@example.cn", "+8613800135678")));
    ix.upsert(Entry::of(&member(3, "Silvia Santos", "silvia@example.com", "+351961112222")));
    ix.upsert(Entry::of(&member(4, "张伟", "zhang.wei@example.cn", "+8615900001111")));
    ix
}

#[test]
fn pinyin_initials_find_chinese_names() {
    assert_eq!(initials("张三"), "zs");
    let mut ix = index();
    assert_eq!(ix.search("zs", 10), vec![(2, Match::Initials)]);
}

#[test]
fn part_of_a_chinese_name_finds_it() {
    let mut ix = index();
    let ids: Vec<u64> = ix.search("张", 10).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, vec![2, 4]);
}

#[test]
fn phone_tail_and_card_find_exactly() {
    let mut ix = index();
    let ids: Vec<u64> = ix.search("5678", 10).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, vec![1, 2], "both numbers end in 5678; sorted by name");
    assert_eq!(ix.search("135678", 10), vec![(2, Match::PhoneTail)]);
    let card = crate::domain::card::issue("62", 3);
    assert_eq!(ix.search(&card, 10), vec![(3, Match::Card)]);
}

#[test]
fn name_prefix_ranks_before_fuzzy() {
    let mut ix = index();
    let found = ix.search("silv", 10);
    assert_eq!(found[0].1, Match::NamePrefix);
    assert!(found.iter().any(|(id, _)| *id == 1) && found.iter().any(|(id, _)| *id == 3));
    let typo = ix.search("slva", 10);
    assert!(typo.iter().any(|(id, m)| *id == 3 && *m == Match::Fuzzy), "{typo:?}");
}

#[test]
fn an_update_replaces_the_old_entry() {
    let mut ix = index();
    ix.upsert(Entry::of(&member(1, "Ana Costa", "ana@example.com", "+351912345678")));
    assert!(ix.search("silva", 10).iter().all(|(id, _)| *id != 1));
    assert_eq!(ix.search("costa", 10), vec![(1, Match::NamePrefix)]);
    assert_eq!(ix.len(), 4);
}
