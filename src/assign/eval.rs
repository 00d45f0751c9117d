//! Offline evaluation of [`Suggester`] on real data.
//!
//! Rolling time-ordered protocol: rows are replayed in time order (bug id / creation time); each
//! evaluated row is ranked using only the rows before it, then added to the history. The first
//! 20% of rows are warm-up only. Bugs whose fixer is a placeholder account are neither evaluated
//! nor learnt from. Metrics: top-1, top-5 accuracy and MRR (rank ≤ 10, else 0).

use super::triage::{TriageConfig, TriageRanker, rank_of};
use super::{Config, Suggester, TaskQuery, split_tokens};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Errors of the assignment evaluation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// CSV error.
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    /// IO error.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// Ranking metrics.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct RankMetrics {
    /// Top-1 accuracy.
    pub top1: f64,
    /// Top-5 accuracy.
    pub top5: f64,
    /// Mean reciprocal rank (cut at 10).
    pub mrr: f64,
    /// Evaluated rows.
    pub n: usize,
}

#[derive(Default)]
struct Acc {
    t1: usize,
    t5: usize,
    rr: f64,
    n: usize,
}

impl Acc {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.t1 += usize::from(r == 0);
            self.t5 += usize::from(r < 5);
            self.rr += 1.0 / (r as f64 + 1.0);
        }
    }
    fn done(&self) -> RankMetrics {
        let n = self.n.max(1) as f64;
        RankMetrics { top1: self.t1 as f64 / n, top5: self.t5 as f64 / n, mrr: self.rr / n, n: self.n }
    }
}

/// One replayable task.
struct Row {
    tags: Vec<String>,
    tokens: Vec<String>,
    who: String,
    on_time: Option<bool>,
}

fn replay(rows: &[Row], cfg: Config, stride: usize) -> RankMetrics {
    replay_slices(rows, cfg, stride, rows.len()).0
}

/// [`replay`], also returning the metrics of the rows from `tail` on alone.
fn replay_slices(rows: &[Row], cfg: Config, stride: usize, tail: usize) -> (RankMetrics, RankMetrics) {
    let mut sg = Suggester::new(cfg);
    let (mut acc, mut acc_tail) = (Acc::default(), Acc::default());
    let warm = rows.len() / 5;
    for (i, r) in rows.iter().enumerate() {
        if i >= warm && (i - warm) % stride.max(1) == 0 {
            let q = TaskQuery { tags: r.tags.clone(), tokens: r.tokens.clone(), now: i as f64 };
            let ranked = sg.suggest(&q, 10);
            let rank = ranked.iter().position(|s| s.member == r.who);
            acc.add(rank);
            if i >= tail {
                acc_tail.add(rank);
            }
        }
        sg.observe(&r.who, &r.tags, &r.tokens, i as f64, r.on_time);
    }
    (acc.done(), acc_tail.done())
}

fn read_bugs(path: &Path, max_rows: Option<usize>) -> Result<Vec<Row>, Error> {
    let mut rdr = csv::Reader::from_path(path)?;
    let h = rdr.headers()?.clone();
    let idx = |n: &str| h.iter().position(|x| x == n);
    let (ic, ip, ico, ifx, iph) =
        (idx("classification"), idx("product"), idx("component"), idx("fixer"), idx("fixer_is_placeholder"));
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        let g = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let who = g(ifx);
        if who.is_empty() || g(iph) == "1" {
            continue;
        }
        let (cl, p, c) = (g(ic), g(ip), g(ico));
        let mut tokens = split_tokens(c);
        tokens.extend(split_tokens(p));
        rows.push(Row {
            tags: vec![format!("{p}/{c}"), p.to_string(), cl.to_string()],
            tokens,
            who: who.to_string(),
            on_time: None,
        });
        if max_rows.is_some_and(|m| rows.len() >= m) {
            break;
        }
    }
    Ok(rows)
}

/// Bug-triage configuration (time unit = one bug).
pub fn bug_config() -> Config {
    Config {
        half_life: 8000.0,
        w_tag: 1.0,
        w_tag_broad: 0.3,
        w_text: 0.1,
        w_recent: 0.01,
        w_skill: 0.0,
        w_load: 0.0,
        w_ontime: 0.0,
    }
}

