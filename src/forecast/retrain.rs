//! A workspace's own delay-risk model: retrained from its finished tasks once it has enough of
//! them, versioned in the store (`risk_models`), and used instead of the pooled prior only while
//! it beats the model it would replace.
//!
//! - **Enough history**: at least [`MIN_FINISHED`] finished tasks with a due date that give
//!   training rows, of which at least [`MIN_LATE`] late and [`MIN_ON_TIME`] on time. Below that
//!   nothing is trained and the prior (or the last active version) keeps answering.
//! - **Rows**: features as they were at past prediction moments ([`super::history`]); the
//!   [`MAX_TRAINING_TASKS`] most recently finished tasks are used.
//! - **Time-ordered hold-out**: tasks in finish order; the candidate is fitted (L2 logistic
//!   regression, Platt-calibrated on the last 20 % of its own training rows) on the rows of the
//!   first 80 % of tasks and scored on the rows of the last 20 %, where the model now active
//!   (the prior, or the active workspace version) is scored too.
//! - **Activation**: the new version becomes active only if its hold-out AUC is higher *and* its
//!   hold-out Brier score is not worse than the active model's. Every trained version is stored,
//!   activated or not, with both models' figures and the decision.
//! - **Stored coefficients**: after the decision the same recipe is refitted on all rows (train
//!   and hold-out), so the stored model has seen the most recent tasks; the hold-out figures are
//!   those of the candidate fitted on the first 80 %.

use std::sync::Arc;

use serde::Serialize;

use super::history::{History, Sample};
use crate::risk::{self, RiskModel, eval};
use crate::store::risk_models::NewRiskModel;
use crate::store::{self, Store};

/// Fewest finished tasks (with a due date) before a workspace model is trained.
pub const MIN_FINISHED: usize = 200;
/// Fewest late tasks among them.
pub const MIN_LATE: usize = 20;
/// Fewest on-time tasks among them.
pub const MIN_ON_TIME: usize = 20;
/// Most recently finished tasks used for training.
pub const MAX_TRAINING_TASKS: usize = 5_000;
/// The scheduled risk scan retrains at most this often (one day, in ms).
pub const RETRAIN_INTERVAL_MS: i64 = 86_400_000;

/// Errors of retraining.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing the store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// Fitting or (de)serialising the model failed.
    #[error(transparent)]
    Risk(#[from] risk::Error),
    /// The training thread panicked or was cancelled.
    #[error("training task failed: {0}")]
    Join(String),
}

/// The model answering risk questions for a workspace.
#[derive(Debug, Clone)]
pub struct ActiveModel {
    /// The workspace model version, or 0 for the pooled prior.
    pub version: i64,
    pub model: Arc<RiskModel>,
}

impl ActiveModel {
    /// The pooled prior.
    pub fn prior(model: Arc<RiskModel>) -> ActiveModel {
        ActiveModel { version: 0, model }
    }

    /// `prior` or `workspace`.
    pub fn kind(&self) -> &'static str {
        if self.version == 0 { "prior" } else { "workspace" }
    }
}

/// The active version of a workspace's model, or the prior when there is none (or when the
/// stored model cannot be read, which is logged).
pub async fn active_model(store: &Store, workspace_id: i64, prior: &Arc<RiskModel>) -> store::Result<ActiveModel> {
    let Some(row) = store.active_risk_model(workspace_id).await? else {
        return Ok(ActiveModel::prior(prior.clone()));
    };
    match RiskModel::from_json(row.model_json.as_bytes()) {
        Ok(model) => Ok(ActiveModel { version: row.version, model: Arc::new(model) }),
        Err(e) => {
            tracing::warn!(workspace_id, version = row.version, error = %e, "stored risk model unreadable; using the prior");
            Ok(ActiveModel::prior(prior.clone()))
        }
    }
}

