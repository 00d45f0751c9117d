//! WeCom (企业微信) callback crypto: a from-scratch WXBizMsgCrypt, plus message parsing.
//!
//! Used by both the AI bot (智能机器人, JSON bodies, empty receive id) and the classic self-built
//! app callback (XML bodies, receive id = corpid). Scheme (WeCom 加解密方案说明, doc path 90968):
//!
//! * key = base64(EncodingAESKey + "=") → 32 bytes; the decoder must allow trailing bits;
//!   IV = first 16 bytes of the key; AES-256-CBC;
//! * padding is PKCS#7 with a **32-byte** block (pad 1..=32, aligned input gets a full block),
//!   so stock 16-byte unpadders reject real ciphertexts: we decrypt unpadded and strip by hand;
//! * plaintext = random(16) ‖ len(msg) as u32 big-endian ‖ msg ‖ receive_id;
//! * `msg_signature` = hex(sha1(concat(sorted([token, timestamp, nonce, encrypt])))).
//!
//! Invariants: the signature is checked (constant-time) before any decryption; the receive id is
//! compared with the *configured* value, never with `ToUserName`; nothing panics on input.
//! Errors carry the official ierror codes via [`Error::code`].

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use serde_json::Value;
use sha1::{Digest, Sha1};

use crate::platforms::{B64_LENIENT, InboundMessage, Platform, ct_eq, mentions_from_text};

/// WeCom block size for PKCS#7 padding (not the AES block size).
const PAD_BLOCK: usize = 32;

/// WeCom crypto errors, one variant per entry of the official ierror table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// -40001: `msg_signature` does not match the computed signature.
    #[error("msg_signature does not match (-40001)")]
    ValidateSignature,
    /// -40002: the XML/JSON envelope (or decrypted message) cannot be parsed.
    #[error("cannot parse xml/json: {0} (-40002)")]
    Parse(String),
    /// -40003: signature computation failed (kept for the table; never produced here).
    #[error("cannot compute signature (-40003)")]
    ComputeSignature,
    /// -40004: the EncodingAESKey is not 43 base64 chars decoding to 32 bytes.
    #[error("illegal EncodingAESKey (-40004)")]
    IllegalAesKey,
    /// -40005: the receive id at the end of the plaintext differs from the configured one.
    #[error("receive id mismatch (-40005)")]
    ValidateReceiveId,
    /// -40006: AES encryption failed (kept for the table; never produced here).
    #[error("AES encryption failed (-40006)")]
    EncryptAes,
    /// -40007: AES decryption failed: length not a block multiple, or bad 32-byte padding.
    #[error("AES decryption or padding check failed (-40007)")]
    DecryptAes,
    /// -40008: decrypted buffer malformed: too short, length field overflows, msg not UTF-8.
    #[error("illegal decrypted buffer (-40008)")]
    IllegalBuffer,
    /// -40009: base64 encoding failed (kept for the table; never produced here).
    #[error("base64 encoding failed (-40009)")]
    EncodeBase64,
    /// -40010: the ciphertext is not valid base64.
    #[error("ciphertext is not valid base64 (-40010)")]
    DecodeBase64,
    /// -40011: the reply envelope cannot be generated.
    #[error("cannot generate reply xml/json (-40011)")]
    GenReturn,
}

impl Error {
    /// The official numeric error code (`-40001` … `-40011`).
    pub fn code(&self) -> i32 {
        match self {
            Error::ValidateSignature => -40001,
            Error::Parse(_) => -40002,
            Error::ComputeSignature => -40003,
            Error::IllegalAesKey => -40004,
            Error::ValidateReceiveId => -40005,
            Error::EncryptAes => -40006,
            Error::DecryptAes => -40007,
            Error::IllegalBuffer => -40008,
            Error::EncodeBase64 => -40009,
            Error::DecodeBase64 => -40010,
            Error::GenReturn => -40011,
        }
    }
}

/// The fields of a decrypted WeCom plaintext buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decrypted {
    /// The 16 random prefix bytes.
    pub random: [u8; 16],
    /// The message (UTF-8; `msg_len` counts its bytes).
    pub msg: String,
    /// Trailing receive id (corpid, suite id, or `""` for AI bots).
    pub receive_id: String,
    /// The 32-byte-block PKCS#7 pad value that was stripped (1..=32).
    pub pad_value: u8,
}

/// Wire format of a callback envelope / reply envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeFormat {
    /// Classic app callback: `<xml><Encrypt><![CDATA[…]]></Encrypt>…</xml>`.
    Xml,
    /// AI bot (and JSON app) callback: `{"encrypt": "…"}`; reply key is `msgsignature`.
    Json,
}

