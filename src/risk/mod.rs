//! Delay-risk scoring: will a task finish after its deadline?
//!
//! Input: [`RiskFeatures`] computed *as of* prediction time from chat2task's own store (no
//! outcome-derived values). Output: [`Prediction`] with a probability of being late and the top
//! reasons in Chinese. The model is a standardised L2 logistic regression fitted with
//! `linfa-logistic`, optionally Platt-calibrated on a held-out time slice, serialisable to JSON
//! so the store can version it. "How late" is given as historical quantile bands
//! ([`LateBands`]), never as a point estimate.
//!
//! Invariants: probabilities are in [0, 1]; reasons are sorted by decreasing contribution and
//! only contain features that push the risk up; no panics on any finite or non-finite input
//! (non-finite values are treated as 0).

pub mod cli;
pub mod eval;

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

/// Errors of the risk module.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Training input is unusable (empty, mismatched lengths, a single class).
    #[error("invalid training data: {0}")]
    InvalidData(String),
    /// The optimiser failed.
    #[error("model fitting failed: {0}")]
    Fit(String),
    /// JSON (de)serialisation failed.
    #[error("model json: {0}")]
    Json(#[from] serde_json::Error),
    /// Reading a data set failed.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// CSV parsing failed.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
}

/// Task priority, P0 most urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Priority {
    /// Most urgent.
    P0,
    /// High.
    P1,
    /// Normal.
    #[default]
    P2,
    /// Low.
    P3,
}

/// Features of one task as of prediction time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RiskFeatures {
    /// Number of open tasks owned by the task's owner.
    pub owner_open_load: u32,
    /// Owner's tasks due in the next 7 days.
    pub owner_due_next_7d: u32,
    /// Owner's smoothed historical late rate in [0, 1].
    pub owner_late_rate: f64,
    /// Working days left until the deadline (negative = already overdue); supplied by caller.
    pub workdays_left: f64,
    /// Priority.
    pub priority: Priority,
    /// Days since the task was created.
    pub age_days: f64,
    /// Number of times the deadline was moved.
    pub reschedules: u32,
    /// Chat messages mentioning the task.
    pub mentions: u32,
    /// Stage progress in [0, 1].
    pub stage_progress: f64,
    /// Whether the task has an owner.
    pub has_owner: bool,
    /// Whether the task has tags.
    pub has_tags: bool,
}

/// Names of the model's input columns, in order (see [`RiskFeatures::to_vector`]).
pub const FEATURE_NAMES: [&str; 14] = [
    "owner_open_load",
    "owner_due_next_7d",
    "owner_late_rate",
    "workdays_left",
    "deadline_imminent",
    "priority_p0",
    "priority_p1",
    "priority_p2",
    "age_days",
    "reschedules",
    "mentions",
    "stage_progress",
    "has_owner",
    "has_tags",
];

