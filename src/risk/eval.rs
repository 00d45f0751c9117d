//! Evaluation of delay-risk models on the Jira EMSE-2017 delay data (`<tracker>_due.csv`).
//!
//! Per tracker: rows ordered by `openeddate`, first 80% train, last 20% test. Full model: all
//! as-of-due-date columns (log-transformed counts, one-hot type/priority/LDA topic ids); the label
//! column `delaydays` and the key are never used as inputs. Service model: only the columns
//! chat2task can compute, mapped into [`RiskFeatures`] and fitted with [`RiskModel`].
//! Cross-tracker: train on 7 trackers (no topic ids, they are per-tracker), test on the 8th.

use super::{Error, Logit, Priority, RiskFeatures, RiskModel};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The eight trackers.
pub const TRACKERS: [&str; 8] = ["apache", "duraspace", "javanet", "jboss", "jira", "moodle", "mulesoft", "wso2"];

const NUMERIC: [&str; 16] = [
    "discussion",
    "repetition",
    "perofdelay",
    "workload",
    "no_comment",
    "no_priority_change",
    "no_fixversion",
    "no_fixversion_change",
    "no_issuelink",
    "no_blocking",
    "no_blockedby",
    "no_affectversion",
    "reporterrep",
    "no_des_change",
    "ProgressTime",
    "RemainingDay",
];
const CATEGORICAL: [&str; 4] = ["type", "priority", "topic_10", "topic_100"];

/// Metrics for one tracker.
#[derive(Debug, Clone, Serialize)]
pub struct TrackerMetrics {
    /// ROC AUC (full features).
    pub auc: f64,
    /// Average precision (full features).
    pub pr_auc: f64,
    /// Brier score (full features).
    pub brier: f64,
    /// ROC AUC with service features only.
    pub auc_service: f64,
    /// Brier with service features only.
    pub brier_service: f64,
    /// Training rows.
    pub n_train: usize,
    /// Test rows.
    pub n_test: usize,
}

/// Whole evaluation report.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Mean AUC over trackers (full features).
    pub mean_auc: f64,
    /// Mean PR-AUC.
    pub mean_pr_auc: f64,
    /// Mean Brier.
    pub mean_brier: f64,
    /// Mean AUC with service features only.
    pub mean_auc_service_features: f64,
    /// Per tracker metrics.
    pub per_tracker: BTreeMap<String, TrackerMetrics>,
    /// Train-on-7/test-on-8th AUC per held-out tracker.
    pub cross_tracker: BTreeMap<String, f64>,
    /// Mean of `cross_tracker`.
    pub cross_tracker_mean_auc: f64,
}

/// One parsed row.
#[derive(Debug, Clone)]
pub struct JiraRow {
    /// Opened date string (sortable).
    pub opened: String,
    /// Days late (label source).
    pub delaydays: f64,
    /// Numeric columns in [`NUMERIC`] order.
    pub num: Vec<f64>,
    /// Categorical columns in [`CATEGORICAL`] order.
    pub cat: Vec<String>,
}

impl JiraRow {
    /// Late label.
    pub fn late(&self) -> bool {
        self.delaydays > 0.0
    }

    fn numv(&self, name: &str) -> f64 {
        NUMERIC.iter().position(|n| *n == name).and_then(|i| self.num.get(i)).copied().unwrap_or(0.0)
    }

    /// Map to the features chat2task computes itself.
    pub fn to_service(&self) -> RiskFeatures {
        let prio = match self.cat.get(1).map(String::as_str) {
            Some("Blocker") => Priority::P0,
            Some("Critical") => Priority::P1,
            Some("Major") => Priority::P2,
            _ => Priority::P3,
        };
        let load = self.numv("workload").max(0.0);
        let rate = self.numv("perofdelay");
        RiskFeatures {
            owner_open_load: load.min(1e6) as u32,
            owner_due_next_7d: 0,
            owner_late_rate: rate,
            workdays_left: self.numv("RemainingDay") * 5.0 / 7.0,
            priority: prio,
            age_days: self.numv("ProgressTime"),
            reschedules: self.numv("no_fixversion_change").clamp(0.0, 1e6) as u32,
            mentions: self.numv("no_comment").clamp(0.0, 1e6) as u32,
            stage_progress: 0.0,
            has_owner: load > 0.0 || rate > 0.0,
            has_tags: false,
        }
    }
}

