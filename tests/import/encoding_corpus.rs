//! Encoding detection over a seeded corpus of small guest files as Excel, PMS exports and
//! Chinese Windows save them: UTF-8 with and without a byte-order mark, GBK, GB18030 with
//! characters GBK lacks, Big5 and Windows-1252, some with one stray invalid byte or cut
//! inside a character. Every file is read exactly right (a damaged row may be rejected,
//! never read wrong) or refused naming the candidates; none is read wrongly.
//! `FRONTDESK_CORPUS_FILES` raises the number of files (default 360),
//! `FRONTDESK_CORPUS_SEED` changes the corpus, `SHOW_REFUSED=1` prints each refusal.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, WINDOWS_1252};
use frontdesk_exchange::import::SourceSpec;
use frontdesk_exchange::import::source::{Format, Records};
use std::collections::BTreeMap;

const COLUMNS: [&str; 4] = ["name", "phone", "notes", "address"];

/// A small deterministic generator (xorshift64*), so the corpus is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const SIMPLIFIED_SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭",
    "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "欧阳",
];
const SIMPLIFIED_GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "晓明", "子涵", "欣怡", "浩然", "雨萱", "宇轩", "梓涵", "一诺", "思远", "婧", "淼",
];
const SIMPLIFIED_NOTES: &[&str] = &[
    "客人要求高楼层，安静",
    "需要婴儿床",
    "对羽毛过敏，请换荞麦枕",
    "结婚周年纪念，准备蛋糕",
    "晚到，约23:00入住",
    "素食者，早餐不要肉",
    "请勿打扰",
    "商务客人，需要增值税发票",
    "投诉空调噪音，已换房",
    "常住客，喜欢靠窗的房间",
];
const SIMPLIFIED_ADDRESSES: &[&str] = &[
    "上海市黄浦区中山东一路12号",
    "北京市朝阳区建国路88号",
    "广州市天河区珠江新城花城大道",
    "深圳市南山区科技园A座3楼",
    "杭州市西湖区文三路478号",
    "成都市锦江区春熙路",
];
const TRADITIONAL_SURNAMES: &[&str] = &[
    "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪", "曾", "邱", "廖", "賴",
    "周", "徐", "蘇", "葉", "莊", "呂", "江", "何", "蕭", "羅", "高", "潘", "簡", "朱", "鍾", "彭", "游", "詹", "胡",
];
const TRADITIONAL_GIVEN: &[&str] = &[
    "志明", "淑芬", "家豪", "美玲", "俊傑", "怡君", "建宏", "雅婷", "宗翰", "佳穎", "冠宇", "詩涵", "承恩", "嘉欣",
    "偉倫", "麗華", "國強", "秀蘭", "文傑", "婉婷",
];
const TRADITIONAL_NOTES: &[&str] = &[
    "客人要求高樓層，安靜",
    "需要嬰兒床",
    "對羽毛過敏",
    "週年紀念，準備蛋糕",
    "晚到，約23:00入住",
    "素食者",
    "請勿打擾",
    "商務客人，需要統一發票",
    "喜歡靠窗的房間",
];
const TRADITIONAL_ADDRESSES: &[&str] =
    &["臺北市信義區松仁路100號", "香港九龍尖沙咀彌敦道", "澳門新馬路", "高雄市前鎮區成功二路", "新北市板橋區文化路"];
