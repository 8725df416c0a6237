//! Copying a closed store directory (plain files) for each test.

use std::path::Path;

/// Copies `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
    // With its mode, as files keep theirs: a store copied open would warn on every run.
    std::fs::set_permissions(to, std::fs::metadata(from).expect("stat").permissions()).expect("chmod");
}
