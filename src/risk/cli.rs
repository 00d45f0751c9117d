//! CLI glue for `chat2task risk eval|train`: plain functions returning serialisable values.

use super::{Error, RiskModel, eval};
use std::path::Path;

/// `risk eval --data DIR --json`: the full [`eval::EvalReport`].
pub fn risk_eval(data: &Path) -> Result<eval::EvalReport, Error> {
    eval::eval_jira(data)
}

/// `risk train --data DIR --out FILE`: fit the pooled prior and write its JSON to `out`.
pub fn risk_train(data: &Path, out: &Path) -> Result<RiskModel, Error> {
    let m = eval::train_prior(data)?;
    std::fs::write(out, m.to_json()?)?;
    Ok(m)
}
