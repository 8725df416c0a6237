//! mimalloc's options, set for what the process does.
//!
//! By default mimalloc reserves its first arena (1 GiB of address space) at the process's
//! first allocation, backs its memory with transparent huge pages and returns freed memory
//! to the system a second later. A one-shot command on a 200,000-member store then peaks at
//! about 135 MiB, most of it sled's recovery, freed before the command reads anything.
//! Arenas of 16 MiB and, for a one-shot command, freed memory returned after 1 ms bring
//! that to about 118 MiB for about the same time (farm-bench, `member show`, 15 pairs:
//! 118.3 against 136.5 MiB, 0.099 against 0.090 s median, pair ratio 1.03 within a spread
//! of 0.73–1.42). Bulk work (imports, the terminal UI, `serve`)
//! keeps the second: returning memory sooner made a 200,000-row import 13 % slower.

#![allow(unsafe_code, reason = "mimalloc's options are set through its C interface")]

use libmimalloc_sys::{mi_option_set, mi_option_t};

/// `mi_option_purge_delay` in the `mi_option_e` of the mimalloc 3 that libmimalloc-sys
/// builds (its `mimalloc.h`); `tests::option_numbers_are_mimallocs` checks both numbers
/// against mimalloc's defaults.
const PURGE_DELAY: mi_option_t = 15;
/// `mi_option_arena_reserve`, in KiB.
const ARENA_RESERVE: mi_option_t = 23;

/// Arenas of 16 MiB and freed memory returned after 1 ms. Called before anything is
/// allocated (see `main.rs`): mimalloc reads the arena option when it reserves an arena,
/// the first at the first allocation, and the purge delay takes its full effect only when
/// set before the memory it applies to is handed out.
pub fn for_one_shot() {
    // SAFETY: `mi_option_set` writes one option; it is not thread-safe, and this runs
    // before the program has started any thread.
    unsafe {
        mi_option_set(ARENA_RESERVE, 16 * 1024);
        mi_option_set(PURGE_DELAY, 1);
    }
}

/// mimalloc's own purge delay again, for a process that works through the store (an
/// import, the terminal UI, `serve`). Called before the store is opened, when only the
/// main thread runs.
pub fn for_bulk_work() {
    // SAFETY: as in `for_one_shot`: no other thread exists yet.
    unsafe { mi_option_set(PURGE_DELAY, DEFAULT_PURGE_DELAY) }
}

/// mimalloc's default purge delay, in ms (`options.c`).
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1_000;

#[cfg(test)]
mod tests {
    use super::*;

    /// The option numbers name the options meant: their values before anything sets them
    /// are the defaults of mimalloc's `options.c` (purge delay 1,000 ms, arena reserve 1 GiB).
    #[test]
    fn option_numbers_are_mimallocs() {
        // SAFETY: reads two options; this test sets none.
        let (purge, arena) =
            unsafe { (libmimalloc_sys::mi_option_get(PURGE_DELAY), libmimalloc_sys::mi_option_get(ARENA_RESERVE)) };
        assert_eq!((purge, arena), (DEFAULT_PURGE_DELAY, 1024 * 1024));
    }
}