/// A configured WXBizMsgCrypt verifier/encryptor for one WeCom callback URL.
#[derive(Clone)]
pub struct WecomCrypto {
    token: String,
    key: [u8; 32],
    receive_id: String,
}

impl std::fmt::Debug for WecomCrypto {
    // Secrets are never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WecomCrypto")
            .field("token", &"<redacted>")
            .field("key", &"<redacted>")
            .field("receive_id", &self.receive_id)
            .finish()
    }
}

impl WecomCrypto {
    /// Builds a verifier from the callback settings.
    ///
    /// `receive_id` is the corpid (self-built app), the suite id (third-party suite) or `""`
    /// (enterprise-internal AI bot 智能机器人).
    ///
    /// # Errors
    /// [`Error::IllegalAesKey`] when `encoding_aes_key` is not 43 base64 characters.
    pub fn new(token: &str, encoding_aes_key: &str, receive_id: &str) -> Result<Self, Error> {
        let encoding_aes_key = encoding_aes_key.trim();
        if encoding_aes_key.len() != 43 {
            return Err(Error::IllegalAesKey);
        }
        let decoded = B64_LENIENT.decode(format!("{encoding_aes_key}=")).map_err(|_| Error::IllegalAesKey)?;
        let key: [u8; 32] = decoded.try_into().map_err(|_| Error::IllegalAesKey)?;
        Ok(Self { token: token.to_owned(), key, receive_id: receive_id.to_owned() })
    }

    /// The configured receive id.
    pub fn receive_id(&self) -> &str {
        &self.receive_id
    }

    /// Computes `msg_signature`: lowercase hex SHA-1 of the sorted concatenation of
    /// token, timestamp, nonce and the base64 ciphertext.
    pub fn signature(&self, timestamp: &str, nonce: &str, encrypt: &str) -> String {
        let mut parts = [self.token.as_str(), timestamp, nonce, encrypt];
        parts.sort_unstable();
        let mut hasher = Sha1::new();
        for part in parts {
            hasher.update(part.as_bytes());
        }
        hex::encode(hasher.finalize())
    }

    /// Checks `msg_signature` in constant time.
    ///
    /// # Errors
    /// [`Error::ValidateSignature`] on mismatch.
    pub fn verify_signature(
        &self,
        msg_signature: &str,
        timestamp: &str,
        nonce: &str,
        encrypt: &str,
    ) -> Result<(), Error> {
        let expected = self.signature(timestamp, nonce, encrypt);
        let given = msg_signature.trim().to_ascii_lowercase();
        if ct_eq(expected.as_bytes(), given.as_bytes()) { Ok(()) } else { Err(Error::ValidateSignature) }
    }

    /// GET URL verification: checks the signature over `echostr`, decrypts it and returns the
    /// bare plaintext that must be the whole HTTP response body.
    ///
    /// Pass query values already percent-decoded. If a form decoder turned `+` into spaces, the
    /// spaces are restored to `+` (base64 never contains spaces).
    ///
    /// # Errors
    /// -40001 bad signature, -40010 bad base64, -40007 bad AES/padding, -40008 bad buffer,
    /// -40005 receive id mismatch.
    pub fn verify_url(
        &self,
        msg_signature: &str,
        timestamp: &str,
        nonce: &str,
        echostr: &str,
    ) -> Result<String, Error> {
        self.decrypt(msg_signature, timestamp, nonce, echostr)
    }

    /// POST callback: checks the signature over the `Encrypt` field value, decrypts it and
    /// checks the receive id. Returns the decrypted message (XML or JSON text).
    ///
    /// # Errors
    /// As [`WecomCrypto::verify_url`].
    pub fn decrypt(&self, msg_signature: &str, timestamp: &str, nonce: &str, encrypt: &str) -> Result<String, Error> {
        let encrypt = restore_plus(encrypt);
        self.verify_signature(msg_signature, timestamp, nonce, &encrypt)?;
        let decrypted = self.open(&encrypt)?;
        if decrypted.receive_id != self.receive_id {
            return Err(Error::ValidateReceiveId);
        }
        Ok(decrypted.msg)
    }

    /// POST callback from the raw body: extracts `Encrypt` from the XML or JSON envelope,
    /// then behaves as [`WecomCrypto::decrypt`].
    ///
    /// # Errors
    /// -40002 when the envelope has no `Encrypt`/`encrypt`, otherwise as `decrypt`.
    pub fn decrypt_body(&self, msg_signature: &str, timestamp: &str, nonce: &str, body: &str) -> Result<String, Error> {
        let (encrypt, _format) = parse_envelope(body)?;
        self.decrypt(msg_signature, timestamp, nonce, &encrypt)
    }

