//! The web dashboard: static assets from `web/`, embedded in the binary so `serve` needs no
//! separate build step or network. For front-end work, `CHAT2TASK_WEB_DIR=web` serves the files
//! from disk instead, re-read on every request.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Embedded assets: (path, content type, bytes).
const ASSETS: &[(&str, &str, &str)] = &[
    ("index.html", "text/html; charset=utf-8", include_str!("../../web/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_str!("../../web/app.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("../../web/app.css")),
];

/// Routes `/` and the asset files.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| asset("index.html")))
        .route("/{file}", get(|Path(file): Path<String>| asset_owned(file)))
}

async fn asset_owned(file: String) -> Response {
    asset(&file).await
}

async fn asset(file: &str) -> Response {
    let Some((name, content_type, embedded)) = ASSETS.iter().find(|(name, ..)| *name == file) else {
        return crate::api::error::ApiError::NotFound("no such page".into()).into_response();
    };
    let body = match std::env::var("CHAT2TASK_WEB_DIR") {
        Ok(dir) if !dir.is_empty() => {
            std::fs::read_to_string(std::path::Path::new(&dir).join(name)).unwrap_or_else(|_| (*embedded).to_string())
        }
        _ => (*embedded).to_string(),
    };
    (StatusCode::OK, [(header::CONTENT_TYPE, *content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}