const LATIN_NAMES: &[&str] = &[
    "José García",
    "Jürgen Müller",
    "François Lefèvre",
    "Ana Conceição",
    "João Gonçalves",
    "Søren Nielsen",
    "Zoë Brontë",
    "María Núñez Peña",
    "Chloé Dubois",
    "Björn Åström",
    "Renée Fauré",
    "Mário Simões",
    "Inês Antunes",
    "Sébastien Thiébaut",
    "Jörg Weiß",
    "John Smith",
    "Mary O'Brien",
    "Ana Silva",
    "Hélène Côté",
    "Ángel Ruíz",
];
const LATIN_NOTES: &[&str] = &[
    "allergic to feathers, wants foam pillows",
    "late arrival ~23:00",
    "végétarien, chambre calme",
    "Frühstück aufs Zimmer",
    "cama extra para el niño",
    "aniversário: bolo no quarto",
    "quiet room, high floor",
    "café au lait at 7:00",
    "prefers the façade side",
];
const LATIN_ADDRESSES: &[&str] = &[
    "Rua Augusta 27, Lisboa",
    "Königstraße 5, München",
    "12 rue de la Paix, Paris",
    "Calle Mayor 3, Madrid",
    "Praça do Comércio, Porto",
    "Østergade 1, København",
    "221B Baker Street, London",
];
/// Names and notes only UTF-8 holds of the European ones (Polish, Czech, Turkish).
const WIDE_LATIN: &[&str] = &["Łukasz Wiśniewski", "Antonín Dvořák", "Şahin Yılmaz", "Zoë Ω-suite"];
/// Ideographs GB18030 encodes and GBK does not (found in real names).
const BEYOND_GBK: &[&str] = &["䶮", "𬌗", "𫟅", "𬭚", "𬣙", "㛃", "㵘", "𠀾", "𡒄", "𬍛"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Utf8,
    Utf8Bom,
    Gbk,
    Gb18030,
    Big5,
    Windows1252,
}

impl Kind {
    const ALL: [Kind; 6] = [Kind::Utf8, Kind::Utf8Bom, Kind::Gbk, Kind::Gb18030, Kind::Big5, Kind::Windows1252];

    fn encoding(self) -> &'static Encoding {
        match self {
            Kind::Utf8 | Kind::Utf8Bom => UTF_8,
            Kind::Gbk => GBK,
            Kind::Gb18030 => GB18030,
            Kind::Big5 => BIG5,
            Kind::Windows1252 => WINDOWS_1252,
        }
    }

    /// A byte no text of this encoding holds (Windows-1252 has none that fails to
    /// decode: 0x81 decodes to a control character, which a field may not hold).
    fn stray(self) -> u8 {
        if self == Kind::Windows1252 { 0x81 } else { 0xFF }
    }
}

fn simplified_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SIMPLIFIED_SURNAMES), rng.pick(SIMPLIFIED_GIVEN))
}

fn traditional_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(TRADITIONAL_SURNAMES), rng.pick(TRADITIONAL_GIVEN))
}

fn phone(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("138 {:04} {:04}", rng.below(10_000), rng.below(10_000)),
        1 => format!("+351 91{} {:03} {:03}", rng.below(10), rng.below(1000), rng.below(1000)),
        _ => String::new(),
    }
}

/// One row's fields for a file of `kind`.
fn row(rng: &mut Rng, kind: Kind) -> [String; 4] {
    let latin = |rng: &mut Rng| {
        [rng.pick(LATIN_NAMES).to_string(), rng.pick(LATIN_NOTES).to_string(), rng.pick(LATIN_ADDRESSES).to_string()]
    };
    let simplified = |rng: &mut Rng| {
        [simplified_name(rng), rng.pick(SIMPLIFIED_NOTES).into(), rng.pick(SIMPLIFIED_ADDRESSES).into()]
    };
    let traditional = |rng: &mut Rng| {
        [traditional_name(rng), rng.pick(TRADITIONAL_NOTES).into(), rng.pick(TRADITIONAL_ADDRESSES).into()]
    };
    let [name, notes, address] = match kind {
        Kind::Utf8 | Kind::Utf8Bom => match rng.below(4) {
            0 => simplified(rng),
            1 => traditional(rng),
            2 => latin(rng),
            _ => [rng.pick(WIDE_LATIN).into(), rng.pick(SIMPLIFIED_NOTES).into(), rng.pick(LATIN_ADDRESSES).into()],
        },
        // Chinese files hold the odd foreign guest, in plain letters.
        Kind::Gbk | Kind::Gb18030 if rng.chance(5) => ["John Smith".into(), "late arrival".into(), "Hong Kong".into()],
        Kind::Gbk => simplified(rng),
        Kind::Gb18030 => {
            let [name, notes, address] = simplified(rng);
            let name =
                if rng.chance(3) { format!("{}{}", rng.pick(SIMPLIFIED_SURNAMES), rng.pick(BEYOND_GBK)) } else { name };
            [name, notes, address]
        }
        Kind::Big5 if rng.chance(5) => ["Mary Chan".into(), "VIP".into(), "Macau".into()],
        Kind::Big5 => traditional(rng),
        Kind::Windows1252 => latin(rng),
    };
    [name, phone(rng), notes, address]
}

fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field.to_string() }
}

/// What a file should read as: its rows, and which of them were damaged on purpose.
struct Expected {
    rows: Vec<[String; 4]>,
    damaged: Vec<bool>,
}

fn encode(kind: Kind, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = kind.encoding().encode(text);
    assert!(!unmappable, "the generator wrote {text:?}, which {kind:?} cannot hold");
    bytes.into_owned()
}

/// A file of `kind`; ends lines with CRLF as Excel does, or LF.
fn file(rng: &mut Rng, kind: Kind) -> (Vec<u8>, Expected) {
    let rows: Vec<[String; 4]> = (0..1 + rng.below(20)).map(|_| row(rng, kind)).collect();
    let eol = if rng.chance(2) { "\r\n" } else { "\n" };
    let mut bytes = if kind == Kind::Utf8Bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    bytes.extend(encode(kind, &format!("{}{eol}", COLUMNS.join(","))));
    let mut damaged = vec![false; rows.len()];
    let stray_row = rng.chance(6).then(|| rng.below(rows.len()));
    let mut last_line = (0, String::new());
    for (i, fields) in rows.iter().enumerate() {
        last_line = (bytes.len(), String::new());
        for (j, field) in fields.iter().enumerate() {
            let text = format!("{}{}", if j > 0 { "," } else { "" }, quoted(field));
            last_line.1.push_str(&text);
            if stray_row == Some(i) && j == 2 {
                // Between two characters of the notes, as a bad copy and paste leaves it.
                let cut = text.char_indices().map(|(k, _)| k).nth(rng.below(text.chars().count())).unwrap_or(0);
                bytes.extend(encode(kind, &text[..cut]));
                bytes.push(kind.stray());
                bytes.extend(encode(kind, &text[cut..]));
                damaged[i] = true;
            } else {
                bytes.extend(encode(kind, &text));
            }
        }
        bytes.extend(encode(kind, eol));
    }
    if rng.chance(6) && stray_row != Some(rows.len() - 1) {
        cut_inside_a_character(kind, &mut bytes, last_line, &mut damaged);
    }
    (bytes, Expected { rows, damaged })
}

/// Ends the file inside the last character of more than one byte of its last line (a
/// copy cut short): that row is damaged.
fn cut_inside_a_character(kind: Kind, bytes: &mut Vec<u8>, (start, line): (usize, String), damaged: &mut [bool]) {
    let Some((at, c)) = line.char_indices().rfind(|(_, c)| !c.is_ascii()) else { return };
    if kind == Kind::Windows1252 {
        return;
    }
    let end = start + encode(kind, &line[..at + c.len_utf8()]).len();
    bytes.truncate(end - 1);
    if let Some(last) = damaged.last_mut() {
        *last = true;
    }
}

#[derive(Debug, Default)]
struct Tally {
    right: usize,
    refused: usize,
    damaged_rows_rejected: usize,
}

