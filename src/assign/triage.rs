//! Bug-triage ranker for histories that have only component and product (no text, no times):
//! a developer's score is their share of the recency-decayed fixes in the bug's component, plus
//! weighted shares in its product and in all recent fixes ("recent activity").
//!
//! Decay uses *forward decay*: a fix at time `t` adds `exp(rate · t)` to a counter, so every
//! counter of one kind shares the factor `exp(−rate · now)` and shares (counter / total) need no
//! `exp` at query time; ranking within a counter never changes between updates. Each posting
//! keeps its developers ordered by counter, so a query reads the top few of the component,
//! product and activity postings instead of every developer who ever touched a product. A
//! replay of 200k bugs takes seconds.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

/// Decays and weights of the triage score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TriageConfig {
    /// Half-life of component and product fixes, in bugs.
    pub half_life: f64,
    /// Half-life of overall activity, in bugs.
    pub activity_half_life: f64,
    /// Weight of the share of the component's fixes.
    pub w_component: f64,
    /// Weight of the share of the product's fixes.
    pub w_product: f64,
    /// Weight of the share of all recent fixes.
    pub w_activity: f64,
    /// Candidates read from the top of each posting.
    pub top: usize,
}

impl Default for TriageConfig {
    fn default() -> TriageConfig {
        TriageConfig {
            half_life: 8000.0,
            activity_half_life: 1000.0,
            w_component: 1.0,
            w_product: 0.2,
            w_activity: 0.1,
            top: 30,
        }
    }
}

/// Forward-decayed counters of one posting, ordered by value.
#[derive(Debug, Clone, Default)]
struct Posting {
    value: HashMap<u32, f64>,
    order: BTreeSet<(u64, u32)>,
    total: f64,
}

impl Posting {
    fn add(&mut self, dev: u32, x: f64) {
        let old = self.value.get(&dev).copied();
        if let Some(old) = old {
            self.order.remove(&(old.to_bits(), dev));
        }
        let old = old.unwrap_or(0.0);
        let new = old + x;
        self.value.insert(dev, new);
        // Positive finite f64 order like their bit patterns.
        self.order.insert((new.to_bits(), dev));
        self.total += x;
    }

    fn share(&self, dev: u32) -> f64 {
        if self.total <= 0.0 { 0.0 } else { self.value.get(&dev).copied().unwrap_or(0.0) / self.total }
    }

    fn top(&self, n: usize) -> impl Iterator<Item = u32> + '_ {
        self.order.iter().rev().take(n).map(|(_, d)| *d)
    }

    fn scale(&mut self, f: f64) {
        self.total *= f;
        for v in self.value.values_mut() {
            *v *= f;
        }
        self.order = self.value.iter().map(|(d, v)| (v.to_bits(), *d)).collect();
    }
}

/// Online triage ranker over developer ids.
#[derive(Debug, Clone)]
pub struct TriageRanker {
    cfg: TriageConfig,
    component: HashMap<String, Posting>,
    product: HashMap<String, Posting>,
    activity: Posting,
    /// Times are counted from here (forward decay is renormalised before `exp` overflows).
    origin: f64,
}

/// Per-candidate features of one query: (developer, component share, product share, activity share).
pub type Features = Vec<(u32, [f64; 3])>;

impl TriageRanker {
    /// Empty ranker.
    pub fn new(cfg: TriageConfig) -> TriageRanker {
        TriageRanker {
            cfg,
            component: HashMap::new(),
            product: HashMap::new(),
            activity: Posting::default(),
            origin: 0.0,
        }
    }

    fn rates(&self) -> (f64, f64) {
        let ln2 = std::f64::consts::LN_2;
        (ln2 / self.cfg.half_life.max(1e-9), ln2 / self.cfg.activity_half_life.max(1e-9))
    }