fn fin(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

fn slog(x: f64) -> f64 {
    let x = fin(x);
    x.signum() * x.abs().ln_1p()
}

impl RiskFeatures {
    /// Transformed numeric vector (log transforms, one-hot priority), same order as
    /// [`FEATURE_NAMES`].
    pub fn to_vector(&self) -> [f64; 14] {
        let wl = fin(self.workdays_left);
        [
            slog(f64::from(self.owner_open_load)),
            slog(f64::from(self.owner_due_next_7d)),
            fin(self.owner_late_rate).clamp(0.0, 1.0),
            slog(wl),
            if wl <= 1.0 { 1.0 } else { 0.0 },
            f64::from(u8::from(self.priority == Priority::P0)),
            f64::from(u8::from(self.priority == Priority::P1)),
            f64::from(u8::from(self.priority == Priority::P2)),
            slog(self.age_days),
            slog(f64::from(self.reschedules)),
            slog(f64::from(self.mentions)),
            fin(self.stage_progress).clamp(0.0, 1.0),
            f64::from(u8::from(self.has_owner)),
            f64::from(u8::from(self.has_tags)),
        ]
    }

    /// Whether the fact behind a feature is one a person would call a reason for delay. A
    /// positive contribution can come from a value *below* the training mean (no reschedules
    /// when the average task had some); "已改期 0 次" is not a reason anyone would accept.
    fn reason_applies(&self, feature: &str) -> bool {
        match feature {
            "owner_open_load" => self.owner_open_load > 0,
            "owner_due_next_7d" => self.owner_due_next_7d > 0,
            "owner_late_rate" => self.owner_late_rate > 0.0,
            "reschedules" => self.reschedules > 0,
            "mentions" => self.mentions > 0,
            "has_owner" => !self.has_owner,
            "has_tags" | "stage_progress" | "age_days" => false,
            _ => true,
        }
    }

    fn reason_text(&self, feature: &str) -> String {
        match feature {
            "owner_open_load" => format!("负责人手上还有 {} 个未完成任务", self.owner_open_load),
            "owner_due_next_7d" => {
                format!("负责人本周还有 {} 个任务到期", self.owner_due_next_7d)
            }
            "owner_late_rate" => format!("负责人历史延期率 {:.0}%", fin(self.owner_late_rate).clamp(0.0, 1.0) * 100.0),
            "workdays_left" | "deadline_imminent" => {
                let w = fin(self.workdays_left);
                if w < 0.0 {
                    format!("已超过截止 {:.0} 个工作日", -w)
                } else {
                    format!("距截止只剩 {:.0} 个工作日", w)
                }
            }
            "priority_p0" | "priority_p1" | "priority_p2" => {
                format!("优先级 {:?}", self.priority)
            }
            "age_days" => format!("任务已创建 {:.0} 天", fin(self.age_days)),
            "reschedules" => format!("已改期 {} 次", self.reschedules),
            "mentions" => format!("群里已被提及 {} 次", self.mentions),
            "stage_progress" => format!("当前进度 {:.0}%", fin(self.stage_progress).clamp(0.0, 1.0) * 100.0),
            "has_owner" => {
                if self.has_owner {
                    "已有负责人".to_string()
                } else {
                    "尚未指定负责人".to_string()
                }
            }
            "has_tags" => {
                if self.has_tags {
                    "已打标签".to_string()
                } else {
                    "没有标签".to_string()
                }
            }
            other => other.to_string(),
        }
    }
}

/// Standardised logistic regression over plain `f64` rows (shared by [`RiskModel`] and the
/// evaluation code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logit {
    /// Column means used for standardisation.
    pub mean: Vec<f64>,
    /// Column standard deviations (1 where a column is constant).
    pub std: Vec<f64>,
    /// Weights on standardised columns.
    pub weights: Vec<f64>,
    /// Intercept.
    pub intercept: f64,
}

impl Logit {
    /// Fit on `rows` (all of equal length) with L2 strength `alpha`.
    pub fn fit(rows: &[Vec<f64>], y: &[bool], alpha: f64) -> Result<Logit, Error> {
        let n = rows.len();
        if n == 0 || n != y.len() {
            return Err(Error::InvalidData(format!("{} rows, {} labels", n, y.len())));
        }
        let d = rows.first().map(Vec::len).unwrap_or(0);
        if rows.iter().any(|r| r.len() != d) {
            return Err(Error::InvalidData("ragged rows".into()));
        }
        let pos = y.iter().filter(|b| **b).count();
        if pos == 0 || pos == n {
            return Err(Error::InvalidData("only one class present".into()));
        }
        let mut mean = vec![0.0; d];
        for r in rows {
            for (m, v) in mean.iter_mut().zip(r) {
                *m += fin(*v);
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let mut std = vec![0.0; d];
        for r in rows {
            for ((s, v), m) in std.iter_mut().zip(r).zip(&mean) {
                *s += (fin(*v) - m).powi(2);
            }
        }
        for s in std.iter_mut() {
            *s = (*s / n as f64).sqrt();
            if *s < 1e-9 {
                *s = 1.0;
            }
        }
        let mut x = Array2::<f64>::zeros((n, d));
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                if let (Some(cell), Some(m), Some(s)) = (x.get_mut((i, j)), mean.get(j), std.get(j)) {
                    *cell = (fin(*v) - m) / s;
                }
            }
        }
        let t: Array1<bool> = y.iter().copied().collect();
        let ds = Dataset::new(x, t);
        let fitted = LogisticRegression::default()
            .alpha(alpha)
            .max_iterations(200)
            .fit(&ds)
            .map_err(|e| Error::Fit(e.to_string()))?;
        let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
        Ok(Logit {
            mean,
            std,
            weights: fitted.params().iter().map(|w| sign * w).collect(),
            intercept: sign * fitted.intercept(),
        })
    }

