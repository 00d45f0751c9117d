//! `POST /v1/messages`: the REST door for chat messages (one, or a batch of up to 1,000).
//!
//! A message is archived before the answer is sent; processing happens in the background. The
//! same (chat, id) again answers `"duplicate": true` and stores nothing. Chats seen for the first
//! time are registered on the `api` platform, unbound (their tasks go to the inbox project) until
//! an admin binds them with `PATCH /v1/chats/{id}`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, Auth};
use crate::auth::Role;
use crate::ingest;

/// Largest batch.
pub const MAX_BATCH: usize = 1000;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(post_messages))
}

/// Reads a body that is one message or `{"messages": [...]}` (at most `max`), parsing each with
/// `parse`; answers the messages and whether it was a batch. A bad item is a 422 naming its index.
pub(crate) fn one_or_batch<T>(
    body: serde_json::Value,
    max: usize,
    parse: impl Fn(serde_json::Value) -> Result<T, String>,
) -> ApiResult<(Vec<T>, bool)> {
    match body {
        serde_json::Value::Object(mut map) if map.contains_key("messages") => {
            let Some(serde_json::Value::Array(items)) = map.remove("messages") else {
                return Err(ApiError::Invalid("`messages` must be a list".into()));
            };
            if items.len() > max {
                return Err(ApiError::Invalid(format!("at most {max} messages per batch")));
            }
            let mut parsed = Vec::with_capacity(items.len());
            for (idx, item) in items.into_iter().enumerate() {
                parsed.push(parse(item).map_err(|e| ApiError::Invalid(format!("messages[{idx}]: {e}")))?);
            }
            Ok((parsed, true))
        }
        single => Ok((vec![parse(single).map_err(ApiError::Invalid)?], false)),
    }
}

/// The answer for one message.
#[derive(Debug, Serialize, ToSchema)]
pub struct Receipt {
    /// The platform message id, as sent.
    pub id: String,
    pub chat: String,
    /// Already archived before: nothing new was stored or queued.
    pub duplicate: bool,
    /// Archive id of the message.
    pub message_id: i64,
    /// Registry id of the chat.
    pub chat_id: i64,
}

/// The answer for a batch.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchReceipt {
    pub items: Vec<Receipt>,
    pub accepted: usize,
    pub duplicates: usize,
}

/// A chat message (the schema of the extraction benchmark). The body is one of these, or
/// `{"messages": [ … ]}`.
#[allow(dead_code)]
#[derive(Debug, ToSchema)]
pub struct MessageIn {
    /// Platform message id, unique within the chat.
    pub id: String,
    /// Platform chat (group) id.
    pub chat: String,
    /// RFC 3339 with offset, e.g. `2026-03-02T09:12:00+08:00`.
    pub ts: String,
    pub sender: String,
    /// Display names of the group's members.
    pub members: Vec<String>,
    pub reply_to: Option<QuotedIn>,
    pub text: String,
}

/// The quoted message.
#[allow(dead_code)]
#[derive(Debug, ToSchema)]
pub struct QuotedIn {
    pub sender: String,
    pub text: String,
}

/// Archives chat messages and queues them for task extraction.
#[utoipa::path(post, path = "/v1/messages", tag = "messages", security(("bearer" = [])),
    request_body(content = MessageIn, description = "one message, or {\"messages\": [...]}"),
    responses((status = 202, description = "one message: accepted (or duplicate)", body = Receipt),
        (status = 200, description = "a batch", body = BatchReceipt),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn post_messages(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<serde_json::Value>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    if !matches!(p.role, Role::Admin | Role::Pm) {
        return Err(ApiError::forbidden("post chat messages"));
    }
    let (messages, batch) = one_or_batch(body, MAX_BATCH, ingest::parse_message)?;
    let accepted = ingest::accept_batch(&state.store, p.workspace_id, "api", &messages).await?;
    let mut receipts = Vec::with_capacity(messages.len());
    for (msg, acc) in messages.iter().zip(accepted) {
        if !acc.duplicate {
            state.queue.enqueue(acc.message_id).await;
        }
        receipts.push(Receipt {
            id: msg.id.clone(),
            chat: msg.chat.clone(),
            duplicate: acc.duplicate,
            message_id: acc.message_id,
            chat_id: acc.chat_id,
        });
    }
    let duplicates = receipts.iter().filter(|r| r.duplicate).count();
    // One audit row per call (a batch of 1,000 is one row), naming what was archived.
    let new_ids: Vec<i64> = receipts.iter().filter(|r| !r.duplicate).map(|r| r.message_id).collect();
    let after = serde_json::json!({"accepted": new_ids.len(), "duplicates": duplicates, "message_ids": new_ids});
    let target = receipts.first().map(|r| r.chat_id.to_string());
    state.audit(&p, "messages.ingest", "chat", target, None::<&()>, Some(&after)).await?;
    state.metrics.add("messages_accepted_total", (receipts.len() - duplicates) as u64);
    state.metrics.add("messages_duplicate_total", duplicates as u64);
    if batch {
        let out = BatchReceipt { accepted: receipts.len() - duplicates, duplicates, items: receipts };
        return Ok((StatusCode::OK, Json(serde_json::to_value(out).unwrap_or_default())));
    }
    let receipt = receipts.pop().ok_or_else(|| ApiError::Internal("no receipt".into()))?;
    let status = if receipt.duplicate { StatusCode::OK } else { StatusCode::ACCEPTED };
    Ok((status, Json(serde_json::to_value(receipt).unwrap_or_default())))
}
