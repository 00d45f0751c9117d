//! Feishu / Lark (飞书) event subscription crypto and `im.message.receive_v1` parsing.
//!
//! * Event decryption: key = SHA-256(Encrypt Key), AES-256-CBC, IV = first 16 bytes of the
//!   base64-decoded payload, ordinary 16-byte PKCS#7.
//! * Request signature: header `X-Lark-Signature` = hex(SHA-256(timestamp + nonce + encrypt_key
//!   + raw body)) with `X-Lark-Request-Timestamp` / `X-Lark-Request-Nonce` (plain hash, not HMAC).
//! * `url_verification`: answer `{"challenge": …}` after checking the verification token
//!   (top-level `token` in that v1-shaped request, `header.token` in v2.0 events).
//! * Custom bot (自定义机器人) outbound signing: base64(HmacSHA256(key = timestamp + "\n" +
//!   secret, message = empty)). Note the argument order is the mirror image of DingTalk's.
//!
//! Invariants: signature/token comparisons are constant-time; nothing panics on input.

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::platforms::{InboundMessage, Platform, ct_eq, hmac_sha256};

/// Feishu callback errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The `encrypt` value is not valid base64.
    #[error("encrypt is not valid base64")]
    DecodeBase64,
    /// Ciphertext too short / not block aligned, or bad PKCS#7 padding (wrong key or tampering).
    #[error("cannot decrypt event (wrong encrypt key or tampered payload)")]
    Decrypt,
    /// The decrypted bytes are not UTF-8.
    #[error("decrypted event is not UTF-8")]
    NotUtf8,
    /// `X-Lark-Signature` does not match.
    #[error("X-Lark-Signature mismatch")]
    Signature,
    /// The verification token in the body differs from the configured one (or is missing).
    #[error("verification token mismatch")]
    Token,
    /// The body is an encrypted event but no encrypt key is configured.
    #[error("event is encrypted but no encrypt key is configured")]
    MissingEncryptKey,
    /// The body (or decrypted event) is not the expected JSON.
    #[error("cannot parse event json: {0}")]
    Parse(String),
}

/// What a Feishu callback body turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Callback {
    /// `url_verification`: respond with [`challenge_response`] (HTTP 200, JSON).
    Challenge {
        /// The challenge string to echo back.
        challenge: String,
    },
    /// An event (v2.0 schema, or v1 with `uuid`); boxed because it carries the raw JSON.
    Event(Box<Event>),
}

/// A decoded Feishu event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `header.event_id` (v2.0) or `uuid` (v1): Feishu retries deliveries, dedupe on this.
    pub event_id: String,
    /// `header.event_type` (v2.0) or `event.type` (v1), e.g. `im.message.receive_v1`.
    pub event_type: String,
    /// The parsed chat message for `im.message.receive_v1` text/post messages, else `None`.
    pub message: Option<InboundMessage>,
    /// The full decrypted event JSON, for event types this module does not model.
    pub raw: Value,
}

/// Decrypts an `encrypt` field with the app's Encrypt Key.
///
/// # Errors
/// [`Error::DecodeBase64`], [`Error::Decrypt`] (length/padding), [`Error::NotUtf8`].
pub fn decrypt(encrypt_key: &str, encrypt_b64: &str) -> Result<String, Error> {
    let raw = STANDARD.decode(encrypt_b64.trim()).map_err(|_| Error::DecodeBase64)?;
    if raw.len() < 32 || raw.len() % 16 != 0 {
        return Err(Error::Decrypt);
    }
    let (iv, ciphertext) = raw.split_at(16);
    let key = Sha256::digest(encrypt_key.as_bytes());
    let decryptor = cbc::Decryptor::<Aes256>::new_from_slices(&key, iv).map_err(|_| Error::Decrypt)?;
    let plain = decryptor.decrypt_padded_vec_mut::<Pkcs7>(ciphertext).map_err(|_| Error::Decrypt)?;
    String::from_utf8(plain).map_err(|_| Error::NotUtf8)
}

/// Encrypts like Feishu does (IV prepended), with a caller-chosen IV. For tests and local
/// simulators; Feishu never expects us to encrypt.
pub fn encrypt_with_iv(encrypt_key: &str, plaintext: &str, iv: [u8; 16]) -> String {
    let key = Sha256::digest(encrypt_key.as_bytes());
    let ciphertext = match cbc::Encryptor::<Aes256>::new_from_slices(&key, &iv) {
        Ok(enc) => enc.encrypt_padded_vec_mut::<Pkcs7>(plaintext.as_bytes()),
        Err(_) => unreachable!("SHA-256 output is 32 bytes and the IV 16"),
    };
    let mut out = iv.to_vec();
    out.extend_from_slice(&ciphertext);
    STANDARD.encode(out)
}