/// Read `<tracker>_due.csv`, sorted by opened date.
pub fn read_tracker(dir: &Path, tracker: &str) -> Result<Vec<JiraRow>, Error> {
    let mut rdr = csv::Reader::from_path(dir.join(format!("{tracker}_due.csv")))?;
    let headers = rdr.headers()?.clone();
    let idx = |name: &str| headers.iter().position(|h| h == name);
    let num_idx: Vec<Option<usize>> = NUMERIC.iter().map(|n| idx(n)).collect();
    let cat_idx: Vec<Option<usize>> = CATEGORICAL.iter().map(|n| idx(n)).collect();
    let (od, dd) = (idx("openeddate"), idx("delaydays"));
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("");
        rows.push(JiraRow {
            opened: get(od).to_string(),
            delaydays: get(dd).trim().parse().unwrap_or(0.0),
            num: num_idx.iter().map(|i| get(*i).trim().parse::<f64>().unwrap_or(0.0)).collect(),
            cat: cat_idx.iter().map(|i| get(*i).trim().to_string()).collect(),
        });
    }
    rows.sort_by(|a, b| a.opened.cmp(&b.opened));
    Ok(rows)
}

/// One-hot vocabulary learnt on training rows.
struct Encoder {
    vocab: Vec<HashMap<String, usize>>,
    width: usize,
    use_topics: bool,
}

impl Encoder {
    fn new(train: &[&JiraRow], use_topics: bool) -> Encoder {
        let mut vocab = Vec::new();
        let mut off = NUMERIC.len() + 1;
        for (c, _) in CATEGORICAL.iter().enumerate() {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            if use_topics || c < 2 {
                for r in train {
                    if let Some(v) = r.cat.get(c) {
                        *counts.entry(v.as_str()).or_default() += 1;
                    }
                }
            }
            let mut keys: Vec<&str> = counts.iter().filter(|(_, n)| **n >= 10).map(|(k, _)| *k).collect();
            keys.sort();
            let mut m = HashMap::new();
            for k in keys {
                m.insert(k.to_string(), off);
                off += 1;
            }
            vocab.push(m);
        }
        Encoder { vocab, width: off, use_topics }
    }

    fn encode(&self, r: &JiraRow) -> Vec<f64> {
        let mut v = vec![0.0; self.width];
        for (i, x) in r.num.iter().enumerate() {
            if let Some(cell) = v.get_mut(i) {
                *cell = x.signum() * x.abs().ln_1p();
            }
        }
        // interaction: owner late rate x log workload
        if let Some(cell) = v.get_mut(NUMERIC.len()) {
            *cell = r.numv("perofdelay") * r.numv("workload").max(0.0).ln_1p();
        }
        for (c, m) in self.vocab.iter().enumerate() {
            if !self.use_topics && c >= 2 {
                continue;
            }
            if let Some(j) = r.cat.get(c).and_then(|k| m.get(k)) {
                if let Some(cell) = v.get_mut(*j) {
                    *cell = 1.0;
                }
            }
        }
        v
    }
}

fn fit_full(train: &[&JiraRow], use_topics: bool) -> Result<(Encoder, Logit), Error> {
    let enc = Encoder::new(train, use_topics);
    let x: Vec<Vec<f64>> = train.iter().map(|r| enc.encode(r)).collect();
    let y: Vec<bool> = train.iter().map(|r| r.late()).collect();
    let m = Logit::fit(&x, &y, 1.0)?;
    Ok((enc, m))
}

/// ROC AUC via rank statistic (ties averaged). 0.5 if a class is missing.
pub fn auc(p: &[f64], y: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..p.len().min(y.len())).collect();
    idx.sort_by(|a, b| {
        let pa = p.get(*a).copied().unwrap_or(0.0);
        let pb = p.get(*b).copied().unwrap_or(0.0);
        pa.total_cmp(&pb)
    });
    let (mut rank_sum, mut npos) = (0.0, 0.0);
    let mut i = 0;
    while i < idx.len() {
        let pi = idx.get(i).and_then(|k| p.get(*k)).copied().unwrap_or(0.0);
        let mut j = i;
        while j < idx.len() && idx.get(j).and_then(|k| p.get(*k)).copied().unwrap_or(0.0) == pi {
            j += 1;
        }
        let avg = (i + j + 1) as f64 / 2.0;
        for k in i..j {
            if idx.get(k).and_then(|t| y.get(*t)).copied().unwrap_or(false) {
                rank_sum += avg;
                npos += 1.0;
            }
        }
        i = j;
    }
    let nneg = idx.len() as f64 - npos;
    if npos == 0.0 || nneg == 0.0 {
        return 0.5;
    }
    (rank_sum - npos * (npos + 1.0) / 2.0) / (npos * nneg)
}

/// Average precision (PR-AUC).
pub fn pr_auc(p: &[f64], y: &[bool]) -> f64 {
    let mut pairs: Vec<(f64, bool)> = p.iter().copied().zip(y.iter().copied()).collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let npos = pairs.iter().filter(|x| x.1).count() as f64;
    if npos == 0.0 {
        return 0.0;
    }
    let (mut tp, mut ap) = (0.0, 0.0);
    for (i, (_, t)) in pairs.iter().enumerate() {
        if *t {
            tp += 1.0;
            ap += tp / (i as f64 + 1.0);
        }
    }
    ap / npos
}