    /// Per-column contributions `w_j * z_j` to the logit.
    pub fn contributions(&self, row: &[f64]) -> Vec<f64> {
        row.iter()
            .zip(&self.mean)
            .zip(&self.std)
            .zip(&self.weights)
            .map(|(((v, m), s), w)| w * (fin(*v) - m) / s)
            .collect()
    }

    /// Raw (uncalibrated) logit.
    pub fn logit(&self, row: &[f64]) -> f64 {
        self.intercept + self.contributions(row).iter().sum::<f64>()
    }

    /// Probability of the positive class.
    pub fn prob(&self, row: &[f64]) -> f64 {
        sigmoid(self.logit(row))
    }
}

/// Logistic function.
pub fn sigmoid(z: f64) -> f64 {
    if !z.is_finite() {
        return if z > 0.0 { 1.0 } else { 0.0 };
    }
    1.0 / (1.0 + (-z).exp())
}

/// Platt scaling `p = sigmoid(a * logit + b)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    /// Slope.
    pub a: f64,
    /// Offset.
    pub b: f64,
}

impl Platt {
    /// Fit by Newton iterations on held-out logits.
    pub fn fit(logits: &[f64], y: &[bool]) -> Platt {
        let (mut a, mut b) = (1.0, 0.0);
        for _ in 0..50 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
            for (z, t) in logits.iter().zip(y) {
                let p = sigmoid(a * z + b);
                let e = p - f64::from(u8::from(*t));
                let w = p * (1.0 - p);
                ga += e * z;
                gb += e;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-12 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if da.abs() + db.abs() < 1e-9 {
                break;
            }
        }
        if !a.is_finite() || !b.is_finite() {
            return Platt { a: 1.0, b: 0.0 };
        }
        Platt { a, b }
    }
}

/// Historical "how late" bands in days, among tasks that were late.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LateBands {
    /// Median days late.
    pub p50: f64,
    /// 80th percentile of days late.
    pub p80: f64,
    /// Number of late tasks the bands were computed from.
    pub n: usize,
}

impl LateBands {
    /// Quantile bands from days-late values (values ≤ 0 are ignored); `None` if none are late.
    pub fn from_days(days: &[f64]) -> Option<LateBands> {
        let mut v: Vec<f64> = days.iter().copied().filter(|d| d.is_finite() && *d > 0.0).collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let i = ((v.len() - 1) as f64 * p).round() as usize;
            v.get(i).copied().unwrap_or(0.0)
        };
        Some(LateBands { p50: q(0.5), p80: q(0.8), n: v.len() })
    }
}

/// One reason behind a prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Feature name (from [`FEATURE_NAMES`]).
    pub feature: String,
    /// Contribution to the logit (positive = raises risk).
    pub contribution: f64,
    /// Human-readable Chinese explanation.
    pub text_zh: String,
}

/// Output of [`RiskModel::predict`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Calibrated probability of finishing late.
    pub probability: f64,
    /// Top reasons raising the risk, most important first (at most 3).
    pub reasons: Vec<Reason>,
    /// Historical lateness bands, if known.
    pub late_bands: Option<LateBands>,
}

/// Fitted delay-risk model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskModel {
    /// Format version.
    pub version: u32,
    /// Column names, for auditing.
    pub features: Vec<String>,
    /// The logistic core.
    pub logit: Logit,
    /// Platt calibration, if a held-out slice was large enough.
    pub platt: Option<Platt>,
    /// Days-late bands from training data, if supplied.
    pub late_bands: Option<LateBands>,
    /// Brier score on the held-out calibration slice (if any).
    pub holdout_brier: Option<f64>,
}

