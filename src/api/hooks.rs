//! Platform doors: WeCom AI-bot / app callbacks, Feishu event subscriptions, DingTalk robot
//! callbacks. Each verifies the platform's signature (and decrypts) with `crate::platforms`,
//! archives the message through `crate::ingest::accept`, queues it and answers at once;
//! extraction runs in the background. A bad signature or a timestamp outside the replay window
//! is a 401 that stores nothing. Configuration comes from the environment (`HookConfig::from_env`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::AppQuery;
use crate::ingest::{self, ChatMessage, Quoted};
use crate::platforms::{self, InboundMessage, dingtalk, feishu, wecom};

/// Door settings, read once at start-up.
#[derive(Default)]
pub struct HookConfig {
    pub wecom: Option<wecom::WecomCrypto>,
    pub feishu_encrypt_key: Option<String>,
    pub feishu_verification_token: Option<String>,
    pub dingtalk_secret: Option<String>,
    /// Replay window in seconds; 0 disables the timestamp check (for replaying published vectors).
    pub max_skew: u64,
    /// Register chats seen for the first time (default); when off, unknown chats get a 404.
    pub auto_register_chats: bool,
}

impl HookConfig {
    /// From `CHAT2TASK_WECOM_TOKEN`, `CHAT2TASK_WECOM_AES_KEY`, `CHAT2TASK_WECOM_RECEIVE_ID`,
    /// `CHAT2TASK_FEISHU_ENCRYPT_KEY`, `CHAT2TASK_FEISHU_VERIFICATION_TOKEN`,
    /// `CHAT2TASK_DINGTALK_SECRET`, `CHAT2TASK_HOOK_MAX_SKEW` (seconds, default 300) and
    /// `CHAT2TASK_AUTO_REGISTER_CHATS` (default `true`).
    ///
    /// # Errors
    /// A WeCom AES key that is not a valid EncodingAESKey.
    pub fn from_env() -> Result<HookConfig, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let wecom = match (var("CHAT2TASK_WECOM_TOKEN"), var("CHAT2TASK_WECOM_AES_KEY")) {
            (Some(token), Some(key)) => {
                let receive_id = var("CHAT2TASK_WECOM_RECEIVE_ID").unwrap_or_default();
                Some(
                    wecom::WecomCrypto::new(&token, &key, &receive_id)
                        .map_err(|e| format!("CHAT2TASK_WECOM_AES_KEY: {e}"))?,
                )
            }
            _ => None,
        };
        let max_skew = match var("CHAT2TASK_HOOK_MAX_SKEW") {
            Some(v) => v.parse().map_err(|_| format!("CHAT2TASK_HOOK_MAX_SKEW must be seconds; got `{v}`"))?,
            None => 300,
        };
        Ok(HookConfig {
            wecom,
            feishu_encrypt_key: var("CHAT2TASK_FEISHU_ENCRYPT_KEY"),
            feishu_verification_token: var("CHAT2TASK_FEISHU_VERIFICATION_TOKEN"),
            dingtalk_secret: var("CHAT2TASK_DINGTALK_SECRET"),
            max_skew,
            auto_register_chats: var("CHAT2TASK_AUTO_REGISTER_CHATS").is_none_or(|v| v != "false" && v != "0"),
        })
    }
}

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(wecom_verify, wecom_callback))
        .routes(routes!(feishu_event))
        .routes(routes!(dingtalk_callback))
}

fn not_configured(platform: &str) -> ApiError {
    ApiError::Rejected(
        StatusCode::SERVICE_UNAVAILABLE,
        "not_configured",
        format!("the {platform} door is not configured"),
    )
}

fn unauthorized(why: impl std::fmt::Display) -> ApiError {
    tracing::warn!(reason = %why, "rejected a platform callback");
    ApiError::Rejected(StatusCode::UNAUTHORIZED, "bad_signature", why.to_string())
}

