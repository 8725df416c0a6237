//! Search-as-you-type at a million members.
//!
//! ```text
//! cargo bench --bench search                      # scale report, then criterion
//! SEARCH_MEMBERS=200000 cargo bench --bench search
//! SEARCH_REPORT_ONLY=1 cargo bench --bench search # only the p50/p99 table
//! SEARCH_ONLY=pinyin,fuzzy cargo bench --bench search # only the classes named so
//! SEARCH_PHONES=off cargo bench --bench search     # the index alone, as before phones
//!                                                 # typed whole were read (A/B)
//! ```
//!
//! Builds a `frontdesk_core::search::Index` of synthetic members (deterministic PRNG; 70%
//! Latin names, 30% Chinese names with their pinyin initials, phones, e-mails), then:
//!
//! 1. a scale report: 10,000 queries per class, each timed alone, as p50/p99/max against
//!    the targets (p99 < 10 ms for exact keys, < 30 ms for fuzzy and pinyin). The
//!    name, pinyin and fuzzy classes are keystroke streams: every prefix of what is
//!    typed is a query, as the TUI sends one per keystroke. Each query is timed as the
//!    desk's worker runs it: the query read as a whole phone number of each property's
//!    country (`domain::phone::query_digits`, PT and CN here), then the index;
//! 2. criterion benchmarks of the desk's search (50 results) for fixed queries of each class.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

use criterion::{BenchmarkId, Criterion};
use frontdesk_core::search::{Entry, Index, all_initials, initials};
use frontdesk_exchange::demo::rng::Rng;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod support;
use support::percentile_ms;

const LIMIT: usize = 50;
/// The countries of the built-in properties, the default property's first.
const COUNTRIES: [&str; 2] = ["PT", "CN"];
const QUERIES: usize = 10_000;

const FIRST: &[&str] = &[
    "Ana", "Maria", "João", "José", "Pedro", "Paulo", "Miguel", "Mariana", "Sofia", "Inês", "Beatriz", "Carla", "Rita",
    "Tiago", "Rui", "Nuno", "Luís", "Carlos", "Marta", "Sara", "Diana", "Helena", "Teresa", "Bruno", "Ricardo",
    "Daniel", "David", "Emma", "Olivia", "Liam", "Noah", "James", "Lucas", "Sophie", "Hannah", "Thomas", "Laura",
    "Julia", "Anna", "Max", "Felix", "Elena", "Marco", "Giulia", "Luca", "Pierre", "Camille", "Léa", "Hugo", "Chloé",
    "Jan", "Eva", "Piet", "Sven", "Ingrid", "Olga", "Ivan", "Fatima", "Omar", "Yusuf", "Aisha", "Kenji", "Yuki",
];
const LAST: &[&str] = &[
    "Silva",
    "Santos",
    "Ferreira",
    "Pereira",
    "Oliveira",
    "Costa",
    "Rodrigues",
    "Martins",
    "Jesus",
    "Sousa",
    "Fernandes",
    "Gonçalves",
    "Gomes",
    "Lopes",
    "Marques",
    "Alves",
    "Almeida",
    "Ribeiro",
    "Pinto",
    "Carvalho",
    "Teixeira",
    "Moreira",
    "Correia",
    "Mendes",
    "Nunes",
    "Soares",
    "Vieira",
    "Monteiro",
    "Cardoso",
    "Rocha",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Garcia",
    "Martinez",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Rossi",
    "Russo",
    "Bianchi",
    "Romano",
    "Dubois",
    "Laurent",
    "Moreau",
    "Bernard",
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Andersson",
    "Johansson",
    "Nielsen",
    "Hansen",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Kowalski",
    "Nowak",
    "Novak",
    "Horvat",
    "Ivanov",
    "Popescu",
    "Yilmaz",
];
const SURNAME: &[&str] = &[
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "文", "华", "建", "国", "红", "玉", "兰", "英", "晨", "宇", "浩", "然", "欣", "怡", "子", "轩",
];
const DOMAINS: &[&str] = &["example.com", "mail.pt", "example.cn", "hotel.test", "corp.example.org"];

/// ASCII fold for e-mail local parts.
fn ascii(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'ã' | 'â' => Some('a'),
            'é' | 'ê' => Some('e'),
            'í' => Some('i'),
            'ó' | 'õ' | 'ô' => Some('o'),
            'ú' | 'ü' => Some('u'),
            'ç' => Some('c'),
            ' ' => None,
            c => Some(c.to_ascii_lowercase()),
        })
        .collect()
}

