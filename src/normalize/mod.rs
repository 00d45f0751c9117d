//! Text normalisation for work-chat messages.
//!
//! Input: the raw message text and the chat roster. Output: [`Normalized`] — the normalised text
//! (full-width ASCII folded to half width, ideographic space to space, emoji and bracket stickers
//! such as `[微笑]` removed, `\r\n` folded to `\n`), the @mentions found (resolved against the
//! roster when possible), the numbered-list items, and a char-offset map back to the raw text.
//!
//! Invariants: never panics; `map.len() == text.chars().count() + 1`; `map` is non-decreasing and
//! every entry is a valid char offset into the raw text (the last one is the raw length), so any
//! `[start, end)` char span of the normalised text maps back with [`Normalized::to_raw`].

/// An @mention found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Roster name, or `"@all"` for @all / @所有人 / @全体成员; the raw name when not in the roster.
    pub name: String,
    /// Whether `name` is a roster member (or `@all`).
    pub resolved: bool,
    /// Char span of the whole mention (with the `@`) in the normalised text.
    pub start: usize,
    /// End (exclusive) of the mention span.
    pub end: usize,
}

/// Normalised message text with the bookkeeping needed to map back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `map[i]` = raw char offset of normalised char `i`; one extra entry for the end.
    pub map: Vec<usize>,
    /// @mentions in text order.
    pub mentions: Vec<Mention>,
    /// Numbered-list items as char spans `[start, end)` of their content (marker excluded).
    pub list_items: Vec<(usize, usize)>,
}

impl Normalized {
    /// Maps a normalised char span back to a raw char span (clamped, never panics).
    pub fn to_raw(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.map.last().copied().unwrap_or(0);
        let s = self.map.get(start).copied().unwrap_or(last);
        let e = if end == 0 {
            s
        } else {
            // end of the last included char: raw offset of char end-1, plus one.
            self.map.get(end.saturating_sub(1)).map(|v| v + 1).unwrap_or(last)
        };
        (s.min(last), e.max(s).min(last))
    }

    /// The chars of the normalised text.
    pub fn chars(&self) -> Vec<char> {
        self.text.chars().collect()
    }
}

/// Whether `c` is an emoji / pictograph / variation selector to drop.
fn is_emoji(c: char) -> bool {
    let u = c as u32;
    (0x1F000..=0x1FAFF).contains(&u)
        || (0x2600..=0x27BF).contains(&u)
        || (0x2B00..=0x2BFF).contains(&u)
        || (0xFE00..=0xFE0F).contains(&u)
        || u == 0x200D
        || u == 0x20E3
        || (0xE0000..=0xE007F).contains(&u)
}

/// Folds full-width ASCII to half width and odd spaces to a plain space.
fn fold(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0xFF20 => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 | 0x2002..=0x200B => ' ',
        _ => c,
    }
}

/// Whether `c` is a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

const ALL_MENTIONS: [&str; 6] = ["所有人", "全体成员", "全体", "all", "All", "ALL"];
const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩";

/// Normalises `raw`; `members` is the chat roster used to delimit glued mentions (`@刘洋把…`).
pub fn normalize(raw: &str, members: &[String]) -> Normalized {
    let rc: Vec<char> = raw.chars().collect();
    let mut text: Vec<char> = Vec::with_capacity(rc.len());
    let mut map: Vec<usize> = Vec::with_capacity(rc.len() + 1);
    let mut i = 0;
    while i < rc.len() {
        let c = rc.get(i).copied().unwrap_or(' ');
        // bracket sticker: [微笑] / 【ok】 with 1..=4 chars and no digits
        if c == '[' {
            let mut j = i + 1;
            while j < rc.len() && j <= i + 5 && rc.get(j) != Some(&']') {
                j += 1;
            }
            if rc.get(j) == Some(&']') && j > i + 1 && j <= i + 5 {
                let inner = rc.get(i + 1..j).unwrap_or(&[]);
                if inner.iter().all(|ch| is_cjk(*ch) || ch.is_ascii_alphabetic()) {
                    i = j + 1;
                    continue;
                }
            }
        }
        if is_emoji(c) {
            i += 1;
            continue;
        }
        if c == '\r' {
            if rc.get(i + 1) != Some(&'\n') {
                text.push('\n');
                map.push(i);
            }
            i += 1;
            continue;
        }
        text.push(fold(c));
        map.push(i);
        i += 1;
    }
    map.push(rc.len());
    let mentions = find_mentions(&text, members);
    let list_items = find_list_items(&text);
    Normalized { text: text.into_iter().collect(), map, mentions, list_items }
}