/// Evaluate on `eclipse.csv` and `mozilla.csv` in `dir`; `max_rows` limits each file (tests),
/// `stride` evaluates every n-th row after warm-up (all rows are still learnt from).
pub fn eval_bugtriage_with(
    dir: &Path,
    max_rows: Option<usize>,
    stride: usize,
) -> Result<BTreeMap<String, RankMetrics>, Error> {
    let mut out = BTreeMap::new();
    for p in ["eclipse", "mozilla"] {
        let rows = read_bugs(&dir.join(format!("{p}.csv")), max_rows)?;
        let (all, tail) = replay_slices(&rows, bug_config(), stride, rows.len() * 9 / 10);
        out.insert(p.to_string(), all);
        out.insert(format!("{p}_90_100"), tail);
    }
    Ok(out)
}

/// Full bug-triage evaluation (every row after warm-up).
pub fn eval_bugtriage(dir: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    eval_bugtriage_with(dir, None, 1)
}

/// A fixed bug for the triage ranker: developer id, product-qualified component, product.
struct Bug {
    dev: u32,
    component: String,
    product: String,
}

/// Reads fixed bugs in id order; bugs fixed by placeholder accounts (inboxes, "nobody", triage
/// accounts) are left out, as in [`read_bugs`]. `assignee_field` is never read (it may leak the
/// answer).
fn read_triage_bugs(path: &Path) -> Result<Vec<Bug>, Error> {
    let mut rdr = csv::Reader::from_path(path)?;
    let h = rdr.headers()?.clone();
    let idx = |n: &str| h.iter().position(|x| x == n);
    let (ip, ico, ifx, iph) = (idx("product"), idx("component"), idx("fixer"), idx("fixer_is_placeholder"));
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut bugs = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        let g = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let who = g(ifx);
        if who.is_empty() || g(iph) == "1" {
            continue;
        }
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let dev = *ids.entry(who.to_string()).or_insert(next);
        bugs.push(Bug { dev, component: format!("{}/{}", g(ip), g(ico)), product: g(ip).to_string() });
    }
    Ok(bugs)
}

/// Replays `bugs` with the triage ranker: rows before `from` are only learnt; rows in
/// `from..to` are ranked (before being learnt) under each weight vector of `grid`; stops at `to`.
fn triage_replay(bugs: &[Bug], cfg: TriageConfig, from: usize, to: usize, grid: &[[f64; 3]]) -> Vec<RankMetrics> {
    let mut ranker = TriageRanker::new(cfg);
    let mut accs: Vec<Acc> = grid.iter().map(|_| Acc::default()).collect();
    for (i, b) in bugs.iter().enumerate().take(to) {
        if i >= from {
            let features = ranker.features(&b.component, &b.product);
            for (acc, w) in accs.iter_mut().zip(grid) {
                acc.add(rank_of(&features, b.dev, w).filter(|r| *r < 10));
            }
        }
        ranker.observe(b.dev, &b.component, &b.product, i as f64);
    }
    accs.iter().map(Acc::done).collect()
}

/// The triage ranker's settings picked by a grid search on the 80–90 % slice of `bugs` (by
/// MRR@10; only earlier rows are learnt before each ranked row).
pub fn tune_triage(
    bugs_len: usize,
    replay: impl Fn(TriageConfig, usize, usize, &[[f64; 3]]) -> Vec<RankMetrics>,
) -> TriageConfig {
    let (from, to) = (bugs_len * 8 / 10, bugs_len * 9 / 10);
    let mut grid = Vec::new();
    for w_product in [0.0, 0.1, 0.25, 0.5, 1.0] {
        for w_activity in [0.0, 0.05, 0.1, 0.2, 0.4, 0.8] {
            grid.push([1.0, w_product, w_activity]);
        }
    }
    let mut best = (f64::MIN, TriageConfig::default());
    for half_life in [1000.0, 3000.0, 8000.0, 20000.0] {
        for activity_half_life in [100.0, 300.0, 1000.0, 3000.0] {
            let cfg = TriageConfig { half_life, activity_half_life, ..TriageConfig::default() };
            for (m, w) in replay(cfg, from, to, &grid).iter().zip(&grid) {
                if m.mrr > best.0 {
                    best = (m.mrr, TriageConfig { w_component: w[0], w_product: w[1], w_activity: w[2], ..cfg });
                }
            }
        }
    }
    best.1
}

