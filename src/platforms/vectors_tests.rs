//! Conformance tests: every vector of `shared/benchmarks/wecom/test_vectors.json`.
//!
//! The file is read at test time through `CARGO_MANIFEST_DIR/../shared/…` (a symlink in the
//! scratch tree, the real directory under /work/main). When it is absent the test prints
//! "skipped" and passes; the inline copies in each module keep the crypto self-tested.

use serde_json::Value;

use crate::platforms::wecom::{EnvelopeFormat, WecomCrypto};
use crate::platforms::{Platform, dingtalk, feishu, percent_decode, wecom};

const VECTORS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/wecom/test_vectors.json");

fn load() -> Option<Value> {
    let text = match std::fs::read_to_string(VECTORS_PATH) {
        Ok(text) => text,
        Err(err) => {
            println!("skipped: cannot read {VECTORS_PATH}: {err}");
            return None;
        }
    };
    match serde_json::from_str(&text) {
        Ok(value) => Some(value),
        Err(err) => panic!("test_vectors.json is not JSON: {err}"),
    }
}

fn s<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = value;
    for key in path {
        cur = &cur[*key];
    }
    match cur.as_str() {
        Some(text) => text,
        None => panic!("vector field {path:?} missing or not a string"),
    }
}

fn crypto(config: &Value) -> WecomCrypto {
    let res = WecomCrypto::new(s(config, &["token"]), s(config, &["encoding_aes_key"]), s(config, &["receiveid"]));
    match res {
        Ok(c) => c,
        Err(err) => panic!("config must load: {err}"),
    }
}

fn random16(text: &str) -> [u8; 16] {
    match text.as_bytes().try_into() {
        Ok(arr) => arr,
        Err(_) => panic!("random {text:?} must be 16 bytes"),
    }
}

/// Checks the `expected` fields that describe the decrypted buffer.
fn check_opened(id: &str, c: &WecomCrypto, encrypt: &str, expected: &Value) {
    let opened = match c.open(encrypt) {
        Ok(d) => d,
        Err(err) => panic!("{id}: open failed: {err}"),
    };
    assert_eq!(opened.msg, s(expected, &["plaintext"]), "{id}: plaintext");
    assert_eq!(opened.receive_id, s(expected, &["receiveid"]), "{id}: receiveid");
    assert_eq!(&opened.random, s(expected, &["random"]).as_bytes(), "{id}: random");
    assert_eq!(Some(opened.msg.len() as u64), expected["msg_len"].as_u64(), "{id}: msg_len");
    assert_eq!(Some(u64::from(opened.pad_value)), expected["pad_value"].as_u64(), "{id}: pad");
    if let Some(n) = expected["ciphertext_bytes"].as_u64() {
        let raw_len = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, encrypt)
            .map(|b| b.len() as u64)
            .unwrap_or(0);
        assert_eq!(raw_len, n, "{id}: ciphertext_bytes");
    }
}

fn run_wecom_vector(vector: &Value) {
    let id = s(vector, &["id"]);
    let c = crypto(&vector["config"]);
    let request = &vector["request"];
    let expected = &vector["expected"];
    match s(vector, &["kind"]) {
        "verify_url" => {
            let got = c.verify_url(
                s(request, &["msg_signature"]),
                s(request, &["timestamp"]),
                s(request, &["nonce"]),
                s(request, &["echostr"]),
            );
            assert_eq!(got.as_deref(), Ok(s(expected, &["plaintext"])), "{id}");
            check_opened(id, &c, s(request, &["encrypt_field"]), expected);
        }
        "decrypt_post" => {
            let body = s(request, &["body"]);
            let (encrypt, format) = match wecom::parse_envelope(body) {
                Ok(parsed) => parsed,
                Err(err) => panic!("{id}: envelope: {err}"),
            };
            assert_eq!(encrypt, s(request, &["encrypt_field"]), "{id}: envelope field");
            let want_format = if s(vector, &["format"]) == "xml" { EnvelopeFormat::Xml } else { EnvelopeFormat::Json };
            assert_eq!(format, want_format, "{id}: format");
            let got = c.decrypt_body(
                s(request, &["msg_signature"]),
                s(request, &["timestamp"]),
                s(request, &["nonce"]),
                body,
            );
            assert_eq!(got.as_deref(), Ok(s(expected, &["plaintext"])), "{id}");
            check_opened(id, &c, &encrypt, expected);
        }
        "decrypt_only" => check_opened(id, &c, s(request, &["encrypt_field"]), expected),
        "encrypt_reply" => {
            let input = &vector["input"];
            let (ts, nonce) = (s(input, &["timestamp"]), s(input, &["nonce"]));
            let random = random16(s(input, &["random"]));
            let res = c.encrypt_reply(s(input, &["plaintext"]), ts, nonce, random);
            let (encrypt, signature) = match res {
                Ok(pair) => pair,
                Err(err) => panic!("{id}: encrypt: {err}"),
            };
            assert_eq!(encrypt, s(expected, &["encrypt"]), "{id}: encrypt");
            let want_sig =
                expected["msg_signature"].as_str().or_else(|| expected["msgsignature"].as_str()).unwrap_or("<missing>");
            assert_eq!(signature, want_sig, "{id}: signature");
            let opened = c.open(&encrypt).map(|d| u64::from(d.pad_value));
            assert_eq!(opened.ok(), expected["pad_value"].as_u64(), "{id}: pad");
            if let Some(padded) = expected["padded_len"].as_u64() {
                let raw = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &encrypt);
                assert_eq!(raw.map(|r| r.len() as u64).ok(), Some(padded), "{id}: padded_len");
            }
            if let Some(shape) = expected.get("response_body_shape") {
                let body = c.build_reply(s(input, &["plaintext"]), ts, nonce, random, EnvelopeFormat::Json);
                let body: Value = body.ok().and_then(|b| serde_json::from_str(&b).ok()).unwrap_or(Value::Null);
                let mut want = shape.clone();
                want["encrypt"] = Value::from(encrypt.clone());
                want["msgsignature"] = Value::from(signature.clone());
                assert_eq!(body, want, "{id}: reply envelope");
            }
        }
        other => panic!("{id}: unknown kind {other}"),
    }
}

