//! A BERT-style encoder built from differentiable candle ops (LayerNorm via
//! `candle_nn::ops::layer_norm_slow`, since the fused op gives no gradients), with word-feature
//! embeddings (BMES + POS) and two heads: per-token BIO logits and a `[CLS]` class head.
//! Parameter names follow HF BERT (`embeddings.*`, `encoder.layer.{i}.*`).

use candle_core::{D, DType, Module, Tensor};
use candle_nn::{Embedding, Linear, VarBuilder, embedding, linear};
use serde::{Deserialize, Serialize};

use super::features::{N_BMES, N_POS};
use super::tagging::N_BIO_TAGS;

/// Architecture of a tagger model (`config.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelConfig {
    /// Vocabulary size.
    pub vocab_size: usize,
    /// Hidden size.
    pub hidden_size: usize,
    /// Number of transformer layers.
    pub num_hidden_layers: usize,
    /// Number of attention heads.
    pub num_attention_heads: usize,
    /// Feed-forward size.
    pub intermediate_size: usize,
    /// Maximum sequence length (positions).
    pub max_position_embeddings: usize,
    /// LayerNorm epsilon.
    pub layer_norm_eps: f64,
}

impl ModelConfig {
    /// A tiny config for tests.
    pub fn tiny(vocab_size: usize) -> Self {
        Self {
            vocab_size,
            hidden_size: 32,
            num_hidden_layers: 1,
            num_attention_heads: 2,
            intermediate_size: 64,
            max_position_embeddings: 64,
            layer_norm_eps: 1e-12,
        }
    }
    /// The "fast" student: 3 layers × 256.
    pub fn fast(vocab_size: usize) -> Self {
        Self {
            vocab_size,
            hidden_size: 256,
            num_hidden_layers: 3,
            num_attention_heads: 4,
            intermediate_size: 1024,
            max_position_embeddings: 128,
            layer_norm_eps: 1e-12,
        }
    }
}

struct LayerNorm {
    w: Tensor,
    b: Tensor,
    eps: f32,
}

impl LayerNorm {
    fn load(vb: VarBuilder, size: usize, eps: f64) -> candle_core::Result<Self> {
        let w = vb.get_with_hints(size, "weight", candle_nn::Init::Const(1.0))?;
        let b = vb.get_with_hints(size, "bias", candle_nn::Init::Const(0.0))?;
        Ok(Self { w, b, eps: eps as f32 })
    }
    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        candle_nn::ops::layer_norm_slow(x, &self.w, &self.b, self.eps)
    }
}

struct Layer {
    q: Linear,
    k: Linear,
    v: Linear,
    ao: Linear,
    aln: LayerNorm,
    fi: Linear,
    fo: Linear,
    oln: LayerNorm,
}

impl Layer {
    fn load(vb: VarBuilder, c: &ModelConfig) -> candle_core::Result<Self> {
        let h = c.hidden_size;
        let a = vb.pp("attention");
        Ok(Self {
            q: linear(h, h, a.pp("self").pp("query"))?,
            k: linear(h, h, a.pp("self").pp("key"))?,
            v: linear(h, h, a.pp("self").pp("value"))?,
            ao: linear(h, h, a.pp("output").pp("dense"))?,
            aln: LayerNorm::load(a.pp("output").pp("LayerNorm"), h, c.layer_norm_eps)?,
            fi: linear(h, c.intermediate_size, vb.pp("intermediate").pp("dense"))?,
            fo: linear(c.intermediate_size, h, vb.pp("output").pp("dense"))?,
            oln: LayerNorm::load(vb.pp("output").pp("LayerNorm"), h, c.layer_norm_eps)?,
        })
    }

    /// `x`: [B, L, H]; `bias`: [B, 1, 1, L] additive attention mask.
    fn forward(&self, x: &Tensor, bias: &Tensor, heads: usize) -> candle_core::Result<Tensor> {
        let (b, l, h) = x.dims3()?;
        let dh = h / heads;
        let split = |t: Tensor| t.reshape((b, l, heads, dh))?.transpose(1, 2)?.contiguous();
        let q = split(self.q.forward(x)?)?;
        let k = split(self.k.forward(x)?)?;
        let v = split(self.v.forward(x)?)?;
        let scores = (q.matmul(&k.t()?)? / (dh as f64).sqrt())?.broadcast_add(bias)?;
        let p = candle_nn::ops::softmax(&scores, D::Minus1)?;
        let ctx = p.matmul(&v)?.transpose(1, 2)?.reshape((b, l, h))?;
        let x = self.aln.forward(&(self.ao.forward(&ctx)? + x)?)?;
        let ff = self.fo.forward(&self.fi.forward(&x)?.gelu_erf()?)?;
        self.oln.forward(&(ff + x)?)
    }
}

