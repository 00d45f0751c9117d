//! Outbound payload builders (pure): group-robot messages for WeCom, Feishu and DingTalk, and
//! chat2task's own signed generic webhook.
//!
//! Output is the exact JSON body (and, for the generic webhook, headers) to POST; the HTTP
//! client lives elsewhere. Generic webhook recipe:
//! `X-Chat2task-Timestamp: <unix secs>` and
//! `X-Chat2task-Signature: sha256=<lowercase hex HmacSHA256(secret, timestamp + "." + body)>`.
//!
//! Invariants: size limits are enforced on UTF-8 char boundaries (never splits a character);
//! signature verification is constant-time (`hmac` `verify_slice`).

use hmac::{Hmac, Mac};
use serde_json::{Value, json};

use crate::platforms::{check_skew, dingtalk, feishu, hmac_sha256};

/// WeCom group robot markdown `content` limit, in UTF-8 bytes.
pub const WECOM_MARKDOWN_MAX_BYTES: usize = 4096;
/// WeCom group robot text `content` limit, in UTF-8 bytes.
pub const WECOM_TEXT_MAX_BYTES: usize = 2048;
/// Suffix appended when a message had to be cut.
pub const TRUNCATION_SUFFIX: &str = "…(更多见看板)";
/// Header carrying the generic webhook signature.
pub const SIGNATURE_HEADER: &str = "X-Chat2task-Signature";
/// Header carrying the generic webhook timestamp (Unix seconds).
pub const TIMESTAMP_HEADER: &str = "X-Chat2task-Timestamp";

/// Generic webhook verification errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The signature header is malformed or does not match.
    #[error("webhook signature mismatch")]
    Signature,
    /// The timestamp header is not an integer.
    #[error("webhook timestamp is not a unix time")]
    BadTimestamp,
    /// The timestamp is outside the replay window.
    #[error("webhook timestamp outside the allowed skew")]
    Stale,
}

/// Cuts `text` to at most `max_bytes` UTF-8 bytes, ending with `suffix` when anything was cut.
/// Cuts on a char boundary; if `suffix` alone does not fit, the text is cut without it.
pub fn truncate_with_suffix(text: &str, max_bytes: usize, suffix: &str) -> String {
    if text.len() <= max_bytes {
        return text.to_owned();
    }
    let (budget, suffix) = if suffix.len() <= max_bytes { (max_bytes - suffix.len(), suffix) } else { (max_bytes, "") };
    let mut cut = budget.min(text.len());
    while cut > 0 && !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}", text.get(..cut).unwrap_or(""))
}

/// WeCom group robot (群机器人) markdown message body, content capped at 4096 bytes.
pub fn wecom_markdown(content: &str) -> String {
    let content = truncate_with_suffix(content, WECOM_MARKDOWN_MAX_BYTES, TRUNCATION_SUFFIX);
    json!({"msgtype": "markdown", "markdown": {"content": content}}).to_string()
}

/// WeCom group robot text message body (2048-byte cap), @-mentioning userids (`"@all"` for all).
pub fn wecom_text(content: &str, mentioned_userids: &[&str]) -> String {
    let content = truncate_with_suffix(content, WECOM_TEXT_MAX_BYTES, TRUNCATION_SUFFIX);
    json!({"msgtype": "text", "text": {"content": content, "mentioned_list": mentioned_userids}}).to_string()
}

/// Feishu custom bot signing input: `(timestamp in Unix seconds, secret)`.
pub type FeishuSigning<'a> = Option<(&'a str, &'a str)>;

/// Feishu custom bot text message; adds `timestamp` and `sign` when `signing` is given.
pub fn feishu_text(text: &str, signing: FeishuSigning<'_>) -> String {
    let mut body = json!({"msg_type": "text", "content": {"text": text}});
    add_feishu_sign(&mut body, signing);
    body.to_string()
}

/// Feishu custom bot rich-text (`post`, zh_cn) message: one paragraph of plain text per line.
pub fn feishu_post(title: &str, lines: &[&str], signing: FeishuSigning<'_>) -> String {
    let paragraphs: Vec<Value> = lines.iter().map(|line| json!([{"tag": "text", "text": line}])).collect();
    let mut body = json!({
        "msg_type": "post",
        "content": {"post": {"zh_cn": {"title": title, "content": paragraphs}}},
    });
    add_feishu_sign(&mut body, signing);
    body.to_string()
}

