//! Turns a message (+ quoted message, + words) into model inputs, and BIO ids ↔ char spans.
//!
//! Layout: `[CLS] text-chars [SEP] quoted-chars [SEP]`, truncated to `max_len`; token `i + 1`
//! is char `i` of the text, so alignment is exact for any text (emoji, English, full-width).

use super::tagging::{N_BIO_TAGS, SpanLabel, TaggedSpan, Word, begin_tag};
use super::vocab::{CLS, CharVocab, SEP};

/// Word-boundary feature ids: 0 = none/special, 1 = B, 2 = M, 3 = E, 4 = S.
pub const N_BMES: usize = 5;
/// POS tags with their own feature id (others share id 1; 0 = none/special).
pub const POS_TAGS: [&str; 24] = [
    "n", "nr", "ns", "nt", "nz", "v", "vn", "vd", "t", "m", "q", "r", "p", "c", "u", "d", "a", "ad", "f", "s", "x",
    "eng", "y", "l",
];
/// Number of POS feature ids.
pub const N_POS: usize = POS_TAGS.len() + 2;

/// Model inputs for one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// Token ids.
    pub ids: Vec<u32>,
    /// Segment ids: 0 for `[CLS]` + text, 1 for the quoted part.
    pub types: Vec<u32>,
    /// BMES feature ids.
    pub bmes: Vec<u32>,
    /// POS feature ids.
    pub pos: Vec<u32>,
    /// How many chars of the text are in the input (tokens `1..=n_text`).
    pub n_text: usize,
}

fn pos_id(p: &str) -> u32 {
    POS_TAGS.iter().position(|t| *t == p).map(|i| i as u32 + 2).unwrap_or(1)
}

/// Encodes one message. `words` are char offsets into `text`; invalid ones are ignored.
pub fn encode(vocab: &CharVocab, text: &str, quoted: Option<&str>, words: &[Word], max_len: usize) -> Encoded {
    let max_len = max_len.max(3);
    let chars: Vec<char> = text.chars().collect();
    let n_text = chars.len().min(max_len - 2);
    let mut bmes = vec![0u32; n_text];
    let mut pos = vec![0u32; n_text];
    for w in words {
        if w.start >= w.end || w.end > chars.len() {
            continue;
        }
        let p = pos_id(&w.pos);
        for i in w.start..w.end.min(n_text) {
            let tag = if w.end - w.start == 1 {
                4
            } else if i == w.start {
                1
            } else if i + 1 == w.end {
                3
            } else {
                2
            };
            if let (Some(b), Some(q)) = (bmes.get_mut(i), pos.get_mut(i)) {
                *b = tag;
                *q = p;
            }
        }
    }
    let mut ids = Vec::with_capacity(max_len);
    ids.push(CLS);
    ids.extend(chars.iter().take(n_text).map(|c| vocab.id(*c)));
    ids.push(SEP);
    let mut types = vec![0u32; ids.len()];
    let mut f_b = vec![0u32];
    f_b.extend(bmes);
    f_b.push(0);
    let mut f_p = vec![0u32];
    f_p.extend(pos);
    f_p.push(0);
    if let Some(q) = quoted {
        let room = max_len.saturating_sub(ids.len() + 1);
        if room > 0 && !q.is_empty() {
            for c in q.chars().take(room) {
                ids.push(vocab.id(c));
                types.push(1);
                f_b.push(0);
                f_p.push(0);
            }
            ids.push(SEP);
            types.push(1);
            f_b.push(0);
            f_p.push(0);
        }
    }
    Encoded { ids, types, bmes: f_b, pos: f_p, n_text }
}

/// BIO tag ids (one per text char, length `n_chars`) from char spans; overlapping spans keep the first.
pub fn spans_to_bio(n_chars: usize, spans: &[(SpanLabel, usize, usize)]) -> Vec<u32> {
    let mut tags = vec![0u32; n_chars];
    let mut sorted: Vec<_> = spans.to_vec();
    sorted.sort_by_key(|s| (s.1, s.2));
    for (label, start, end) in sorted {
        let end = end.min(n_chars);
        if start >= end || tags.get(start..end).is_none_or(|t| t.iter().any(|x| *x != 0)) {
            continue;
        }
        let b = begin_tag(label) as u32;
        for (k, t) in tags.iter_mut().enumerate().take(end).skip(start) {
            *t = if k == start { b } else { b + 1 };
        }
    }
    tags
}