/// One synthetic member.
fn entry(rng: &mut Rng, id: u64) -> Entry {
    let (name, local) = if rng.below(10) < 7 {
        let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
        (format!("{f} {l}"), format!("{}.{}{}", ascii(f), ascii(l), id % 1000))
    } else {
        let given: String = (0..1 + rng.below(2)).map(|_| *rng.pick(GIVEN)).collect();
        let name = format!("{}{given}", *rng.pick(SURNAME));
        (name.clone(), format!("{}{}", initials(&name), id))
    };
    let phone = if rng.below(2) == 0 {
        format!("3519{:08}", rng.below(100_000_000))
    } else {
        format!("861{:010}", rng.below(10_000_000_000))
    };
    Entry {
        id,
        card: frontdesk_core::domain::card::issue("62", id),
        initials: all_initials(&name),
        name: name.to_lowercase(),
        email: format!("{local}@{}", *rng.pick(DOMAINS)),
        phone,
    }
}

fn build(n: u64) -> (Index, Vec<Entry>) {
    let mut rng = Rng::new(7);
    let mut index = Index::default();
    let mut sample = Vec::new();
    for id in 1..=n {
        let e = entry(&mut rng, id);
        if id % 97 == 0 {
            sample.push(e.clone());
        }
        index.upsert(e);
    }
    // The first search sorts the word list; do it before anything is timed.
    black_box(index.search("warm", LIMIT));
    (index, sample)
}

/// Drops one letter and swaps two neighbours: what a hurried clerk types.
fn typo(name: &str, rng: &mut Rng) -> String {
    let word: Vec<char> = name.split_whitespace().last().unwrap_or(name).chars().collect();
    if word.len() < 4 {
        return word.iter().collect();
    }
    let mut w = word.clone();
    let drop = 1 + rng.index(w.len() - 2);
    w.remove(drop);
    let swap = 1 + rng.index(w.len() - 2);
    w.swap(swap, swap + 1);
    w.into_iter().collect()
}

/// Every prefix of `s` with at least `from` characters, as typed.
fn keystrokes(s: &str, from: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    (from.max(1)..=chars.len()).map(|n| chars[..n].iter().collect()).collect()
}

/// Queries of one class, cycling over the sample, each with the member it is after
/// when it is the whole key (the last keystroke of a stream).
fn queries(class: &str, sample: &[Entry]) -> Vec<(String, Option<u64>)> {
    let mut rng = Rng::new(99);
    let mut out = Vec::new();
    let mut i = 0;
    let typed = |out: &mut Vec<(String, Option<u64>)>, s: &str, from: usize, id: u64| {
        let strokes = keystrokes(s, from);
        let n = strokes.len();
        out.extend(strokes.into_iter().enumerate().map(|(k, q)| (q, (k + 1 == n).then_some(id))));
    };
    while out.len() < QUERIES {
        let e = &sample[i % sample.len()];
        i += 1;
        let latin = e.initials.is_empty();
        match class {
            "card" => out.push((e.card.clone(), Some(e.id))),
            "phone tail 4" => out.push((e.phone[e.phone.len() - 4..].to_string(), Some(e.id))),
            "phone tail 6" => out.push((e.phone[e.phone.len() - 6..].to_string(), Some(e.id))),
            // Typed whole with the international prefix, which the stored digits lack.
            "phone whole 00CC" => out.push((format!("00{}", e.phone), Some(e.id))),
            "e-mail" => out.push((e.email.clone(), Some(e.id))),
            "e-mail typed after @" => typed(&mut out, &e.email, e.email.find('@').unwrap_or(0) + 1, e.id),
            "name prefix typed" if latin => {
                typed(&mut out, e.name.split_whitespace().last().unwrap_or(&e.name), 1, e.id)
            }
            "pinyin initials typed" if !latin => {
                typed(&mut out, e.initials.first().map_or("", String::as_str), 1, e.id)
            }
            "fuzzy typo typed" if latin => typed(&mut out, &typo(&e.name, &mut rng), 1, e.id),
            _ => {}
        }
    }
    out.truncate(QUERIES);
    out
}

