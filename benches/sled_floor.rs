//! The floor under `benches/import.rs`: sled 0.34.7 alone writing what one booking of a
//! returning guest writes — the member record rewritten (MEMBER_BYTES, default 1,500 B),
//! the stay (150 B), the external reference (60 B) and, for the 37% of rows that are
//! completed stays, a ledger posting (200 B) — one transaction per 2,000 rows over four
//! trees, then a flush. No reads, no parsing, no rules: no importer on sled can beat it.
//!
//! ```text
//! FLOOR_ROWS=1000000 cargo bench --bench sled_floor
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::exit,
    reason = "a test or benchmark stops loudly where an expectation fails, and reports by printing"
)]
#[global_allocator]
static A: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sled::Transactional;
use std::time::Instant;
fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let rows: u64 = std::env::var("FLOOR_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let guests = 10_000u64;
    let dir = tempfile::tempdir().unwrap();
    let db = sled::Config::new().path(dir.path()).cache_capacity(64 << 20).open().unwrap();
    let t: Vec<sled::Tree> = ["members", "stays", "ledger", "keys"].iter().map(|n| db.open_tree(n).unwrap()).collect();
    let member = vec![7u8; std::env::var("MEMBER_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(1500)];
    let stay = vec![8u8; 150];
    let post = vec![9u8; 200];
    let xref = vec![1u8; 60];
    let t0 = Instant::now();
    let mut r = 0;
    while r < rows {
        let end = (r + 2000).min(rows);
        (&t[0], &t[1], &t[2], &t[3])
            .transaction(|(m, s, l, k)| {
                for i in r..end {
                    let g = i % guests;
                    let seq = (i / guests) as u32;
                    let mut sk = g.to_be_bytes().to_vec();
                    sk.extend_from_slice(&seq.to_be_bytes());
                    m.insert(&g.to_be_bytes(), member.clone())?;
                    s.insert(sk.clone(), stay.clone())?;
                    if i % 100 < 37 {
                        l.insert(sk, post.clone())?;
                    }
                    k.insert(format!("xhotel-booking-demand:City Hotel:{i}").as_bytes(), xref.clone())?;
                }
                Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
            })
            .unwrap();
        db.flush().unwrap();
        r = end;
    }
    let s = t0.elapsed().as_secs_f64();
    println!("{rows} rows in {s:.1} s = {:.0} rows/s (sled writes only, 3.37 keys/row)", rows as f64 / s);
}
