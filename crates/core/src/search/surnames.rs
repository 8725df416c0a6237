//! Pinyin initials with surnames read as surnames. Many surname characters are read
//! otherwise in other words (单 is dan in 单位, shan as a surname; 曾 ceng / zeng; 解 jie /
//! xie), and a dictionary gives the common reading; a clerk types the surname's. The
//! first character of a Chinese name (or its first two, for the compound surnames) is
//! read from this table; the common reading is kept as a second set of initials, so the
//! name is found both ways.

use pinyin::ToPinyin;

/// Surnames whose initial as a surname differs from the common reading of their
/// characters, or compounds read as a whole: the surname and its initials.
const SURNAMES: &[(&str, &str)] = &[
    // Compound surnames (and the ones whose characters read otherwise in them).
    ("万俟", "mq"),
    ("尉迟", "yc"),
    ("单于", "cy"),
    ("长孙", "zs"),
    ("澹台", "tt"),
    ("乐正", "yz"),
    ("令狐", "lh"),
    ("欧阳", "oy"),
    ("司马", "sm"),
    ("上官", "sg"),
    ("诸葛", "zg"),
    ("皇甫", "hf"),
    ("公孙", "gs"),
    ("东方", "df"),
    ("夏侯", "xh"),
    ("轩辕", "xy"),
    ("慕容", "mr"),
    ("端木", "dm"),
    ("南宫", "ng"),
    ("呼延", "hy"),
    ("闻人", "wr"),
    ("宇文", "yw"),
    ("独孤", "dg"),
    ("拓跋", "tb"),
    // Single characters read otherwise as a surname.
    ("单", "s"),
    ("曾", "z"),
    ("解", "x"),
    ("仇", "q"),
    ("查", "z"),
    ("区", "o"),
    ("乐", "y"),
    ("朴", "p"),
    ("盖", "g"),
    ("繁", "p"),
    ("员", "y"),
    ("尉", "y"),
    ("覃", "q"),
    ("缪", "m"),
    ("翟", "z"),
    ("秘", "b"),
    ("卜", "b"),
    ("种", "c"),
    ("重", "c"),
    ("句", "g"),
    ("召", "s"),
    ("折", "s"),
    ("蕃", "p"),
    ("宓", "f"),
    ("祭", "z"),
    ("冼", "x"),
    ("洗", "x"),
    ("沈", "s"),
    ("那", "n"),
    ("牟", "m"),
    ("佴", "n"),
    ("隗", "w"),
    ("阚", "k"),
    ("眭", "s"),
    ("郇", "h"),
    ("柏", "b"),
    ("薄", "b"),
    ("藏", "z"),
    ("谌", "c"),
    ("厍", "s"),
];

/// Initials of the Han characters of `s` by their common reading.
fn common(s: &str) -> String {
    s.chars().filter_map(|c| c.to_pinyin()).filter_map(|p| p.first_letter().chars().next()).collect()
}

/// Pinyin initials of `name` with its surname read as a surname (`stf` for 单田芳).
pub fn initials(name: &str) -> String {
    let name = name.trim();
    for (surname, letters) in SURNAMES {
        if let Some(given) = name.strip_prefix(surname) {
            return format!("{letters}{}", common(given));
        }
    }
    common(name)
}

/// Every set of initials `name` is found by: the surname reading first, then the common
/// reading when it differs.
pub fn all_initials(name: &str) -> Vec<String> {
    // Nothing below the CJK blocks has a pinyin reading: most names of a hotel's guests
    // skip the surname table (a tenth of building the search index at start-up).
    if name.chars().all(|c| c < '\u{3000}') {
        return Vec::new();
    }
    let mut v = vec![initials(name), common(name)];
    v.retain(|i| !i.is_empty());
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// What lets [`all_initials`] skip names without CJK characters.
    #[test]
    fn no_character_below_the_cjk_blocks_has_a_pinyin_reading() {
        let read: Vec<char> = ('\0'..'\u{3000}').filter(|c| c.to_pinyin().is_some()).collect();
        assert!(read.is_empty(), "these have a pinyin reading: {read:?}");
        assert!(all_initials("Ana Müller-Łukasz Ñandú").is_empty());
    }

    #[rstest]
    #[case("单田芳", "stf", "dtf")]
    #[case("曾小凡", "zxf", "cxf")]
    #[case("解小东", "xxd", "jxd")]
    #[case("仇明", "qm", "cm")]
    #[case("查文", "zw", "cw")]
    #[case("区志", "oz", "qz")]
    #[case("乐平", "yp", "lp")]
    #[case("朴志明", "pzm", "pzm")]
    #[case("盖丽", "gl", "gl")]
    #[case("翟伟", "zw", "dw")]
    #[case("缪文", "mw", "mw")]
    #[case("覃军", "qj", "tj")]
    #[case("卜凡", "bf", "bf")]
    #[case("种明", "cm", "zm")]
    #[case("召强", "sq", "zq")]
    #[case("尉芳", "yf", "wf")]
    #[case("员华", "yh", "yh")]
    #[case("宓英", "fy", "my")]
    #[case("万俟林", "mql", "wql")]
    #[case("尉迟恭", "ycg", "wcg")]
    #[case("单于明", "cym", "dym")]
    #[case("长孙无忌", "zswj", "zswj")]
    #[case("澹台灭明", "ttmm", "dtmm")]
    #[case("欧阳修", "oyx", "oyx")]
    #[case("诸葛亮", "zgl", "zgl")]
    #[case("张三", "zs", "zs")]
    fn a_surname_is_found_by_its_surname_reading_and_by_the_common_one(
        #[case] name: &str,
        #[case] surname_reading: &str,
        #[case] common_reading: &str,
    ) {
        assert_eq!(initials(name), surname_reading);
        let all = all_initials(name);
        assert!(all.contains(&surname_reading.to_string()), "{all:?}");
        assert!(all.contains(&common_reading.to_string()), "still found by the common reading: {all:?}");
    }
}