/// Shallow-merges `patch` objects into `base` objects (one level deep, as the file uses).
fn merged(base: &Value, patch: Option<&Value>) -> Value {
    let mut out = base.clone();
    if let (Some(patch), Some(map)) = (patch.and_then(Value::as_object), out.as_object_mut()) {
        for (key, value) in patch {
            map.insert(key.clone(), value.clone());
        }
    }
    out
}

#[test]
fn all_wecom_vectors() {
    let Some(file) = load() else { return };
    let wecom_vectors = &file["wecom"];
    let mut n_checked = 0;
    for group in ["published", "derived"] {
        for vector in wecom_vectors[group].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            run_wecom_vector(vector);
            n_checked += 1;
        }
    }
    assert_eq!(n_checked, 10, "expected 7 published + 3 derived vectors");

    let all: Vec<&Value> = ["published", "derived"]
        .iter()
        .flat_map(|g| wecom_vectors[*g].as_array().map(Vec::as_slice).unwrap_or(&[]))
        .collect();
    let mut n_negative = 0;
    for neg in wecom_vectors["negative"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let id = s(neg, &["id"]);
        let base_id = s(neg, &["based_on"]);
        let base = match all.iter().find(|v| v["id"] == base_id) {
            Some(base) => *base,
            None => panic!("{id}: base {base_id} not found"),
        };
        let config = merged(&base["config"], neg.get("config"));
        let request = merged(&base["request"], neg.get("request"));
        let c = crypto(&config);
        let (sig, ts, nonce) = (s(&request, &["msg_signature"]), s(&request, &["timestamp"]), s(&request, &["nonce"]));
        let res = match s(neg, &["kind"]) {
            "verify_url" => c.verify_url(sig, ts, nonce, s(&request, &["echostr"])),
            _ => c.decrypt_body(sig, ts, nonce, s(&request, &["body"])),
        };
        let want = neg["expected"]["error_code"].as_i64().unwrap_or(0);
        assert_eq!(res.map_err(|e| i64::from(e.code())), Err(want), "{id}");
        n_negative += 1;
    }
    assert_eq!(n_negative, 4);
}

#[test]
fn wecom_url_encoded_echostr_note() {
    let Some(file) = load() else { return };
    let vector = &file["wecom"]["published"][0];
    assert_eq!(s(vector, &["id"]), "wecom-go-verify-url");
    let note = s(vector, &["note"]);
    let encoded = note.split("echostr=").nth(1).and_then(|rest| rest.split_whitespace().next()).unwrap_or("");
    assert_eq!(percent_decode(encoded), s(vector, &["request", "echostr"]));
}

#[test]
fn wecom_aibot_vector_parses_to_message() {
    let Some(file) = load() else { return };
    let vector = &file["wecom"]["derived"][0];
    assert_eq!(s(vector, &["id"]), "wecom-derived-aibot-json-empty-receiveid");
    let msg = match wecom::parse_message(s(vector, &["expected", "plaintext"])) {
        Ok(Some(msg)) => msg,
        other => panic!("aibot vector must parse: {other:?}"),
    };
    assert_eq!(msg.platform, Platform::Wecom);
    assert_eq!(msg.msg_id, "DERIVED-0001");
    assert_eq!(msg.chat_id, "CHATID");
    assert_eq!(msg.sender_id, "zhangsan");
    assert_eq!(msg.text, "@任务助手 @李四 周五前把季度报表发出来");
    assert_eq!(msg.mentions, vec!["任务助手".to_owned(), "李四".to_owned()]);
}