/// Bug-triage evaluation with [`TriageRanker`]: settings from a grid search on the 80–90 % slice
/// ([`tune_triage`]), then the same rolling protocol as [`eval_bugtriage`] (every row after the
/// first 20 %, ranked with earlier rows only). Also reports the 90–100 % slice alone (`<p>_90_100`),
/// which the tuning never saw. Returns the metrics and the chosen settings.
pub fn eval_bugtriage_triage(
    dir: &Path,
) -> Result<(BTreeMap<String, RankMetrics>, BTreeMap<String, TriageConfig>), Error> {
    let mut out = BTreeMap::new();
    let mut configs = BTreeMap::new();
    for p in ["eclipse", "mozilla"] {
        let bugs = read_triage_bugs(&dir.join(format!("{p}.csv")))?;
        let cfg = tune_triage(bugs.len(), |cfg, from, to, grid| triage_replay(&bugs, cfg, from, to, grid));
        let w = [[cfg.w_component, cfg.w_product, cfg.w_activity]];
        let n = bugs.len();
        let rolling = triage_replay(&bugs, cfg, n / 5, n, &w);
        let last = triage_replay(&bugs, cfg, n * 9 / 10, n, &w);
        if let (Some(r), Some(l)) = (rolling.first(), last.first()) {
            out.insert(p.to_string(), *r);
            out.insert(format!("{p}_90_100"), *l);
        }
        configs.insert(p.to_string(), cfg);
    }
    Ok((out, configs))
}

/// Evaluate on `jira-tasks-apache-duraspace/issues.csv`, keyed by `source`; rows ordered by
/// creation time, unassigned rows skipped; tags = components + project, tokens = summary.
pub fn eval_jira_tasks(dir: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    let mut rdr = csv::Reader::from_path(dir.join("issues.csv"))?;
    let h = rdr.headers()?.clone();
    let idx = |n: &str| h.iter().position(|x| x == n);
    let (is, ic, ia, ico, ip, isu, idl) = (
        idx("source"),
        idx("created"),
        idx("assignee"),
        idx("components"),
        idx("project"),
        idx("summary"),
        idx("delayed"),
    );
    let mut by: BTreeMap<String, Vec<(String, Row)>> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec?;
        let g = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        if g(ia).is_empty() {
            continue;
        }
        let mut tags: Vec<String> =
            g(ico).split(';').filter(|c| !c.is_empty()).map(|c| format!("{}/{}", g(ip), c)).collect();
        tags.push(g(ip).to_string());
        by.entry(g(is).to_string()).or_default().push((
            g(ic).to_string(),
            Row { tags, tokens: split_tokens(g(isu)), who: g(ia).to_string(), on_time: Some(g(idl) != "1") },
        ));
    }
    let cfg = Config { half_life: 300.0, w_text: 0.5, w_recent: 0.05, ..Config::default() };
    let mut out = BTreeMap::new();
    for (src, mut v) in by {
        v.sort_by(|a, b| a.0.cmp(&b.0));
        let rows: Vec<Row> = v.into_iter().map(|x| x.1).collect();
        out.insert(src, replay(&rows, cfg, 1));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/bugtriage-eclipse-mozilla");
    const TASKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/jira-tasks-apache-duraspace");

    #[test]
    fn bugtriage_subsample() {
        let dir = Path::new(BUGS);
        if !dir.join("eclipse.csv").exists() {
            println!("skipped: bugtriage data absent");
            return;
        }
        let r = eval_bugtriage_with(dir, Some(40_000), 4).unwrap();
        println!("{}", serde_json::to_string(&r).unwrap());
        let e = r["eclipse"];
        let m = r["mozilla"];
        assert!(e.top1 > 0.30 && e.top5 > 0.65, "{e:?}");
        assert!(m.top1 > 0.20 && m.top5 > 0.45, "{m:?}");
    }

    #[test]
    fn jira_tasks() {
        let dir = Path::new(TASKS);
        if !dir.join("issues.csv").exists() {
            println!("skipped: jira tasks data absent");
            return;
        }
        let r = eval_jira_tasks(dir).unwrap();
        println!("{}", serde_json::to_string(&r).unwrap());
        assert!(r.values().all(|m| m.n > 0 && m.top5 > 0.3));
    }
}
