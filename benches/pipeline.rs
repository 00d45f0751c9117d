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

criterion_group!(benches, timex);
criterion_main!(benches);