#[test]
fn feishu_vectors() {
    let Some(file) = load() else { return };
    let mut n_checked = 0;
    for vector in file["feishu"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let id = s(vector, &["id"]);
        let expected = &vector["expected"];
        match s(vector, &["kind"]) {
            "event_decrypt" => {
                let key = s(vector, &["config", "encrypt_key"]);
                let got = feishu::decrypt(key, s(vector, &["request", "encrypt"]));
                assert_eq!(got.as_deref(), Ok(s(expected, &["plaintext"])), "{id}");
            }
            "event_decrypt_and_signature" => {
                let key = s(vector, &["config", "encrypt_key"]);
                let request = &vector["request"];
                let body = s(request, &["raw_body"]).as_bytes();
                let headers = &request["headers"];
                let ts = s(headers, &["X-Lark-Request-Timestamp"]);
                let nonce = s(headers, &["X-Lark-Request-Nonce"]);
                let sig = s(headers, &["X-Lark-Signature"]);
                assert_eq!(feishu::verify_signature(ts, nonce, key, body, sig), Ok(()), "{id}");
                assert_eq!(
                    feishu::verify_signature(ts, "abc124", key, body, sig),
                    Err(feishu::Error::Signature),
                    "{id}: tampered nonce"
                );
                let outer: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
                let got = feishu::decrypt(key, outer["encrypt"].as_str().unwrap_or(""));
                assert_eq!(got.as_deref(), Ok(s(expected, &["plaintext"])), "{id}");
                let challenge = s(expected, &["response_body", "challenge"]);
                assert_eq!(
                    feishu::handle_callback(body, Some(key), Some("xxxxxx")),
                    Ok(feishu::Callback::Challenge { challenge: challenge.to_owned() }),
                    "{id}"
                );
                assert_eq!(
                    feishu::handle_callback(body, Some(key), Some("other")),
                    Err(feishu::Error::Token),
                    "{id}: token"
                );
                let response: Value =
                    serde_json::from_str(&feishu::challenge_response(challenge)).unwrap_or(Value::Null);
                assert_eq!(response, expected["response_body"], "{id}: response");
            }
            "custom_bot_sign" => {
                let input = &vector["input"];
                let got = feishu::sign(s(input, &["timestamp_seconds"]), s(input, &["secret"]));
                assert_eq!(got, s(expected, &["sign"]), "{id}");
                assert_ne!(got, s(expected, &["not_this"]), "{id}");
            }
            other => panic!("{id}: unknown kind {other}"),
        }
        n_checked += 1;
    }
    assert_eq!(n_checked, 3);
}

#[test]
fn dingtalk_vectors() {
    let Some(file) = load() else { return };
    let mut n_checked = 0;
    for vector in file["dingtalk"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let id = s(vector, &["id"]);
        let ts = s(vector, &["input", "timestamp_millis"]);
        let secret = s(vector, &["input", "secret"]);
        let want = s(vector, &["expected", "sign_base64"]);
        assert_eq!(dingtalk::sign(ts, secret), want, "{id}");
        let query = dingtalk::sign_query(ts, secret);
        let want_param = s(vector, &["expected", "sign_query_param"]);
        assert_eq!(query, format!("&timestamp={ts}&sign={want_param}"), "{id}");
        assert_eq!(dingtalk::verify_callback(ts, want, secret), Ok(()), "{id}");
        n_checked += 1;
    }
    assert_eq!(n_checked, 1);
}

#[test]
fn error_code_table_matches() {
    let Some(file) = load() else { return };
    let table = &file["error_codes"];
    let variants = [
        wecom::Error::ValidateSignature,
        wecom::Error::Parse(String::new()),
        wecom::Error::ComputeSignature,
        wecom::Error::IllegalAesKey,
        wecom::Error::ValidateReceiveId,
        wecom::Error::EncryptAes,
        wecom::Error::DecryptAes,
        wecom::Error::IllegalBuffer,
        wecom::Error::EncodeBase64,
        wecom::Error::DecodeBase64,
        wecom::Error::GenReturn,
    ];
    for variant in &variants {
        let code = variant.code().to_string();
        assert!(table.get(&code).is_some(), "{variant:?} code {code} not in table");
    }
    // 0 (OK) plus one entry per variant.
    assert_eq!(table.as_object().map(|m| m.len()), Some(variants.len() + 1));
}
