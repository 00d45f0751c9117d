//! Training: seeded AdamW on JSONL examples (`text`, optional `quoted`, `class`, `spans`
//! [{label, start, end}] in char offsets), checkpoints to `out_dir/model.safetensors` (resumable),
//! writes `config.json` + `vocab.json`, logs loss, reports valid span F1 and class accuracy.

use std::path::{Path, PathBuf};
use std::time::Instant;

use candle_core::{D, DType, Device, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap};
use rand::SeedableRng;
use rand::seq::SliceRandom;

use super::Error;
use super::encoder::{ModelConfig, TaggerModel};
use super::features::{Encoded, encode, spans_to_bio};
use super::tagger::{TransformerTagger, make_batch};
use super::tagging::{MessageClass, SpanLabel, Tagger, TaggerInput, Word};
use super::vocab::CharVocab;

/// One training example.
#[derive(Debug, Clone)]
pub struct Example {
    /// Message text.
    pub text: String,
    /// Quoted text.
    pub quoted: Option<String>,
    /// Class id (`MessageClass::ALL` order).
    pub class: u32,
    /// Gold spans (char offsets).
    pub spans: Vec<(SpanLabel, usize, usize)>,
    /// The chat roster (its names and aliases are forced words in the segmentation).
    pub members: Vec<String>,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Training JSONL.
    pub train: PathBuf,
    /// Validation JSONL (optional).
    pub valid: Option<PathBuf>,
    /// Output model directory.
    pub out_dir: PathBuf,
    /// Architecture (its `vocab_size` is replaced by the built vocabulary's).
    pub model: ModelConfig,
    /// Steps to run (upper bound).
    pub steps: usize,
    /// Wall-clock limit in minutes.
    pub max_minutes: f64,
    /// Batch size.
    pub batch_size: usize,
    /// Learning rate.
    pub lr: f64,
    /// Seed.
    pub seed: u64,
    /// Checkpoint every N steps.
    pub checkpoint_every: usize,
    /// Resume from `out_dir/model.safetensors` if present.
    pub resume: bool,
    /// Start from this model directory (config, vocabulary, weights), e.g. an `import-e5` output.
    pub init: Option<PathBuf>,
    /// Linear warm-up steps; after them the rate decays linearly to 10 % at `steps`.
    pub warmup: usize,
}

/// What a training run did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Steps run.
    pub steps: usize,
    /// Loss of the first step.
    pub first_loss: f32,
    /// Mean loss of the last 10 steps.
    pub last_loss: f32,
    /// Mean seconds per step.
    pub secs_per_step: f64,
    /// Span F1 per label (Task, Owner, Deadline) on the valid set, if given.
    pub valid_f1: Option<[f64; 3]>,
    /// Class accuracy on the valid set, if given.
    pub valid_class_acc: Option<f64>,
}

fn parse_label(s: &str) -> Option<SpanLabel> {
    match s.to_lowercase().as_str() {
        "task" => Some(SpanLabel::Task),
        "owner" => Some(SpanLabel::Owner),
        "deadline" => Some(SpanLabel::Deadline),
        _ => None,
    }
}

fn parse_class(s: &str) -> u32 {
    let s = s.to_lowercase();
    if s.contains("new") {
        0
    } else if s.contains("status") || s.contains("update") {
        1
    } else {
        2
    }
}

/// Sets every variable of `vm` from a safetensors file (a checkpoint or an init model), converting
/// its dtype: shipped models are f16 (`export-model`) while training runs in f32, and
/// `VarMap::load` refuses a dtype change.
fn load_as_vars(vm: &VarMap, path: &Path) -> Result<(), Error> {
    let tensors = candle_core::safetensors::load(path, &Device::Cpu)?;
    let vars = vm.data().lock().map_err(|_| Error::Invalid("variable map lock poisoned".into()))?;
    for (name, var) in vars.iter() {
        let t =
            tensors.get(name).ok_or_else(|| Error::Invalid(format!("{} has no tensor `{name}`", path.display())))?;
        var.set(&t.to_dtype(var.dtype())?)?;
    }
    Ok(())
}