/// What a retraining did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetrainReport {
    pub workspace_id: i64,
    /// `too_little_history`, `activated` or `kept` (trained and stored, but not better).
    pub outcome: String,
    /// The stored version, when one was trained.
    pub version: Option<i64>,
    /// The version answering after this run (0 = the pooled prior).
    pub active_version: i64,
    pub finished_tasks: usize,
    pub late_tasks: usize,
    pub training_rows: usize,
    pub holdout_rows: usize,
    pub holdout_auc: Option<f64>,
    pub holdout_brier: Option<f64>,
    /// The model that was active before (0 = the pooled prior) and its figures on the same hold-out.
    pub baseline_version: i64,
    pub baseline_auc: Option<f64>,
    pub baseline_brier: Option<f64>,
    pub decision: String,
}

/// A trained candidate and how it compares with the active model.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Refitted on all rows; what is stored.
    pub model: RiskModel,
    pub activate: bool,
    pub finished_tasks: usize,
    pub late_tasks: usize,
    pub training_rows: usize,
    pub holdout_rows: usize,
    pub holdout_auc: f64,
    pub holdout_brier: f64,
    pub baseline_auc: f64,
    pub baseline_brier: f64,
    pub decision: String,
}

/// Why no candidate was trained.
#[derive(Debug, Clone, PartialEq)]
pub struct TooLittle {
    pub finished_tasks: usize,
    pub late_tasks: usize,
    pub reason: String,
}

fn split(samples: &[Sample]) -> (Vec<risk::RiskFeatures>, Vec<bool>) {
    (samples.iter().map(|s| s.features.clone()).collect(), samples.iter().map(|s| s.late).collect())
}

fn score(model: &RiskModel, x: &[risk::RiskFeatures], y: &[bool]) -> (f64, f64) {
    let p: Vec<f64> = x.iter().map(|f| model.predict(f).probability).collect();
    (eval::auc(&p, y), eval::brier(&p, y))
}

