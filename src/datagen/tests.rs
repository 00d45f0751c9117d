use super::*;

fn cfg(n: usize, seed: u64) -> GenConfig {
    GenConfig { n, seed, id_prefix: "t".into() }
}

#[test]
fn deterministic_bytes() {
    let a = to_jsonl(&generate(&cfg(2000, 42))).unwrap_or_default();
    let b = to_jsonl(&generate(&cfg(2000, 42))).unwrap_or_default();
    let c = to_jsonl(&generate(&cfg(2000, 43))).unwrap_or_default();
    assert!(!a.is_empty());
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn run_datagen_is_byte_identical() {
    let base = std::env::temp_dir().join(format!("datagen2_test_{}", std::process::id()));
    let (d1, d2) = (base.join("a"), base.join("b"));
    let s1 = run_datagen(&d1, 500, 9);
    let s2 = run_datagen(&d2, 500, 9);
    assert!(s1.is_ok() && s2.is_ok());
    for f in ["train.jsonl", "valid.jsonl"] {
        let x = std::fs::read(d1.join(f)).unwrap_or_default();
        let y = std::fs::read(d2.join(f)).unwrap_or_default();
        assert!(!x.is_empty());
        assert_eq!(x, y, "{f}");
    }
    let _ = std::fs::remove_dir_all(&base);
}

fn char_slice(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b.saturating_sub(a)).collect()
}

#[test]
fn spans_and_labels_consistent() {
    let samples = generate(&cfg(20000, 7));
    let mut stats = Stats::default();
    stats.add(&samples);
    println!("{stats}");
    for s in &samples {
        let n = s.text.chars().count();
        assert!(!s.text.is_empty(), "{s:?}");
        assert_eq!(s.class == "new_task", !s.tasks.is_empty(), "{s:?}");
        assert!(["new_task", "status_update", "no_task"].contains(&s.class.as_str()));
        assert!(s.members.len() >= 4 && s.members.len() <= 12, "{s:?}");
        assert!(s.members.contains(&s.sender));
        assert!(s.ts.ends_with("+08:00"));
        if s.class != "new_task" {
            assert!(s.spans.is_empty());
        }
        for sp in &s.spans {
            assert!(sp.start < sp.end && sp.end <= n, "{s:?}");
            assert!(["task", "owner", "deadline"].contains(&sp.label.as_str()));
        }
        // spans do not overlap
        let mut v: Vec<_> = s.spans.iter().map(|x| (x.start, x.end)).collect();
        v.sort();
        for w in v.windows(2) {
            if let [a, b] = w {
                assert!(a.1 <= b.0, "overlap {s:?}");
            }
        }
        let texts = |l: &str| -> Vec<String> {
            s.spans.iter().filter(|x| x.label == l).map(|x| char_slice(&s.text, x.start, x.end)).collect()
        };
        let task_spans = texts("task");
        let owner_spans = texts("owner");
        let dl_spans = texts("deadline");
        let ctx = s.tags.iter().any(|t| t == "context");
        for t in &s.tasks {
            assert!(!t.title.trim().is_empty());
            if !ctx {
                assert!(task_spans.contains(&t.title), "title not a span {s:?}");
            }
            for o in &t.owners {
                assert!(o == "@all" || s.members.contains(o), "bad owner {o} {s:?}");
            }
            if t.due_date.is_some() && !ctx {
                assert!(!dl_spans.is_empty(), "no deadline span {s:?}");
            }
            if t.due_time.is_some() {
                assert!(t.due_date.is_some());
            }
            if let Some(d) = &t.due_date {
                let dd = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d");
                let ts = chrono::DateTime::parse_from_rfc3339(&s.ts);
                assert!(dd.is_ok() && ts.is_ok());
                if let (Ok(dd), Ok(ts)) = (dd, ts) {
                    assert!(dd >= ts.date_naive(), "due before message {s:?}");
                }
            }
        }
        // every owner span is a mention that resolves: 我 → sender, 你 → reply_to sender, or the owner's name appears
        for o in &owner_spans {
            let ok = o == "我"
                || o == "你"
                || o.starts_with('@')
                || s.tasks
                    .iter()
                    .any(|t| t.owners.is_empty() || t.owners.iter().any(|m| m.contains(o.as_str()) || m == "@all"))
                || s.members.iter().any(|m| o.chars().any(|c| m.starts_with(c)));
            assert!(ok, "owner span {o} {s:?}");
        }
        for o in owner_spans.iter().filter(|o| o.starts_with('@') && o.as_str() != "@all" && o.as_str() != "@所有人")
        {
            let name = o.trim_start_matches('@');
            assert!(s.members.iter().any(|m| m == name), "{s:?}");
        }
        // every named owner has an owner span that resolves to it (replies may imply the owner)
        let reply_sender = s.reply_to.as_ref().map(|r| r.sender.clone()).unwrap_or_default();
        for t in s.tasks.iter().filter(|_| !ctx) {
            for o in &t.owners {
                let ok = owner_spans.iter().any(|m| {
                    if o == "@all" {
                        ["@all", "@所有人", "大家", "所有人", "每个人", "各位", "每位"].iter().any(|w| m.contains(w))
                            || m.starts_with('各')
                    } else {
                        m == &format!("@{o}")
                            || m == o
                            || (m == "我" && o == &s.sender)
                            || (m == "你" && o == &reply_sender)
                            || (m.chars().count() >= 2 && o.ends_with(m.as_str()))
                            || m.chars().any(|c| o.starts_with(c))
                    }
                });
                assert!(ok, "owner {o} has no span {s:?}");
            }
        }
        if owner_spans.iter().any(|o| o == "我") {
            assert!(s.tasks.iter().any(|t| t.owners.contains(&s.sender)), "{s:?}");
        }
    }
    let neg = samples.iter().filter(|s| s.class != "new_task").count();
    assert!(neg * 100 >= samples.len() * 40, "negatives {neg}");
    let statuses = samples.iter().filter(|s| s.class == "status_update").count();
    assert!(statuses > 0);
}

#[test]
fn jsonl_roundtrip() {
    let samples = generate(&cfg(300, 3));
    let bytes = to_jsonl(&samples).unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    let mut n = 0;
    for (line, s) in text.lines().zip(&samples) {
        let v: Result<serde_json::Value, _> = serde_json::from_str(line);
        let v = v.unwrap_or_default();
        assert_eq!(v["id"], serde_json::Value::String(s.id.clone()));
        assert!(v.get("dl_kinds").is_none());
        for k in ["id", "chat", "ts", "sender", "members", "reply_to", "text", "tasks", "class", "spans", "tags"] {
            assert!(v.get(k).is_some(), "{k}");
        }
        n += 1;
    }
    assert_eq!(n, 300);
}