/// Reads JSONL examples; lines that do not parse are skipped.
pub fn read_jsonl(path: &Path) -> Result<Vec<Example>, Error> {
    let s = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for line in s.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = ["text", "message", "content"].iter().find_map(|k| v.get(*k).and_then(|t| t.as_str())) else {
            continue;
        };
        let quoted = v
            .get("quoted")
            .and_then(|q| q.as_str())
            .or_else(|| v.get("reply_to").and_then(|r| r.get("text")).and_then(|t| t.as_str()))
            .filter(|q| !q.is_empty())
            .map(str::to_string);
        let class = v.get("class").and_then(|c| c.as_str()).map(parse_class).unwrap_or(2);
        let spans = v
            .get("spans")
            .and_then(|s| s.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|sp| {
                        let l = parse_label(sp.get("label")?.as_str()?)?;
                        Some((l, sp.get("start")?.as_u64()? as usize, sp.get("end")?.as_u64()? as usize))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let members: Vec<String> = v
            .get("members")
            .and_then(|m| m.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        out.push(normalised(Example { text: text.to_string(), quoted, class, spans, members }));
    }
    Ok(out)
}

/// The example as the extractor shows it to a tagger: the text normalised (`normalize`) and the
/// spans moved onto it (a normalised char belongs to a span when its raw char does).
fn normalised(e: Example) -> Example {
    let norm = crate::normalize::normalize(&e.text, &e.members);
    let spans = e
        .spans
        .iter()
        .filter_map(|(l, a, b)| {
            let inside: Vec<usize> = norm
                .map
                .iter()
                .take(norm.map.len().saturating_sub(1))
                .enumerate()
                .filter(|(_, r)| **r >= *a && **r < *b)
                .map(|(i, _)| i)
                .collect();
            Some((*l, *inside.first()?, inside.last()? + 1))
        })
        .collect();
    Example { text: norm.text, spans, ..e }
}

/// Segmentation as the extractor does it (roster names and aliases forced as words).
fn words_of(e: &Example) -> Vec<Word> {
    let aliases = crate::owners::Roster::new(&e.members).aliases();
    crate::segment::segment(&e.text, &aliases)
}

struct Prepared {
    enc: Encoded,
    bio: Vec<u32>,
    class: u32,
}

fn prepare(ex: &[Example], vocab: &CharVocab, max_len: usize) -> Vec<(Prepared, Vec<Word>)> {
    ex.iter()
        .map(|e| {
            let words = words_of(e);
            let enc = encode(vocab, &e.text, e.quoted.as_deref(), &words, max_len);
            let bio = spans_to_bio(enc.n_text, &e.spans);
            (Prepared { enc, bio, class: e.class }, words)
        })
        .collect()
}

fn loss_of(model: &TaggerModel, items: &[&Prepared], dev: &Device) -> candle_core::Result<Tensor> {
    let encs: Vec<Encoded> = items.iter().map(|p| p.enc.clone()).collect();
    let batch = make_batch(&encs, dev)?;
    let (tok, cls) = model.forward(&batch)?;
    let (b, l, n) = tok.dims3()?;
    // Targets over text tokens only; weight 0 elsewhere.
    let mut tgt = vec![0u32; b * l];
    let mut w = vec![0f32; b * l];
    for (k, p) in items.iter().enumerate() {
        for (i, t) in p.bio.iter().enumerate() {
            if let (Some(x), Some(y)) = (tgt.get_mut(k * l + i + 1), w.get_mut(k * l + i + 1)) {
                *x = *t;
                *y = 1.0;
            }
        }
    }
    let tgt = Tensor::from_vec(tgt, (b * l, 1), dev)?;
    let w = Tensor::from_vec(w, b * l, dev)?;
    let lsm = candle_nn::ops::log_softmax(&tok.reshape((b * l, n))?, D::Minus1)?;
    let nll = lsm.gather(&tgt, 1)?.squeeze(1)?.neg()?;
    let denom = (w.sum_all()?.to_scalar::<f32>()? as f64).max(1.0);
    let tok_loss = ((nll * &w)?.sum_all()? / denom)?;
    let ctgt = Tensor::from_vec(items.iter().map(|p| p.class).collect::<Vec<u32>>(), b, dev)?;
    let cls_loss = candle_nn::loss::cross_entropy(&cls, &ctgt)?;
    tok_loss + cls_loss
}

/// Span F1 per label and class accuracy of a tagger on examples.
pub fn evaluate(tagger: &dyn Tagger, ex: &[Example]) -> Result<([f64; 3], f64), Error> {
    let words: Vec<Vec<Word>> = ex.iter().map(words_of).collect();
    let inputs: Vec<TaggerInput<'_>> = ex
        .iter()
        .zip(&words)
        .map(|(e, w)| TaggerInput { text: &e.text, quoted: e.quoted.as_deref(), words: w })
        .collect();
    let out = tagger.tag_batch(&inputs).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut tp = [0f64; 3];
    let mut np = [0f64; 3];
    let mut ng = [0f64; 3];
    let mut correct = 0usize;
    for (e, t) in ex.iter().zip(&out) {
        if MessageClass::ALL.get(e.class as usize) == Some(&t.class) {
            correct += 1;
        }
        for (li, l) in SpanLabel::ALL.iter().enumerate() {
            let gold: Vec<(usize, usize)> = e.spans.iter().filter(|s| s.0 == *l).map(|s| (s.1, s.2)).collect();
            let pred: Vec<(usize, usize)> =
                t.spans.iter().filter(|s| s.label == *l).map(|s| (s.start, s.end)).collect();
            ng[li] += gold.len() as f64;
            np[li] += pred.len() as f64;
            tp[li] += pred.iter().filter(|p| gold.contains(p)).count() as f64;
        }
    }
    let mut f1 = [0f64; 3];
    for i in 0..3 {
        f1[i] = if np[i] + ng[i] > 0.0 { 2.0 * tp[i] / (np[i] + ng[i]) } else { 0.0 };
    }
    Ok((f1, correct as f64 / ex.len().max(1) as f64))
}

/// A shuffled epoch order in which each batch holds examples of similar length (less padding):
/// shuffle, sort windows of 64 batches by length, cut into batches, shuffle the batches.
fn length_bucketed(prepared: &[Prepared], bs: usize, rng: &mut rand::rngs::StdRng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    order.shuffle(rng);
    for window in order.chunks_mut(bs * 64) {
        window.sort_by_key(|i| prepared.get(*i).map(|p| p.enc.ids.len()).unwrap_or(0));
    }
    let mut batches: Vec<&[usize]> = order.chunks(bs).collect();
    batches.shuffle(rng);
    batches.concat()
}

/// Learning rate at `step`: linear warm-up over `warmup` steps, then linear decay to 10 % at `steps`.
fn lr_at(config: &TrainConfig, step: usize) -> f64 {
    if config.warmup == 0 {
        return config.lr;
    }
    if step < config.warmup {
        return config.lr * (step + 1) as f64 / config.warmup as f64;
    }
    let rest = config.steps.saturating_sub(config.warmup).max(1) as f64;
    let done = (step - config.warmup) as f64 / rest;
    config.lr * (1.0 - 0.9 * done.min(1.0))
}

/// Trains a model (see module docs). Writes `config.json`, `vocab.json`, `model.safetensors`.
pub fn train(config: &TrainConfig) -> Result<TrainReport, Error> {
    let dev = Device::Cpu;
    let train_ex = read_jsonl(&config.train)?;
    if train_ex.is_empty() {
        return Err(Error::Invalid("no training examples".into()));
    }
    std::fs::create_dir_all(&config.out_dir).map_err(|e| Error::io(&config.out_dir, e))?;
    let vpath = config.out_dir.join("vocab.json");
    let wpath = config.out_dir.join("model.safetensors");
    let resuming = config.resume && vpath.exists() && wpath.exists();
    let (vocab, mc) = match (&config.init, resuming) {
        (Some(init), false) => {
            let cpath = init.join("config.json");
            let s = std::fs::read_to_string(&cpath).map_err(|e| Error::io(&cpath, e))?;
            let mc: ModelConfig = serde_json::from_str(&s)
                .map_err(|e| Error::Json { path: cpath.display().to_string(), msg: e.to_string() })?;
            (CharVocab::load(&init.join("vocab.json"))?, mc)
        }
        _ => {
            let vocab = if resuming {
                CharVocab::load(&vpath)?
            } else {
                CharVocab::build(
                    train_ex.iter().map(|e| e.text.as_str()).chain(train_ex.iter().filter_map(|e| e.quoted.as_deref())),
                    1,
                )
            };
            let mut mc = config.model.clone();
            mc.vocab_size = vocab.len();
            (vocab, mc)
        }
    };
    vocab.save(&vpath)?;
    let cpath = config.out_dir.join("config.json");
    let cjson = serde_json::to_string_pretty(&mc).map_err(|e| Error::Invalid(e.to_string()))?;
    std::fs::write(&cpath, cjson).map_err(|e| Error::io(&cpath, e))?;

    // Note: candle cannot seed the CPU init RNG (set_seed errors on CPU); init is not bit-reproducible, data order is seeded.
    let vm = VarMap::new();
    let model = TaggerModel::load(VarBuilder::from_varmap(&vm, DType::F32, &dev), &mc)?;
    if resuming {
        load_as_vars(&vm, &wpath)?;
    } else if let Some(init) = &config.init {
        load_as_vars(&vm, &init.join("model.safetensors"))?;
    }
    let mut opt = AdamW::new(vm.all_vars(), ParamsAdamW { lr: config.lr, weight_decay: 0.01, ..Default::default() })?;
    let prepared: Vec<Prepared> =
        prepare(&train_ex, &vocab, mc.max_position_embeddings).into_iter().map(|p| p.0).collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(config.seed);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let started = Instant::now();
    let mut losses = Vec::new();
    let mut pos = order.len();
    let bs = config.batch_size.max(1);
    let mut step = 0;
    while step < config.steps && started.elapsed().as_secs_f64() < config.max_minutes * 60.0 {
        if pos + bs > order.len() {
            order = length_bucketed(&prepared, bs, &mut rng);
            pos = 0;
        }
        let items: Vec<&Prepared> = order.iter().skip(pos).take(bs).filter_map(|i| prepared.get(*i)).collect();
        pos += bs;
        opt.set_learning_rate(lr_at(config, step));
        let loss = loss_of(&model, &items, &dev)?;
        opt.backward_step(&loss)?;
        let lv = loss.to_scalar::<f32>()?;
        losses.push(lv);
        step += 1;
        if step % 10 == 0 {
            tracing::info!(step, loss = lv, "train");
            eprintln!("step {step} loss {lv:.4} elapsed {:.1}s", started.elapsed().as_secs_f64());
        }
        if config.checkpoint_every > 0 && step % config.checkpoint_every == 0 {
            vm.save(&wpath)?;
        }
    }
    vm.save(&wpath)?;
    let secs = started.elapsed().as_secs_f64() / step.max(1) as f64;
    let tail: Vec<f32> = losses.iter().rev().take(10).copied().collect();
    let last_loss = tail.iter().sum::<f32>() / tail.len().max(1) as f32;
    let (mut valid_f1, mut valid_class_acc) = (None, None);
    if let Some(v) = &config.valid {
        let vex = read_jsonl(v)?;
        let tagger = TransformerTagger::from_parts(model, vocab, dev, "trained".into());
        let (f1, acc) = evaluate(&tagger, &vex)?;
        valid_f1 = Some(f1);
        valid_class_acc = Some(acc);
    }
    Ok(TrainReport {
        steps: step,
        first_loss: losses.first().copied().unwrap_or(0.0),
        last_loss,
        secs_per_step: secs,
        valid_f1,
        valid_class_acc,
    })
}

/// Tiny smoke training run on a generated fixture (few steps); returns the report.
pub fn smoke(out_dir: &Path) -> Result<TrainReport, Error> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let path = out_dir.join("fixture.jsonl");
    let lines = [
        r#"{"text":"@王小明 明天下午三点前把季度报告发我","class":"new_task","spans":[{"label":"owner","start":1,"end":4},{"label":"deadline","start":5,"end":12},{"label":"task","start":13,"end":19}]}"#,
        r#"{"text":"小刘周五前整理PPT","class":"new_task","spans":[{"label":"owner","start":0,"end":2},{"label":"deadline","start":2,"end":5},{"label":"task","start":5,"end":10}]}"#,
        r#"{"text":"好的收到😀","class":"no_task","spans":[]}"#,
        r#"{"text":"报告已经发了","class":"status_update","quoted":"把报告发我","spans":[]}"#,
    ];
    std::fs::write(&path, lines.join("\n")).map_err(|e| Error::io(&path, e))?;
    train(&TrainConfig {
        train: path.clone(),
        valid: Some(path),
        out_dir: out_dir.to_path_buf(),
        model: ModelConfig::tiny(0),
        steps: 30,
        max_minutes: 1.0,
        batch_size: 4,
        lr: 3e-3,
        seed: 7,
        checkpoint_every: 0,
        resume: false,
        init: None,
        warmup: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_training_loss_decreases_and_model_reloads() -> Result<(), Error> {
        let dir = std::env::temp_dir().join(format!("model_smoke_{}", std::process::id()));
        let r = smoke(&dir)?;
        assert!(r.last_loss < r.first_loss * 0.7, "{r:?}");
        let t = TransformerTagger::load(&dir, &Device::Cpu)?;
        let text = "@王小明 明天下午三点前把季度报告发我";
        let out = t
            .tag_batch(&[TaggerInput { text, quoted: None, words: &[] }])
            .map_err(|e| Error::Invalid(e.to_string()))?;
        assert_eq!(out.len(), 1);
        for s in out.iter().flat_map(|o| &o.spans) {
            assert!(s.start < s.end && s.end <= text.chars().count());
        }
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn f16_weights_load_into_f32_training_variables() -> Result<(), Error> {
        let dir = std::env::temp_dir().join(format!("model_f16_{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let mc = ModelConfig::tiny(40);
        let src = VarMap::new();
        TaggerModel::load(VarBuilder::from_varmap(&src, DType::F32, &Device::Cpu), &mc)?;
        let half: std::collections::HashMap<String, Tensor> = {
            let vars = src.data().lock().map_err(|_| Error::Invalid("lock".into()))?;
            let mut m = std::collections::HashMap::new();
            for (k, v) in vars.iter() {
                m.insert(k.clone(), v.as_tensor().to_dtype(DType::F16)?);
            }
            m
        };
        let path = dir.join("model.safetensors");
        candle_core::safetensors::save(&half, &path)?;
        // VarMap::load refuses the dtype change; load_as_vars converts.
        let mut dst = VarMap::new();
        TaggerModel::load(VarBuilder::from_varmap(&dst, DType::F32, &Device::Cpu), &mc)?;
        assert!(dst.load(&path).is_err());
        load_as_vars(&dst, &path)?;
        let vars = dst.data().lock().map_err(|_| Error::Invalid("lock".into()))?;
        assert_eq!(vars.len(), half.len());
        for (k, v) in vars.iter() {
            assert_eq!(v.dtype(), DType::F32);
            let want = half.get(k).ok_or_else(|| Error::Invalid(k.clone()))?.to_dtype(DType::F32)?;
            let diff = (v.as_tensor() - want)?.abs()?.flatten_all()?.max(0)?.to_scalar::<f32>()?;
            assert!(diff == 0.0, "{k}: {diff}");
        }
        drop(vars);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