fn starts_with_at(t: &[char], at: usize, s: &str) -> bool {
    let mut k = at;
    for c in s.chars() {
        if t.get(k) != Some(&c) {
            return false;
        }
        k += 1;
    }
    true
}

fn find_mentions(t: &[char], members: &[String]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut sorted: Vec<&String> = members.iter().filter(|m| !m.is_empty()).collect();
    sorted.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
    let mut i = 0;
    while i < t.len() {
        if t.get(i) != Some(&'@') {
            i += 1;
            continue;
        }
        let s = i + 1;
        if let Some(m) = sorted.iter().find(|m| starts_with_at(t, s, m)) {
            let e = s + m.chars().count();
            out.push(Mention { name: (*m).clone(), resolved: true, start: i, end: e });
            i = e;
            continue;
        }
        if let Some(a) = ALL_MENTIONS.iter().find(|a| starts_with_at(t, s, a)) {
            let e = s + a.chars().count();
            out.push(Mention { name: "@all".into(), resolved: true, start: i, end: e });
            i = e;
            continue;
        }
        // unknown name: run of CJK (max 4) or ASCII word chars
        let mut e = s;
        while e < t.len() && e < s + 4 && t.get(e).is_some_and(|c| is_cjk(*c)) {
            e += 1;
        }
        if e == s {
            while t.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
                e += 1;
            }
        }
        if e > s {
            let name: String = t.get(s..e).unwrap_or(&[]).iter().collect();
            out.push(Mention { name, resolved: false, start: i, end: e });
        }
        i = e.max(i + 1);
    }
    out
}

