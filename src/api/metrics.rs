//! Request metrics in Prometheus text format.
//!
//! Hand-written rather than the `metrics` + exporter crates: we need two counters and one
//! histogram, and this keeps the dependency tree (and the 2-core cold build) smaller.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::api::AppState;

/// Latency histogram bucket bounds, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

/// Counters of the HTTP layer.
#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// (method, route, status) → count.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route → (bucket counts, sum seconds, count).
    latency: BTreeMap<String, ([u64; BUCKETS.len()], f64, u64)>,
    /// Free counters set by other modules (`tasks_created_total`, …).
    counters: BTreeMap<String, u64>,
}

impl Metrics {
    /// Records one finished request.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        *inner.requests.entry((method.to_string(), route.to_string(), status)).or_default() += 1;
        let entry = inner.latency.entry(route.to_string()).or_insert(([0; BUCKETS.len()], 0.0, 0));
        for (idx, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                entry.0[idx] += 1;
            }
        }
        entry.1 += seconds;
        entry.2 += 1;
    }

    /// Adds `n` to a named counter.
    pub fn add(&self, name: &str, n: u64) {
        if let Ok(mut inner) = self.inner.lock() {
            *inner.counters.entry(name.to_string()).or_default() += n;
        }
    }

    /// The exposition text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let Ok(inner) = self.inner.lock() else {
            return out;
        };
        out.push_str("# HELP chat2task_http_requests_total HTTP requests by method, route and status.\n");
        out.push_str("# TYPE chat2task_http_requests_total counter\n");
        for ((method, route, status), n) in &inner.requests {
            let _ = writeln!(
                out,
                "chat2task_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP chat2task_http_request_duration_seconds HTTP request latency by route.\n");
        out.push_str("# TYPE chat2task_http_request_duration_seconds histogram\n");
        for (route, (buckets, sum, count)) in &inner.latency {
            let route = escape(route);
            for (idx, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "chat2task_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {}",
                    buckets[idx]
                );
            }
            let _ = writeln!(
                out,
                "chat2task_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
            );
            let _ = writeln!(out, "chat2task_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}");
            let _ = writeln!(out, "chat2task_http_request_duration_seconds_count{{route=\"{route}\"}} {count}");
        }
        for (name, n) in &inner.counters {
            let _ = writeln!(out, "# TYPE chat2task_{name} counter\nchat2task_{name} {n}");
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Middleware recording each request under its matched route (never the raw path, which
/// would make the label set unbounded).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let route =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unmatched".into());
    let response = next.run(req).await;
    state.metrics.observe(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}