fn add_feishu_sign(body: &mut Value, signing: FeishuSigning<'_>) {
    if let (Some((timestamp, secret)), Some(map)) = (signing, body.as_object_mut()) {
        map.insert("timestamp".to_owned(), Value::from(timestamp));
        map.insert("sign".to_owned(), Value::from(feishu::sign(timestamp, secret)));
    }
}

/// DingTalk custom robot markdown message. Sign the URL with
/// [`dingtalk::signed_webhook_url`]; mention users by userId (their `@userid` must also
/// appear in `text` for DingTalk to highlight it).
pub fn dingtalk_markdown(title: &str, text: &str, at_user_ids: &[&str], at_all: bool) -> String {
    json!({
        "msgtype": "markdown",
        "markdown": {"title": title, "text": text},
        "at": {"atUserIds": at_user_ids, "isAtAll": at_all},
    })
    .to_string()
}

/// Re-export-free convenience: the signed DingTalk webhook URL (see [`dingtalk`]).
pub fn dingtalk_url(webhook_url: &str, timestamp_millis: &str, secret: &str) -> String {
    dingtalk::signed_webhook_url(webhook_url, timestamp_millis, secret)
}

/// A ready-to-send generic webhook request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenericWebhook {
    /// The JSON body, exactly the bytes that were signed.
    pub body: String,
    /// `(name, value)` headers to add: timestamp, signature, content type.
    pub headers: Vec<(&'static str, String)>,
}

/// `sha256=<hex HmacSHA256(secret, timestamp + "." + body)>`.
pub fn generic_signature(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut msg = Vec::with_capacity(timestamp.len() + 1 + body.len());
    msg.extend_from_slice(timestamp.as_bytes());
    msg.push(b'.');
    msg.extend_from_slice(body);
    format!("sha256={}", hex::encode(hmac_sha256(secret.as_bytes(), &msg)))
}

/// Builds a signed generic webhook from a JSON payload.
pub fn generic_webhook(secret: &str, timestamp_secs: i64, payload: &Value) -> GenericWebhook {
    let body = payload.to_string();
    let timestamp = timestamp_secs.to_string();
    let signature = generic_signature(secret, &timestamp, body.as_bytes());
    GenericWebhook {
        body,
        headers: vec![
            (TIMESTAMP_HEADER, timestamp),
            (SIGNATURE_HEADER, signature),
            ("Content-Type", "application/json".to_owned()),
        ],
    }
}