/// Encoder + heads.
pub struct TaggerModel {
    word: Embedding,
    pos: Embedding,
    typ: Embedding,
    bmes: Embedding,
    postag: Embedding,
    eln: LayerNorm,
    layers: Vec<Layer>,
    tok_head: Linear,
    cls_head: Linear,
    heads: usize,
    /// The architecture.
    pub config: ModelConfig,
}

/// A padded batch of inputs, all `[B, L]` u32 (mask: 1 = real token).
pub struct Batch {
    /// Token ids.
    pub ids: Tensor,
    /// Segment ids.
    pub types: Tensor,
    /// BMES ids.
    pub bmes: Tensor,
    /// POS ids.
    pub pos: Tensor,
    /// Attention mask.
    pub mask: Tensor,
}

impl TaggerModel {
    /// Builds the model from a VarBuilder (random init from a `VarMap`, or loaded weights).
    pub fn load(vb: VarBuilder, config: &ModelConfig) -> candle_core::Result<Self> {
        let h = config.hidden_size;
        if config.num_attention_heads == 0 || h % config.num_attention_heads != 0 {
            return Err(candle_core::Error::Msg("hidden_size must divide by heads".into()));
        }
        let e = vb.pp("embeddings");
        let layers = (0..config.num_hidden_layers)
            .map(|i| Layer::load(vb.pp("encoder").pp("layer").pp(i), config))
            .collect::<candle_core::Result<Vec<_>>>()?;
        Ok(Self {
            word: embedding(config.vocab_size, h, e.pp("word_embeddings"))?,
            pos: embedding(config.max_position_embeddings, h, e.pp("position_embeddings"))?,
            typ: embedding(2, h, e.pp("token_type_embeddings"))?,
            bmes: embedding(N_BMES, h, e.pp("bmes_embeddings"))?,
            postag: embedding(N_POS, h, e.pp("postag_embeddings"))?,
            eln: LayerNorm::load(e.pp("LayerNorm"), h, config.layer_norm_eps)?,
            layers,
            tok_head: linear(h, N_BIO_TAGS, vb.pp("tok_head"))?,
            cls_head: linear(h, 3, vb.pp("cls_head"))?,
            heads: config.num_attention_heads,
            config: config.clone(),
        })
    }

    /// Returns (token logits [B, L, N_BIO_TAGS], class logits [B, 3]).
    pub fn forward(&self, b: &Batch) -> candle_core::Result<(Tensor, Tensor)> {
        let (bs, l) = b.ids.dims2()?;
        let dev = b.ids.device();
        let positions = Tensor::arange(0u32, l as u32, dev)?.unsqueeze(0)?.broadcast_as((bs, l))?;
        let x = (self.word.forward(&b.ids)? + self.pos.forward(&positions)?)?;
        let x = (x + self.typ.forward(&b.types)?)?;
        let x = (x + self.bmes.forward(&b.bmes)?)?;
        let x = (x + self.postag.forward(&b.pos)?)?;
        let mut x = self.eln.forward(&x)?;
        let dtype = x.dtype();
        let bias = ((b.mask.to_dtype(DType::F32)? - 1.0)? * 1e4)?.to_dtype(dtype)?.reshape((bs, 1, 1, l))?;
        for layer in &self.layers {
            x = layer.forward(&x, &bias, self.heads)?;
        }
        let tok = self.tok_head.forward(&x)?;
        let cls = self.cls_head.forward(&x.narrow(1, 0, 1)?.squeeze(1)?)?;
        Ok((tok, cls))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;
    use candle_nn::VarMap;

    #[test]
    fn shapes_with_tiny_random_config() -> candle_core::Result<()> {
        let dev = Device::Cpu;
        let vm = VarMap::new();
        let vb = VarBuilder::from_varmap(&vm, DType::F32, &dev);
        let cfg = ModelConfig::tiny(50);
        let m = TaggerModel::load(vb, &cfg)?;
        let ids = Tensor::new(&[[2u32, 5, 6, 3, 0], [2, 7, 3, 0, 0]], &dev)?;
        let z = ids.zeros_like()?;
        let mask = ids.ne(0u32)?.to_dtype(DType::U32)?;
        let (tok, cls) = m.forward(&Batch { ids, types: z.clone(), bmes: z.clone(), pos: z, mask })?;
        assert_eq!(tok.dims(), &[2, 5, N_BIO_TAGS]);
        assert_eq!(cls.dims(), &[2, 3]);
        Ok(())
    }
}