    /// Decrypts a base64 ciphertext **without** checking the signature or the receive id.
    /// Use only for diagnostics/tests; request handling goes through [`WecomCrypto::decrypt`].
    ///
    /// # Errors
    /// -40010 bad base64, -40007 bad AES length/padding, -40008 malformed buffer.
    pub fn open(&self, encrypt: &str) -> Result<Decrypted, Error> {
        let ciphertext = STANDARD.decode(encrypt.trim()).map_err(|_| Error::DecodeBase64)?;
        if ciphertext.is_empty() || ciphertext.len() % 16 != 0 {
            return Err(Error::DecryptAes);
        }
        let iv = self.key.get(..16).ok_or(Error::DecryptAes)?;
        let decryptor = cbc::Decryptor::<Aes256>::new_from_slices(&self.key, iv).map_err(|_| Error::DecryptAes)?;
        let plain = decryptor.decrypt_padded_vec_mut::<NoPadding>(&ciphertext).map_err(|_| Error::DecryptAes)?;
        let content = strip_pad32(&plain)?;
        let pad_value = u8::try_from(plain.len() - content.len()).map_err(|_| Error::DecryptAes)?;
        split_plaintext(content, pad_value)
    }

    /// Encrypts a reply and signs it: returns `(encrypt, msg_signature)`.
    ///
    /// `random16` is the 16-byte prefix (use [`random_prefix`] in production; fixed in tests).
    ///
    /// # Errors
    /// -40008 if the message is longer than `u32::MAX` bytes; -40006 on cipher setup failure.
    pub fn encrypt_reply(
        &self,
        plaintext: &str,
        timestamp: &str,
        nonce: &str,
        random16: [u8; 16],
    ) -> Result<(String, String), Error> {
        let msg_len = u32::try_from(plaintext.len()).map_err(|_| Error::IllegalBuffer)?;
        let mut buf = Vec::with_capacity(20 + plaintext.len() + self.receive_id.len() + PAD_BLOCK);
        buf.extend_from_slice(&random16);
        buf.extend_from_slice(&msg_len.to_be_bytes());
        buf.extend_from_slice(plaintext.as_bytes());
        buf.extend_from_slice(self.receive_id.as_bytes());
        let pad = PAD_BLOCK - buf.len() % PAD_BLOCK;
        // pad is in 1..=32, so the cast cannot truncate.
        buf.extend(std::iter::repeat_n(pad as u8, pad));
        let iv = self.key.get(..16).ok_or(Error::EncryptAes)?;
        let encryptor = cbc::Encryptor::<Aes256>::new_from_slices(&self.key, iv).map_err(|_| Error::EncryptAes)?;
        let ciphertext = encryptor.encrypt_padded_vec_mut::<NoPadding>(&buf);
        let encrypt = STANDARD.encode(ciphertext);
        let signature = self.signature(timestamp, nonce, &encrypt);
        Ok((encrypt, signature))
    }

    /// Encrypts, signs and wraps a passive reply in the envelope WeCom expects:
    /// XML `<Encrypt>/<MsgSignature>/<TimeStamp>/<Nonce>` or JSON
    /// `{"encrypt","msgsignature","timestamp","nonce"}` (AI bot; all values strings).
    ///
    /// # Errors
    /// As [`WecomCrypto::encrypt_reply`].
    pub fn build_reply(
        &self,
        plaintext: &str,
        timestamp: &str,
        nonce: &str,
        random16: [u8; 16],
        format: EnvelopeFormat,
    ) -> Result<String, Error> {
        let (encrypt, signature) = self.encrypt_reply(plaintext, timestamp, nonce, random16)?;
        match format {
            EnvelopeFormat::Xml => Ok(reply_xml(&encrypt, &signature, timestamp, nonce)),
            EnvelopeFormat::Json => reply_json(&encrypt, &signature, timestamp, nonce),
        }
    }
}

/// A 16-byte random prefix of ASCII letters and digits (what the official SDKs use).
pub fn random_prefix() -> [u8; 16] {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let mut out = [0u8; 16];
    for byte in out.iter_mut() {
        let idx = rng.gen_range(0..ALPHABET.len());
        *byte = ALPHABET.get(idx).copied().unwrap_or(b'A');
    }
    out
}

/// The classic XML reply envelope.
pub fn reply_xml(encrypt: &str, signature: &str, timestamp: &str, nonce: &str) -> String {
    format!(
        "<xml><Encrypt><![CDATA[{}]]></Encrypt><MsgSignature><![CDATA[{}]]></MsgSignature>\
         <TimeStamp>{}</TimeStamp><Nonce><![CDATA[{}]]></Nonce></xml>",
        cdata_safe(encrypt),
        cdata_safe(signature),
        xml_escape(timestamp),
        cdata_safe(nonce)
    )
}

