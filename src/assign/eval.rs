//! Offline evaluation of [`Suggester`] on real data.
//!
//! Rolling time-ordered protocol: rows are replayed in time order (bug id / creation time); each
//! evaluated row is ranked using only the rows before it, then added to the history. The first
//! 20% of rows are warm-up only. Bugs whose fixer is a placeholder account are neither evaluated
//! nor learnt from. Metrics: top-1, top-5 accuracy and MRR (rank ≤ 10, else 0).

use super::{Config, Suggester, TaskQuery, split_tokens};
use serde::Serialize;
use std::collections::BTreeMap;
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
    let mut sg = Suggester::new(cfg);
    let mut acc = Acc::default();
    let warm = rows.len() / 5;
    for (i, r) in rows.iter().enumerate() {
        if i >= warm && (i - warm) % stride.max(1) == 0 {
            let q = TaskQuery { tags: r.tags.clone(), tokens: r.tokens.clone(), now: i as f64 };
            let ranked = sg.suggest(&q, 10);
            acc.add(ranked.iter().position(|s| s.member == r.who));
        }
        sg.observe(&r.who, &r.tags, &r.tokens, i as f64, r.on_time);
    }
    acc.done()
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
        out.insert(p.to_string(), replay(&rows, bug_config(), stride));
    }
    Ok(out)
}

/// Full bug-triage evaluation (every row after warm-up).
pub fn eval_bugtriage(dir: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    eval_bugtriage_with(dir, None, 1)
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
