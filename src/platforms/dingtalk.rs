//! DingTalk (钉钉) robot signing and callback parsing.
//!
//! * Signature recipe (both directions): base64(HmacSHA256(key = secret,
//!   msg = timestamp + "\n" + secret)), `timestamp` in Unix **milliseconds**.
//!   - Outbound custom-robot webhook: append `&timestamp=<ms>&sign=<url-encoded sign>`.
//!   - Inbound outgoing-robot / enterprise-robot callback: headers `timestamp` and `sign`,
//!     secret = the robot's AppSecret; DingTalk says to reject timestamps over 1 hour old.
//! * Callback JSON: `msgId`, `conversationId`, `senderNick`, `senderStaffId`, `senderId`,
//!   `text.content`, `atUsers[{dingtalkId, staffId}]`, `chatbotUserId`, `createAt` (ms).
//!
//! Invariants: the header check is constant-time (`hmac` `verify_slice`); nothing panics.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde_json::Value;

use crate::platforms::{InboundMessage, Platform, hmac_sha256, percent_encode};

/// DingTalk errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The `sign` header is missing, not base64, or does not match.
    #[error("dingtalk sign mismatch")]
    Signature,
    /// The callback body is not JSON.
    #[error("cannot parse dingtalk callback: {0}")]
    Parse(String),
}

/// base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)).
pub fn sign(timestamp_millis: &str, secret: &str) -> String {
    let msg = format!("{timestamp_millis}\n{secret}");
    STANDARD.encode(hmac_sha256(secret.as_bytes(), msg.as_bytes()))
}

/// The query suffix for a signed custom-robot webhook: `&timestamp=<ms>&sign=<url-encoded>`.
pub fn sign_query(timestamp_millis: &str, secret: &str) -> String {
    format!("&timestamp={}&sign={}", percent_encode(timestamp_millis), percent_encode(&sign(timestamp_millis, secret)))
}

/// Appends the signature to a webhook URL (`…/robot/send?access_token=…`). Uses `?` instead of
/// the leading `&` when the URL has no query yet.
pub fn signed_webhook_url(webhook_url: &str, timestamp_millis: &str, secret: &str) -> String {
    let suffix = sign_query(timestamp_millis, secret);
    if webhook_url.contains('?') {
        format!("{webhook_url}{suffix}")
    } else {
        format!("{webhook_url}?{}", suffix.trim_start_matches('&'))
    }
}

