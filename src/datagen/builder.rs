//! Text builder that tracks character offsets of labelled segments.

use super::Span;

/// Appends text segments and records char-offset spans for labelled ones.
#[derive(Debug, Default)]
pub struct Builder {
    /// Text so far.
    pub text: String,
    n: usize,
    /// Spans so far.
    pub spans: Vec<Span>,
}

impl Builder {
    /// Append unlabelled text.
    pub fn t(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self.n += s.chars().count();
        self
    }
    /// Append another builder's text and spans (offsets shifted).
    pub fn append(&mut self, other: Builder) -> &mut Self {
        let off = self.n;
        self.t(&other.text);
        for sp in other.spans {
            self.spans.push(Span { label: sp.label, start: sp.start + off, end: sp.end + off });
        }
        self
    }
    /// Append a space unless the text already ends with one.
    pub fn sp(&mut self) -> &mut Self {
        if !self.text.ends_with(' ') {
            self.t(" ");
        }
        self
    }
    /// Append an owner mention; an `@name` mention is followed by a space as chat apps insert one.
    pub fn owner(&mut self, s: &str) -> &mut Self {
        self.l(s, "owner");
        if s.starts_with('@') {
            self.t(" ");
        }
        self
    }
    /// Append a labelled segment (`task` / `owner` / `deadline`).
    pub fn l(&mut self, s: &str, label: &'static str) -> &mut Self {
        let start = self.n;
        self.t(s);
        if !s.is_empty() {
            self.spans.push(Span { label: label.to_string(), start, end: self.n });
        }
        self
    }
}