/// Times every query alone; prints p50/p99/max per class against the target.
fn report(index: &mut Index, sample: &[Entry]) -> bool {
    let classes: [(&str, f64); 9] = [
        ("card", 10.0),
        ("phone tail 4", 10.0),
        ("phone tail 6", 10.0),
        ("phone whole 00CC", 10.0),
        ("e-mail", 10.0),
        ("e-mail typed after @", 10.0),
        ("name prefix typed", 30.0),
        ("pinyin initials typed", 30.0),
        ("fuzzy typo typed", 30.0),
    ];
    println!(
        "{:<24} {:>8} {:>9} {:>9} {:>9} {:>8} {:>7}",
        "class", "queries", "p50 ms", "p99 ms", "max ms", "target", "hits"
    );
    let mut all_ok = true;
    let phones = std::env::var("SEARCH_PHONES").map_or(true, |v| v != "off");
    frontdesk_core::domain::phone::warm_up(&COUNTRIES);
    let only = std::env::var("SEARCH_ONLY").unwrap_or_default();
    let wanted = |c: &str| only.is_empty() || only.split(',').any(|w| c.contains(w));
    for (class, target) in classes.into_iter().filter(|(c, _)| wanted(c)) {
        let qs = queries(class, sample);
        let mut times = Vec::with_capacity(qs.len());
        let mut slowest: Vec<(Duration, String)> = Vec::new();
        let (mut hits, mut wanted, mut found_wanted) = (0usize, 0usize, 0usize);
        for (q, target) in &qs {
            let start = Instant::now();
            let found = if phones { desk_search(index, black_box(q)) } else { index.search(black_box(q), LIMIT) };
            times.push(start.elapsed());
            slowest.push((start.elapsed(), q.clone()));
            hits += usize::from(!found.is_empty());
            if let Some(id) = target {
                wanted += 1;
                found_wanted += usize::from(found.iter().any(|(f, _)| f == id));
            }
        }
        times.sort();
        if std::env::var_os("SEARCH_SLOWEST").is_some() {
            slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
            for (d, q) in slowest.iter().take(8) {
                println!("    slow: {:>8.3} ms  {q:?}", d.as_secs_f64() * 1e3);
            }
        }
        let (p50, p99, max) = (percentile_ms(&times, 0.5), percentile_ms(&times, 0.99), percentile_ms(&times, 1.0));
        let ok = p99 < target;
        all_ok &= ok;
        println!(
            "{class:<24} {:>8} {p50:>9.3} {p99:>9.3} {max:>9.3} {:>6}ms {:>6.1}% {:>7.1}% {}",
            qs.len(),
            target,
            100.0 * hits as f64 / qs.len().max(1) as f64,
            100.0 * found_wanted as f64 / wanted.max(1) as f64,
            if ok { "ok" } else { "MISSED" }
        );
    }
    all_ok
}

/// What the desk's worker runs for a query (see `worker::Worker::search`).
fn desk_search(index: &mut Index, q: &str) -> Vec<(u64, frontdesk_core::search::Match)> {
    let phones = frontdesk_core::domain::phone::query_digits(q, &COUNTRIES);
    index.search_with_phones(q, &phones, LIMIT)
}

fn criterion_benches(c: &mut Criterion, index: &mut Index, sample: &[Entry]) {
    let ana = sample.iter().find(|e| e.initials.is_empty()).cloned().unwrap_or_else(|| sample[0].clone());
    let fixed: Vec<(&str, String)> = vec![
        ("card", ana.card.clone()),
        ("phone_tail_4", ana.phone[ana.phone.len() - 4..].to_string()),
        ("phone_tail_6", ana.phone[ana.phone.len() - 6..].to_string()),
        ("phone_whole_00cc", format!("00{}", ana.phone)),
        ("email", ana.email.clone()),
        ("name_prefix_s", "s".into()),
        ("name_prefix_silv", "silv".into()),
        ("pinyin_z", "z".into()),
        ("pinyin_zw", "zw".into()),
        ("fuzzy_slva", "slva".into()),
        ("fuzzy_mraia", "mraia".into()),
    ];
    let mut group = c.benchmark_group("search_1m");
    group.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for (name, q) in &fixed {
        group.bench_with_input(BenchmarkId::from_parameter(name), q, |b, q| {
            b.iter(|| black_box(desk_search(index, black_box(q))))
        });
    }
    group.finish();
}

fn main() {
    // `cargo test --benches` / `cargo bench -- --test` only check that it runs.
    let smoke = std::env::args().any(|a| a == "--test");
    let default = if smoke { 20_000 } else { 1_000_000 };
    let n = std::env::var("SEARCH_MEMBERS").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let start = Instant::now();
    let (mut index, sample) = build(n);
    println!("indexed {} members in {:.1} s", index.len(), start.elapsed().as_secs_f64());
    let ok = report(&mut index, &sample);
    println!("targets {}", if ok { "met" } else { "MISSED" });
    if std::env::var_os("SEARCH_REPORT_ONLY").is_some() {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    criterion_benches(&mut c, &mut index, &sample);
    c.final_summary();
}
