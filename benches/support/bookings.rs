//! The shared hotel-booking dataset, repeated to any number of rows: what `benches/import.rs`
//! imports and `benches/versus_sqlite.rs` imports into both stores.

use std::io::{BufWriter, Write};
use std::path::Path;

/// The dataset, relative to the repository (it lives in the workplace's shared folder).
pub const DATASET: &str = "../shared/data/hotel-booking-demand/bookings_with_guests.csv";
/// The mapping of its layout onto frontdesk's bookings import.
pub const MAPPING: &str = "config/mappings/hotel-booking-demand.toml";

/// Writes `rows` bookings: the dataset's rows over and over, `row_id` renumbered (so every
/// row is a new booking). `new_guests` gives each repetition after the first its own
/// e-mail addresses (`name+r7@…`), so that every row also enrols a member.
pub fn generate(source: &Path, out: &Path, rows: u64, new_guests: bool) -> std::io::Result<()> {
    let text = std::fs::read_to_string(source)?;
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let email_col = header.split(',').position(|c| c == "email");
    let body: Vec<&str> = lines.collect();
    if body.is_empty() {
        return Err(std::io::Error::other(format!("{} holds no bookings", source.display())));
    }
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    writeln!(w, "{header}")?;
    for n in 0..rows {
        let line = body[(n % body.len() as u64) as usize];
        let round = n / body.len() as u64;
        let rest = line.split_once(',').map_or("", |(_, rest)| rest);
        if new_guests && round > 0 {
            // Names and e-mails of this dataset hold no commas; the split is exact.
            let mut cells: Vec<String> =
                std::iter::once(String::new()).chain(rest.split(',').map(String::from)).collect();
            if let Some(c) = email_col.filter(|c| cells[*c].contains('@')) {
                cells[c] = cells[c].replacen('@', &format!("+r{round}@"), 1);
            }
            writeln!(w, "{}{}", n + 1, cells.join(","))?;
        } else {
            writeln!(w, "{},{rest}", n + 1)?;
        }
    }
    w.flush()
}