fn check_timestamp(config: &HookConfig, ts_secs: &str) -> ApiResult<()> {
    let ts = platforms::parse_unix_secs(ts_secs).ok_or_else(|| unauthorized("timestamp is not a Unix time"))?;
    if platforms::check_skew(ts, chrono::Utc::now().timestamp(), config.max_skew) {
        Ok(())
    } else {
        Err(unauthorized("timestamp outside the replay window"))
    }
}

/// Query of the WeCom callbacks.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WecomQuery {
    pub msg_signature: String,
    pub timestamp: String,
    pub nonce: String,
    /// Only on the GET URL verification.
    pub echostr: Option<String>,
}

fn wecom_error(e: wecom::Error) -> ApiError {
    match e.code() {
        -40001 | -40005 => unauthorized(e),
        _ => ApiError::BadRequest("bad_payload", e.to_string()),
    }
}

/// WeCom URL verification: answers the decrypted `echostr`, bare.
#[utoipa::path(get, path = "/v1/hooks/wecom", tag = "hooks", params(WecomQuery),
    responses((status = 200, description = "the decrypted echostr", content_type = "text/plain"),
        (status = 401, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn wecom_verify(State(state): State<AppState>, AppQuery(q): AppQuery<WecomQuery>) -> ApiResult<Response> {
    let config = state.hooks.clone();
    let crypto = config.wecom.as_ref().ok_or_else(|| not_configured("WeCom"))?;
    check_timestamp(&config, &q.timestamp)?;
    let echostr = q.echostr.as_deref().ok_or_else(|| ApiError::BadRequest("bad_query", "echostr is missing".into()))?;
    let plain = crypto.verify_url(&q.msg_signature, &q.timestamp, &q.nonce, echostr).map_err(wecom_error)?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], plain).into_response())
}