/// Receiver side of the generic webhook: checks skew (`max_skew_secs == 0` disables) and the
/// signature in constant time.
///
/// # Errors
/// [`Error::BadTimestamp`], [`Error::Stale`], [`Error::Signature`].
pub fn verify_generic(
    secret: &str,
    timestamp_header: &str,
    signature_header: &str,
    body: &[u8],
    now_secs: i64,
    max_skew_secs: u64,
) -> Result<(), Error> {
    let timestamp = timestamp_header.trim();
    let ts: i64 = timestamp.parse().map_err(|_| Error::BadTimestamp)?;
    if !check_skew(ts, now_secs, max_skew_secs) {
        return Err(Error::Stale);
    }
    let hex_sig = signature_header.trim().strip_prefix("sha256=").ok_or(Error::Signature)?;
    let given = hex::decode(hex_sig).map_err(|_| Error::Signature)?;
    let mut mac = match Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&given).map_err(|_| Error::Signature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn truncation_table() {
        let cases: &[(&str, usize, &str, &str)] = &[
            ("hello", 10, "…", "hello"),
            ("hello world", 8, "..", "hello .."),
            ("你好世界", 9, "", "你好世"),
            ("你好世界", 8, "", "你好"),
            ("你好世界", 7, "!", "你好!"),
            ("abcdef", 2, "long", "ab"),
        ];
        for (text, max, suffix, want) in cases {
            assert_eq!(truncate_with_suffix(text, *max, suffix), *want, "{text} {max}");
        }
    }

    #[test]
    fn wecom_markdown_cap() {
        let long: String = "任务".repeat(3000);
        let body: Value = serde_json::from_str(&wecom_markdown(&long)).unwrap_or(Value::Null);
        let content = body["markdown"]["content"].as_str().unwrap_or("");
        assert!(content.len() <= WECOM_MARKDOWN_MAX_BYTES, "len {}", content.len());
        assert!(content.len() > WECOM_MARKDOWN_MAX_BYTES - 8);
        assert!(content.ends_with(TRUNCATION_SUFFIX));
        assert_eq!(body["msgtype"], "markdown");
        let short: Value = serde_json::from_str(&wecom_markdown("**ok**")).unwrap_or(Value::Null);
        assert_eq!(short["markdown"]["content"], "**ok**");
        let text: Value = serde_json::from_str(&wecom_text("hi", &["@all"])).unwrap_or(Value::Null);
        assert_eq!(text["text"]["mentioned_list"][0], "@all");
    }

    #[test]
    fn feishu_and_dingtalk_payloads() {
        let body: Value =
            serde_json::from_str(&feishu_text("hi", Some(("1599360473", "test-secret")))).unwrap_or(Value::Null);
        assert_eq!(body["sign"], "wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY=");
        assert_eq!(body["timestamp"], "1599360473");
        assert_eq!(body["content"]["text"], "hi");
        let unsigned: Value = serde_json::from_str(&feishu_text("hi", None)).unwrap_or(Value::Null);
        assert!(unsigned.get("sign").is_none());
        let post: Value = serde_json::from_str(&feishu_post("T", &["a", "b"], None)).unwrap_or(Value::Null);
        assert_eq!(post["content"]["post"]["zh_cn"]["content"][1][0]["text"], "b");
        let md: Value = serde_json::from_str(&dingtalk_markdown("T", "@u1 hi", &["u1"], false)).unwrap_or(Value::Null);
        assert_eq!(md["markdown"]["title"], "T");
        assert_eq!(md["at"]["atUserIds"][0], "u1");
        assert_eq!(md["at"]["isAtAll"], false);
    }

    #[test]
    fn generic_round_trip_and_failures() {
        let hook = generic_webhook("s3cret", 1_700_000_000, &json!({"task": "报表"}));
        let ts = hook.headers.iter().find(|h| h.0 == TIMESTAMP_HEADER).map(|h| h.1.clone()).unwrap_or_default();
        let sig = hook.headers.iter().find(|h| h.0 == SIGNATURE_HEADER).map(|h| h.1.clone()).unwrap_or_default();
        assert!(sig.starts_with("sha256=") && sig.len() == 7 + 64);
        let body = hook.body.as_bytes();
        assert_eq!(verify_generic("s3cret", &ts, &sig, body, 1_700_000_100, 300), Ok(()));
        assert_eq!(verify_generic("s3cret", &ts, &sig, body, 1_700_000_301, 300), Err(Error::Stale));
        assert_eq!(verify_generic("s3cret", &ts, &sig, body, 1_800_000_000, 0), Ok(()));
        assert_eq!(verify_generic("other", &ts, &sig, body, 1_700_000_000, 300), Err(Error::Signature));
        assert_eq!(verify_generic("s3cret", &ts, &sig, b"{}", 1_700_000_000, 300), Err(Error::Signature));
        assert_eq!(verify_generic("s3cret", "1700000001", &sig, body, 1_700_000_000, 300), Err(Error::Signature));
        assert_eq!(verify_generic("s3cret", "x", &sig, body, 1_700_000_000, 300), Err(Error::BadTimestamp));
        let no_prefix = sig.trim_start_matches("sha256=");
        assert_eq!(verify_generic("s3cret", &ts, no_prefix, body, 1_700_000_000, 300), Err(Error::Signature));
        // Independent recomputation of the recipe.
        let want = format!("sha256={}", hex::encode(hmac_sha256(b"s3cret", format!("{ts}.{}", hook.body).as_bytes())));
        assert_eq!(sig, want);
    }

    proptest! {
        #[test]
        fn truncate_respects_limit(text in ".{0,400}", max in 0usize..300) {
            let out = truncate_with_suffix(&text, max, TRUNCATION_SUFFIX);
            prop_assert!(out.len() <= max);
            if text.len() <= max { prop_assert_eq!(out, text); }
        }
    }
}
