//! Criterion benches of the understanding stages (`cargo bench --bench pipeline`).
//!
//! The sample is typical group chat: most messages hold no time words, a few do. Sentences are
//! written for this bench (not taken from the extraction dev set).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const CHAT: &[&str] = &[
    "好的收到",
    "@王芳 周四前把门店的排班表发我",
    "今天食堂有红烧肉",
    "合同扫描件我下午3点前传到共享盘",
    "谁知道打印机的驱动在哪",
    "👍",
    "仓库那边说货已经到了",
    "大家月底前把报销单交给财务",
    "明早9点开周会，别迟到",
    "这个问题我来跟进",
    "辛苦了",
    "客户说样品不错，下周二再来看厂",
];

fn timex(c: &mut Criterion) {
    let reference = NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(9, 12, 0)).expect("reference");
    // Warm up lazily built tables before measuring.
    black_box(chat2task::timex::analyze(CHAT[1], reference));
    let mut group = c.benchmark_group("timex");
    group.throughput(Throughput::Elements(CHAT.len() as u64));
    group.bench_function("analyze/typical_chat", |b| {
        b.iter(|| {
            for text in CHAT {
                black_box(chat2task::timex::analyze(black_box(text), reference));
            }
        })
    });
    group.finish();
}

fn messages() -> Vec<chat2task::extract::Message> {
    let members: Vec<String> = ["王芳", "李强", "张伟", "刘洋"].iter().map(|s| s.to_string()).collect();
    let ts = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:12:00+08:00").expect("ts");
    CHAT.iter()
        .enumerate()
        .map(|(i, text)| chat2task::extract::Message {
            id: i.to_string(),
            chat: "g".into(),
            ts,
            sender: "李强".into(),
            members: members.clone(),
            reply_to: None,
            text: text.to_string(),
        })
        .collect()
}

/// The extractor: rules alone, and rules + the shipped model (hybrid) in batches and one by one.
fn extract(c: &mut Criterion) {
    let msgs: Vec<_> = messages().into_iter().cycle().take(96).collect();
    let rules = chat2task::pipeline::ChatExtractor::rules();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(msgs.len() as u64));
    group.bench_function("rules/batch96", |b| b.iter(|| black_box(rules.extract_messages(black_box(&msgs)))));
    let Some(tagger) = chat2task::pipeline::shipped_tagger() else {
        println!("skipped the model benches: no shipped model found (models/fast or CHAT2TASK_MODEL)");
        group.finish();
        return;
    };
    let model = chat2task::pipeline::ChatExtractor::with_tagger(tagger);
    black_box(model.extract_messages(&msgs));
    group.sample_size(10);
    group.bench_function("model_hybrid/batch96", |b| b.iter(|| black_box(model.extract_messages(black_box(&msgs)))));
    group.throughput(Throughput::Elements(1));
    group.bench_function("model_hybrid/one_message", |b| {
        b.iter(|| black_box(model.extract_messages(black_box(&msgs[1..2]))))
    });
    group.finish();
}

criterion_group!(benches, timex, extract);
criterion_main!(benches);
