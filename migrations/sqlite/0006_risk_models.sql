-- Per-workspace delay-risk models: every retraining writes a version; at most one per workspace
-- is active (the one risk answers use). Without an active version the pooled prior is used.
-- `model_json` is the whole fitted model (standardisation, coefficients, Platt calibration);
-- the hold-out figures are of the candidate and of the model active before it (the baseline), on
-- the same time-ordered hold-out; `decision` says why the version was or was not activated.
CREATE TABLE risk_models (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    finished_tasks BIGINT NOT NULL,
    training_rows BIGINT NOT NULL,
    holdout_rows BIGINT NOT NULL,
    holdout_auc DOUBLE PRECISION,
    holdout_brier DOUBLE PRECISION,
    baseline_version BIGINT NOT NULL DEFAULT 0,
    baseline_auc DOUBLE PRECISION,
    baseline_brier DOUBLE PRECISION,
    model_json TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 0,
    decision TEXT NOT NULL DEFAULT '',
    UNIQUE (workspace_id, version)
);
CREATE INDEX risk_models_active ON risk_models (workspace_id, active);