/// Builds the training rows, fits a candidate on the first 80 % of finished tasks, and compares
/// it with `current` on the rows of the last 20 % (see the module docs). Pure.
///
/// # Errors
/// `Ok(Err(TooLittle))` when the history is below the thresholds or a slice lacks a class;
/// `Err` when fitting fails.
pub fn train_and_compare(history: &History, current: &RiskModel) -> Result<Result<Candidate, TooLittle>, risk::Error> {
    let set = history.training_set(MAX_TRAINING_TASKS);
    let (finished, late) = (set.finished_tasks, set.late_tasks);
    let too_little = |reason: String| Ok(Err(TooLittle { finished_tasks: finished, late_tasks: late, reason }));
    if finished < MIN_FINISHED || late < MIN_LATE || finished - late < MIN_ON_TIME {
        return too_little(format!(
            "{finished} finished tasks with a due date ({late} late); a workspace model needs at least \
             {MIN_FINISHED}, with {MIN_LATE} late and {MIN_ON_TIME} on time"
        ));
    }
    let cut = finished * 4 / 5;
    let at = set.samples.partition_point(|s| s.task_rank < cut);
    let (train, holdout) = set.samples.split_at(at);
    let (xt, yt) = split(train);
    let (xh, yh) = split(holdout);
    let both = |y: &[bool]| y.iter().any(|b| *b) && y.iter().any(|b| !*b);
    if !both(&yt) || !both(&yh) {
        return too_little("the training slice or the hold-out has only late or only on-time tasks".into());
    }
    let candidate = RiskModel::fit(&xt, &yt)?;
    let (auc, brier) = score(&candidate, &xh, &yh);
    let (base_auc, base_brier) = score(current, &xh, &yh);
    let activate = auc > base_auc && brier <= base_brier;
    let decision = format!(
        "hold-out of the last {} finished tasks ({} rows): AUC {auc:.3} vs {base_auc:.3}, Brier {brier:.4} vs \
         {base_brier:.4}: {}",
        finished - cut,
        holdout.len(),
        if activate { "activated" } else { "kept the active model (needs higher AUC and no worse Brier)" }
    );
    let (xa, ya) = split(&set.samples);
    let model = RiskModel::fit(&xa, &ya)?.with_late_bands(&set.days_late);
    Ok(Ok(Candidate {
        model,
        activate,
        finished_tasks: finished,
        late_tasks: late,
        training_rows: train.len(),
        holdout_rows: holdout.len(),
        holdout_auc: auc,
        holdout_brier: brier,
        baseline_auc: base_auc,
        baseline_brier: base_brier,
        decision,
    }))
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Retrains a workspace's model now: too little history → nothing stored; otherwise a new
/// version is stored and activated only if it beats the active model.
pub async fn retrain(store: &Store, workspace_id: i64, prior: &Arc<RiskModel>) -> Result<RetrainReport, Error> {
    let current = active_model(store, workspace_id, prior).await?;
    let (finished, late) = store.finished_counts(workspace_id).await?;
    let (finished, late) = (finished as usize, late as usize);
    let mut report = RetrainReport {
        workspace_id,
        outcome: "too_little_history".into(),
        version: None,
        active_version: current.version,
        finished_tasks: finished,
        late_tasks: late,
        training_rows: 0,
        holdout_rows: 0,
        holdout_auc: None,
        holdout_brier: None,
        baseline_version: current.version,
        baseline_auc: None,
        baseline_brier: None,
        decision: String::new(),
    };
    if finished < MIN_FINISHED || late < MIN_LATE || finished - late < MIN_ON_TIME {
        report.decision = format!(
            "{finished} finished tasks with a due date ({late} late); a workspace model needs at least \
             {MIN_FINISHED}, with {MIN_LATE} late and {MIN_ON_TIME} on time"
        );
        return Ok(report);
    }
    let rows = store.risk_history(workspace_id).await?;
    let current_model = current.model.clone();
    let outcome = tokio::task::spawn_blocking(move || train_and_compare(&History::new(&rows), &current_model))
        .await
        .map_err(|e| Error::Join(e.to_string()))??;
    let candidate = match outcome {
        Err(too_little) => {
            report.finished_tasks = too_little.finished_tasks;
            report.late_tasks = too_little.late_tasks;
            report.decision = too_little.reason;
            return Ok(report);
        }
        Ok(candidate) => candidate,
    };
    let json = String::from_utf8(candidate.model.to_json()?).map_err(|e| Error::Join(e.to_string()))?;
    let new = NewRiskModel {
        finished_tasks: count(candidate.finished_tasks),
        training_rows: count(candidate.training_rows),
        holdout_rows: count(candidate.holdout_rows),
        holdout_auc: Some(candidate.holdout_auc),
        holdout_brier: Some(candidate.holdout_brier),
        baseline_version: current.version,
        baseline_auc: Some(candidate.baseline_auc),
        baseline_brier: Some(candidate.baseline_brier),
        model_json: json,
        decision: candidate.decision.clone(),
    };
    let row = store.insert_risk_model(workspace_id, &new, candidate.activate).await?;
    tracing::info!(workspace_id, version = row.version, activated = candidate.activate, decision = %candidate.decision,
        "risk model retrained");
    Ok(RetrainReport {
        workspace_id,
        outcome: if candidate.activate { "activated" } else { "kept" }.into(),
        version: Some(row.version),
        active_version: if candidate.activate { row.version } else { current.version },
        finished_tasks: candidate.finished_tasks,
        late_tasks: candidate.late_tasks,
        training_rows: candidate.training_rows,
        holdout_rows: candidate.holdout_rows,
        holdout_auc: Some(candidate.holdout_auc),
        holdout_brier: Some(candidate.holdout_brier),
        baseline_version: current.version,
        baseline_auc: Some(candidate.baseline_auc),
        baseline_brier: Some(candidate.baseline_brier),
        decision: candidate.decision,
    })
}

/// Retrains unless a version was trained less than [`RETRAIN_INTERVAL_MS`] ago (the scheduled
/// scan's entry point). `None` when it was not due.
pub async fn retrain_if_due(
    store: &Store,
    workspace_id: i64,
    prior: &Arc<RiskModel>,
    now_ms: i64,
) -> Result<Option<RetrainReport>, Error> {
    if store.last_risk_model_at(workspace_id).await?.is_some_and(|last| now_ms - last < RETRAIN_INTERVAL_MS) {
        return Ok(None);
    }
    Ok(Some(retrain(store, workspace_id, prior).await?))
}
