//! [`TransformerTagger`]: loads a model directory once and implements [`Tagger`].

use std::path::Path;

use candle_core::{D, DType, Device, Tensor};
use candle_nn::VarBuilder;

use super::Error;
use super::encoder::{Batch, ModelConfig, TaggerModel};
use super::features::{Encoded, bio_to_spans, encode};
use super::tagging::{MessageClass, Tagger, TaggerError, TaggerInput, Tagging};
use super::vocab::CharVocab;

/// Builds a padded batch from encoded messages.
pub fn make_batch(items: &[Encoded], dev: &Device) -> candle_core::Result<Batch> {
    let l = items.iter().map(|e| e.ids.len()).max().unwrap_or(1).max(1);
    let pad = |f: &dyn Fn(&Encoded) -> &Vec<u32>| -> candle_core::Result<Tensor> {
        let mut v = Vec::with_capacity(items.len() * l);
        for e in items {
            let s = f(e);
            v.extend(s.iter().copied());
            v.extend(std::iter::repeat_n(0u32, l - s.len()));
        }
        Tensor::from_vec(v, (items.len(), l), dev)
    };
    let ids = pad(&|e| &e.ids)?;
    let mask = ids.ne(0u32)?.to_dtype(DType::U32)?;
    Ok(Batch { types: pad(&|e| &e.types)?, bmes: pad(&|e| &e.bmes)?, pos: pad(&|e| &e.pos)?, ids, mask })
}

/// A candle transformer tagger (char-level, with word features).
pub struct TransformerTagger {
    model: TaggerModel,
    vocab: CharVocab,
    device: Device,
    name: String,
    max_len: usize,
}

impl TransformerTagger {
    /// Loads `config.json`, the vocabulary (`tokenizer.json` through the `tokenizers` crate, else
    /// `vocab.json`) and `model.safetensors` (f32 or f16) from `dir`.
    pub fn load(dir: &Path, device: &Device) -> Result<Self, Error> {
        let cpath = dir.join("config.json");
        let s = std::fs::read_to_string(&cpath).map_err(|e| Error::io(&cpath, e))?;
        let config: ModelConfig = serde_json::from_str(&s)
            .map_err(|e| Error::Json { path: cpath.display().to_string(), msg: e.to_string() })?;
        let tpath = dir.join("tokenizer.json");
        let vocab = if tpath.exists() {
            CharVocab::load_tokenizer_json(&tpath)?
        } else {
            CharVocab::load(&dir.join("vocab.json"))?
        };
        let wpath = dir.join("model.safetensors");
        if !wpath.exists() {
            return Err(Error::Invalid(format!("missing {}", wpath.display())));
        }
        // SAFETY: the file is mmapped read-only and not modified while the model lives.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&wpath], DType::F32, device)? };
        let model = TaggerModel::load(vb, &config)?;
        let name = dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "model".into());
        Ok(Self::from_parts(model, vocab, device.clone(), name))
    }

    /// Wraps an in-memory model (used after training).
    pub fn from_parts(model: TaggerModel, vocab: CharVocab, device: Device, name: String) -> Self {
        let max_len = model.config.max_position_embeddings;
        Self { model, vocab, device, name, max_len }
    }

    fn run(&self, inputs: &[TaggerInput<'_>]) -> Result<Vec<Tagging>, Error> {
        // batches of similar length (padding to the longest of a batch is wasted work); each
        // answer keeps its input position and the answers are put back in input order at the end
        let mut enc: Vec<(usize, Encoded)> =
            inputs.iter().map(|i| encode(&self.vocab, i.text, i.quoted, i.words, self.max_len)).enumerate().collect();
        enc.sort_by_key(|(_, e)| e.ids.len());
        let (order, enc): (Vec<usize>, Vec<Encoded>) = enc.into_iter().unzip();
        let mut out: Vec<(usize, Tagging)> = Vec::with_capacity(enc.len());
        for (idx, chunk) in order.chunks(32).zip(enc.chunks(32)) {
            let batch = make_batch(chunk, &self.device)?;
            let (tok, cls) = self.model.forward(&batch)?;
            let tok = candle_nn::ops::softmax_last_dim(&tok)?;
            let cls = candle_nn::ops::softmax_last_dim(&cls)?.to_vec2::<f32>()?;
            let best = tok.argmax(D::Minus1)?.to_vec2::<u32>()?;
            let bestp = tok.max(D::Minus1)?.to_vec2::<f32>()?;
            for (k, e) in chunk.iter().enumerate() {
                let tags: Vec<usize> = best
                    .get(k)
                    .map(|r| r.iter().skip(1).take(e.n_text).map(|t| *t as usize).collect())
                    .unwrap_or_default();
                let probs: Vec<f32> =
                    bestp.get(k).map(|r| r.iter().skip(1).take(e.n_text).copied().collect()).unwrap_or_default();
                let cp = cls.get(k).cloned().unwrap_or_else(|| vec![0.0, 0.0, 1.0]);
                let class_probs = [
                    cp.first().copied().unwrap_or(0.0),
                    cp.get(1).copied().unwrap_or(0.0),
                    cp.get(2).copied().unwrap_or(0.0),
                ];
                let mut ci = 0;
                for i in 1..3 {
                    if class_probs[i] > class_probs[ci] {
                        ci = i;
                    }
                }
                let tagging = Tagging { class: MessageClass::ALL[ci], class_probs, spans: bio_to_spans(&tags, &probs) };
                out.push((idx.get(k).copied().unwrap_or(usize::MAX), tagging));
            }
        }
        out.sort_by_key(|(i, _)| *i);
        Ok(out.into_iter().map(|(_, t)| t).collect())
    }
}

impl Tagger for TransformerTagger {
    fn tag_batch(&self, inputs: &[TaggerInput<'_>]) -> Result<Vec<Tagging>, TaggerError> {
        self.run(inputs).map_err(|e| TaggerError(e.to_string()))
    }
    fn name(&self) -> &str {
        &self.name
    }
}
