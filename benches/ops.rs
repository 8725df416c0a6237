//! Criterion benchmarks of single operations on a store of 20,000 members:
//! a durable stay post (transaction + flush) and lookups by card, e-mail and phone tail.
//! The million-member figures come from the scale harness (`benches/scale.rs`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use frontdesk_core::config::Config;
use frontdesk_core::domain::operator::Actor;
use frontdesk_core::domain::stay::StayStatus;
use frontdesk_store::ops::{self, Command, Ctx, MemberRef, NewMember, StayInput, query};
use frontdesk_store::store::Store;
use std::hint::black_box;

const MEMBERS: u64 = 20_000;

fn ctx(config: &Config) -> Ctx<'_> {
    Ctx {
        config,
        actor: Actor::system(),
        now: 1_795_000_000_000,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
    }
}

fn build(store: &Store, config: &Config) {
    let ctx = ctx(config);
    let cmds: Vec<Command> = (0..MEMBERS)
        .map(|i| {
            Command::AddMember(NewMember {
                name: format!("Guest {i}"),
                email: Some(format!("guest{i}@example.com")),
                phone: Some(format!("+35191{i:07}")),
                channel: "bench".into(),
                ..NewMember::default()
            })
        })
        .collect();
    for chunk in cmds.chunks(2_000) {
        ops::execute_batch(store, &ctx, chunk).expect("bench store builds");
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), "bench").expect("store opens");
    let config = Config::builtin().expect("built-in config is valid");
    build(&store, &config);
    let ctx = ctx(&config);
    let card = frontdesk_core::domain::card::issue(&config.store.card_prefix, 4_242);
    let mut n = 0u64;
    // Each post goes to another member, as at a real desk; posting thousands of stays to
    // one member would measure an ever-growing record instead.
    c.bench_function("stay post (durable)", |b| {
        b.iter(|| {
            n += 1;
            let input = StayInput {
                member: MemberRef::Id(1 + n % MEMBERS),
                property: None,
                arrival: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default(),
                departure: NaiveDate::from_ymd_opt(2026, 10, 3).unwrap_or_default(),
                revenue_minor: 30_000,
                channel: "direct".into(),
                status: StayStatus::Completed,
                external_ref: Some(format!("bench-{n}")),
            };
            black_box(ops::execute(&store, &ctx, &Command::PostStay(input)).expect("post succeeds"))
        })
    });
    c.bench_function("lookup by card", |b| {
        b.iter(|| black_box(ops::member_lookup(&store, &MemberRef::Card(card.clone())).expect("lookup")))
    });
    c.bench_function("lookup by e-mail", |b| {
        b.iter(|| {
            black_box(ops::member_lookup(&store, &MemberRef::Email("guest4242@example.com".into())).expect("lookup"))
        })
    });
    c.bench_function("lookup by phone tail", |b| {
        b.iter(|| black_box(query::find_members(&store, &config, "0004242", 20).expect("find")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(200);
    targets = bench
}
criterion_main!(benches);
