//! Chat-platform callback crypto, signature schemes and message parsing (pure code, no I/O).
//!
//! chat2task receives group-chat messages from three platforms and posts summaries back:
//!
//! * [`wecom`]: 企业微信 WXBizMsgCrypt (AI bot 智能机器人 callback and classic app callback):
//!   AES-256-CBC with 32-byte PKCS#7, SHA-1 `msg_signature`, XML/JSON envelopes, reply encryption.
//! * [`feishu`]: 飞书 event subscription: AES-256-CBC event decryption, `X-Lark-Signature` check,
//!   `url_verification` challenge, `im.message.receive_v1` parsing, custom-bot signing.
//! * [`dingtalk`]: 钉钉 robot: outgoing-robot callback `sign` header check, webhook signing,
//!   callback JSON parsing.
//! * [`outbound`]: payload builders for the three group-robot webhooks and chat2task's own
//!   signed generic webhook (`X-Chat2task-Signature`).
//!
//! Input: raw request parts (query values, header values, body bytes) that the HTTP layer hands
//! over unchanged. Output: verified plaintext, a neutral [`InboundMessage`], or a payload to POST.
//!
//! Invariants:
//! * nothing here performs I/O, reads env vars or the clock: callers pass `now` and secrets;
//! * every signature/MAC comparison is constant-time ([`ct_eq`] or `hmac`'s `verify_slice`);
//! * no input-derived data can make these functions panic (checked by proptest);
//! * non-text messages (images, events, stream refreshes) are not errors: parsers return `Ok(None)`.

pub mod dingtalk;
pub mod feishu;
pub mod outbound;
pub mod wecom;

#[cfg(test)]
mod vectors_tests;

/// The chat platform a message came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    /// 企业微信 (WeCom), AI bot or classic self-built app callback.
    Wecom,
    /// 飞书 / Lark event subscription.
    Feishu,
    /// 钉钉 (DingTalk) robot callback.
    Dingtalk,
}

impl Platform {
    /// Stable lowercase name (`"wecom"`, `"feishu"`, `"dingtalk"`), suitable for storage and routes.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Wecom => "wecom",
            Platform::Feishu => "feishu",
            Platform::Dingtalk => "dingtalk",
        }
    }
}

/// A chat message normalised across platforms; what the extraction pipeline consumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundMessage {
    /// Platform the message came from.
    pub platform: Platform,
    /// Platform message id (WeCom `msgid`/`MsgId`, Feishu `message_id`, DingTalk `msgId`);
    /// unique per platform, usable for idempotence.
    pub msg_id: String,
    /// Conversation id (WeCom `chatid`, Feishu `chat_id`, DingTalk `conversationId`). For
    /// one-to-one chats without a chat id (WeCom single chat, classic app) it is the sender id.
    pub chat_id: String,
    /// Sender's platform user id (WeCom userid, Feishu open_id, DingTalk staffId or senderId).
    pub sender_id: String,
    /// Display name when the platform sends one (only DingTalk's `senderNick` today).
    pub sender_name: Option<String>,
    /// Message text. Mentions are written `@Name` on every platform (Feishu's `@_user_1`
    /// placeholders are replaced by names). Not trimmed except DingTalk's leading space.
    pub text: String,
    /// Send time as Unix **milliseconds** when the platform gives one.
    pub ts: Option<i64>,
    /// Quoted / replied-to message as `(sender, text)`; sender is `""` when the platform does
    /// not say who wrote it (WeCom AI bot quotes carry only the text).
    pub quoted: Option<(String, String)>,
    /// Mentioned users: names (WeCom text `@name` tokens, Feishu mention names) or ids
    /// (DingTalk `atUsers` staffId/dingtalkId, the robot itself excluded). May include the bot.
    pub mentions: Vec<String>,
}

/// Replay-window check: `true` when `ts` is within `max_skew_secs` of `now` (both Unix seconds).
///
/// `max_skew_secs == 0` disables the check (always `true`). The window is symmetric so a
/// sender's clock running slightly ahead is tolerated. Saturating arithmetic: no overflow panic.
pub fn check_skew(ts: i64, now: i64, max_skew_secs: u64) -> bool {
    if max_skew_secs == 0 {
        return true;
    }
    let diff = now.saturating_sub(ts).unsigned_abs();
    diff <= max_skew_secs
}

