//! Word segmentation with jieba-rs plus per-chat roster words.
//!
//! Input: normalised text and a list of extra words (roster names, aliases such as 王总 / 小刘).
//! Output: `Vec<Word>` (char offsets + jieba POS) covering the text without gaps or overlaps
//! (whitespace-only tokens are dropped).
//!
//! The default dictionary is loaded once (`LazyLock`). Rather than mutating a shared `Jieba` per
//! chat (which would need a clone of the whole dictionary per message), roster words are forced
//! as whole `nr` words after segmentation: jieba tokens overlapping a roster occurrence are cut at
//! its borders. The result equals what a user dictionary with a high frequency would give.
//!
//! Invariants: never panics; words are sorted, non-overlapping, within `[0, text char len]`.

use crate::model::tagging::Word;
use jieba_rs::Jieba;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Segments `text`; every occurrence of a word in `extra` (longest first) becomes one `nr` word.
pub fn segment(text: &str, extra: &[String]) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    // forced spans
    let mut forced: Vec<(usize, usize)> = Vec::new();
    let mut ex: Vec<Vec<char>> =
        extra.iter().map(|w| w.chars().collect::<Vec<char>>()).filter(|w| !w.is_empty()).collect();
    ex.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut taken = vec![false; chars.len()];
    for w in &ex {
        let n = w.len();
        let mut i = 0;
        while i + n <= chars.len() {
            let hit = chars.get(i..i + n).is_some_and(|s| s == w.as_slice())
                && taken.get(i..i + n).is_some_and(|t| t.iter().all(|x| !x));
            if hit {
                for t in taken.iter_mut().skip(i).take(n) {
                    *t = true;
                }
                forced.push((i, i + n));
                i += n;
            } else {
                i += 1;
            }
        }
    }
    forced.sort_unstable();
    let mut out: Vec<Word> = Vec::new();
    let mut pos = 0usize;
    for tag in JIEBA.tag(text, true) {
        let n = tag.word.chars().count();
        let (s, e) = (pos, pos + n);
        pos = e;
        if tag.word.trim().is_empty() {
            continue;
        }
        // pieces of [s,e) outside forced spans
        let mut cur = s;
        for &(fs, fe) in forced.iter().filter(|(fs, fe)| *fs < e && *fe > s) {
            if fs > cur {
                out.push(Word { start: cur, end: fs, pos: piece_pos(tag.tag, fs - cur == n) });
            }
            cur = cur.max(fe);
        }
        if cur < e {
            let whole = cur == s;
            out.push(Word { start: cur, end: e, pos: piece_pos(tag.tag, whole) });
        }
    }
    for (fs, fe) in forced {
        out.push(Word { start: fs, end: fe, pos: "nr".into() });
    }
    out.sort_by_key(|w| w.start);
    out
}

fn piece_pos(tag: &str, whole: bool) -> String {
    if whole { tag.to_string() } else { "x".to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, extra: &[&str]) -> Vec<String> {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        let chars: Vec<char> = text.chars().collect();
        segment(text, &extra).iter().map(|w| chars.get(w.start..w.end).unwrap_or(&[]).iter().collect()).collect()
    }

    #[test]
    fn roster_words_are_whole() {
        let cases: [(&str, &[&str], &str); 3] = [
            ("请萧雨婷明天交报告", &["萧雨婷"], "萧雨婷"),
            ("王总看一下合同", &["王总"], "王总"),
            ("小刘把库存盘一下", &["小刘"], "小刘"),
        ];
        for (text, extra, want) in cases {
            let w = words(text, extra);
            assert!(w.iter().any(|x| x == want), "{text}: {w:?}");
        }
    }

    #[test]
    fn covers_text() {
        let text = "@刘洋 明天 下午3点前把B栋的验收资料交监理";
        let ws = segment(text, &["刘洋".to_string()]);
        let n = text.chars().count();
        let mut last = 0;
        for w in &ws {
            assert!(w.start >= last && w.end > w.start && w.end <= n);
            last = w.end;
        }
        assert!(ws.iter().any(|w| w.pos == "nr"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}", name in "\\PC{0,3}") {
            let ws = segment(&s, &[name]);
            let n = s.chars().count();
            let mut last = 0;
            for w in &ws { proptest::prop_assert!(w.start >= last && w.end <= n); last = w.end; }
        }
    }
}