impl RiskModel {
    /// Fit with the last 20% of the input (caller passes rows in time order) held out for Platt
    /// calibration when it has both classes and ≥ 50 rows; otherwise uncalibrated on all rows.
    pub fn fit(x: &[RiskFeatures], y: &[bool]) -> Result<RiskModel, Error> {
        if x.len() != y.len() {
            return Err(Error::InvalidData(format!("{} rows, {} labels", x.len(), y.len())));
        }
        let rows: Vec<Vec<f64>> = x.iter().map(|f| f.to_vector().to_vec()).collect();
        let cut = rows.len() * 4 / 5;
        let (tr, ho) = rows.split_at(cut);
        let (ytr, yho) = y.split_at(cut);
        let ho_ok = ho.len() >= 50 && yho.iter().any(|b| *b) && yho.iter().any(|b| !*b);
        let tr_ok = ytr.iter().any(|b| *b) && ytr.iter().any(|b| !*b);
        let (logit, platt, brier) = if ho_ok && tr_ok {
            let core = Logit::fit(tr, ytr, 1.0)?;
            let zs: Vec<f64> = ho.iter().map(|r| core.logit(r)).collect();
            let platt = Platt::fit(&zs, yho);
            let probs: Vec<f64> = zs.iter().map(|z| sigmoid(platt.a * z + platt.b)).collect();
            let brier = eval::brier(&probs, yho);
            // refit on all rows, keep the calibration learnt out of sample
            (Logit::fit(&rows, y, 1.0)?, Some(platt), Some(brier))
        } else {
            (Logit::fit(&rows, y, 1.0)?, None, None)
        };
        Ok(RiskModel {
            version: 1,
            features: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
            logit,
            platt,
            late_bands: None,
            holdout_brier: brier,
        })
    }

    /// Attach historical days-late bands.
    pub fn with_late_bands(mut self, days_late: &[f64]) -> RiskModel {
        self.late_bands = LateBands::from_days(days_late);
        self
    }

    /// Probability and top Chinese reasons for one task.
    pub fn predict(&self, f: &RiskFeatures) -> Prediction {
        let v = f.to_vector();
        let contrib = self.logit.contributions(&v);
        let z = self.logit.intercept + contrib.iter().sum::<f64>();
        let probability = match self.platt {
            Some(p) => sigmoid(p.a * z + p.b),
            None => sigmoid(z),
        };
        let mut reasons: Vec<Reason> = contrib
            .iter()
            .zip(FEATURE_NAMES.iter())
            .filter(|(c, name)| **c > 0.05 && f.reason_applies(name))
            .map(|(c, name)| Reason { feature: name.to_string(), contribution: *c, text_zh: f.reason_text(name) })
            .collect();
        reasons.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
        // one text per underlying fact (workdays_left and deadline_imminent share a text)
        let mut seen = std::collections::HashSet::new();
        reasons.retain(|r| seen.insert(r.text_zh.clone()));
        reasons.truncate(3);
        Prediction { probability, reasons, late_bands: self.late_bands }
    }

    /// Serialise to JSON bytes.
    pub fn to_json(&self) -> Result<Vec<u8>, Error> {
        Ok(serde_json::to_vec(self)?)
    }

    /// Deserialise from JSON bytes.
    pub fn from_json(bytes: &[u8]) -> Result<RiskModel, Error> {
        let m: RiskModel = serde_json::from_slice(bytes)?;
        let d = FEATURE_NAMES.len();
        if m.logit.weights.len() != d || m.logit.mean.len() != d || m.logit.std.len() != d {
            return Err(Error::InvalidData("model has wrong dimension".into()));
        }
        Ok(m)
    }
}