/// Reads `bytes` with detection; `Ok(true)` read right, `Ok(false)` refused; `Err` says
/// what was read wrongly.
fn check(bytes: &[u8], want: &Expected, tally: &mut Tally) -> Result<bool, String> {
    let input = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let mut records = match Records::open(input, &SourceSpec::detect(Format::Csv)) {
        Ok(r) => r,
        Err(e) => {
            let text = e.to_string();
            return if text.contains("cannot tell the file's encoding") && text.contains("--encoding") {
                if std::env::var("SHOW_REFUSED").is_ok() {
                    eprintln!("REFUSED {text}");
                }
                Ok(false)
            } else {
                Err(format!("refused without naming the candidates: {text}"))
            };
        }
    };
    let header = records.header().map(|h| h.names.clone()).unwrap_or_default();
    if header != COLUMNS {
        return Err(format!("header read as {header:?}"));
    }
    for (i, fields) in want.rows.iter().enumerate() {
        let rec = records.next_record().map_err(|e| e.to_string())?.ok_or(format!("row {} missing", i + 1))?;
        let got: Result<Vec<Option<String>>, String> = COLUMNS
            .iter()
            .map(|c| rec.get(c).map(|v| v.map(|s| s.into_owned())).map_err(|p| p.reason.to_string()))
            .collect();
        let rejected = rec.problem.is_some() || got.is_err();
        match (got, want.damaged[i]) {
            (Ok(got), _) if !rejected => {
                let expected: Vec<Option<String>> =
                    fields.iter().map(|f| Some(f.trim().to_string()).filter(|s| !s.is_empty())).collect();
                if got != expected {
                    return Err(format!("row {} read as {got:?}, written as {expected:?}", i + 1));
                }
                if want.damaged[i] {
                    return Err(format!("damaged row {} was read as whole", i + 1));
                }
            }
            (_, true) => tally.damaged_rows_rejected += 1,
            (got, false) => return Err(format!("row {} rejected: {got:?} {:?}", i + 1, rec.problem)),
        }
    }
    Ok(true)
}

#[test]
fn every_file_of_the_corpus_is_read_right_or_refused() {
    let files: usize = std::env::var("FRONTDESK_CORPUS_FILES").ok().and_then(|n| n.parse().ok()).unwrap_or(360);
    let seed = std::env::var("FRONTDESK_CORPUS_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x5EED_F11E_C0DE);
    let mut rng = Rng(seed | 1);
    let mut per_kind: BTreeMap<Kind, Tally> = BTreeMap::new();
    let mut wrong = Vec::new();
    for n in 0..files {
        let kind = Kind::ALL[n % Kind::ALL.len()];
        let (bytes, want) = file(&mut rng, kind);
        let tally = per_kind.entry(kind).or_default();
        match check(&bytes, &want, tally) {
            Ok(true) => tally.right += 1,
            Ok(false) => tally.refused += 1,
            Err(e) => wrong.push(format!("file {n} ({kind:?}): {e}")),
        }
    }
    eprintln!("{:<12} {:>6} {:>8} {:>14}", "encoding", "right", "refused", "damaged rows");
    for (kind, t) in &per_kind {
        eprintln!("{:<12} {:>6} {:>8} {:>14}", format!("{kind:?}"), t.right, t.refused, t.damaged_rows_rejected);
    }
    assert!(wrong.is_empty(), "{} of {files} files read wrongly:\n{}", wrong.len(), wrong.join("\n"));
    let refused: usize = per_kind.values().map(|t| t.refused).sum();
    assert!(refused * 10 <= files, "{refused} of {files} refused: detection must settle most files");
}

/// The hardest files: one guest, a Chinese name and nothing else to judge by. Every
/// name of the pools, alone in a file of its encoding, is read right or refused.
#[test]
fn a_file_of_one_chinese_name_is_read_right_or_refused() {
    let mut cases: Vec<(Kind, String)> = Vec::new();
    for s in SIMPLIFIED_SURNAMES {
        cases.extend(SIMPLIFIED_GIVEN.iter().map(|g| (Kind::Gbk, format!("{s}{g}"))));
    }
    for s in TRADITIONAL_SURNAMES {
        cases.extend(TRADITIONAL_GIVEN.iter().map(|g| (Kind::Big5, format!("{s}{g}"))));
    }
    let (mut right, mut refused, mut wrong) = (0, 0, Vec::new());
    for (kind, name) in &cases {
        let want = Expected {
            rows: vec![[name.clone(), "13800138000".into(), String::new(), String::new()]],
            damaged: vec![false],
        };
        let bytes = encode(*kind, &format!("{}\r\n{name},13800138000,,\r\n", COLUMNS.join(",")));
        match check(&bytes, &want, &mut Tally::default()) {
            Ok(true) => right += 1,
            Ok(false) => refused += 1,
            Err(e) => wrong.push(format!("{kind:?} {name}: {e}")),
        }
    }
    eprintln!("one-name files: {} read right, {refused} refused, {} wrong", right, wrong.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