/// The AI bot JSON reply envelope (signature key spelled `msgsignature`).
///
/// # Errors
/// [`Error::GenReturn`] if serialisation fails (it cannot for string values).
pub fn reply_json(encrypt: &str, signature: &str, timestamp: &str, nonce: &str) -> Result<String, Error> {
    let body = serde_json::json!({
        "encrypt": encrypt,
        "msgsignature": signature,
        "timestamp": timestamp,
        "nonce": nonce,
    });
    serde_json::to_string(&body).map_err(|_| Error::GenReturn)
}

/// Plaintext of an AI bot passive *stream* reply (`msgtype: stream`), to be passed to
/// [`WecomCrypto::build_reply`] with [`EnvelopeFormat::Json`].
pub fn aibot_stream_reply(stream_id: &str, finish: bool, content: &str) -> String {
    serde_json::json!({
        "msgtype": "stream",
        "stream": {"id": stream_id, "finish": finish, "content": content},
    })
    .to_string()
}

/// Extracts the base64 ciphertext from a POST body: XML `<Encrypt>` (CDATA or text) or JSON
/// `encrypt` / `Encrypt` key. Returns the value and which format the body was.
///
/// A tiny hand parser is used instead of an XML crate: the envelope is a flat, fixed shape with
/// one element we need, the approved crate list has no XML parser, and not implementing DTDs or
/// custom entities means XXE / entity-expansion attacks have nothing to hit.
///
/// # Errors
/// [`Error::Parse`] when no non-empty `Encrypt` value is found.
pub fn parse_envelope(body: &str) -> Result<(String, EnvelopeFormat), Error> {
    let trimmed = body.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('<') {
        let encrypt = xml_field(trimmed, "Encrypt").ok_or_else(|| Error::Parse("no <Encrypt> element".to_owned()))?;
        if encrypt.trim().is_empty() {
            return Err(Error::Parse("empty <Encrypt>".to_owned()));
        }
        return Ok((encrypt.trim().to_owned(), EnvelopeFormat::Xml));
    }
    let value: Value = serde_json::from_str(trimmed).map_err(|err| Error::Parse(format!("json: {err}")))?;
    let encrypt = value
        .get("encrypt")
        .or_else(|| value.get("Encrypt"))
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Parse("no encrypt key".to_owned()))?;
    if encrypt.trim().is_empty() {
        return Err(Error::Parse("empty encrypt".to_owned()));
    }
    Ok((encrypt.trim().to_owned(), EnvelopeFormat::Json))
}

/// Parses a decrypted WeCom message into an [`InboundMessage`].
///
/// Handles AI bot JSON (`msgtype` text / mixed / voice; `from.userid`, `chatid`, `quote`),
/// classic app XML and classic app JSON (`MsgType` text; `FromUserName`, `Content`, `MsgId`,
/// `CreateTime`). Returns `Ok(None)` for anything that is not a user text message (events,
/// images, stream refreshes, enter_chat…).
///
/// # Errors
/// [`Error::Parse`] when the plaintext is neither well-formed JSON nor an XML document.
pub fn parse_message(plaintext: &str) -> Result<Option<InboundMessage>, Error> {
    let trimmed = plaintext.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('<') {
        return Ok(parse_classic_xml(trimmed));
    }
    let value: Value = serde_json::from_str(trimmed).map_err(|err| Error::Parse(format!("json: {err}")))?;
    if value.get("msgtype").is_some() {
        Ok(parse_aibot_json(&value))
    } else if value.get("MsgType").is_some() {
        Ok(parse_classic_json(&value))
    } else {
        Ok(None)
    }
}

/// Returns the text of the first `<tag>…</tag>` element: CDATA sections are taken verbatim,
/// other text has the five predefined entities and numeric references decoded.
pub fn xml_field(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let rest = xml.get(start..)?;
    let end = rest.find(&close)?;
    let inner = rest.get(..end)?;
    let mut out = String::new();
    let mut remaining = inner;
    while !remaining.is_empty() {
        match remaining.find("<![CDATA[") {
            Some(cdata_start) => {
                out.push_str(&xml_unescape(remaining.get(..cdata_start)?));
                let after = remaining.get(cdata_start + "<![CDATA[".len()..)?;
                let cdata_end = after.find("]]>")?;
                out.push_str(after.get(..cdata_end)?);
                remaining = after.get(cdata_end + 3..)?;
            }
            None => {
                out.push_str(&xml_unescape(remaining));
                remaining = "";
            }
        }
    }
    Some(out)
}

fn restore_plus(value: &str) -> String {
    value.trim().replace(' ', "+")
}

