//! `POST /v1/extract`: runs the extractor on one message or a batch and answers the tasks it
//! reads, storing nothing (the same objects as `chat2task extract` prints).
//!
//! The extractor is CPU-bound (the candle model), so it runs on a blocking thread.

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, Auth};
use crate::auth::Role;

/// Largest batch.
pub const MAX_BATCH: usize = 500;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(post_extract))
}

fn parse(item: serde_json::Value) -> Result<crate::extract::Message, String> {
    serde_json::from_value(item).map_err(|e| e.to_string())
}

/// Reads the tasks, owners and deadlines in chat messages without storing anything.
///
/// Body: one message in the extraction-benchmark schema (`id`, `ts`, `sender`, `members`,
/// `reply_to`, `text`), or `{"messages": [...]}` (at most 500). Answer: `{"id", "tasks": [{title,
/// owners, due_date, due_time, priority, confidence, evidence}]}` for one message, or
/// `{"results": [...]}` in input order for a batch.
#[utoipa::path(post, path = "/v1/extract", tag = "extract", security(("bearer" = [])),
    request_body(content = crate::api::messages::MessageIn, description = "one message, or {\"messages\": [...]}"),
    responses((status = 200, description = "the tasks of each message", body = serde_json::Value),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn post_extract(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<serde_json::Value>,
) -> ApiResult<Json<serde_json::Value>> {
    if p.role == Role::Guest {
        return Err(ApiError::forbidden("run the extractor"));
    }
    let (messages, batch) = crate::api::messages::one_or_batch(body, MAX_BATCH, parse)?;
    let extractor = state.extractor.clone();
    let results = tokio::task::spawn_blocking(move || {
        let tasks = extractor.extract_messages(&messages);
        messages
            .iter()
            .zip(tasks)
            .map(|(m, t)| crate::extract::cli::result_json(&m.id, &t))
            .collect::<Vec<serde_json::Value>>()
    })
    .await
    .map_err(|e| ApiError::Internal(format!("extractor thread: {e}")))?;
    state.metrics.add("extract_messages_total", results.len() as u64);
    if batch {
        return Ok(Json(serde_json::json!({ "results": results })));
    }
    results.into_iter().next().map(Json).ok_or_else(|| ApiError::Internal("no result".into()))
}