fn label_of(tag: usize) -> Option<(SpanLabel, bool)> {
    if tag == 0 || tag >= N_BIO_TAGS {
        return None;
    }
    let idx = (tag - 1) / 2;
    SpanLabel::ALL.get(idx).map(|l| (*l, (tag - 1) % 2 == 0))
}

/// Decodes per-char tags (with their probabilities) into spans. An `I-x` after `O` or after a
/// different label starts a new span (lenient BIO).
pub fn bio_to_spans(tags: &[usize], probs: &[f32]) -> Vec<TaggedSpan> {
    let mut out: Vec<TaggedSpan> = Vec::new();
    let mut cur: Option<(SpanLabel, usize, f32)> = None;
    let close = |cur: &mut Option<(SpanLabel, usize, f32)>, end: usize, out: &mut Vec<TaggedSpan>| {
        if let Some((label, start, sum)) = cur.take() {
            let n = (end - start).max(1) as f32;
            out.push(TaggedSpan { label, start, end, score: sum / n });
        }
    };
    for (i, &t) in tags.iter().enumerate() {
        let p = probs.get(i).copied().unwrap_or(0.0);
        match label_of(t) {
            None => close(&mut cur, i, &mut out),
            Some((label, is_begin)) => {
                let continues = matches!(cur, Some((l, _, _)) if l == label) && !is_begin;
                if continues {
                    if let Some(c) = cur.as_mut() {
                        c.2 += p;
                    }
                } else {
                    close(&mut cur, i, &mut out);
                    cur = Some((label, i, p));
                }
            }
        }
    }
    close(&mut cur, tags.len(), &mut out);
    out
}

/// Words of `text` from jieba (POS-tagged), as char offsets (used for training data).
pub fn jieba_words(jieba: &jieba_rs::Jieba, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for t in jieba.tag(text, true) {
        let n = t.word.chars().count();
        out.push(Word { start: at, end: at + n, pos: t.tag.to_string() });
        at += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_is_per_char_with_emoji_english_fullwidth() {
        let text = "@王小明 😀明天ＡＢＣ前交PPT报告";
        let vocab = CharVocab::build([text], 1);
        let chars: Vec<char> = text.chars().collect();
        let e = encode(&vocab, text, Some("引用"), &[], 64);
        assert_eq!(e.n_text, chars.len());
        for (i, c) in chars.iter().enumerate() {
            assert_eq!(e.ids.get(i + 1).copied(), Some(vocab.id(*c)), "char {i}");
        }
        assert_eq!(e.ids.len(), chars.len() + 2 + 3);
        assert_eq!(e.types.iter().filter(|t| **t == 1).count(), 3);
    }

    #[test]
    fn spans_roundtrip_through_bio() {
        let table: Vec<(&str, Vec<(SpanLabel, usize, usize)>)> = vec![
            (
                "@王小明 😀明天前交PPT报告",
                vec![(SpanLabel::Owner, 1, 4), (SpanLabel::Deadline, 6, 9), (SpanLabel::Task, 9, 15)],
            ),
            (
                "你做A，他做B",
                vec![
                    (SpanLabel::Owner, 0, 1),
                    (SpanLabel::Task, 1, 3),
                    (SpanLabel::Owner, 4, 5),
                    (SpanLabel::Task, 5, 7),
                ],
            ),
        ];
        for (text, spans) in table {
            let n = text.chars().count();
            let bio = spans_to_bio(n, &spans);
            let tags: Vec<usize> = bio.iter().map(|t| *t as usize).collect();
            let got: Vec<_> =
                bio_to_spans(&tags, &vec![1.0; n]).into_iter().map(|s| (s.label, s.start, s.end)).collect();
            assert_eq!(got, spans, "{text}");
        }
    }

    #[test]
    fn truncation_keeps_offsets_in_range() {
        let text = "很长".repeat(100);
        let vocab = CharVocab::build([text.as_str()], 1);
        let words = vec![Word { start: 190, end: 200, pos: "n".into() }];
        let e = encode(&vocab, &text, Some("q"), &words, 32);
        assert_eq!(e.ids.len(), 32);
        assert_eq!(e.n_text, 30);
        assert_eq!(e.bmes.len(), e.ids.len());
    }

    #[test]
    fn jieba_words_cover_text() {
        let j = jieba_rs::Jieba::new();
        let text = "王小明明天下午三点前交季度报告";
        let w = jieba_words(&j, text);
        assert_eq!(w.last().map(|w| w.end), Some(text.chars().count()));
    }
}