/// Parses a timestamp header/query value into Unix seconds.
///
/// Accepts seconds (WeCom, Feishu: `"1409659589"`) and milliseconds (DingTalk: 13 digits,
/// `"1577262236757"`); any value above 10^11 is taken as milliseconds. Returns `None` for
/// anything that is not a plain non-negative integer.
pub fn parse_unix_secs(value: &str) -> Option<i64> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = value.parse().ok()?;
    if n > 100_000_000_000 { Some(n / 1000) } else { Some(n) }
}

/// Constant-time byte-slice equality (the length itself is not secret).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    diff == 0
}

/// Percent-encodes everything except RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`).
///
/// Used for DingTalk's `sign` query parameter (`+` → `%2B`, `/` → `%2F`, `=` → `%3D`).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push_str(&format!("{byte:02X}"));
        }
    }
    out
}

/// Percent-decodes a URL query value (`%XX` escapes; `+` is kept as `+`, never turned into a
/// space, because base64 values such as WeCom's `echostr` contain literal `+`).
///
/// Malformed escapes are kept verbatim; invalid UTF-8 is replaced lossily.
pub fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        let byte = bytes.get(idx).copied().unwrap_or(0);
        if byte == b'%' {
            let hi = bytes.get(idx + 1).and_then(|b| char::from(*b).to_digit(16));
            let lo = bytes.get(idx + 2).and_then(|b| char::from(*b).to_digit(16));
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push((hi * 16 + lo) as u8);
                idx += 3;
                continue;
            }
        }
        out.push(byte);
        idx += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Extracts `@name` tokens from message text: an `@` at the start or after whitespace, up to
/// the next whitespace (WeCom puts U+2005 FOUR-PER-EM SPACE after a mention; Rust treats it as
/// whitespace). Email addresses (`a@b.com`) are not mentions.
pub(crate) fn mentions_from_text(text: &str) -> Vec<String> {
    let mut mentions = Vec::new();
    let mut prev_is_space = true;
    for (pos, ch) in text.char_indices() {
        if ch == '@' && prev_is_space {
            let rest = text.get(pos + 1..).unwrap_or("");
            let name: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '@').collect();
            if !name.is_empty() && !mentions.contains(&name) {
                mentions.push(name);
            }
        }
        prev_is_space = ch.is_whitespace();
    }
    mentions
}

/// Standard base64 engine that accepts non-zero trailing bits (WeCom EncodingAESKey's 43rd char).
pub(crate) const B64_LENIENT: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

/// HMAC-SHA256 of `msg` under `key` (any key length is valid for HMAC).
pub(crate) fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    type HmacSha256 = Hmac<sha2::Sha256>;
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_window() {
        let cases: &[(i64, i64, u64, bool)] = &[
            (1000, 1000, 300, true),
            (700, 1000, 300, true),
            (699, 1000, 300, false),
            (1300, 1000, 300, true),
            (1301, 1000, 300, false),
            (0, 1_000_000, 0, true),
            (i64::MIN, i64::MAX, 300, false),
            (i64::MAX, i64::MIN, 300, false),
        ];
        for &(ts, now, max, want) in cases {
            assert_eq!(check_skew(ts, now, max), want, "check_skew({ts}, {now}, {max})");
        }
    }

    #[test]
    fn unix_secs_parsing() {
        assert_eq!(parse_unix_secs("1409659589"), Some(1409659589));
        assert_eq!(parse_unix_secs("1577262236757"), Some(1577262236));
        assert_eq!(parse_unix_secs("-5"), None);
        assert_eq!(parse_unix_secs(""), None);
        assert_eq!(parse_unix_secs("12a"), None);
        assert_eq!(parse_unix_secs("99999999999999999999999"), None);
    }

    #[test]
    fn ct_eq_basic() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
        assert!(ct_eq(b"", b""));
    }

    #[test]
    fn percent_round_trip() {
        let sign = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";
        let enc = percent_encode(sign);
        assert_eq!(enc, "hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
        assert_eq!(percent_decode(&enc), sign);
        assert_eq!(percent_decode("a+b%2F%zz%"), "a+b/%zz%");
        assert_eq!(percent_decode("%E4%BD%A0"), "你");
    }

    #[test]
    fn mentions() {
        let cases: &[(&str, &[&str])] = &[
            ("@任务助手 @李四 周五前把季度报表发出来", &["任务助手", "李四"]),
            ("@王五\u{2005}明天交", &["王五"]),
            ("mail a@b.com please", &[]),
            ("@ alone", &[]),
            ("@张三@李四 x", &["张三"]),
            ("@张三 @张三", &["张三"]),
        ];
        for (text, want) in cases {
            assert_eq!(mentions_from_text(text), *want, "text {text:?}");
        }
    }
}
