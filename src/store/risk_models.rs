//! Versions of a workspace's own delay-risk model (`risk_models`, migration 0006). Every
//! retraining writes a version; at most one version per workspace is active. The model itself is
//! opaque JSON here (`risk::RiskModel::to_json`): the store knows nothing of how it is fitted.

use crate::store::{Result, Store, now_ms};

/// One stored model version.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskModelRow {
    pub id: i64,
    pub workspace_id: i64,
    /// 1, 2, … per workspace.
    pub version: i64,
    pub created_at: i64,
    /// Finished tasks with a due date the training set was built from.
    pub finished_tasks: i64,
    /// Training rows (prediction moments) used to fit the evaluated candidate.
    pub training_rows: i64,
    /// Rows of the time-ordered hold-out.
    pub holdout_rows: i64,
    pub holdout_auc: Option<f64>,
    pub holdout_brier: Option<f64>,
    /// The version active before this one (0 = the pooled prior).
    pub baseline_version: i64,
    pub baseline_auc: Option<f64>,
    pub baseline_brier: Option<f64>,
    /// The fitted model (`risk::RiskModel` JSON).
    pub model_json: String,
    pub active: bool,
    /// Why the version was or was not activated.
    pub decision: String,
}

/// What a retraining hands the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewRiskModel {
    pub finished_tasks: i64,
    pub training_rows: i64,
    pub holdout_rows: i64,
    pub holdout_auc: Option<f64>,
    pub holdout_brier: Option<f64>,
    pub baseline_version: i64,
    pub baseline_auc: Option<f64>,
    pub baseline_brier: Option<f64>,
    pub model_json: String,
    pub decision: String,
}

type Row =
    (i64, i64, i64, i64, i64, i64, i64, Option<f64>, Option<f64>, i64, Option<f64>, Option<f64>, String, i64, String);
const COLS: &str = "id, workspace_id, version, created_at, finished_tasks, training_rows, holdout_rows, holdout_auc, \
                    holdout_brier, baseline_version, baseline_auc, baseline_brier, model_json, active, decision";

fn from_row(r: Row) -> RiskModelRow {
    RiskModelRow {
        id: r.0,
        workspace_id: r.1,
        version: r.2,
        created_at: r.3,
        finished_tasks: r.4,
        training_rows: r.5,
        holdout_rows: r.6,
        holdout_auc: r.7,
        holdout_brier: r.8,
        baseline_version: r.9,
        baseline_auc: r.10,
        baseline_brier: r.11,
        model_json: r.12,
        active: r.13 != 0,
        decision: r.14,
    }
}

impl Store {
    /// Stores the next version of a workspace's model; when `activate`, it becomes the only active
    /// one (in the same transaction).
    pub async fn insert_risk_model(
        &self,
        workspace_id: i64,
        new: &NewRiskModel,
        activate: bool,
    ) -> Result<RiskModelRow> {
        let mut tx = self.begin_write().await?;
        let (max,): (Option<i64>,) = sqlx::query_as("SELECT MAX(version) FROM risk_models WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_one(&mut *tx)
            .await?;
        let version = max.unwrap_or(0) + 1;
        if activate {
            sqlx::query("UPDATE risk_models SET active = 0 WHERE workspace_id = $1 AND active = 1")
                .bind(workspace_id)
                .execute(&mut *tx)
                .await?;
        }
        let row: Row = sqlx::query_as(&format!(
            "INSERT INTO risk_models (workspace_id, version, created_at, finished_tasks, training_rows, holdout_rows, \
             holdout_auc, holdout_brier, baseline_version, baseline_auc, baseline_brier, model_json, active, decision) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING {COLS}"
        ))
        .bind(workspace_id)
        .bind(version)
        .bind(now_ms())
        .bind(new.finished_tasks)
        .bind(new.training_rows)
        .bind(new.holdout_rows)
        .bind(new.holdout_auc)
        .bind(new.holdout_brier)
        .bind(new.baseline_version)
        .bind(new.baseline_auc)
        .bind(new.baseline_brier)
        .bind(new.model_json.clone())
        .bind(i64::from(activate))
        .bind(new.decision.clone())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(from_row(row))
    }

    /// The active version of a workspace's model, if there is one.
    pub async fn active_risk_model(&self, workspace_id: i64) -> Result<Option<RiskModelRow>> {
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLS} FROM risk_models WHERE workspace_id = $1 AND active = 1 ORDER BY version DESC LIMIT 1"
        ))
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(from_row))
    }

    /// Every stored version of a workspace's model, newest first.
    pub async fn list_risk_models(&self, workspace_id: i64) -> Result<Vec<RiskModelRow>> {
        let rows: Vec<Row> =
            sqlx::query_as(&format!("SELECT {COLS} FROM risk_models WHERE workspace_id = $1 ORDER BY version DESC"))
                .bind(workspace_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(from_row).collect())
    }

    /// When the newest version of a workspace's model was trained (Unix ms), if ever.
    pub async fn last_risk_model_at(&self, workspace_id: i64) -> Result<Option<i64>> {
        let (at,): (Option<i64>,) = sqlx::query_as("SELECT MAX(created_at) FROM risk_models WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_one(self.pool())
            .await?;
        Ok(at)
    }
}
