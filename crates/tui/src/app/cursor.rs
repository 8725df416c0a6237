//! The highlighted row of a list: one type for every list, so moving, paging and
//! following a record after a reload work the same everywhere.

use super::action::Nav;

/// Rows a page up or down moves.
pub(crate) const PAGE: usize = 10;

/// Which row of a list is highlighted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    index: usize,
}

impl Cursor {
    /// The highlighted row.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Moves within a list of `len` rows.
    pub(crate) fn apply(&mut self, nav: Nav, len: usize) {
        let last = len.saturating_sub(1);
        self.index = match nav {
            Nav::Up => self.index.saturating_sub(1),
            Nav::Down => self.index + 1,
            Nav::PageUp => self.index.saturating_sub(PAGE),
            Nav::PageDown => self.index + PAGE,
            Nav::Home => 0,
            Nav::End => last,
        }
        .min(last);
    }

    /// Back to the first row.
    pub(crate) fn reset(&mut self) {
        self.index = 0;
    }

    /// Keeps the highlight within a list that now has `len` rows.
    pub(crate) fn clamp(&mut self, len: usize) {
        self.index = self.index.min(len.saturating_sub(1));
    }

    /// Highlights the first row for which `is_it` holds; returns whether there is one
    /// (the highlight stays put otherwise).
    pub(crate) fn follow<T>(&mut self, rows: &[T], is_it: impl Fn(&T) -> bool) -> bool {
        match rows.iter().position(is_it) {
            Some(i) => {
                self.index = i;
                true
            }
            None => false,
        }
    }

    /// The highlighted row of `rows`.
    pub fn pick<'a, T>(&self, rows: &'a [T]) -> Option<&'a T> {
        rows.get(self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_within_the_list() {
        let mut c = Cursor::default();
        c.apply(Nav::Up, 5);
        assert_eq!(c.index(), 0);
        c.apply(Nav::PageDown, 5);
        assert_eq!(c.index(), 4);
        c.apply(Nav::Home, 5);
        assert_eq!(c.index(), 0);
        c.apply(Nav::End, 5);
        assert_eq!(c.index(), 4);
        c.apply(Nav::Down, 0);
        assert_eq!(c.index(), 0, "an empty list has its highlight on top");
    }

    #[test]
    fn following_a_record_finds_it_where_the_reload_put_it() {
        let mut c = Cursor::default();
        assert!(c.follow(&[3, 9, 7], |id| *id == 7));
        assert_eq!(c.index(), 2);
        assert!(!c.follow(&[3, 9], |id| *id == 7));
        assert_eq!(c.index(), 2, "a record gone from the list leaves the highlight where it was");
        c.clamp(2);
        assert_eq!(c.index(), 1);
    }
}
