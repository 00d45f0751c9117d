//! `model`: a small candle transformer that tags task / owner / deadline spans in Chinese chat.
//!
//! Input: one normalised message (+ quoted message) as **characters** (one token per char, so
//! token ↔ char alignment is exact), plus jieba word-boundary (BMES) and POS features that are
//! embedded and added to the char embeddings. Output: per-char BIO over `tagging::N_BIO_TAGS`
//! tags (mapped back to char spans of the message text, never the quoted text) and a
//! message-level 3-way class. Invariant: spans are `[start, end)` char offsets into
//! `TaggerInput.text`, sorted by start, non-overlapping.
//!
//! Files of a model directory: `config.json` ([`encoder::ModelConfig`]), `vocab.json` (char
//! vocabulary, [`vocab::CharVocab`]) and `model.safetensors` (f32 or f16).

pub mod encoder;
pub mod features;
pub mod import;
pub mod tagger;
pub mod tagging;
pub mod train;
pub mod vocab;

pub use tagger::TransformerTagger;
pub use train::{TrainConfig, TrainReport, train};

/// Errors of the model module.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A candle tensor operation failed.
    #[error("candle: {0}")]
    Candle(#[from] candle_core::Error),
    /// Reading or writing a file failed.
    #[error("io {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A JSON file could not be parsed.
    #[error("json {path}: {msg}")]
    Json {
        /// The file.
        path: String,
        /// The parser message.
        msg: String,
    },
    /// Invalid configuration or data.
    #[error("invalid: {0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io { path: path.display().to_string(), source }
    }
}
