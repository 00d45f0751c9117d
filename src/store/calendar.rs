//! Calendar feeds: revocable secrets that give read-only ICS of a member's or project's tasks.

use crate::store::tokens::{hash_token, new_secret};
use crate::store::{Error, Result, Store, now_ms};

/// A calendar feed (never its secret).
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub id: i64,
    pub workspace_id: i64,
    pub member_id: Option<i64>,
    pub project_id: Option<i64>,
    pub created_by: String,
    pub created_at: i64,
    pub revoked: bool,
}

type FeedRow = (i64, i64, Option<i64>, Option<i64>, String, i64, Option<i64>);
const COLS: &str = "id, workspace_id, member_id, project_id, created_by, created_at, revoked_at";

fn from_row(r: FeedRow) -> Feed {
    Feed {
        id: r.0,
        workspace_id: r.1,
        member_id: r.2,
        project_id: r.3,
        created_by: r.4,
        created_at: r.5,
        revoked: r.6.is_some(),
    }
}

impl Store {
    /// Creates a feed of exactly one of a member's or a project's tasks; returns it and its secret.
    pub async fn create_feed(
        &self,
        workspace_id: i64,
        member_id: Option<i64>,
        project_id: Option<i64>,
        created_by: &str,
    ) -> Result<(Feed, String)> {
        if member_id.is_some() == project_id.is_some() {
            return Err(Error::Invalid("give exactly one of member_id and project_id".into()));
        }
        let secret = new_secret("cal_");
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO calendar_feeds (workspace_id, secret_hash, member_id, project_id, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(workspace_id)
        .bind(hash_token(&secret))
        .bind(member_id)
        .bind(project_id)
        .bind(created_by.to_string())
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        let feed = Feed {
            id,
            workspace_id,
            member_id,
            project_id,
            created_by: created_by.to_string(),
            created_at: now,
            revoked: false,
        };
        Ok((feed, secret))
    }

    /// The live feed with this secret.
    pub async fn find_feed(&self, secret: &str) -> Result<Option<Feed>> {
        let row: Option<FeedRow> =
            sqlx::query_as(&format!("SELECT {COLS} FROM calendar_feeds WHERE secret_hash = $1 AND revoked_at IS NULL"))
                .bind(hash_token(secret))
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(from_row))
    }

    /// One feed by id.
    pub async fn get_feed(&self, workspace_id: i64, id: i64) -> Result<Feed> {
        let row: Option<FeedRow> =
            sqlx::query_as(&format!("SELECT {COLS} FROM calendar_feeds WHERE workspace_id = $1 AND id = $2"))
                .bind(workspace_id)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(from_row).ok_or(Error::NotFound("calendar feed"))
    }

    /// Feeds of a workspace, optionally only those created by `created_by`.
    pub async fn list_feeds(&self, workspace_id: i64, created_by: Option<&str>) -> Result<Vec<Feed>> {
        let rows: Vec<FeedRow> = sqlx::query_as(&format!(
            "SELECT {COLS} FROM calendar_feeds WHERE workspace_id = $1 AND ($2 = '' OR created_by = $2) ORDER BY id"
        ))
        .bind(workspace_id)
        .bind(created_by.unwrap_or("").to_string())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(from_row).collect())
    }

    /// Revokes a feed: its URL stops working at once.
    pub async fn revoke_feed(&self, workspace_id: i64, id: i64) -> Result<()> {
        let res = sqlx::query(
            "UPDATE calendar_feeds SET revoked_at = $1 WHERE workspace_id = $2 AND id = $3 AND revoked_at IS NULL",
        )
        .bind(now_ms())
        .bind(workspace_id)
        .bind(id)
        .execute(self.pool())
        .await?;
        if res.rows_affected() == 0 {
            return Err(Error::NotFound("calendar feed"));
        }
        Ok(())
    }
}
