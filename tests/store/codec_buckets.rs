//! Golden fixtures of the index buckets (store layout 3): which bucket an entry goes to
//! and the bytes of the bucket are both part of the format. `FRONTDESK_BLESS=1` writes
//! missing files, as in [`super::codec`].

use frontdesk_store::store::buckets::{Bucket, bucket_of};
use frontdesk_store::store::{codec, keys};
use std::path::PathBuf;

/// Index buckets (store layout 3), one per family: the bytes of a bucket and which bucket
/// an entry goes to are both part of the format.
#[test]
fn index_buckets_keep_their_bytes_and_places() {
    let entries: [(&str, Vec<u8>, Vec<u8>); 5] = [
        ("card", keys::text(keys::CARD, "620000000070"), keys::id(7).to_vec()),
        ("email", keys::text(keys::EMAIL, "wang.fang@example.cn"), keys::id(7).to_vec()),
        ("phone", keys::phone("8613800135678", 7), Vec::new()),
        ("birthday", keys::birthday(2, 29, 7).to_vec(), vec![1, b'S', b'H', b'A']),
        ("extref", keys::text(keys::EXT_REF, "PMS-2024-0001"), codec::encode(&super::codec::ext_ref())),
    ];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codec");
    for (name, entry, value) in entries {
        let key = bucket_of(&entry).unwrap();
        let bucket = Bucket([(entry.clone(), value)].into_iter().collect());
        let mut file = key.clone();
        file.extend(bucket.encode(&key).unwrap());
        let path = dir.join(format!("bucket-{name}.v1.bin"));
        if !path.exists() && std::env::var_os("FRONTDESK_BLESS").is_some() {
            std::fs::write(&path, &file).unwrap();
        }
        let golden =
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run with FRONTDESK_BLESS=1 once", path.display()));
        assert_eq!(file, golden, "{name}: this build puts the entry elsewhere or writes other bytes");
        let decoded = Bucket::decode(&golden[..key.len()], &golden[key.len()..]).unwrap();
        assert_eq!(decoded, bucket, "{name}");
    }
}
