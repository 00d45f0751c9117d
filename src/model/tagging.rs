//! The contract between the extractor pipeline and a span tagger (rules or a candle model).
//!
//! A tagger reads one normalised message (plus the quoted message, if any) with its word
//! segmentation and returns labelled character spans and a message-level class. Offsets are
//! **char** offsets into the normalised text, `[start, end)`. This file is frozen: the
//! extractor (`extract`), the model (`model`) and the data generator (`datagen`) all build on it.

/// A word from the segmenter, as char offsets into the text it came from, with its POS tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// jieba POS tag (`n`, `v`, `nr`, `t`, …); user-dictionary roster names are `nr`.
    pub pos: String,
}

/// What a span holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpanLabel {
    /// The words that say what must be done (becomes the task title).
    Task,
    /// A mention of who must do it (@name, name, 我, 你, 大家, 小刘, 王总…).
    Owner,
    /// The time expression that gives the deadline.
    Deadline,
}

impl SpanLabel {
    /// All labels, in the order used for BIO tag ids: O=0, then B/I per label.
    pub const ALL: [SpanLabel; 3] = [SpanLabel::Task, SpanLabel::Owner, SpanLabel::Deadline];
}

/// Number of BIO tags: O plus B-/I- for each label.
pub const N_BIO_TAGS: usize = 1 + 2 * SpanLabel::ALL.len();

/// BIO tag id of `B-label` (`I-label` is this + 1); `O` is 0.
pub fn begin_tag(label: SpanLabel) -> usize {
    let idx = SpanLabel::ALL.iter().position(|l| *l == label).unwrap_or(0);
    1 + 2 * idx
}

/// Message-level class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageClass {
    /// The message asks for, assigns or commits to new work.
    NewTask,
    /// The message updates existing work (done, cancelled, moved, reassigned).
    StatusUpdate,
    /// Anything else: acknowledgements, notices, questions, chit-chat.
    NoTask,
}

impl MessageClass {
    /// Class ids used by model heads.
    pub const ALL: [MessageClass; 3] = [MessageClass::NewTask, MessageClass::StatusUpdate, MessageClass::NoTask];
}

/// A labelled span with the tagger's confidence in it (0..=1).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSpan {
    pub label: SpanLabel,
    pub start: usize,
    pub end: usize,
    pub score: f32,
}

/// Everything a tagger says about one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagging {
    pub class: MessageClass,
    /// Probability of each class, in `MessageClass::ALL` order.
    pub class_probs: [f32; 3],
    /// Spans in the message text (never in the quoted text), sorted by start.
    pub spans: Vec<TaggedSpan>,
}

/// One message as a tagger sees it.
#[derive(Debug, Clone, Copy)]
pub struct TaggerInput<'a> {
    /// Normalised message text.
    pub text: &'a str,
    /// Normalised quoted (replied-to) message text, if any.
    pub quoted: Option<&'a str>,
    /// Segmentation of `text`.
    pub words: &'a [Word],
}

/// Error from a tagger (model failures; messy text is never an error).
#[derive(Debug, thiserror::Error)]
#[error("tagger failed: {0}")]
pub struct TaggerError(pub String);

/// A span tagger. Implementations: the candle transformer (`model`), possibly a rule baseline.
pub trait Tagger: Send + Sync {
    /// Tags a batch of messages; the output has one `Tagging` per input, in order.
    fn tag_batch(&self, inputs: &[TaggerInput<'_>]) -> Result<Vec<Tagging>, TaggerError>;
    /// A short name for logs and manifests (`"fast"`, `"accurate"`, `"rules"`).
    fn name(&self) -> &str;
}
