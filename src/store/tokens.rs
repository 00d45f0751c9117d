//! API tokens: random secrets shown once, stored only as SHA-256 hashes.

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::store::{Error, Result, Store, now_ms};

/// A stored token (never the secret itself).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub id: i64,
    pub workspace_id: i64,
    /// `admin`, `pm`, `member` or `guest`.
    pub role: String,
    pub member_id: Option<i64>,
    pub label: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// A fresh random secret: `prefix` + 48 hex digits (192 bits from the OS).
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

/// How long a looked-up token is trusted without asking the database again.
pub const TOKEN_CACHE_TTL_MS: i64 = 10_000;

/// SHA-256 hex of a token secret.
pub fn hash_token(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

type TokenRow = (i64, i64, String, Option<i64>, String, i64, Option<i64>);
const TOKEN_COLS: &str = "id, workspace_id, role, member_id, label, created_at, revoked_at";

fn from_row(r: TokenRow) -> Token {
    Token { id: r.0, workspace_id: r.1, role: r.2, member_id: r.3, label: r.4, created_at: r.5, revoked_at: r.6 }
}

impl Store {
    /// Issues a token; returns the stored row and the secret (shown once, never stored).
    pub async fn create_token(
        &self,
        workspace_id: i64,
        role: &str,
        member_id: Option<i64>,
        label: &str,
    ) -> Result<(Token, String)> {
        if !matches!(role, "admin" | "pm" | "member" | "guest") {
            return Err(Error::Invalid(format!("role must be admin, pm, member or guest; got `{role}`")));
        }
        let secret = new_secret("c2t_");
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO api_tokens (workspace_id, token_hash, role, member_id, label, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(workspace_id)
        .bind(hash_token(&secret))
        .bind(role.to_string())
        .bind(member_id)
        .bind(label.to_string())
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        let token = Token {
            id,
            workspace_id,
            role: role.to_string(),
            member_id,
            label: label.to_string(),
            created_at: now,
            revoked_at: None,
        };
        Ok((token, secret))
    }

    /// The live (not revoked) token with this secret.
    ///
    /// Answers from a small in-process cache for up to [`TOKEN_CACHE_TTL_MS`]; revoking through
    /// this process clears the cache at once, a revocation by another process takes effect
    /// within the TTL.
    pub async fn find_token(&self, secret: &str) -> Result<Option<Token>> {
        let hash = hash_token(secret);
        let now = now_ms();
        if let Ok(cache) = self.token_cache.lock() {
            if let Some((token, at)) = cache.get(&hash) {
                if now - at < TOKEN_CACHE_TTL_MS {
                    return Ok(Some(token.clone()));
                }
            }
        }
        let found = self.find_token_uncached(&hash).await?;
        if let (Some(token), Ok(mut cache)) = (&found, self.token_cache.lock()) {
            if cache.len() >= 10_000 {
                cache.clear();
            }
            cache.insert(hash, (token.clone(), now));
        }
        Ok(found)
    }

    async fn find_token_uncached(&self, hash: &str) -> Result<Option<Token>> {
        let row: Option<TokenRow> = sqlx::query_as(&format!(
            "SELECT {TOKEN_COLS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL"
        ))
        .bind(hash.to_string())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(from_row))
    }

    /// All tokens of a workspace.
    pub async fn list_tokens(&self, workspace_id: i64) -> Result<Vec<Token>> {
        let rows: Vec<TokenRow> =
            sqlx::query_as(&format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE workspace_id = $1 ORDER BY id"))
                .bind(workspace_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(from_row).collect())
    }

    /// Revokes a token.
    pub async fn revoke_token(&self, workspace_id: i64, id: i64) -> Result<()> {
        let res = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE workspace_id = $2 AND id = $3 AND revoked_at IS NULL",
        )
        .bind(now_ms())
        .bind(workspace_id)
        .bind(id)
        .execute(self.pool())
        .await?;
        if res.rows_affected() == 0 {
            return Err(Error::NotFound("token"));
        }
        if let Ok(mut cache) = self.token_cache.lock() {
            cache.clear();
        }
        Ok(())
    }
}
