//! The dispatcher: delivers due outbox items, within each target's rate limit, with retries and
//! exponential backoff.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::platforms::outbound;
use crate::store::notify::{OutboxItem, Target};
use crate::store::{self, Store};

/// Tuning of the dispatcher.
#[derive(Debug, Clone)]
pub struct DispatchConfig {
    /// Delivery attempts before a notification is dead-lettered; defaults to 6.
    pub max_attempts: i64,
    /// First retry delay; doubles each attempt, capped at one hour. Defaults to 5 s.
    pub base_backoff: Duration,
    /// Per-request timeout; defaults to 10 s.
    pub timeout: Duration,
}

impl Default for DispatchConfig {
    fn default() -> Self {
        DispatchConfig { max_attempts: 6, base_backoff: Duration::from_secs(5), timeout: Duration::from_secs(10) }
    }
}

/// What one dispatch round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
    pub merged: usize,
}

/// Delivers the outbox.
#[derive(Clone)]
pub struct Dispatcher {
    store: Store,
    client: reqwest::Client,
    config: DispatchConfig,
}

/// A rendered HTTP request.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Dispatcher {
    /// A dispatcher over `store`.
    pub fn new(store: Store, config: DispatchConfig) -> Dispatcher {
        let client = reqwest::Client::builder().timeout(config.timeout).build().unwrap_or_default();
        Dispatcher { store, client, config }
    }

    /// Runs rounds every `interval`, forever.
    pub async fn run(self, interval: Duration) {
        loop {
            if let Err(e) = self.run_once(crate::store::now_ms()).await {
                tracing::warn!(error = %e, "dispatch round failed");
            }
            tokio::time::sleep(interval).await;
        }
    }

    /// One round at time `now` (Unix ms): per target, sends what the rate limit allows and folds
    /// the overflow into one digest.
    pub async fn run_once(&self, now: i64) -> store::Result<Report> {
        let mut report = Report::default();
        let due = self.store.due_notifications(now, 5000).await?;
        let mut by_target: BTreeMap<i64, Vec<OutboxItem>> = BTreeMap::new();
        for item in due {
            by_target.entry(item.target_id).or_default().push(item);
        }
        for (target_id, mut items) in by_target {
            let Some(target) = self.target(target_id).await? else { continue };
            let sent_last_minute = self.store.sent_since(target_id, now - 60_000).await?;
            let budget = usize::try_from((target.rate_per_min - sent_last_minute).max(0)).unwrap_or(0);
            if budget == 0 {
                continue;
            }
            if items.len() > budget {
                // Keep budget-1 messages as they are and fold the rest into one digest, so the
                // group gets everything without exceeding the platform's limit.
                let overflow = items.split_off(budget.saturating_sub(1));
                let digest = self.digest(&target, &overflow).await?;
                report.merged += overflow.len();
                items.push(digest);
            }
            for item in items {
                match self.deliver(&target, &item, now).await {
                    Ok(()) => {
                        self.store.mark_sent(item.id, now).await?;
                        report.sent += 1;
                    }
                    Err(error) => {
                        let attempts = item.attempts + 1;
                        let dead = attempts >= self.config.max_attempts;
                        let backoff = self.config.base_backoff.as_millis() as i64 * (1i64 << attempts.min(20));
                        let next = now + backoff.min(3_600_000);
                        self.store.mark_failed_delivery(item.id, &error, next, dead).await?;
                        if dead {
                            tracing::warn!(outbox_id = item.id, target_id, error, "notification dead-lettered");
                            report.dead += 1;
                        } else {
                            report.retried += 1;
                        }
                    }
                }
            }
        }
        Ok(report)
    }

    async fn target(&self, target_id: i64) -> store::Result<Option<Target>> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT workspace_id FROM notify_targets WHERE id = $1")
            .bind(target_id)
            .fetch_optional(self.store.pool())
            .await?;
        match row {
            Some((ws,)) => Ok(Some(self.store.get_target(ws, target_id).await?)),
            None => Ok(None),
        }
    }

    async fn digest(&self, target: &Target, items: &[OutboxItem]) -> store::Result<OutboxItem> {
        let mut lines = Vec::new();
        for item in items {
            lines.push(format!("· {}", item.title));
            lines.extend(item.lines.iter().take(3).map(|l| format!("  {l}")));
        }
        let title = format!("{} 条更新（合并发送）", items.len());
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let data = serde_json::json!({"merged": ids});
        let id = self
            .store
            .enqueue_notification(target.id, "digest", &title, &lines, &data, None)
            .await?
            .ok_or(store::Error::Conflict("digest not queued".into()))?;
        self.store.merge_notifications(&ids, id).await?;
        let mut digest = self.store.list_outbox(target.workspace_id, Some("pending"), 1).await?;
        digest.retain(|d| d.id == id);
        digest.pop().ok_or(store::Error::NotFound("digest"))
    }

    async fn deliver(&self, target: &Target, item: &OutboxItem, now: i64) -> Result<(), String> {
        let rendered = render(target, item, now);
        let mut request = self.client.post(&rendered.url).body(rendered.body);
        for (name, value) in &rendered.headers {
            request = request.header(name, value);
        }
        let response = request.send().await.map_err(|e| format!("request failed: {e}"))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if !status.is_success() {
            return Err(format!("HTTP {status}: {}", text.chars().take(200).collect::<String>()));
        }
        // Robot APIs answer 200 with an error code in the body.
        if let Ok(body) = serde_json::from_str::<serde_json::Value>(&text) {
            let code = body.get("errcode").or_else(|| body.get("code")).and_then(serde_json::Value::as_i64);
            if let Some(code) = code.filter(|c| *c != 0) {
                let msg = body.get("errmsg").or_else(|| body.get("msg")).and_then(|m| m.as_str()).unwrap_or("");
                return Err(format!("platform error {code}: {msg}"));
            }
        }
        Ok(())
    }
}