/// WeCom message callback (AI bot JSON or app XML envelope).
#[utoipa::path(post, path = "/v1/hooks/wecom", tag = "hooks", params(WecomQuery),
    request_body(content = String, description = "encrypted envelope (JSON or XML)"),
    responses((status = 200, description = "accepted"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn wecom_callback(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<WecomQuery>,
    body: Bytes,
) -> ApiResult<Response> {
    let config = state.hooks.clone();
    let crypto = config.wecom.as_ref().ok_or_else(|| not_configured("WeCom"))?;
    check_timestamp(&config, &q.timestamp)?;
    let body =
        std::str::from_utf8(&body).map_err(|_| ApiError::BadRequest("bad_encoding", "body is not UTF-8".into()))?;
    let plain = crypto.decrypt_body(&q.msg_signature, &q.timestamp, &q.nonce, body).map_err(wecom_error)?;
    let message = wecom::parse_message(&plain).map_err(wecom_error)?;
    if let Some(message) = message {
        accept_inbound(&state, "wecom", message).await?;
    }
    // WeCom wants a fast empty answer; replies to the group go out through the notifier.
    Ok((StatusCode::OK, "").into_response())
}

/// Feishu event subscription: `url_verification` challenges and `im.message.receive_v1` events.
#[utoipa::path(post, path = "/v1/hooks/feishu", tag = "hooks",
    request_body(content = Object, description = "Feishu event (plain or {\"encrypt\"})"),
    responses((status = 200, description = "{\"challenge\"} or {}"), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn feishu_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<serde_json::Value>> {
    let config = state.hooks.clone();
    if config.feishu_encrypt_key.is_none() && config.feishu_verification_token.is_none() {
        return Err(not_configured("Feishu"));
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    if let (Some(key), Some(signature)) = (&config.feishu_encrypt_key, header("x-lark-signature")) {
        let timestamp = header("x-lark-request-timestamp").unwrap_or_default();
        let nonce = header("x-lark-request-nonce").unwrap_or_default();
        check_timestamp(&config, &timestamp)?;
        feishu::verify_signature(&timestamp, &nonce, key, &body, &signature).map_err(unauthorized)?;
    }
    let callback = feishu::handle_callback(
        &body,
        config.feishu_encrypt_key.as_deref(),
        config.feishu_verification_token.as_deref(),
    )
    .map_err(|e| match e {
        feishu::Error::Signature | feishu::Error::Token | feishu::Error::Decrypt => unauthorized(e),
        feishu::Error::MissingEncryptKey => not_configured("Feishu encrypt key"),
        other => ApiError::BadRequest("bad_payload", other.to_string()),
    })?;
    match callback {
        feishu::Callback::Challenge { challenge } => Ok(Json(serde_json::json!({"challenge": challenge}))),
        feishu::Callback::Event(event) => {
            // Feishu retries deliveries; the archive dedupes on (chat, message id).
            if let Some(message) = event.message {
                accept_inbound(&state, "feishu", message).await?;
            }
            Ok(Json(serde_json::json!({})))
        }
    }
}

/// DingTalk robot callback (outgoing robot), signed with `timestamp` + `sign` headers.
#[utoipa::path(post, path = "/v1/hooks/dingtalk", tag = "hooks",
    request_body(content = Object, description = "DingTalk robot callback"),
    responses((status = 200, description = "accepted"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
async fn dingtalk_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<serde_json::Value>> {
    let config = state.hooks.clone();
    let secret = config.dingtalk_secret.as_deref().ok_or_else(|| not_configured("DingTalk"))?;
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let (timestamp, sign) = (header("timestamp"), header("sign"));
    // DingTalk timestamps are milliseconds.
    let secs = timestamp.trim().parse::<i64>().map(|ms| (ms / 1000).to_string()).unwrap_or_default();
    check_timestamp(&config, &secs)?;
    dingtalk::verify_callback(&timestamp, &sign, secret).map_err(unauthorized)?;
    let body =
        std::str::from_utf8(&body).map_err(|_| ApiError::BadRequest("bad_encoding", "body is not UTF-8".into()))?;
    let message = dingtalk::parse_callback(body).map_err(|e| ApiError::BadRequest("bad_payload", e.to_string()))?;
    if let Some(message) = message {
        accept_inbound(&state, "dingtalk", message).await?;
    }
    Ok(Json(serde_json::json!({})))
}

/// Archives a platform message: sender ids become member names where the roster knows them.
async fn accept_inbound(state: &AppState, platform: &str, inbound: InboundMessage) -> ApiResult<()> {
    let workspace_id = state.store.default_workspace().await?;
    let known = state.store.find_chat(workspace_id, platform, &inbound.chat_id).await?;
    if known.is_none() && !state.hooks.auto_register_chats {
        return Err(ApiError::NotFound(format!("chat `{}` is not registered", inbound.chat_id)));
    }
    let roster = state.store.list_members(workspace_id).await?;
    let name_of = |platform_id: &str| {
        roster.iter().find(|m| m.platform_ids.get(platform).is_some_and(|id| id == platform_id)).map(|m| m.name.clone())
    };
    let sender =
        name_of(&inbound.sender_id).or(inbound.sender_name.clone()).unwrap_or_else(|| inbound.sender_id.clone());
    let ts: DateTime<FixedOffset> = inbound
        .ts
        .and_then(DateTime::from_timestamp_millis)
        .unwrap_or_else(chrono::Utc::now)
        .with_timezone(&crate::store::stats::shanghai());
    let msg = ChatMessage {
        id: inbound.msg_id.clone(),
        chat: inbound.chat_id.clone(),
        ts,
        sender,
        members: roster.iter().filter(|m| m.active && !m.placeholder).map(|m| m.name.clone()).collect(),
        reply_to: inbound.quoted.map(|(sender, text)| Quoted { sender: name_of(&sender).unwrap_or(sender), text }),
        text: inbound.text,
    };
    let accepted = ingest::accept(&state.store, workspace_id, platform, &msg).await?;
    if !accepted.duplicate {
        state.queue.enqueue(accepted.message_id).await;
    }
    state.metrics.add(&format!("hook_messages_{platform}_total"), 1);
    Ok(())
}

/// Shared door settings.
pub type SharedHookConfig = Arc<HookConfig>;
