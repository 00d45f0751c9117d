//! Character vocabulary: one token per Unicode scalar, with `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]`.

use std::collections::HashMap;
use std::path::Path;

use super::Error;

/// Id of the padding token.
pub const PAD: u32 = 0;
/// Id of the unknown-char token.
pub const UNK: u32 = 1;
/// Id of the classification (first) token.
pub const CLS: u32 = 2;
/// Id of the separator token.
pub const SEP: u32 = 3;
const SPECIALS: [&str; 4] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"];

/// A char → id map (ids 0..4 are the specials).
#[derive(Debug, Clone)]
pub struct CharVocab {
    tokens: Vec<String>,
    index: HashMap<char, u32>,
}

impl CharVocab {
    /// Builds a vocabulary from texts: chars seen at least `min_count` times, most frequent first.
    /// ASCII printable chars are always included.
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>, min_count: usize) -> Self {
        let mut counts: HashMap<char, usize> = HashMap::new();
        for t in texts {
            for c in t.chars() {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
        for c in ' '..='~' {
            counts.entry(c).or_insert(min_count);
        }
        let mut chars: Vec<(char, usize)> = counts.into_iter().filter(|(_, n)| *n >= min_count).collect();
        chars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let tokens =
            SPECIALS.iter().map(|s| s.to_string()).chain(chars.into_iter().map(|(c, _)| c.to_string())).collect();
        Self::from_tokens(tokens)
    }

    fn from_tokens(tokens: Vec<String>) -> Self {
        let mut index = HashMap::new();
        for (i, t) in tokens.iter().enumerate().skip(SPECIALS.len()) {
            let mut cs = t.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                index.insert(c, i as u32);
            }
        }
        Self { tokens, index }
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when only the specials are present.
    pub fn is_empty(&self) -> bool {
        self.tokens.len() <= SPECIALS.len()
    }

    /// All tokens, by id (ids 0..4 are the specials).
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// Id of a char (`UNK` when unseen).
    pub fn id(&self, c: char) -> u32 {
        self.index.get(&c).copied().unwrap_or(UNK)
    }

    /// Writes `vocab.json` (a JSON array of tokens).
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let s = serde_json::to_string(&self.tokens).map_err(|e| Error::Invalid(e.to_string()))?;
        std::fs::write(path, s).map_err(|e| Error::io(path, e))
    }

    /// Writes `tokenizer.json`: a `tokenizers` WordLevel model over single characters (every char
    /// is its own pre-token), the same ids as `vocab.json`, so any `tokenizers` user reads the model's
    /// input exactly as the tagger does.
    pub fn save_tokenizer_json(&self, path: &Path) -> Result<(), Error> {
        let vocab: serde_json::Map<String, serde_json::Value> =
            self.tokens.iter().enumerate().map(|(i, t)| (t.clone(), serde_json::Value::from(i as u64))).collect();
        let added: Vec<serde_json::Value> = SPECIALS
            .iter()
            .enumerate()
            .map(|(i, t)| {
                serde_json::json!({"id": i, "content": t, "single_word": false, "lstrip": false,
                    "rstrip": false, "normalized": false, "special": true})
            })
            .collect();
        let doc = serde_json::json!({
            "version": "1.0", "truncation": null, "padding": null, "added_tokens": added,
            "normalizer": null,
            "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "(?s)."}, "behavior": "Isolated", "invert": false},
            "post_processor": null, "decoder": null,
            "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"}
        });
        let s = serde_json::to_string(&doc).map_err(|e| Error::Invalid(e.to_string()))?;
        std::fs::write(path, s).map_err(|e| Error::io(path, e))
    }

    /// Reads the vocabulary through the `tokenizers` crate from a `tokenizer.json` written by
    /// [`CharVocab::save_tokenizer_json`].
    pub fn load_tokenizer_json(path: &Path) -> Result<Self, Error> {
        let tok = tokenizers::Tokenizer::from_file(path)
            .map_err(|e| Error::Json { path: path.display().to_string(), msg: e.to_string() })?;
        let mut by_id: Vec<(u32, String)> = tok.get_vocab(true).into_iter().map(|(t, i)| (i, t)).collect();
        by_id.sort();
        if by_id.iter().enumerate().any(|(i, (id, _))| *id as usize != i) || by_id.len() < SPECIALS.len() {
            return Err(Error::Invalid(format!("{}: ids are not 0..n", path.display())));
        }
        Ok(Self::from_tokens(by_id.into_iter().map(|(_, t)| t).collect()))
    }

    /// Reads `vocab.json`.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let tokens: Vec<String> = serde_json::from_str(&s)
            .map_err(|e| Error::Json { path: path.display().to_string(), msg: e.to_string() })?;
        if tokens.len() < SPECIALS.len() {
            return Err(Error::Invalid("vocab too small".into()));
        }
        Ok(Self::from_tokens(tokens))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_json_gives_the_same_ids_through_the_tokenizers_crate() -> Result<(), Error> {
        let v = CharVocab::build(["@王小明 明天下午三点前把报告发我", "收到👌 ok"], 1);
        let dir = std::env::temp_dir().join(format!("vocab_tok_{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let path = dir.join("tokenizer.json");
        v.save_tokenizer_json(&path)?;
        let back = CharVocab::load_tokenizer_json(&path)?;
        assert_eq!(back.tokens(), v.tokens());
        let tok = tokenizers::Tokenizer::from_file(&path).map_err(|e| Error::Invalid(e.to_string()))?;
        let text = "明天 把报告发我👌\n好吗";
        let enc = tok.encode(text, false).map_err(|e| Error::Invalid(e.to_string()))?;
        let ours: Vec<u32> = text.chars().map(|c| v.id(c)).collect();
        assert_eq!(enc.get_ids(), ours.as_slice());
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