/// `X-Lark-Signature` value: lowercase hex SHA-256 of timestamp + nonce + encrypt_key + body.
pub fn signature(timestamp: &str, nonce: &str, encrypt_key: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(timestamp.as_bytes());
    hasher.update(nonce.as_bytes());
    hasher.update(encrypt_key.as_bytes());
    hasher.update(body);
    hex::encode(hasher.finalize())
}

/// Checks `X-Lark-Signature` in constant time over the **raw** body bytes.
///
/// # Errors
/// [`Error::Signature`] on mismatch.
pub fn verify_signature(
    timestamp: &str,
    nonce: &str,
    encrypt_key: &str,
    body: &[u8],
    signature_header: &str,
) -> Result<(), Error> {
    let expected = signature(timestamp, nonce, encrypt_key, body);
    let given = signature_header.trim().to_ascii_lowercase();
    if ct_eq(expected.as_bytes(), given.as_bytes()) { Ok(()) } else { Err(Error::Signature) }
}

/// Custom bot signature: base64(HmacSHA256(key = `timestamp + "\n" + secret`, msg = "")).
/// `timestamp` is Unix **seconds**; send it with the payload as `timestamp` and `sign`.
pub fn sign(timestamp: &str, secret: &str) -> String {
    let key = format!("{timestamp}\n{secret}");
    STANDARD.encode(hmac_sha256(key.as_bytes(), b""))
}

/// JSON body answering a `url_verification` request.
pub fn challenge_response(challenge: &str) -> String {
    serde_json::json!({ "challenge": challenge }).to_string()
}

