//! Conformance against the Duckling (zh) corpus and the JioNLP time-parser cases.
//!
//! Scoring: the FIRST expression's `start` is compared with the gold start — the date must match
//! exactly, and hour:minute too when the gold grain is hour or finer. Prints per-category accuracy;
//! asserts floors slightly below the measured values (regression guard). Set `TIMEX_FAILS=path` to
//! dump failing cases.

use super::analyze;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};
use serde_json::Value;
use std::collections::BTreeMap;

const DUCKLING: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/zh-time/duckling_zh.jsonl");
const JIONLP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/zh-time/jionlp_time_parser.jsonl");

#[derive(Default)]
struct Tally {
    cats: BTreeMap<String, (usize, usize)>,
    fails: Vec<String>,
}

impl Tally {
    fn add(&mut self, cats: &[String], ok: bool) {
        for c in cats {
            let e = self.cats.entry(c.clone()).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            }
        }
    }
    fn acc(&self, c: &str) -> f64 {
        self.cats.get(c).map_or(0.0, |(a, n)| *a as f64 / (*n).max(1) as f64)
    }
    fn print(&self, title: &str) {
        println!("== {title}");
        for (c, (a, n)) in &self.cats {
            println!("{c:<32} {a:>4}/{n:<4} {:.3}", *a as f64 / (*n).max(1) as f64);
        }
    }
}

fn parse_naive(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .ok()
}

fn matches(got: Option<NaiveDateTime>, gold: NaiveDateTime, fine: bool) -> bool {
    match got {
        None => false,
        Some(g) => {
            g.date() == gold.date() && (!fine || g.format("%H:%M").to_string() == gold.format("%H:%M").to_string())
        }
    }
}

fn first_start(text: &str, reference: NaiveDateTime) -> Option<NaiveDateTime> {
    analyze(text, reference).expressions.first().map(|e| e.start)
}

fn dump(t: &Tally) {
    if let Ok(p) = std::env::var("TIMEX_FAILS") {
        let _ = std::fs::write(p, t.fails.join("\n"));
    }
}

fn run_duckling() -> Option<Tally> {
    let data = std::fs::read_to_string(DUCKLING).ok()?;
    let mut t = Tally::default();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default();
        let Some(reference) = v["ref_time"].as_str().and_then(parse_naive) else {
            continue;
        };
        let grain = v["grain"].as_str().unwrap_or("day");
        let is_interval = !v["interval"].is_null();
        let gold_s = if is_interval { v["interval"][0].as_str() } else { v["value"].as_str() };
        let Some(gold) = gold_s.and_then(parse_naive) else {
            continue;
        };
        let holiday = !v["holiday"].is_null();
        let fine = matches!(grain, "hour" | "minute" | "second");
        let got = first_start(text, reference);
        let ok = matches(got, gold, fine);
        let mut cats = vec!["all".to_string(), format!("grain:{grain}")];
        cats.push(if holiday { "holiday".into() } else { "non-holiday".into() });
        if !holiday && !is_interval {
            cats.push("non-holiday point".into());
        }
        if v["has_traditional_chars"].as_bool() == Some(true) {
            cats.push("traditional".into());
        }
        t.add(&cats, ok);
        if !ok {
            t.fails.push(format!("D {text}\tgold={gold}\tgot={got:?}\tgrain={grain}"));
        }
    }
    Some(t)
}

fn jionlp_reference(v: &Value) -> Option<NaiveDateTime> {
    let default = NaiveDate::from_ymd_opt(2021, 6, 14)?.and_hms_opt(1, 6, 40)?;
    match &v["base_time"] {
        Value::String(s) => DateTime::parse_from_rfc3339(s).ok().map(|d| d.naive_local()),
        Value::Number(n) => {
            let secs = n.as_f64()? as i64;
            DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc() + Duration::hours(8))
        }
        _ => {
            let note = v["base_note"].as_str().unwrap_or_default();
            if let Some(js) = note.strip_prefix("partial base ") {
                let p: Value = serde_json::from_str(js).ok()?;
                let g = |k: &str, d: i64| p[k].as_i64().unwrap_or(d);
                NaiveDate::from_ymd_opt(g("year", 2021) as i32, g("month", 1) as u32, g("day", 1) as u32)?.and_hms_opt(
                    g("hour", 0) as u32,
                    g("minute", 0) as u32,
                    0,
                )
            } else {
                Some(default)
            }
        }
    }
}

