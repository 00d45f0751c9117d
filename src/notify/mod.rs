//! Talking back to the group: confirmations of created tasks, digests and risk alerts, delivered
//! to WeCom / Feishu / DingTalk group robots and to signed generic webhooks (CRM/ERP/HRM).
//!
//! Everything goes through the store's outbox, so nothing is lost on a crash and nothing is
//! dropped silently: each notification ends `sent`, `merged` (its content went out inside a
//! digest, see `merged_into`) or `dead` (dead-lettered after `max_attempts`, visible through
//! `GET /v1/notify/outbox?status=dead`). Per-target rate limits (20/min by default, WeCom's
//! group-robot limit) are kept by folding the overflow into one digest message.

pub mod digest;
pub mod dispatch;

use crate::store::{self, Store};

/// Queues a notification for every target of a project. Returns how many were queued.
pub async fn notify_project(
    store: &Store,
    workspace_id: i64,
    project_id: i64,
    category: &str,
    title: &str,
    lines: &[String],
    data: &serde_json::Value,
    dedupe_key: Option<&str>,
) -> store::Result<usize> {
    let mut queued = 0;
    for target in store.targets_for_project(workspace_id, project_id).await? {
        if store.enqueue_notification(target.id, category, title, lines, data, dedupe_key).await?.is_some() {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues today's digest of a project for its targets (at most once a day per target).
pub async fn queue_digest(
    store: &Store,
    workspace_id: i64,
    project_id: i64,
    today: chrono::NaiveDate,
    at_risk: &[(i64, f64)],
) -> store::Result<usize> {
    let project = store.get_project(workspace_id, project_id).await?;
    let filter = store::tasks::TaskFilter {
        project_id: Some(project_id),
        due_before: Some(today),
        limit: 500,
        ..Default::default()
    };
    let (mut tasks, _) = store.list_tasks(workspace_id, &filter).await?;
    for (id, _) in at_risk {
        if !tasks.iter().any(|t| t.id == *id) {
            tasks.push(store.get_task(workspace_id, *id).await?);
        }
    }
    let Some((title, lines)) = digest::build(&project.name, &tasks, today, at_risk) else {
        return Ok(0);
    };
    let data = serde_json::json!({"project_id": project_id, "date": today.to_string()});
    let key = format!("digest:{project_id}:{today}");
    notify_project(store, workspace_id, project_id, "digest", &title, &lines, &data, Some(&key)).await
}

/// Queues, once a day after `hour` (local time), the digest of every project of every workspace.
pub async fn run_daily_digests(store: Store, hour: u32) {
    loop {
        let now = chrono::Utc::now().with_timezone(&store::stats::shanghai());
        if chrono::Timelike::hour(&now) >= hour {
            if let Err(e) = queue_all_digests(&store, now.date_naive()).await {
                tracing::warn!(error = %e, "daily digests failed");
            }
        }
        tokio::time::sleep(std::time::Duration::from_secs(300)).await;
    }
}

async fn queue_all_digests(store: &Store, today: chrono::NaiveDate) -> store::Result<()> {
    let workspace_id = store.default_workspace().await?;
    for project in store.list_projects(workspace_id, store::projects::Visibility::All).await? {
        if !project.archived {
            queue_digest(store, workspace_id, project.id, today, &[]).await?;
        }
    }
    Ok(())
}

/// Risk alerts: open tasks whose delay probability is at or above `threshold` are announced to
/// their project's targets. The dedupe key holds the task, its risk decile and its due date, so an
/// alert repeats only when the risk rises to a new decile or the due date changes. The alert's
/// data names the model version that scored it.
pub async fn queue_risk_alerts(
    store: &Store,
    workspace_id: i64,
    active: &crate::forecast::retrain::ActiveModel,
    threshold: f64,
) -> store::Result<usize> {
    let today = crate::forecast::today();
    let mut queued = 0;
    for project in store.list_projects(workspace_id, store::projects::Visibility::All).await? {
        if project.archived {
            continue;
        }
        let mut tasks = Vec::new();
        for status in [store::Status::Todo, store::Status::Doing] {
            let filter = store::tasks::TaskFilter {
                project_id: Some(project.id),
                status: Some(status),
                limit: 500,
                ..Default::default()
            };
            tasks.extend(store.list_tasks(workspace_id, &filter).await?.0);
        }
        for (task_id, prediction) in crate::forecast::predict(store, workspace_id, &active.model, &tasks, today).await?
        {
            if prediction.probability < threshold {
                continue;
            }
            let Some(task) = tasks.iter().find(|t| t.id == task_id) else { continue };
            let due = task.due_date.map(|d| d.to_string()).unwrap_or_default();

            let title = format!("【延期风险 {:.0}%】{}", prediction.probability * 100.0, task.title);
            let mut lines = vec![format!("负责人：{}，截止：{due}", task.owners_text("未指定"))];
            lines.extend(prediction.reasons.iter().map(|r| format!("原因：{}", r.text_zh)));
            let data = serde_json::json!({"task_id": task_id, "probability": prediction.probability,
                "project_id": project.id, "model_kind": active.kind(), "model_version": active.version});
            let decile = (prediction.probability * 10.0).floor() as i64;
            let key = format!("risk:{task_id}:{decile}:{due}");
            queued +=
                notify_project(store, workspace_id, project.id, "alert", &title, &lines, &data, Some(&key)).await?;
        }
    }
    Ok(queued)
}

/// Runs the risk scan every `interval`, forever. Before a scan it retrains the workspace's own
/// model when one is due (at most daily, `forecast::retrain::retrain_if_due`; tried at most once
/// a day by this loop even when the history is still too short), then scores with the active
/// model (the workspace's, or the pooled `prior`).
pub async fn run_risk_scan(
    store: Store,
    prior: std::sync::Arc<crate::risk::RiskModel>,
    threshold: f64,
    interval: std::time::Duration,
) {
    let mut last_attempt: Option<i64> = None;
    loop {
        match store.default_workspace().await {
            Ok(ws) => {
                let now = store::now_ms();
                if last_attempt.is_none_or(|at| now - at >= crate::forecast::retrain::RETRAIN_INTERVAL_MS) {
                    last_attempt = Some(now);
                    match crate::forecast::retrain::retrain_if_due(&store, ws, &prior, now).await {
                        Ok(Some(report)) => tracing::info!(outcome = %report.outcome, decision = %report.decision,
                            "risk model retraining"),
                        Ok(None) => {}
                        Err(e) => tracing::warn!(error = %e, "risk model retraining failed"),
                    }
                }
                let scan = async {
                    let active = crate::forecast::retrain::active_model(&store, ws, &prior).await?;
                    queue_risk_alerts(&store, ws, &active, threshold).await
                };
                if let Err(e) = scan.await {
                    tracing::warn!(error = %e, "risk scan failed");
                }
            }
            Err(e) => tracing::warn!(error = %e, "risk scan could not read the workspace"),
        }
        tokio::time::sleep(interval).await;
    }
}