    /// Records that `dev` fixed a bug of `component` (product-qualified) and `product` at `time`.
    pub fn observe(&mut self, dev: u32, component: &str, product: &str, time: f64) {
        let (rate, act_rate) = self.rates();
        if (time - self.origin) * rate.max(act_rate) > 500.0 {
            let (f, fa) = (((self.origin - time) * rate).exp(), ((self.origin - time) * act_rate).exp());
            self.component.values_mut().chain(self.product.values_mut()).for_each(|p| p.scale(f));
            self.activity.scale(fa);
            self.origin = time;
        }
        let x = ((time - self.origin) * rate).exp();
        self.component.entry(component.to_string()).or_default().add(dev, x);
        self.product.entry(product.to_string()).or_default().add(dev, x);
        self.activity.add(dev, ((time - self.origin) * act_rate).exp());
    }

    /// Candidates (top of the component, product and activity postings) with their shares.
    pub fn features(&self, component: &str, product: &str) -> Features {
        let (c, p) = (self.component.get(component), self.product.get(product));
        let n = self.cfg.top;
        let mut devs: Vec<u32> = c.into_iter().flat_map(|c| c.top(n)).collect();
        devs.extend(p.into_iter().flat_map(|p| p.top(n)));
        devs.extend(self.activity.top(n));
        devs.sort_unstable();
        devs.dedup();
        devs.into_iter()
            .map(|d| {
                (
                    d,
                    [
                        c.map(|c| c.share(d)).unwrap_or(0.0),
                        p.map(|p| p.share(d)).unwrap_or(0.0),
                        self.activity.share(d),
                    ],
                )
            })
            .collect()
    }

    /// The `k` best developers for a bug of `component` and `product`, best first.
    pub fn rank(&self, component: &str, product: &str, k: usize) -> Vec<u32> {
        let w = [self.cfg.w_component, self.cfg.w_product, self.cfg.w_activity];
        let mut scored: Vec<(f64, u32)> =
            self.features(component, product).into_iter().map(|(d, f)| (score(&w, &f), d)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(k).map(|(_, d)| d).collect()
    }
}

/// Weighted sum of a candidate's shares.
pub fn score(w: &[f64; 3], f: &[f64; 3]) -> f64 {
    w[0] * f[0] + w[1] * f[1] + w[2] * f[2]
}

/// Rank (0 = first) of `truth` among `features` under weights `w`, ties broken by developer id
/// as in [`TriageRanker::rank`]; `None` when it is not a candidate.
pub fn rank_of(features: &Features, truth: u32, w: &[f64; 3]) -> Option<usize> {
    let (_, tf) = features.iter().find(|(d, _)| *d == truth)?;
    let ts = score(w, tf);
    Some(
        features
            .iter()
            .filter(|(d, f)| {
                let s = score(w, f);
                s > ts || (s == ts && *d < truth)
            })
            .count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_history_wins_and_recency_counts() {
        let mut r = TriageRanker::new(TriageConfig { half_life: 10.0, ..TriageConfig::default() });
        for t in 0..20 {
            r.observe(1, "ui/button", "ui", f64::from(t));
        }
        for t in 100..110 {
            r.observe(2, "ui/button", "ui", f64::from(t));
        }
        r.observe(3, "core/net", "core", 111.0);
        assert_eq!(r.rank("ui/button", "ui", 3)[0], 2, "recent fixes outweigh older, more numerous ones");
        assert_eq!(r.rank("core/net", "core", 1), vec![3]);
        let f = r.features("ui/button", "ui");
        let w = [1.0, 0.2, 0.1];
        assert_eq!(rank_of(&f, 2, &w), Some(0));
        assert_eq!(rank_of(&f, 99, &w), None);
    }

    #[test]
    fn renormalising_keeps_the_order() {
        let mut r =
            TriageRanker::new(TriageConfig { half_life: 1.0, activity_half_life: 1.0, ..TriageConfig::default() });
        for t in 0..2000 {
            r.observe(t % 7, "c", "p", f64::from(t));
        }
        let f = r.features("c", "p");
        assert!(f.iter().all(|(_, s)| s.iter().all(|x| x.is_finite())));
        assert_eq!(r.rank("c", "p", 1), vec![1999 % 7], "the latest fixer leads with a one-bug half-life");
    }
}