/// Checks an inbound callback's `timestamp` / `sign` headers against the AppSecret.
///
/// Skew is the caller's job: `crate::platforms::check_skew(parse_unix_secs(ts)…)`.
///
/// # Errors
/// [`Error::Signature`] when `sign` is not base64 or does not match.
pub fn verify_callback(timestamp_header: &str, sign_header: &str, app_secret: &str) -> Result<(), Error> {
    let given = STANDARD.decode(sign_header.trim()).map_err(|_| Error::Signature)?;
    let mut mac = match Hmac::<sha2::Sha256>::new_from_slice(app_secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(timestamp_header.trim().as_bytes());
    mac.update(b"\n");
    mac.update(app_secret.as_bytes());
    mac.verify_slice(&given).map_err(|_| Error::Signature)
}

/// Parses a robot callback body into an [`InboundMessage`].
///
/// `text` (`text.content`, leading space left by the stripped @robot trimmed) and `richText`
/// (text pieces joined) are supported; other `msgtype`s give `Ok(None)`. Mentions are the
/// `atUsers` staffIds (dingtalkId when no staffId), excluding the robot (`chatbotUserId`).
///
/// # Errors
/// [`Error::Parse`] when the body is not JSON.
pub fn parse_callback(body: &str) -> Result<Option<InboundMessage>, Error> {
    let value: Value = serde_json::from_str(body).map_err(|err| Error::Parse(err.to_string()))?;
    Ok(parse_value(&value))
}

fn json_str(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_value(value: &Value) -> Option<InboundMessage> {
    let msgtype = value.get("msgtype").and_then(Value::as_str).unwrap_or("text");
    let text = match msgtype {
        "text" => json_str(value.get("text")?.get("content"))?,
        "richText" => {
            let pieces = value.get("content")?.get("richText")?.as_array()?;
            let texts: Vec<&str> = pieces.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect();
            if texts.is_empty() {
                return None;
            }
            texts.concat()
        }
        _ => return None,
    };
    let text = text.trim_start().to_owned();
    let sender_id =
        json_str(value.get("senderStaffId")).filter(|s| !s.is_empty()).or_else(|| json_str(value.get("senderId")))?;
    let chat_id = json_str(value.get("conversationId")).unwrap_or_else(|| sender_id.clone());
    let robot = json_str(value.get("chatbotUserId")).unwrap_or_default();
    let mut mentions: Vec<String> = Vec::new();
    for user in value.get("atUsers").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]) {
        let dingtalk_id = json_str(user.get("dingtalkId")).unwrap_or_default();
        if !robot.is_empty() && dingtalk_id == robot {
            continue;
        }
        let id = json_str(user.get("staffId")).filter(|s| !s.is_empty()).unwrap_or(dingtalk_id);
        if !id.is_empty() && !mentions.contains(&id) {
            mentions.push(id);
        }
    }
    // Reply/quote shape is not in the public callback doc we checked; read it defensively.
    let quoted = value.get("text").and_then(|t| {
        let replied = t.get("repliedMsg")?;
        let quote_text =
            json_str(replied.get("content").and_then(|c| c.get("text"))).or_else(|| json_str(replied.get("text")))?;
        let quote_sender = json_str(replied.get("senderId")).unwrap_or_default();
        Some((quote_sender, quote_text))
    });
    Some(InboundMessage {
        platform: Platform::Dingtalk,
        msg_id: json_str(value.get("msgId")).unwrap_or_default(),
        chat_id,
        sender_id,
        sender_name: json_str(value.get("senderNick")).filter(|s| !s.is_empty()),
        text,
        ts: value.get("createAt").and_then(|t| t.as_i64().or_else(|| t.as_str()?.parse().ok())),
        quoted,
        mentions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sign_inline_vector() {
        assert_eq!(sign("1577262236757", "this is secret"), "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
        assert_eq!(
            sign_query("1577262236757", "this is secret"),
            "&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D"
        );
        assert_eq!(
            signed_webhook_url(
                "https://oapi.dingtalk.com/robot/send?access_token=T",
                "1577262236757",
                "this is secret"
            ),
            "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D"
        );
        assert!(signed_webhook_url("https://x/send", "1", "s").starts_with("https://x/send?timestamp=1&sign="));
    }

    #[test]
    fn verify_header() {
        let good = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";
        assert_eq!(verify_callback("1577262236757", good, "this is secret"), Ok(()));
        let cases = [
            ("1577262236758", good, "this is secret"),
            ("1577262236757", good, "other secret"),
            ("1577262236757", "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQQ=", "this is secret"),
            ("1577262236757", "not base64!", "this is secret"),
            ("1577262236757", "", "this is secret"),
        ];
        for (ts, sig, secret) in cases {
            assert_eq!(verify_callback(ts, sig, secret), Err(Error::Signature), "{ts} {sig} {secret}");
        }
    }

    #[test]
    fn parse_group_text() {
        let body = r#"{"conversationId":"cidABC==","atUsers":[{"dingtalkId":"$:LWCP_v1:$bot"},
            {"dingtalkId":"$:LWCP_v1:$ls","staffId":"lisi01"}],"chatbotCorpId":"ding1","chatbotUserId":"$:LWCP_v1:$bot",
            "msgId":"msgXYZ","senderNick":"张三","isAdmin":true,"senderStaffId":"zhangsan01",
            "sessionWebhookExpiredTime":1613635652738,"createAt":1613630252678,"senderCorpId":"ding1",
            "conversationType":"2","senderId":"$:LWCP_v1:$zs","conversationTitle":"项目群","isInAtList":true,
            "sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=x",
            "text":{"content":" @李四 周五前提交报告"},"robotCode":"normal","msgtype":"text"}"#;
        let want = InboundMessage {
            platform: Platform::Dingtalk,
            msg_id: "msgXYZ".to_owned(),
            chat_id: "cidABC==".to_owned(),
            sender_id: "zhangsan01".to_owned(),
            sender_name: Some("张三".to_owned()),
            text: "@李四 周五前提交报告".to_owned(),
            ts: Some(1_613_630_252_678),
            quoted: None,
            mentions: vec!["lisi01".to_owned()],
        };
        assert_eq!(parse_callback(body), Ok(Some(want)));
    }

    #[test]
    fn parse_other_shapes() {
        let rich = r#"{"msgId":"m","senderId":"s","msgtype":"richText","content":{"richText":[{"text":"看"},{"downloadCode":"d","type":"picture"},{"text":"图"}]}}"#;
        let msg = parse_callback(rich).ok().flatten();
        assert_eq!(msg.as_ref().map(|m| m.text.as_str()), Some("看图"));
        assert_eq!(msg.as_ref().map(|m| m.chat_id.as_str()), Some("s"));
        let picture = r#"{"msgId":"m","senderId":"s","msgtype":"picture","content":{"downloadCode":"d"}}"#;
        assert_eq!(parse_callback(picture), Ok(None));
        let reply = r#"{"msgId":"m","senderId":"s","msgtype":"text","text":{"content":"好的","isReplyMsg":true,
            "repliedMsg":{"senderId":"u9","msgType":"text","content":{"text":"谁跟进？"}}}}"#;
        let msg = parse_callback(reply).ok().flatten();
        assert_eq!(msg.and_then(|m| m.quoted), Some(("u9".to_owned(), "谁跟进？".to_owned())));
        assert!(matches!(parse_callback("{"), Err(Error::Parse(_))));
    }

    proptest! {
        #[test]
        fn never_panics(s in ".{0,200}", ts in ".{0,20}") {
            let _ = parse_callback(&s);
            let _ = verify_callback(&ts, &s, "secret");
        }
    }
}