/// Strips 32-byte-block PKCS#7 padding; every pad byte must equal the pad value.
fn strip_pad32(plain: &[u8]) -> Result<&[u8], Error> {
    let pad = usize::from(*plain.last().ok_or(Error::DecryptAes)?);
    if pad == 0 || pad > PAD_BLOCK || pad > plain.len() {
        return Err(Error::DecryptAes);
    }
    let (content, padding) = plain.split_at(plain.len() - pad);
    if padding.iter().any(|b| usize::from(*b) != pad) {
        return Err(Error::DecryptAes);
    }
    Ok(content)
}

fn split_plaintext(content: &[u8], pad_value: u8) -> Result<Decrypted, Error> {
    let random: [u8; 16] = content.get(..16).and_then(|s| s.try_into().ok()).ok_or(Error::IllegalBuffer)?;
    let len_bytes: [u8; 4] = content.get(16..20).and_then(|s| s.try_into().ok()).ok_or(Error::IllegalBuffer)?;
    let msg_len = usize::try_from(u32::from_be_bytes(len_bytes)).map_err(|_| Error::IllegalBuffer)?;
    let msg_end = 20usize.checked_add(msg_len).ok_or(Error::IllegalBuffer)?;
    let msg = content.get(20..msg_end).ok_or(Error::IllegalBuffer)?;
    let receive_id = content.get(msg_end..).ok_or(Error::IllegalBuffer)?;
    let msg = std::str::from_utf8(msg).map_err(|_| Error::IllegalBuffer)?;
    let receive_id = std::str::from_utf8(receive_id).map_err(|_| Error::ValidateReceiveId)?;
    Ok(Decrypted { random, msg: msg.to_owned(), receive_id: receive_id.to_owned(), pad_value })
}

fn cdata_safe(value: &str) -> String {
    value.replace("]]>", "]]]]><![CDATA[>")
}