fn run_jionlp() -> Option<Tally> {
    let data = std::fs::read_to_string(JIONLP).ok()?;
    let mut t = Tally::default();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default();
        let Some(reference) = jionlp_reference(&v) else {
            continue;
        };
        let exp = &v["expected"];
        let typ = exp["type"].as_str().unwrap_or_default().to_string();
        let mode = v["mode"].as_str().unwrap_or("default");
        if typ == "time_delta" {
            // No start to compare: count whether a Duration expression was found at all.
            let a = analyze(text, reference);
            let ok = a.expressions.first().is_some_and(|e| e.kind == super::Kind::Duration);
            t.add(&["delta (kind=duration)".to_string()], ok);
            if !ok {
                t.fails.push(format!("J {text}\tdelta\tgot={:?}", a.expressions.first().map(|e| e.kind)));
            }
            continue;
        }
        let times: Option<(String, String)> = if typ == "time_period" {
            let pt = &exp["time"]["point"];
            let tm = &pt["time"];
            let first = if tm[0].is_array() { &tm[0] } else { tm };
            first[0].as_str().zip(first[1].as_str()).map(|(a, b)| (a.to_string(), b.to_string()))
        } else {
            exp["time"][0].as_str().zip(exp["time"][1].as_str()).map(|(a, b)| (a.to_string(), b.to_string()))
        };
        let Some((gs, ge)) = times else {
            t.add(&["n/a (no point)".to_string()], true);
            continue;
        };
        let Some(gold) = parse_naive(&gs) else {
            t.add(&["n/a (-inf start)".to_string()], true);
            continue;
        };
        let fine = !(gs.ends_with("00:00:00") && ge.ends_with("23:59:59"));
        let got = first_start(text, reference);
        let ok = matches(got, gold, fine);
        let mut cats = vec!["scored (point/span/period)".to_string(), format!("type:{typ}")];
        if mode != "default" {
            cats.push(format!("mode:{mode}"));
        }
        t.add(&cats, ok);
        if !ok {
            t.fails.push(format!("J {text}\tgold={gold}\tgot={got:?}\tref={reference}"));
        }
    }
    Some(t)
}

#[test]
fn conformance_duckling_and_jionlp() {
    let (Some(d), Some(j)) = (run_duckling(), run_jionlp()) else {
        println!("skipped: conformance data sets not found under ../shared/datasets/zh-time");
        return;
    };
    d.print("duckling_zh");
    j.print("jionlp_time_parser");
    let all = Tally { fails: d.fails.iter().chain(j.fails.iter()).cloned().collect(), ..Tally::default() };
    dump(&all);
    assert!(d.acc("non-holiday point") >= FLOOR_D_POINT, "duckling non-holiday point regressed");
    assert!(d.acc("all") >= FLOOR_D_ALL, "duckling overall regressed");
    assert!(j.acc("scored (point/span/period)") >= FLOOR_J, "jionlp regressed");
    assert!(j.acc("delta (kind=duration)") >= FLOOR_J_DELTA, "jionlp durations regressed");
}

// Measured 2026-11-25 (second pass): duckling non-holiday point 0.911 (247/271), duckling all 0.909
// (570/627), jionlp scored 0.912 (344/377), jionlp deltas 37/37. The remaining misses are listed with
// their reasons in data/timex/CONVENTION_DIFFERENCES.md.
const FLOOR_D_POINT: f64 = 0.90;
const FLOOR_D_ALL: f64 = 0.90;
const FLOOR_J: f64 = 0.905;
const FLOOR_J_DELTA: f64 = 0.97;