/// The pooled prior model trained on the Jira delay data (see NOTES.md for the command).
pub fn prior_model() -> Result<RiskModel, Error> {
    RiskModel::from_json(include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/risk/prior.json")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn synth(n: usize, seed: u64) -> (Vec<RiskFeatures>, Vec<bool>) {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for _ in 0..n {
            let f = RiskFeatures {
                owner_open_load: rng.gen_range(0..15),
                owner_due_next_7d: rng.gen_range(0..10),
                owner_late_rate: rng.r#gen::<f64>(),
                workdays_left: rng.gen_range(-2.0..20.0),
                priority: Priority::P2,
                age_days: rng.gen_range(0.0..30.0),
                reschedules: rng.gen_range(0..4),
                mentions: rng.gen_range(0..10),
                stage_progress: rng.r#gen::<f64>(),
                has_owner: true,
                has_tags: rng.gen_bool(0.5),
            };
            // planted signal: many tasks due this week + reschedules => late
            let z = 0.5 * f64::from(f.owner_due_next_7d) + 1.0 * f64::from(f.reschedules) - 4.0;
            ys.push(rng.r#gen::<f64>() < sigmoid(z));
            xs.push(f);
        }
        (xs, ys)
    }

    #[test]
    fn learns_planted_signal() {
        let (x, y) = synth(3000, 1);
        let m = RiskModel::fit(&x, &y).unwrap();
        let (xt, yt) = synth(1000, 2);
        let p: Vec<f64> = xt.iter().map(|f| m.predict(f).probability).collect();
        let auc = eval::auc(&p, &yt);
        assert!(auc > 0.8, "auc {auc}");
        assert!(m.holdout_brier.unwrap() < 0.2);
    }

    #[test]
    fn reasons_ordered_and_chinese() {
        let (x, y) = synth(3000, 3);
        let m = RiskModel::fit(&x, &y).unwrap();
        let f = RiskFeatures {
            owner_due_next_7d: 9,
            reschedules: 3,
            has_owner: true,
            workdays_left: 5.0,
            ..Default::default()
        };
        let p = m.predict(&f);
        assert!(p.probability > 0.5);
        assert!(!p.reasons.is_empty());
        for w in p.reasons.windows(2) {
            assert!(w[0].contribution >= w[1].contribution);
        }
        let texts: Vec<&str> = p.reasons.iter().map(|r| r.text_zh.as_str()).collect();
        assert!(texts.contains(&"负责人本周还有 9 个任务到期"), "{texts:?}");
        assert!(texts.contains(&"已改期 3 次"), "{texts:?}");
    }

    #[test]
    fn json_round_trip() {
        let (x, y) = synth(500, 4);
        let m = RiskModel::fit(&x, &y).unwrap().with_late_bands(&[1.0, 2.0, 3.0, 10.0]);
        let back = RiskModel::from_json(&m.to_json().unwrap()).unwrap();
        // serde_json may differ in the last ulp of a float; everything else is exact
        assert_eq!(m.features, back.features);
        assert_eq!(m.late_bands, back.late_bands);
        for (a, b) in m.logit.weights.iter().zip(&back.logit.weights) {
            assert!((a - b).abs() < 1e-12);
        }
        for f in &x[..20] {
            let (p, q) = (m.predict(f), back.predict(f));
            assert!((p.probability - q.probability).abs() < 1e-12);
            assert_eq!(p.reasons.len(), q.reasons.len());
        }
        assert!(RiskModel::from_json(b"{}").is_err());
    }

    #[test]
    fn fit_rejects_bad_input() {
        let (x, _) = synth(10, 5);
        assert!(RiskModel::fit(&x, &[true; 10]).is_err());
        assert!(RiskModel::fit(&x, &[true; 3]).is_err());
        assert!(RiskModel::fit(&[], &[]).is_err());
    }

    #[test]
    fn late_bands_quantiles() {
        let b = LateBands::from_days(&[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(b.n, 5);
        assert_eq!(b.p50, 3.0);
        assert_eq!(b.p80, 4.0);
        assert!(LateBands::from_days(&[0.0, -1.0]).is_none());
    }

    #[test]
    fn prior_model_loads() {
        let m = prior_model().unwrap();
        let p = m.predict(&RiskFeatures::default());
        assert!((0.0..=1.0).contains(&p.probability));
    }
}

#[cfg(test)]
mod reason_tests {
    use super::*;

    #[test]
    fn zero_counts_and_neutral_facts_are_never_given_as_reasons() {
        let model = prior_model().expect("prior");
        let features = RiskFeatures {
            owner_open_load: 12,
            owner_due_next_7d: 6,
            owner_late_rate: 0.4,
            workdays_left: -3.0,
            priority: Priority::P2,
            age_days: 20.0,
            reschedules: 0,
            mentions: 0,
            stage_progress: 0.0,
            has_owner: true,
            has_tags: false,
        };
        let prediction = model.predict(&features);
        let texts: Vec<&str> = prediction.reasons.iter().map(|r| r.text_zh.as_str()).collect();
        assert!(!texts.is_empty(), "an overdue task of a busy owner has reasons");
        assert!(texts.iter().all(|t| !t.contains(" 0 次") && !t.contains("没有标签")), "{texts:?}");
    }
}