/// Handles a callback body: decrypts `{"encrypt": …}` when present, checks the verification
/// token when one is configured, and classifies the result.
///
/// Signature checking is separate ([`verify_signature`]) because it needs headers; the HTTP
/// layer should run it first for events whenever an encrypt key is configured.
///
/// # Errors
/// [`Error::MissingEncryptKey`], decryption errors, [`Error::Token`], [`Error::Parse`].
pub fn handle_callback(
    body: &[u8],
    encrypt_key: Option<&str>,
    verification_token: Option<&str>,
) -> Result<Callback, Error> {
    let outer: Value = serde_json::from_slice(body).map_err(|err| Error::Parse(format!("body: {err}")))?;
    let inner = match outer.get("encrypt").and_then(Value::as_str) {
        Some(encrypt) => {
            let key = encrypt_key.ok_or(Error::MissingEncryptKey)?;
            let plain = decrypt(key, encrypt)?;
            serde_json::from_str(&plain).map_err(|err| Error::Parse(format!("decrypted: {err}")))?
        }
        None => outer,
    };
    if let Some(expected) = verification_token.filter(|t| !t.is_empty()) {
        let given = inner
            .get("header")
            .and_then(|h| h.get("token"))
            .or_else(|| inner.get("token"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if !ct_eq(given.as_bytes(), expected.as_bytes()) {
            return Err(Error::Token);
        }
    }
    if inner.get("type").and_then(Value::as_str) == Some("url_verification") {
        let challenge = inner
            .get("challenge")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Parse("url_verification without challenge".to_owned()))?;
        return Ok(Callback::Challenge { challenge: challenge.to_owned() });
    }
    Ok(Callback::Event(Box::new(parse_event_value(inner))))
}

/// Parses a decrypted event JSON (v2.0 `schema`/`header`/`event`, or v1 `uuid`/`event`).
///
/// # Errors
/// [`Error::Parse`] when `json` is not JSON.
pub fn parse_event(json: &str) -> Result<Event, Error> {
    let value: Value = serde_json::from_str(json).map_err(|err| Error::Parse(err.to_string()))?;
    Ok(parse_event_value(value))
}

fn parse_event_value(value: Value) -> Event {
    let header = value.get("header");
    let event_id = header
        .and_then(|h| h.get("event_id"))
        .or_else(|| value.get("uuid"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let event_type = header
        .and_then(|h| h.get("event_type"))
        .or_else(|| value.get("event").and_then(|e| e.get("type")))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let message =
        if event_type == "im.message.receive_v1" { value.get("event").and_then(parse_receive_v1) } else { None };
    Event { event_id, event_type, message, raw: value }
}

/// A mention in `message.mentions`: placeholder key (`@_user_1`) and display name.
struct Mention {
    key: String,
    name: String,
    id: String,
}

fn parse_receive_v1(event: &Value) -> Option<InboundMessage> {
    let message = event.get("message")?;
    let sender_ids = event.get("sender")?.get("sender_id")?;
    let sender_id = ["open_id", "user_id", "union_id"]
        .iter()
        .find_map(|k| sender_ids.get(*k).and_then(Value::as_str).filter(|s| !s.is_empty()))?
        .to_owned();
    let mut mentions: Vec<Mention> = message
        .get("mentions")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|m| {
                    Some(Mention {
                        key: m.get("key")?.as_str()?.to_owned(),
                        name: m.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
                        id: m
                            .get("id")
                            .and_then(|id| id.get("open_id"))
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    // Longest key first, so `@_user_1` never clobbers the prefix of `@_user_10`.
    mentions.sort_by_key(|m| std::cmp::Reverse(m.key.len()));
    let content: Value = serde_json::from_str(message.get("content")?.as_str()?).ok()?;
    let raw_text = match message.get("message_type").and_then(Value::as_str)? {
        "text" => content.get("text")?.as_str()?.to_owned(),
        "post" => post_text(&content)?,
        _ => return None,
    };
    let mut text = raw_text;
    for mention in &mentions {
        let label = if mention.name.is_empty() { &mention.id } else { &mention.name };
        text = text.replace(&mention.key, &format!("@{label}"));
    }
    text = text.replace("@_all", "@所有人");
    let mut names: Vec<String> = Vec::new();
    // Restore document order for the mention list.
    let mut ordered: Vec<&Mention> = mentions.iter().collect();
    ordered.sort_by_key(|m| natural_key(&m.key));
    for mention in ordered {
        let label = if mention.name.is_empty() { &mention.id } else { &mention.name };
        if !label.is_empty() && !names.contains(label) {
            names.push(label.clone());
        }
    }
    let ts = message.get("create_time").and_then(|t| t.as_i64().or_else(|| t.as_str()?.trim().parse::<i64>().ok()));
    Some(InboundMessage {
        platform: Platform::Feishu,
        msg_id: message.get("message_id")?.as_str()?.to_owned(),
        chat_id: message.get("chat_id")?.as_str()?.to_owned(),
        sender_id,
        sender_name: None,
        text,
        ts,
        quoted: None,
        mentions: names,
    })
}

/// Sort key for `@_user_N` placeholders: (N, key).
fn natural_key(key: &str) -> (u64, String) {
    let n = key.rsplit('_').next().and_then(|tail| tail.parse().ok()).unwrap_or(u64::MAX);
    (n, key.to_owned())
}

/// Flattens a rich-text `post` content: title, then each paragraph's text/link/at elements.
/// Handles both `{"title","content"}` and the locale-wrapped `{"zh_cn": {…}}` shapes.
fn post_text(content: &Value) -> Option<String> {
    let body = if content.get("content").is_some() {
        content
    } else {
        content.as_object()?.values().find(|v| v.get("content").is_some())?
    };
    let mut lines: Vec<String> = Vec::new();
    if let Some(title) = body.get("title").and_then(Value::as_str).filter(|t| !t.is_empty()) {
        lines.push(title.to_owned());
    }
    for paragraph in body.get("content")?.as_array()? {
        let mut line = String::new();
        for element in paragraph.as_array().map(Vec::as_slice).unwrap_or(&[]) {
            match element.get("tag").and_then(Value::as_str) {
                Some("text") | Some("a") | Some("code_block") => {
                    line.push_str(element.get("text").and_then(Value::as_str).unwrap_or(""));
                }
                Some("at") => {
                    let user = element.get("user_id").and_then(Value::as_str).unwrap_or("");
                    let name = element.get("user_name").and_then(Value::as_str).unwrap_or("");
                    if user.starts_with("@_") || name.is_empty() {
                        // Placeholder: the shared replacement pass turns it into `@Name`.
                        line.push_str(user);
                    } else {
                        line.push('@');
                        line.push_str(name);
                    }
                }
                _ => {}
            }
        }
        lines.push(line);
    }
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn official_decrypt_inline() {
        assert_eq!(decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="), Ok("hello world".to_owned()));
        assert_eq!(decrypt("wrong key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").err(), Some(Error::Decrypt));
        assert_eq!(decrypt("k", "%%").err(), Some(Error::DecodeBase64));
        assert_eq!(decrypt("k", &STANDARD.encode([0u8; 16])).err(), Some(Error::Decrypt));
    }

    #[test]
    fn round_trip_and_sign() {
        let enc = encrypt_with_iv("k", "你好", [7u8; 16]);
        assert_eq!(decrypt("k", &enc), Ok("你好".to_owned()));
        assert_eq!(sign("1599360473", "test-secret"), "wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY=");
    }

    fn receive_v1(content: &str, mentions: &str) -> String {
        serde_json::json!({
            "schema": "2.0",
            "header": {"event_id": "5e3702a84e847582be8db7fb73283c02", "event_type": "im.message.receive_v1",
                       "create_time": "1608725989000", "token": "rvaYgkR", "app_id": "cli_x", "tenant_key": "t"},
            "event": {
                "sender": {"sender_id": {"union_id": "on_1", "user_id": "u_1", "open_id": "ou_sender"},
                           "sender_type": "user", "tenant_key": "t"},
                "message": {"message_id": "om_1", "root_id": "", "parent_id": "", "create_time": "1609073151345",
                            "chat_id": "oc_chat", "chat_type": "group", "message_type": "text",
                            "content": content,
                            "mentions": serde_json::from_str::<Value>(mentions).unwrap_or(Value::Null)}
            }
        })
        .to_string()
    }

    #[test]
    fn receive_v1_text_with_mentions() {
        let mentions = r#"[{"key":"@_user_1","id":{"open_id":"ou_bot"},"name":"任务助手"},
                           {"key":"@_user_10","id":{"open_id":"ou_ten"},"name":"十号"},
                           {"key":"@_user_2","id":{"open_id":"ou_ls"},"name":"李四"}]"#;
        let json = receive_v1(r#"{"text":"@_user_1 @_user_2 周五前把报表发出来 cc @_user_10"}"#, mentions);
        let event = parse_event(&json).ok();
        let msg = event.as_ref().and_then(|e| e.message.clone());
        assert_eq!(event.map(|e| e.event_id), Some("5e3702a84e847582be8db7fb73283c02".to_owned()));
        let want = InboundMessage {
            platform: Platform::Feishu,
            msg_id: "om_1".to_owned(),
            chat_id: "oc_chat".to_owned(),
            sender_id: "ou_sender".to_owned(),
            sender_name: None,
            text: "@任务助手 @李四 周五前把报表发出来 cc @十号".to_owned(),
            ts: Some(1_609_073_151_345),
            quoted: None,
            mentions: vec!["任务助手".to_owned(), "李四".to_owned(), "十号".to_owned()],
        };
        assert_eq!(msg, Some(want));
    }

    #[test]
    fn receive_v1_post_and_non_text() {
        let post = r#"{"title":"周报","content":[[{"tag":"at","user_id":"@_user_1","user_name":""},{"tag":"text","text":" 明天交"}],[{"tag":"img","image_key":"x"}]]}"#;
        let json = receive_v1(post, r#"[{"key":"@_user_1","id":{"open_id":"ou_w"},"name":"王五"}]"#)
            .replace(r#""message_type":"text""#, r#""message_type":"post""#);
        let msg = parse_event(&json).ok().and_then(|e| e.message);
        assert_eq!(msg.map(|m| m.text), Some("周报\n@王五 明天交\n".to_owned()));
        let image = receive_v1(r#"{"image_key":"img_x"}"#, "[]")
            .replace(r#""message_type":"text""#, r#""message_type":"image""#);
        let event = parse_event(&image).ok();
        assert_eq!(event.as_ref().map(|e| e.event_type.as_str()), Some("im.message.receive_v1"));
        assert_eq!(event.and_then(|e| e.message), None);
    }

    #[test]
    fn callback_challenge_plain_and_token() {
        let body = br#"{"challenge":"ajls384kdjx98XX","token":"xxxxxx","type":"url_verification"}"#;
        let want = Ok(Callback::Challenge { challenge: "ajls384kdjx98XX".to_owned() });
        assert_eq!(handle_callback(body, None, Some("xxxxxx")), want);
        assert_eq!(handle_callback(body, None, None), want);
        assert_eq!(handle_callback(body, None, Some("other")), Err(Error::Token));
        assert_eq!(challenge_response("abc"), r#"{"challenge":"abc"}"#);
    }

    #[test]
    fn callback_encrypted_event() {
        let plain = receive_v1(r#"{"text":"hi"}"#, "[]");
        let body = serde_json::json!({"encrypt": encrypt_with_iv("ek", &plain, [1u8; 16])}).to_string();
        assert_eq!(handle_callback(body.as_bytes(), None, None), Err(Error::MissingEncryptKey));
        assert_eq!(handle_callback(body.as_bytes(), Some("bad"), None), Err(Error::Decrypt));
        assert_eq!(handle_callback(body.as_bytes(), Some("ek"), Some("nope")), Err(Error::Token));
        match handle_callback(body.as_bytes(), Some("ek"), Some("rvaYgkR")) {
            Ok(Callback::Event(event)) => {
                assert_eq!(event.message.map(|m| m.text), Some("hi".to_owned()));
            }
            other => panic!("expected event, got {other:?}"),
        }
        assert!(matches!(handle_callback(b"nope", None, None), Err(Error::Parse(_))));
    }

    proptest! {
        #[test]
        fn decrypt_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200), s in ".{0,100}") {
            let _ = decrypt("k", &STANDARD.encode(&bytes));
            let _ = decrypt("k", &s);
            let _ = handle_callback(s.as_bytes(), Some("k"), Some("t"));
            let _ = parse_event(&s);
        }
    }
}