/// Brier score.
pub fn brier(p: &[f64], y: &[bool]) -> f64 {
    let n = p.len().min(y.len());
    if n == 0 {
        return 0.0;
    }
    p.iter().zip(y).map(|(p, t)| (p - f64::from(u8::from(*t))).powi(2)).sum::<f64>() / n as f64
}

fn mean(v: impl Iterator<Item = f64>) -> f64 {
    let (s, n) = v.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { s / n as f64 }
}

/// Run the full Jira evaluation (see module doc). `max_rows` subsamples each tracker to its
/// most recent `max_rows` rows (for fast tests); `None` uses everything.
pub fn eval_jira_with(dir: &Path, max_rows: Option<usize>) -> Result<EvalReport, Error> {
    let mut per = BTreeMap::new();
    let mut all: Vec<(String, Vec<JiraRow>)> = Vec::new();
    for t in TRACKERS {
        let mut rows = read_tracker(dir, t)?;
        if let Some(m) = max_rows {
            if rows.len() > m {
                rows.drain(..rows.len() - m);
            }
        }
        let cut = rows.len() * 4 / 5;
        let (tr, te) = rows.split_at(cut);
        let trr: Vec<&JiraRow> = tr.iter().collect();
        let y: Vec<bool> = te.iter().map(|r| r.late()).collect();
        let (enc, m) = fit_full(&trr, true)?;
        let p: Vec<f64> = te.iter().map(|r| m.prob(&enc.encode(r))).collect();
        let xs: Vec<RiskFeatures> = tr.iter().map(|r| r.to_service()).collect();
        let ys: Vec<bool> = tr.iter().map(|r| r.late()).collect();
        let sm = RiskModel::fit(&xs, &ys)?;
        let ps: Vec<f64> = te.iter().map(|r| sm.predict(&r.to_service()).probability).collect();
        per.insert(
            t.to_string(),
            TrackerMetrics {
                auc: auc(&p, &y),
                pr_auc: pr_auc(&p, &y),
                brier: brier(&p, &y),
                auc_service: auc(&ps, &y),
                brier_service: brier(&ps, &y),
                n_train: tr.len(),
                n_test: te.len(),
            },
        );
        all.push((t.to_string(), rows));
    }
    let mut cross = BTreeMap::new();
    for (held, rows) in &all {
        let train: Vec<&JiraRow> = all.iter().filter(|(t, _)| t != held).flat_map(|(_, r)| r.iter()).collect();
        let (enc, m) = fit_full(&train, false)?;
        let p: Vec<f64> = rows.iter().map(|r| m.prob(&enc.encode(r))).collect();
        let y: Vec<bool> = rows.iter().map(|r| r.late()).collect();
        cross.insert(held.clone(), auc(&p, &y));
    }
    Ok(EvalReport {
        mean_auc: mean(per.values().map(|m| m.auc)),
        mean_pr_auc: mean(per.values().map(|m| m.pr_auc)),
        mean_brier: mean(per.values().map(|m| m.brier)),
        mean_auc_service_features: mean(per.values().map(|m| m.auc_service)),
        cross_tracker_mean_auc: mean(cross.values().copied()),
        per_tracker: per,
        cross_tracker: cross,
    })
}

/// Full Jira evaluation.
pub fn eval_jira(dir: &Path) -> Result<EvalReport, Error> {
    eval_jira_with(dir, None)
}

/// Train the pooled prior on all trackers' `_due.csv` rows mapped to [`RiskFeatures`].
pub fn train_prior(dir: &Path) -> Result<RiskModel, Error> {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    let mut days = Vec::new();
    let mut rows_all = Vec::new();
    for t in TRACKERS {
        rows_all.extend(read_tracker(dir, t)?);
    }
    rows_all.sort_by(|a, b| a.opened.cmp(&b.opened));
    for r in &rows_all {
        xs.push(r.to_service());
        ys.push(r.late());
        days.push(r.delaydays);
    }
    Ok(RiskModel::fit(&xs, &ys)?.with_late_bands(&days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_sanity() {
        let y = [false, false, true, true];
        assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &y), 1.0);
        assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &y), 0.0);
        assert_eq!(auc(&[0.5; 4], &y), 0.5);
        assert_eq!(pr_auc(&[0.1, 0.2, 0.8, 0.9], &y), 1.0);
        assert!((brier(&[0.0, 0.0, 1.0, 1.0], &y)).abs() < 1e-12);
    }

    #[test]
    fn jira_data_subsample() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/jira-delay-emse2017"));
        if !dir.join("apache_due.csv").exists() {
            println!("skipped: jira data absent");
            return;
        }
        let r = eval_jira_with(dir, Some(2500)).unwrap();
        println!("{}", serde_json::to_string_pretty(&r).unwrap());
        assert!(r.mean_auc > 0.70, "{}", r.mean_auc);
        assert!(r.mean_auc_service_features > 0.60);
    }
}