/// Builds the HTTP request of a notification for a target at time `now` (Unix ms).
pub fn render(target: &Target, item: &OutboxItem, now: i64) -> Rendered {
    let json = ("Content-Type".to_string(), "application/json".to_string());
    let text = std::iter::once(item.title.clone()).chain(item.lines.iter().cloned()).collect::<Vec<_>>().join("\n");
    match target.kind.as_str() {
        "wecom_robot" => {
            let mut md = format!("**{}**", item.title);
            for line in &item.lines {
                md.push_str("\n> ");
                md.push_str(line);
            }
            Rendered { url: target.url.clone(), headers: vec![json], body: outbound::wecom_markdown(&md) }
        }
        "feishu_bot" => {
            let ts = (now / 1000).to_string();
            let signing = (!target.secret.is_empty()).then_some((ts.as_str(), target.secret.as_str()));
            let lines: Vec<&str> = item.lines.iter().map(String::as_str).collect();
            Rendered {
                url: target.url.clone(),
                headers: vec![json],
                body: outbound::feishu_post(&item.title, &lines, signing),
            }
        }
        "dingtalk_robot" => {
            let url = if target.secret.is_empty() {
                target.url.clone()
            } else {
                outbound::dingtalk_url(&target.url, &now.to_string(), &target.secret)
            };
            let md = text.replace('\n', "\n\n");
            Rendered { url, headers: vec![json], body: outbound::dingtalk_markdown(&item.title, &md, &[], false) }
        }
        _ => {
            let payload = serde_json::json!({
                "id": item.id,
                "category": item.category,
                "title": item.title,
                "lines": item.lines,
                "data": serde_json::from_str::<serde_json::Value>(&item.data).unwrap_or_default(),
                "created_at": item.created_at,
            });
            let hook = outbound::generic_webhook(&target.secret, now / 1000, &payload);
            Rendered {
                url: target.url.clone(),
                headers: hook.headers.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                body: hook.body,
            }
        }
    }
}