fn xml_escape(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn xml_unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp..).unwrap_or("");
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|semi| {
            let entity = after.get(1..semi)?;
            let ch = match entity {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = entity.strip_prefix('#')?;
                    let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((ch, semi))
        });
        match decoded {
            Some((ch, semi)) => {
                out.push(ch);
                rest = after.get(semi + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// String or number JSON value as a string.
fn json_str(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_classic_xml(xml: &str) -> Option<InboundMessage> {
    if xml_field(xml, "MsgType")?.trim() != "text" {
        return None;
    }
    let sender = xml_field(xml, "FromUserName")?.trim().to_owned();
    let text = xml_field(xml, "Content").unwrap_or_default();
    let ts =
        xml_field(xml, "CreateTime").and_then(|t| t.trim().parse::<i64>().ok()).map(|secs| secs.saturating_mul(1000));
    Some(InboundMessage {
        platform: Platform::Wecom,
        msg_id: xml_field(xml, "MsgId").unwrap_or_default().trim().to_owned(),
        chat_id: sender.clone(),
        sender_id: sender,
        sender_name: None,
        mentions: mentions_from_text(&text),
        text,
        ts,
        quoted: None,
    })
}

fn parse_classic_json(value: &Value) -> Option<InboundMessage> {
    if value.get("MsgType")?.as_str()? != "text" {
        return None;
    }
    let sender = json_str(value.get("FromUserName"))?;
    let text = json_str(value.get("Content")).unwrap_or_default();
    let ts = value
        .get("CreateTime")
        .and_then(|t| t.as_i64().or_else(|| t.as_str()?.trim().parse().ok()))
        .map(|secs| secs.saturating_mul(1000));
    Some(InboundMessage {
        platform: Platform::Wecom,
        msg_id: json_str(value.get("MsgId")).unwrap_or_default(),
        chat_id: sender.clone(),
        sender_id: sender,
        sender_name: None,
        mentions: mentions_from_text(&text),
        text,
        ts,
        quoted: None,
    })
}

/// Text of an AI bot message body (`text`, `mixed` text items, `voice` transcript).
fn aibot_text(value: &Value) -> Option<String> {
    match value.get("msgtype")?.as_str()? {
        "text" => json_str(value.get("text")?.get("content")),
        "voice" => json_str(value.get("voice")?.get("content")),
        "mixed" => {
            let items = value.get("mixed")?.get("msg_item")?.as_array()?;
            let texts: Vec<String> = items
                .iter()
                .filter(|item| item.get("msgtype").and_then(Value::as_str) == Some("text"))
                .filter_map(|item| json_str(item.get("text")?.get("content")))
                .collect();
            if texts.is_empty() { None } else { Some(texts.join("\n")) }
        }
        _ => None,
    }
}

fn parse_aibot_json(value: &Value) -> Option<InboundMessage> {
    let text = aibot_text(value)?;
    let sender = json_str(value.get("from")?.get("userid"))?;
    let chat_id = json_str(value.get("chatid")).filter(|c| !c.is_empty()).unwrap_or_else(|| sender.clone());
    let quoted = value.get("quote").and_then(aibot_text).map(|quote_text| (String::new(), quote_text));
    Some(InboundMessage {
        platform: Platform::Wecom,
        msg_id: json_str(value.get("msgid")).unwrap_or_default(),
        chat_id,
        sender_id: sender,
        sender_name: None,
        mentions: mentions_from_text(&text),
        text,
        ts: None,
        quoted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TOKEN: &str = "QDG6eK";
    const AES_KEY: &str = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    const CORPID: &str = "wx5823bf96d3bd56c7";
    // Inline copy of wecom-go-verify-url (published, Tencent's Go sample).
    const ECHOSTR: &str = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    fn crypto(receive_id: &str) -> WecomCrypto {
        match WecomCrypto::new(TOKEN, AES_KEY, receive_id) {
            Ok(c) => c,
            Err(err) => panic!("sample key must load: {err}"),
        }
    }

    #[test]
    fn verify_url_inline_vector() {
        let c = crypto(CORPID);
        let got = c.verify_url("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", ECHOSTR);
        assert_eq!(got, Ok("1616140317555161061".to_owned()));
        // Form decoding may have turned '+' into ' '.
        let spaced = ECHOSTR.replace('+', " ");
        let got = c.verify_url("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", &spaced);
        assert_eq!(got, Ok("1616140317555161061".to_owned()));
    }

    #[test]
    fn key_validation() {
        assert_eq!(WecomCrypto::new(TOKEN, "short", "").err(), Some(Error::IllegalAesKey));
        let bad_char = format!("{}!", &AES_KEY[..42]);
        assert_eq!(WecomCrypto::new(TOKEN, &bad_char, "").err(), Some(Error::IllegalAesKey));
        assert_eq!(Error::IllegalAesKey.code(), -40004);
    }

    #[test]
    fn tampered_inputs_give_official_codes() {
        let c = crypto(CORPID);
        let sig = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
        // Bad signature.
        let err = c.verify_url(&sig.replace('5', "6"), "1409659589", "263014780", ECHOSTR);
        assert_eq!(err.map_err(|e| e.code()), Err(-40001));
        // Wrong receive id.
        let err = crypto("ww1436e0e65a779aee").verify_url(sig, "1409659589", "263014780", ECHOSTR);
        assert_eq!(err.map_err(|e| e.code()), Err(-40005));
        // Tampered ciphertext with a *valid* signature: bad base64 → -40010.
        let bad_b64 = "P9nAzCzy!!";
        let s = c.signature("1", "2", bad_b64);
        assert_eq!(c.decrypt(&s, "1", "2", bad_b64).map_err(|e| e.code()), Err(-40010));
        // Length not a block multiple → -40007.
        let short = STANDARD.encode([0u8; 20]);
        let s = c.signature("1", "2", &short);
        assert_eq!(c.decrypt(&s, "1", "2", &short).map_err(|e| e.code()), Err(-40007));
        // Flip a bit in the last block: padding breaks → -40007 (or -40008 if the pad byte
        // happens to look valid; assert it is one of the decrypt errors, never Ok).
        let mut raw = STANDARD.decode(ECHOSTR).unwrap_or_default();
        if let Some(b) = raw.get_mut(40) {
            *b ^= 0x01;
        }
        let tampered = STANDARD.encode(&raw);
        let s = c.signature("1", "2", &tampered);
        let code = c.decrypt(&s, "1", "2", &tampered).map_err(|e| e.code());
        assert!(matches!(code, Err(-40007) | Err(-40008) | Err(-40005)), "got {code:?}");
    }

    #[test]
    fn padding_rules() {
        // Pad value 0, > 32, inconsistent bytes: all rejected.
        let mut buf = vec![7u8; 64];
        assert!(strip_pad32(&buf).is_ok());
        buf[63] = 0;
        assert_eq!(strip_pad32(&buf), Err(Error::DecryptAes));
        buf[63] = 33;
        assert_eq!(strip_pad32(&buf), Err(Error::DecryptAes));
        let mut buf = vec![32u8; 32];
        assert_eq!(strip_pad32(&buf).map(<[u8]>::len), Ok(0));
        buf[0] = 31;
        assert_eq!(strip_pad32(&buf), Err(Error::DecryptAes));
        assert_eq!(strip_pad32(&[]), Err(Error::DecryptAes));
    }

    #[test]
    fn padding_oracle_bytes_encrypted_correctly() {
        // Properly padded but length field lies → -40008.
        let c = crypto("");
        let mut buf = vec![b'r'; 16];
        buf.extend_from_slice(&1000u32.to_be_bytes());
        buf.extend_from_slice(b"hi");
        let pad = 32 - buf.len() % 32;
        buf.extend(std::iter::repeat_n(pad as u8, pad));
        let enc = cbc::Encryptor::<Aes256>::new_from_slices(&c.key, &c.key[..16])
            .map(|e| e.encrypt_padded_vec_mut::<NoPadding>(&buf))
            .unwrap_or_default();
        let b64 = STANDARD.encode(enc);
        assert_eq!(c.open(&b64), Err(Error::IllegalBuffer));
    }

    #[test]
    fn round_trip_all_lengths_and_full_block() {
        for receive_id in ["", CORPID] {
            let c = crypto(receive_id);
            for len in 0..80 {
                let msg: String = "任务x".chars().cycle().take(len).collect();
                let (enc, sig) = c.encrypt_reply(&msg, "1700000000", "42", *b"0123456789abcdef").unwrap_or_default();
                assert_eq!(c.decrypt(&sig, "1700000000", "42", &enc), Ok(msg.clone()));
                let opened = c.open(&enc);
                let total = 20 + msg.len() + receive_id.len();
                let want_pad = if total.is_multiple_of(32) { 32 } else { 32 - total % 32 };
                assert_eq!(opened.map(|d| usize::from(d.pad_value)), Ok(want_pad));
            }
        }
    }

    #[test]
    fn random_prefix_round_trip() {
        let c = crypto("");
        let prefix = random_prefix();
        assert!(prefix.iter().all(u8::is_ascii_alphanumeric));
        let (enc, sig) = c.encrypt_reply("你好", "1", "2", prefix).unwrap_or_default();
        assert_eq!(c.decrypt(&sig, "1", "2", &enc), Ok("你好".to_owned()));
    }

    #[test]
    fn envelopes() {
        let cases: &[(&str, Option<(&str, EnvelopeFormat)>)] = &[
            ("<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>", Some(("abc", EnvelopeFormat::Xml))),
            ("<xml>\n<Encrypt>a&amp;b</Encrypt></xml>", Some(("a&b", EnvelopeFormat::Xml))),
            (r#"{"encrypt":"xyz"}"#, Some(("xyz", EnvelopeFormat::Json))),
            (r#"{"Encrypt":"XYZ","ToUserName":"t"}"#, Some(("XYZ", EnvelopeFormat::Json))),
            ("<xml><Encrypt></Encrypt></xml>", None),
            ("<xml><Encrypt><![CDATA[abc]]></xml>", None),
            (r#"{"encrypt":5}"#, None),
            ("not json", None),
            ("", None),
        ];
        for (body, want) in cases {
            let got = parse_envelope(body).ok();
            let want = want.map(|(s, f)| (s.to_owned(), f));
            assert_eq!(got, want, "body {body:?}");
        }
    }

    #[test]
    fn reply_envelopes_parse_back() {
        let c = crypto(CORPID);
        let xml =
            c.build_reply("<xml/>", "1700000000", "n1", *b"ABCDEFGHIJKLMNOP", EnvelopeFormat::Xml).unwrap_or_default();
        let (enc, fmt) = parse_envelope(&xml).unwrap_or((String::new(), EnvelopeFormat::Json));
        assert_eq!(fmt, EnvelopeFormat::Xml);
        let sig = xml_field(&xml, "MsgSignature").unwrap_or_default();
        assert_eq!(c.decrypt(&sig, "1700000000", "n1", &enc), Ok("<xml/>".to_owned()));
        assert_eq!(xml_field(&xml, "TimeStamp").as_deref(), Some("1700000000"));

        let json =
            c.build_reply("{}", "1700000001", "n2", *b"ABCDEFGHIJKLMNOP", EnvelopeFormat::Json).unwrap_or_default();
        let value: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
        let sig = value["msgsignature"].as_str().unwrap_or("");
        let enc = value["encrypt"].as_str().unwrap_or("");
        assert_eq!(value["timestamp"], "1700000001");
        assert_eq!(value["nonce"], "n2");
        assert_eq!(c.decrypt(sig, "1700000001", "n2", enc), Ok("{}".to_owned()));
    }

    #[test]
    fn xml_field_unescape() {
        let xml = "<xml><A>&lt;b&gt; &#20320;&#x597D; &bogus; &</A><B><![CDATA[x]]>&amp;<![CDATA[y]]></B></xml>";
        assert_eq!(xml_field(xml, "A").as_deref(), Some("<b> 你好 &bogus; &"));
        assert_eq!(xml_field(xml, "B").as_deref(), Some("x&y"));
        assert_eq!(xml_field(xml, "C"), None);
    }

    #[test]
    fn parse_aibot_text_with_quote() {
        let plain = r#"{"msgid":"CAIQ16HMjQYY","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group",
            "from":{"userid":"USERID"},"response_url":"RESPONSEURL","msgtype":"text",
            "text":{"content":"@RobotA 张三明天把合同发给客户"},
            "quote":{"msgtype":"text","text":{"content":"这是今日的测试情况"}}}"#;
        let msg = parse_message(plain).ok().flatten();
        let want = InboundMessage {
            platform: Platform::Wecom,
            msg_id: "CAIQ16HMjQYY".to_owned(),
            chat_id: "CHATID".to_owned(),
            sender_id: "USERID".to_owned(),
            sender_name: None,
            text: "@RobotA 张三明天把合同发给客户".to_owned(),
            ts: None,
            quoted: Some((String::new(), "这是今日的测试情况".to_owned())),
            mentions: vec!["RobotA".to_owned()],
        };
        assert_eq!(msg, Some(want));
    }

    #[test]
    fn parse_aibot_variants() {
        let single = r#"{"msgid":"m1","aibotid":"b","chattype":"single","from":{"userid":"u1"},
            "msgtype":"mixed","mixed":{"msg_item":[{"msgtype":"text","text":{"content":"看图"}},
            {"msgtype":"image","image":{"url":"https://x"}}]}}"#;
        let msg = parse_message(single).ok().flatten();
        assert_eq!(msg.as_ref().map(|m| m.chat_id.as_str()), Some("u1"));
        assert_eq!(msg.as_ref().map(|m| m.text.as_str()), Some("看图"));
        for ignored in [
            r#"{"msgid":"m","from":{"userid":"u"},"msgtype":"image","image":{"url":"x"}}"#,
            r#"{"msgid":"m","from":{"userid":"u"},"msgtype":"stream","stream":{"id":"s"}}"#,
            r#"{"msgid":"m","from":{"userid":"u"},"msgtype":"event","event":{"eventtype":"enter_chat"}}"#,
            r#"{"msgid":"m","msgtype":"text","text":{"content":"no sender"}}"#,
            r#"{"hello":1}"#,
        ] {
            assert_eq!(parse_message(ignored), Ok(None), "{ignored}");
        }
        assert!(matches!(parse_message("{bad"), Err(Error::Parse(_))));
    }

    #[test]
    fn parse_classic_json_and_xml() {
        let json = "{\"ToUserName\":\"wx5823bf96d3bd56c7\",\"FromUserName\":\"mycreate\",\"CreateTime\": 1409659813,\"MsgType\":\"text\",\"Content\":\"hello\",\"MsgId\":4561255354251345929,\"AgentID\": 218}";
        let msg = parse_message(json).ok().flatten();
        assert_eq!(msg.as_ref().map(|m| m.msg_id.as_str()), Some("4561255354251345929"));
        assert_eq!(msg.as_ref().and_then(|m| m.ts), Some(1_409_659_813_000));
        assert_eq!(msg.as_ref().map(|m| m.sender_id.as_str()), Some("mycreate"));
        let event = "<xml><MsgType><![CDATA[event]]></MsgType><Event>enter_agent</Event></xml>";
        assert_eq!(parse_message(event), Ok(None));
    }

    #[test]
    fn aibot_stream_reply_shape() {
        let body = aibot_stream_reply("S1", true, "好的");
        let value: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        assert_eq!(value["msgtype"], "stream");
        assert_eq!(value["stream"]["id"], "S1");
        assert_eq!(value["stream"]["finish"], true);
        assert_eq!(value["stream"]["content"], "好的");
    }

    proptest! {
        #[test]
        fn open_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let c = crypto(CORPID);
            let b64 = STANDARD.encode(&bytes);
            let _ = c.open(&b64);
            let s = c.signature("1", "2", &b64);
            let _ = c.decrypt(&s, "1", "2", &b64);
        }

        #[test]
        fn decrypt_never_panics_on_strings(s in ".{0,200}", sig in "[0-9a-f]{0,40}") {
            let c = crypto("");
            let _ = c.open(&s);
            let _ = c.decrypt(&sig, "1", "2", &s);
            let _ = c.decrypt_body(&sig, "1", "2", &s);
            let _ = parse_envelope(&s);
            let _ = parse_message(&s);
            let _ = xml_field(&s, "Encrypt");
        }

        #[test]
        fn round_trip_any_text(msg in ".{0,300}", nonce in "[0-9]{1,10}") {
            let c = crypto(CORPID);
            let (enc, sig) = c.encrypt_reply(&msg, "1700000000", &nonce, *b"fedcba9876543210")
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(c.decrypt(&sig, "1700000000", &nonce, &enc), Ok(msg));
        }
    }
}
