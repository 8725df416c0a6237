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
fn surnames_are_found_by_their_surname_reading_and_by_the_common_one() {
    let mut ix = Index::default();
    for (id, name) in [(10, "单田芳"), (11, "曾小凡"), (12, "解小东"), (13, "万俟林")] {
        ix.upsert(Entry::of(&member(id, name, &format!("m{id}@example.cn"), &format!("+861390000{id:04}"))));
    }
    for (q, id) in [("stf", 10), ("dtf", 10), ("zxf", 11), ("cxf", 11), ("xxd", 12), ("jxd", 12), ("mql", 13)] {
        let ids: Vec<u64> = ix.search(q, 10).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, vec![id], "{q}");
    }
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

#[test]
fn a_typo_in_a_surname_finds_the_member() {
    let mut ix = index();
    ix.upsert(Entry::of(&member(5, "Maria Pereira", "maria@example.com", "+351939998877")));
    // Dropped letter in the second word: Ana Silva's first name starts with `a`.
    let dropped = ix.search("slva", 10);
    assert!(dropped.iter().any(|(id, m)| *id == 1 && *m == Match::Fuzzy), "{dropped:?}");
    // Swapped neighbours: not the letters in order, one edit from `maria`.
    let swapped = ix.search("mraia", 10);
    assert_eq!(swapped.first(), Some(&(5, Match::Fuzzy)), "{swapped:?}");
    // Typed so far, with a typo: a prefix of `pereira` one edit away.
    let partial = ix.search("perr", 10);
    assert!(partial.iter().any(|(id, _)| *id == 5), "{partial:?}");
    assert!(ix.search("xyzzy", 10).is_empty());
}

#[test]
fn many_matches_keep_the_best_by_name() {
    let mut ix = Index::default();
    for id in 1..=500 {
        ix.upsert(Entry::of(&member(id, &format!("Sara S{:03}", 500 - id), "s@example.com", "+351910000000")));
    }
    let found = ix.search("sa", 5);
    let ids: Vec<u64> = found.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, vec![500, 499, 498, 497, 496], "sorted by name, each member once");
    assert!(found.iter().all(|(_, m)| *m == Match::NamePrefix));
    let mails: Vec<u64> = ix.search("s@example.com", 3).into_iter().map(|(id, _)| id).collect();
    assert_eq!(mails.len(), 3);
}

#[test]
fn a_number_typed_whole_in_any_form_finds_its_member_and_tails_still_do() {
    let mut ix = index();
    let countries = ["PT", "CN"];
    for q in ["0086 138 0013 5678", "+86 138-0013-5678", "138 0013 5678", "00351 912 345 678", "912 345 678"] {
        let phones = crate::domain::phone::query_digits(q, &countries);
        let ids: Vec<u64> = ix.search_with_phones(q, &phones, 10).into_iter().map(|(id, _)| id).collect();
        let want = if q.contains("912") { 1 } else { 2 };
        assert_eq!(ids, vec![want], "{q}");
    }
    // Tails find as before; a tail is no whole number, so it adds no one.
    assert!(crate::domain::phone::query_digits("135678", &countries).is_empty());
    assert_eq!(ix.search("135678", 10), vec![(2, Match::PhoneTail)]);
    assert_eq!(ix.search("2222", 10), vec![(3, Match::PhoneTail)]);
}

fn entry_strategy() -> impl proptest::strategy::Strategy<Value = Entry> {
    use proptest::prelude::*;
    let names = prop::sample::select(vec!["Ana Silva", "张三", "张三丰", "Silvia Santos", "Bruno Sá", "王伟", "ana"]);
    (1u64..40, names, 0u64..30, prop::bool::ANY).prop_map(|(id, name, n, mail)| {
        let m = member(id, name, &format!("m{}@example.com", n % 7), &format!("+3519{:08}", n * 1_111));
        let mut e = Entry::of(&m);
        if !mail {
            e.email.clear();
        }
        e
    })
}

proptest::proptest! {
    /// Built at once, the index is the one upserting the same members one by one builds.
    #[test]
    fn an_index_built_at_once_is_the_one_built_member_by_member(
        entries in proptest::collection::vec(entry_strategy(), 0..60)
    ) {
        let mut seen = HashSet::new();
        let unique: Vec<Entry> = entries.iter().filter(|e| seen.insert(e.id)).cloned().collect();
        let mut one_by_one = Index::default();
        for e in &unique {
            one_by_one.upsert(e.clone());
        }
        proptest::prop_assert_eq!(&unique.iter().cloned().collect::<Index>(), &one_by_one);
        // With repeated ids the later entry counts, as it does for upserts.
        let mut upserted = Index::default();
        for e in &entries {
            upserted.upsert(e.clone());
        }
        let mut built: Index = entries.into_iter().collect();
        for q in ["ana", "zs", "张", "三丰", "silv", "1111", "m3@", "sntos"] {
            proptest::prop_assert_eq!(built.search(q, 50), upserted.search(q, 50), "{}", q);
        }
        proptest::prop_assert_eq!(built.len(), upserted.len());
    }
}
