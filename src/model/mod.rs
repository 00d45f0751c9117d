//! The span tagger contract (`tagging`) and, when a model is shipped, its candle implementation.

pub mod tagging;
