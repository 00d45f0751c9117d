//! CLI glue for `chat2task assign eval --data DIR --json`.

use super::eval::{self, Error, RankMetrics};
use std::collections::BTreeMap;
use std::path::Path;

/// `assign eval --data DIR --json`: `{"eclipse": {top1, top5, mrr, n}, "mozilla": {…}}` where
/// `DIR` is the `bugtriage-eclipse-mozilla` folder.
pub fn assign_eval(data: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    eval::eval_bugtriage(data)
}

/// `assign eval --data DIR --scorer triage`: the component/product triage ranker, tuned on the
/// 80–90 % slice; also returns the settings it picked per project.
pub fn assign_eval_triage(
    data: &Path,
) -> Result<(BTreeMap<String, RankMetrics>, BTreeMap<String, super::triage::TriageConfig>), Error> {
    eval::eval_bugtriage_triage(data)
}

/// Same protocol on `jira-tasks-apache-duraspace`, keyed by source.
pub fn assign_eval_jira_tasks(data: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    eval::eval_jira_tasks(data)
}
