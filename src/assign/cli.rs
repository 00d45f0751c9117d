//! CLI glue for `chat2task assign eval --data DIR --json`.

use super::eval::{self, Error, RankMetrics};
use std::collections::BTreeMap;
use std::path::Path;

/// `assign eval --data DIR --json`: `{"eclipse": {top1, top5, mrr, n}, "mozilla": {…}}` where
/// `DIR` is the `bugtriage-eclipse-mozilla` folder.
pub fn assign_eval(data: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    eval::eval_bugtriage(data)
}

/// Same protocol on `jira-tasks-apache-duraspace`, keyed by source.
pub fn assign_eval_jira_tasks(data: &Path) -> Result<BTreeMap<String, RankMetrics>, Error> {
    eval::eval_jira_tasks(data)
}
