//! The repository against itself: the crate layers Cargo holds, and documentation that is
//! generated from or checked against the code (man pages, `docs/IMPORT.md`).

mod architecture;
mod import;
mod man;
