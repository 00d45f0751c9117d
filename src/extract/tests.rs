use super::cli::run_extract_jsonl;
use super::eval::{dice, score};
use super::*;

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/extraction/dev.jsonl");
const HELD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/extract/heldout_selfwritten.jsonl");

fn run_set(path: &str) -> Option<serde_json::Value> {
    run_set_with(path, None)
}

fn run_set_with(path: &str, tagger: Option<&dyn Tagger>) -> Option<serde_json::Value> {
    let Ok(gold) = std::fs::read_to_string(path) else {
        println!("skipped: {path} absent");
        return None;
    };
    let (pred, errs) = run_extract_jsonl(&gold, &Extractor::default(), tagger);
    assert!(errs.is_empty(), "{errs:?}");
    let s = score(&gold, &pred);
    println!("{path}\n{}", eval::render(&s));
    Some(s)
}

#[test]
fn dev_floor() {
    if let Some(s) = run_set(DEV) {
        let f = s.get("full_F1").and_then(|v| v.as_f64()).unwrap_or(0.0);
        // The issue's CI gate for the shipped extractor (a regression guard, not the goal; the
        // dev set was used to find failure classes, so this number is optimistic).
        assert!(f >= 0.80, "dev full_F1 {f} is below the 0.80 gate");
    }
}

/// The shipped model (`models/fast`) loads, runs, and the service's extractor with it (hybrid
/// mode) passes the dev-set gate; its spans alone are reported too.
#[test]
fn shipped_model_on_dev() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/fast");
    let tagger = crate::model::TransformerTagger::load(&dir, &candle_core::Device::Cpu)
        .unwrap_or_else(|e| panic!("the shipped model in {} does not load: {e}", dir.display()));
    let input =
        crate::model::tagging::TaggerInput { text: "@吴敏 周五前把报告发我", quoted: None, words: &[] };
    let out = tagger.tag_batch(&[input]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.len(), 1);
    assert!((out[0].class_probs.iter().sum::<f32>() - 1.0).abs() < 1e-3);
    if let Some(s) = run_set_with(DEV, Some(&tagger)) {
        let f = s.get("full_F1").and_then(|v| v.as_f64()).unwrap_or(0.0);
        assert!(f >= 0.80, "dev full_F1 with the shipped model {f} is below the 0.80 gate");
    }
    let spans = Extractor { config: ExtractorConfig { mode: TaggerMode::Spans, ..Default::default() } };
    if let Ok(gold) = std::fs::read_to_string(DEV) {
        let (pred, _) = run_extract_jsonl(&gold, &spans, Some(&tagger));
        println!("model spans alone on dev:\n{}", eval::render(&score(&gold, &pred)));
    }
}

#[test]
fn heldout_selfwritten_report() {
    if let Some(s) = run_set(HELD) {
        let f = s.get("task_F1").and_then(|v| v.as_f64()).unwrap_or(0.0);
        assert!(f >= 0.80, "self-written task_F1 regressed: {f}");
    }
}

fn msg(sender: &str, text: &str, reply: Option<(&str, &str)>) -> Message {
    Message {
        id: "t".into(),
        chat: "c".into(),
        ts: chrono::DateTime::parse_from_rfc3339("2026-09-07T09:00:00+08:00").unwrap_or_default(),
        sender: sender.into(),
        members: ["周建华", "吴敏", "郑小川", "陆佳琪"].iter().map(|s| s.to_string()).collect(),
        reply_to: reply.map(|(s, t)| Quoted { sender: s.into(), text: t.into() }),
        text: text.into(),
    }
}

#[test]
fn decisions_table() {
    // (sender, text, expected owners of tasks; empty list = no task)
    let cases: [(&str, &str, &[&[&str]]); 8] = [
        ("周建华", "@吴敏 下周一前把库存盘点表发我", &[&["吴敏"]]),
        ("吴敏", "收到👌", &[]),
        ("郑小川", "配电箱已经修好了", &[]),
        ("陆佳琪", "质检的报告我明天上午交", &[&["陆佳琪"]]),
        ("周建华", "有人知道打印机的密码吗？", &[]),
        ("周建华", "供应商说下周二才能发货", &[]),
        ("吴敏", "小郑，样品尽快寄给客户", &[&["郑小川"]]),
        ("周建华", "各位，周五前把考勤确认一下", &[&["@all"]]),
    ];
    let ex = Extractor::default();
    for (s, t, want) in cases {
        let got: Vec<Vec<String>> = ex.extract(&msg(s, t, None), None).into_iter().map(|x| x.owners).collect();
        let want: Vec<Vec<String>> = want.iter().map(|o| o.iter().map(|x| x.to_string()).collect()).collect();
        assert_eq!(got, want, "{t}");
    }
}

#[test]
fn reply_takes_on_request() {
    let ex = Extractor::default();
    let m = msg("陆佳琪", "好的我来", Some(("周建华", "谁能整理一下会议纪要？")));
    let t = ex.extract(&m, None);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].owners, vec!["陆佳琪".to_string()]);
    assert!(dice(&t[0].title, "整理会议纪要") >= 0.5, "{}", t[0].title);
}

#[test]
fn bad_lines_reported() {
    let input = "{not json}\n{\"id\":\"a\",\"ts\":\"2026-01-05T09:00:00+08:00\",\"sender\":\"x\",\"members\":[],\"reply_to\":null,\"text\":\"好的\"}\n";
    let (out, errs) = run_extract_jsonl(input, &Extractor::default(), None);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 1);
    assert_eq!(out.lines().count(), 1);
}

/// Agreement with the python scorer: numbers below were computed once by running
/// `python3 shared/tools/score_extract.py` on this fixture (see NOTES.md).
#[test]
fn eval_matches_python_fixture() {
    let gold = r#"{"id":"1","tasks":[{"title":"把报表发给我","owners":["A"],"due_date":"2026-01-02","due_time":"18:00"}],"tags":[]}
{"id":"2","tasks":[],"tags":[]}
{"id":"3","tasks":[{"title":"整理会议纪要","owners":[],"due_date":null,"due_time":null,"owners_alt":[["B"]]},{"title":"订会议室","owners":["C"],"due_date":"2026-01-03","due_time":null}],"tags":["context"]}"#;
    let pred = r#"{"id":"1","tasks":[{"title":"报表发我","owners":["A"],"due_date":"2026-01-02","due_time":"18:00"}]}
{"id":"2","tasks":[{"title":"吃饭","owners":[],"due_date":null,"due_time":null}]}
{"id":"3","tasks":[{"title":"会议纪要整理","owners":["B"],"due_date":null,"due_time":null},{"title":"订会议室","owners":["C"],"due_date":"2026-01-04","due_time":null}]}"#;
    let s = score(gold, pred);
    let py = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/extract/eval_fixture_python.json"));
    let py: serde_json::Value = serde_json::from_str(py).unwrap_or_default();
    assert_eq!(s, py);
}

proptest::proptest! {
    #[test]
    fn extract_never_panics(s in "\\PC{0,40}", q in proptest::option::of("\\PC{0,20}")) {
        let m = msg("周建华", &s, q.as_deref().map(|q| ("吴敏", q)));
        let n = s.chars().count();
        for t in Extractor::default().extract(&m, None) {
            for e in t.evidence { proptest::prop_assert!(e.start <= e.end && e.end <= n); }
        }
    }
}
