//! Rust port of `shared/tools/score_extract.py` (same matching: greedy by character-multiset
//! Dice ≥ 0.5 of punctuation-stripped titles; same metrics and rounding).

use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

fn is_punct(c: char) -> bool {
    c.is_whitespace() || "，。、！？：；,.!?:;“”\"'（）()【】[]@~～…·-".contains(c)
}

fn counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| !is_punct(*c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Character-multiset Dice of two titles.
pub fn dice(a: &str, b: &str) -> f64 {
    let (ca, cb) = (counts(a), counts(b));
    let n: usize = ca.values().sum::<usize>() + cb.values().sum::<usize>();
    if n == 0 {
        return 0.0;
    }
    let inter: usize = ca.iter().map(|(k, v)| (*v).min(cb.get(k).copied().unwrap_or(0))).sum();
    2.0 * inter as f64 / n as f64
}

fn sorted_set(v: Option<&Value>) -> Vec<String> {
    let mut s: Vec<String> = v
        .and_then(|x| x.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default();
    s.sort();
    s.dedup();
    s
}

fn owners_ok(g: &Value, p: &Value) -> bool {
    let ps = sorted_set(p.get("owners"));
    if sorted_set(g.get("owners")) == ps {
        return true;
    }
    g.get("owners_alt").and_then(|a| a.as_array()).is_some_and(|alts| alts.iter().any(|x| sorted_set(Some(x)) == ps))
}

fn opt_str(v: Option<&Value>) -> Option<String> {
    v.and_then(|x| x.as_str()).map(String::from)
}

fn due_ok(g: &Value, p: &Value) -> bool {
    let mut dates = vec![opt_str(g.get("due_date"))];
    if let Some(a) = g.get("due_date_alt").and_then(|a| a.as_array()) {
        dates.extend(a.iter().map(|x| x.as_str().map(String::from)));
    }
    let pd = opt_str(p.get("due_date")).map(|s| s.chars().take(10).collect::<String>());
    if !dates.contains(&pd) {
        return false;
    }
    let gt = opt_str(g.get("due_time")).filter(|s| !s.is_empty());
    if pd.is_some() && pd == opt_str(g.get("due_date")) {
        if let Some(gt) = gt {
            let ptime: String = opt_str(p.get("due_time")).unwrap_or_default().chars().take(5).collect();
            return ptime == gt;
        }
    }
    true
}

fn r3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Scores prediction JSONL against gold JSONL; returns the python script's result object.
pub fn score(gold: &str, pred: &str) -> Value {
    let mut gold_rows: Vec<(String, Value)> = Vec::new();
    for l in gold.lines().filter(|l| !l.trim().is_empty()) {
        if let Ok(v) = serde_json::from_str::<Value>(l) {
            let id =
                v.get("id").map(|x| x.as_str().map(String::from).unwrap_or_else(|| x.to_string())).unwrap_or_default();
            if let Some(p) = gold_rows.iter_mut().find(|(i, _)| *i == id) {
                p.1 = v;
            } else {
                gold_rows.push((id, v));
            }
        }
    }
    let mut preds: HashMap<String, Vec<Value>> = HashMap::new();
    for l in pred.lines().filter(|l| !l.trim().is_empty()) {
        if let Ok(v) = serde_json::from_str::<Value>(l) {
            let id =
                v.get("id").map(|x| x.as_str().map(String::from).unwrap_or_else(|| x.to_string())).unwrap_or_default();
            let t = v.get("tasks").and_then(|t| t.as_array()).cloned().unwrap_or_default();
            preds.insert(id, t);
        }
    }
    let (mut tp, mut fp, mut fn_, mut own, mut due, mut full, mut neg, mut neg_fp) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut dices = Vec::new();
    let mut per_tag: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (gid, g) in &gold_rows {
        let gt = g.get("tasks").and_then(|t| t.as_array()).cloned().unwrap_or_default();
        let pt = preds.get(gid).cloned().unwrap_or_default();
        let mut tags: Vec<String> = g
            .get("tags")
            .and_then(|t| t.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
            .unwrap_or_default();
        if tags.is_empty() {
            tags.push("plain".into());
        }
        if gt.is_empty() {
            neg += 1;
            if !pt.is_empty() {
                neg_fp += 1;
            }
        }
        let title = |v: &Value| v.get("title").and_then(|x| x.as_str()).unwrap_or("").to_string();
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (i, a) in gt.iter().enumerate() {
            for (j, b) in pt.iter().enumerate() {
                pairs.push((dice(&title(a), &title(b)), i, j));
            }
        }
        // python: sorted(reverse=True) on (d, i, j)
        pairs.sort_by(|x, y| y.partial_cmp(x).unwrap_or(std::cmp::Ordering::Equal));
        let (mut ug, mut up) = (Vec::new(), Vec::new());
        for (d, i, j) in pairs {
            if d < 0.5 || ug.contains(&i) || up.contains(&j) {
                continue;
            }
            ug.push(i);
            up.push(j);
            let (Some(gi), Some(pj)) = (gt.get(i), pt.get(j)) else {
                continue;
            };
            let (o, u) = (owners_ok(gi, pj), due_ok(gi, pj));
            tp += 1;
            own += o as usize;
            due += u as usize;
            full += (o && u) as usize;
            dices.push(d);
            for t in &tags {
                per_tag.entry(t.clone()).or_insert((0, 0)).0 += (o && u) as usize;
            }
        }
        fn_ += gt.len() - ug.len();
        fp += pt.len() - up.len();
        for t in &tags {
            per_tag.entry(t.clone()).or_insert((0, 0)).1 += gt.len();
        }
    }
    let div = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let p = div(tp as f64, (tp + fp) as f64);
    let r = div(tp as f64, (tp + fn_) as f64);
    let f = div(2.0 * p * r, p + r);
    let fp_ = div(full as f64, (tp + fp) as f64);
    let fr = div(full as f64, (tp + fn_) as f64);
    let ff = div(2.0 * fp_ * fr, fp_ + fr);
    let tags: serde_json::Map<String, Value> =
        per_tag.into_iter().map(|(k, (a, b))| (k, Value::String(format!("{a}/{b}")))).collect();
    serde_json::json!({
        "messages": gold_rows.len(), "gold_tasks": tp + fn_, "pred_tasks": tp + fp,
        "task_P": r3(p), "task_R": r3(r), "task_F1": r3(f),
        "owner_acc": r3(div(own as f64, tp as f64)), "due_acc": r3(div(due as f64, tp as f64)),
        "title_dice": r3(div(dices.iter().sum::<f64>(), dices.len() as f64)),
        "neg_false_alarm": r3(div(neg_fp as f64, neg as f64)), "full_F1": r3(ff),
        "full_by_tag": tags,
    })
}

/// Renders a score like the python script's text output (`key: value` lines).
pub fn render(v: &Value) -> String {
    let mut out = String::new();
    for k in [
        "messages",
        "gold_tasks",
        "pred_tasks",
        "task_P",
        "task_R",
        "task_F1",
        "owner_acc",
        "due_acc",
        "title_dice",
        "neg_false_alarm",
        "full_F1",
        "full_by_tag",
    ] {
        out.push_str(&format!("{k}: {}\n", v.get(k).cloned().unwrap_or(Value::Null)));
    }
    out
}