/// Finds numbered-list items: a line (or the text) starting with `1.` `2、` `(3)` `①`.
fn find_list_items(t: &[char]) -> Vec<(usize, usize)> {
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (marker start, content start)
    let mut line_start = 0;
    let n = t.len();
    let mut k = 0;
    while k <= n {
        if k == n || t.get(k) == Some(&'\n') {
            let mut s = line_start;
            while t.get(s).is_some_and(|c| *c == ' ' || *c == '\t') && s < k {
                s += 1;
            }
            if let Some(cs) = list_marker(t, s, k) {
                starts.push((line_start, cs));
            }
            line_start = k + 1;
        }
        k += 1;
    }
    // inline circled numbers (①…②…) when no line markers were found
    if starts.len() < 2 {
        starts.clear();
        for (idx, c) in t.iter().enumerate() {
            if CIRCLED.contains(*c) {
                starts.push((idx, idx + 1));
            }
        }
    }
    // inline numbers `… 1.A 2.B 3.C` on one line: only a run counting 1, 2, 3 … each after a
    // space, a clause mark or the start, so 第2、3条 or 1.5倍 never start items
    if starts.len() < 2 {
        starts = inline_numbered(t);
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    let mut items = Vec::new();
    for (idx, (_, cs)) in starts.iter().enumerate() {
        let end = starts.get(idx + 1).map(|x| x.0).unwrap_or(n);
        let mut cs = *cs;
        while cs < end && t.get(cs).is_some_and(|c| *c == ' ') {
            cs += 1;
        }
        let cs = &cs;
        let mut e = end;
        while e > *cs && t.get(e - 1).is_some_and(|c| c.is_whitespace()) {
            e -= 1;
        }
        items.push((*cs, e.max(*cs)));
    }
    items
}

fn inline_numbered(t: &[char]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut want = 1u32;
    for (idx, c) in t.iter().enumerate() {
        let Some(d) = c.to_digit(10) else { continue };
        if d != want || !t.get(idx + 1).is_some_and(|m| matches!(m, '.' | '、' | '．' | ')' | '）')) {
            continue;
        }
        let boundary = idx == 0
            || t.get(idx - 1)
                .is_some_and(|p| p.is_whitespace() || matches!(p, '，' | ',' | '：' | ':' | '；' | ';' | '。'));
        if !boundary || t.get(idx + 2).is_some_and(|n| n.is_ascii_digit()) {
            continue;
        }
        out.push((idx, idx + 2));
        want += 1;
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

fn list_marker(t: &[char], s: usize, line_end: usize) -> Option<usize> {
    let c = t.get(s).copied()?;
    if CIRCLED.contains(c) {
        return Some(s + 1);
    }
    let (open, mut k) = if c == '(' || c == '（' { (true, s + 1) } else { (false, s) };
    let d0 = k;
    while k < line_end && t.get(k).is_some_and(|c| c.is_ascii_digit()) && k < d0 + 2 {
        k += 1;
    }
    if k == d0 {
        // Chinese numerals 一、二、
        if t.get(k).is_some_and(|c| "一二三四五六七八九十".contains(*c)) && t.get(k + 1) == Some(&'、') {
            return Some(k + 2);
        }
        return None;
    }
    let m = t.get(k).copied()?;
    if open {
        if m == ')' || m == '）' {
            return Some(k + 1);
        }
        return None;
    }
    if matches!(m, '.' | '、' | ')' | '）' | '．') {
        // "1.5倍" is not a marker
        if m == '.' && t.get(k + 1).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(k + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Vec<String> {
        ["刘洋", "王芳", "欧阳娜娜"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn folds_and_strips() {
        let cases = [
            ("＠刘洋　把报表发我[微笑]", "@刘洋 把报表发我"),
            ("好的👍👍", "好的"),
            ("ＡＢＣ１２３", "ABC123"),
            ("第一行\r\n第二行", "第一行\n第二行"),
            ("[1]号文件", "[1]号文件"),
        ];
        for (raw, want) in cases {
            let n = normalize(raw, &roster());
            assert_eq!(n.text, want, "{raw}");
            assert_eq!(n.map.len(), n.text.chars().count() + 1);
        }
    }

    #[test]
    fn mentions() {
        let n = normalize("@刘洋把合同改一下 @all 注意 @欧阳娜娜 @张三 @所有人", &roster());
        let names: Vec<(&str, bool)> = n.mentions.iter().map(|m| (m.name.as_str(), m.resolved)).collect();
        assert_eq!(names, vec![("刘洋", true), ("@all", true), ("欧阳娜娜", true), ("张三", false), ("@all", true)]);
        let m = &n.mentions[0];
        assert_eq!((m.start, m.end), (0, 3));
    }

    #[test]
    fn lists() {
        let n = normalize("安排如下：\n1. 刘洋写周报\n2、王芳订会议室", &roster());
        let items: Vec<String> =
            n.list_items.iter().map(|(s, e)| n.text.chars().skip(*s).take(e - s).collect()).collect();
        assert_eq!(items, vec!["刘洋写周报".to_string(), "王芳订会议室".to_string()]);
        let n = normalize("①核对库存②更新价签", &roster());
        assert_eq!(n.list_items.len(), 2);
        let n = normalize("提价1.5倍", &roster());
        assert!(n.list_items.is_empty());
        // inline numbered items after a header on one line
        let n = normalize("周五前盘点 1.刘洋 盘货架 2.王芳 对账单", &roster());
        let items: Vec<String> =
            n.list_items.iter().map(|(s, e)| n.text.chars().skip(*s).take(e - s).collect()).collect();
        assert_eq!(items, vec!["刘洋 盘货架".to_string(), "王芳 对账单".to_string()]);
        let n = normalize("看第2、3条和 1.5倍", &roster());
        assert!(n.list_items.is_empty());
    }

    #[test]
    fn raw_map() {
        let raw = "😀@王芳[微笑]明天交";
        let n = normalize(raw, &roster());
        assert_eq!(n.text, "@王芳明天交");
        // "明天" is normalised chars 3..5 → raw chars 8..10
        assert_eq!(n.to_raw(3, 5), (8, 10));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let n = normalize(&s, &roster());
            let len = s.chars().count();
            proptest::prop_assert_eq!(n.map.len(), n.text.chars().count() + 1);
            for w in n.map.windows(2) { proptest::prop_assert!(w[0] <= w[1]); }
            for m in &n.mentions { let (a, b) = n.to_raw(m.start, m.end); proptest::prop_assert!(a <= b && b <= len); }
        }
    }
}
