//! Members of a workspace: display name, aliases/nicknames, platform ids, skills, active flag.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sqlx::AnyConnection;

use crate::store::{Error, Result, Store, json_list, now_ms, to_json_list};

/// A person who can own tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    /// Platform → user id on that platform (`wecom`, `feishu`, `dingtalk`).
    pub platform_ids: BTreeMap<String, String>,
    pub skills: Vec<String>,
    pub active: bool,
    /// Created automatically (an owner name seen for the first time, a token without a member);
    /// placeholders are never suggested as assignees.
    pub placeholder: bool,
    pub created_at: i64,
}

/// Fields of a new member.
#[derive(Debug, Clone, Default)]
pub struct NewMember {
    pub name: String,
    pub aliases: Vec<String>,
    pub platform_ids: BTreeMap<String, String>,
    pub skills: Vec<String>,
    pub placeholder: bool,
}

/// Changes to a member; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct MemberPatch {
    pub name: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub platform_ids: Option<BTreeMap<String, String>>,
    pub skills: Option<Vec<String>>,
    pub active: Option<bool>,
}

type MemberRow = (i64, i64, String, String, String, String, i64, i64, i64);
const MEMBER_COLS: &str = "id, workspace_id, name, aliases, platform_ids, skills, active, placeholder, created_at";

fn from_row(r: MemberRow) -> Member {
    Member {
        id: r.0,
        workspace_id: r.1,
        name: r.2,
        aliases: json_list(&r.3),
        platform_ids: serde_json::from_str(&r.4).unwrap_or_default(),
        skills: json_list(&r.5),
        active: r.6 != 0,
        placeholder: r.7 != 0,
        created_at: r.8,
    }
}

/// The conflict message when a workspace already has a member of that name.
pub(crate) const MEMBER_EXISTS: &str = "a member with this name already exists";

/// Validates a display name: non-empty after trimming, at most 64 chars.
pub fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(Error::Invalid("member name must be 1 to 64 characters".into()));
    }
    Ok(name.to_string())
}

/// How long a cached roster is trusted without a member write seen by this process: bounds
/// how long a rename or alias change made by *another* process (a separate worker on the same
/// database) can go unseen by owner resolution.
pub const ROSTER_TTL: Duration = Duration::from_secs(5);

/// Per-workspace member lists used to resolve owner names when tasks are created, so that a
/// creation does not read every member of its workspace.
///
/// Correctness rules:
/// - every member write made through this process (`create_member`, `update_member`, the
///   placeholders inserted by task writes) invalidates the cache after it (placeholders after
///   the commit that holds them); a roster read concurrently with such a write is not stored
///   (the generation counter changed);
/// - a name the cached roster does not know is looked up again in the database inside the
///   write transaction before a placeholder member is made, so members added by other
///   processes are found;
/// - what other processes change on existing members (renames, aliases) is seen after at most
///   [`ROSTER_TTL`].
#[derive(Debug, Default)]
pub(crate) struct RosterCache {
    inner: std::sync::Mutex<RosterInner>,
}

#[derive(Debug, Default)]
struct RosterInner {
    generation: u64,
    entries: HashMap<i64, (Arc<Vec<Member>>, Instant)>,
}

impl RosterCache {
    fn inner(&self) -> std::sync::MutexGuard<'_, RosterInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached roster of a workspace, if fresh.
    pub(crate) fn get(&self, workspace_id: i64) -> Option<Arc<Vec<Member>>> {
        let inner = self.inner();
        let (roster, at) = inner.entries.get(&workspace_id)?;
        (at.elapsed() < ROSTER_TTL).then(|| roster.clone())
    }

    /// The current generation; read it before loading a roster to [`RosterCache::put`].
    pub(crate) fn generation(&self) -> u64 {
        self.inner().generation
    }

    /// Stores a roster read after `generation` was current, unless a member write happened since.
    pub(crate) fn put(&self, workspace_id: i64, generation: u64, roster: Arc<Vec<Member>>) {
        let mut inner = self.inner();
        if inner.generation == generation {
            inner.entries.insert(workspace_id, (roster, Instant::now()));
        }
    }

    /// Forgets every cached roster (after a member write).
    pub(crate) fn invalidate(&self) {
        let mut inner = self.inner();
        inner.generation += 1;
        inner.entries.clear();
    }
}

impl Store {
    /// Creates a member.
    ///
    /// # Errors
    /// `Conflict` when the workspace already has a member of that name.
    pub async fn create_member(&self, workspace_id: i64, new: &NewMember) -> Result<Member> {
        let mut conn = self.pool().acquire().await?;
        let res = insert_member(&mut conn, workspace_id, new).await;
        self.roster.invalidate();
        res
    }

    /// One member of the workspace.
    pub async fn get_member(&self, workspace_id: i64, id: i64) -> Result<Member> {
        let row: Option<MemberRow> =
            sqlx::query_as(&format!("SELECT {MEMBER_COLS} FROM members WHERE workspace_id = $1 AND id = $2"))
                .bind(workspace_id)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(from_row).ok_or(Error::NotFound("member"))
    }

    /// All members of the workspace, by name.
    pub async fn list_members(&self, workspace_id: i64) -> Result<Vec<Member>> {
        let mut conn = self.pool().acquire().await?;
        members_of(&mut conn, workspace_id).await
    }

    /// The member whose name or alias is `name`, if exactly one fits.
    pub async fn find_member(&self, workspace_id: i64, name: &str) -> Result<Option<Member>> {
        let members = self.list_members(workspace_id).await?;
        Ok(pick_by_name(&members, name).cloned())
    }

    /// Applies a patch; returns the member before and after.
    pub async fn update_member(&self, workspace_id: i64, id: i64, patch: &MemberPatch) -> Result<(Member, Member)> {
        let before = self.get_member(workspace_id, id).await?;
        let mut after = before.clone();
        if let Some(name) = &patch.name {
            after.name = check_name(name)?;
        }
        if let Some(aliases) = &patch.aliases {
            after.aliases = aliases.clone();
        }
        if let Some(ids) = &patch.platform_ids {
            after.platform_ids = ids.clone();
        }
        if let Some(skills) = &patch.skills {
            after.skills = skills.clone();
        }
        if let Some(active) = patch.active {
            after.active = active;
        }
        let res = sqlx::query(
            "UPDATE members SET name = $1, aliases = $2, platform_ids = $3, skills = $4, active = $5 \
             WHERE workspace_id = $6 AND id = $7",
        )
        .bind(after.name.clone())
        .bind(to_json_list(&after.aliases))
        .bind(serde_json::to_string(&after.platform_ids).unwrap_or_else(|_| "{}".into()))
        .bind(to_json_list(&after.skills))
        .bind(i64::from(after.active))
        .bind(workspace_id)
        .bind(id)
        .execute(self.pool())
        .await;
        self.roster.invalidate();
        map_unique(res, MEMBER_EXISTS)?;
        Ok((before, after))
    }
}

/// Picks the member named `name` (display name first, then a unique alias match).
pub fn pick_by_name<'m>(members: &'m [Member], name: &str) -> Option<&'m Member> {
    let name = name.trim();
    if let Some(m) = members.iter().find(|m| m.name == name) {
        return Some(m);
    }
    let mut by_alias = members.iter().filter(|m| m.aliases.iter().any(|a| a == name));
    match (by_alias.next(), by_alias.next()) {
        (Some(m), None) => Some(m),
        _ => None,
    }
}

pub(crate) async fn members_of(conn: &mut AnyConnection, workspace_id: i64) -> Result<Vec<Member>> {
    let rows: Vec<MemberRow> =
        sqlx::query_as(&format!("SELECT {MEMBER_COLS} FROM members WHERE workspace_id = $1 ORDER BY name"))
            .bind(workspace_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

pub(crate) async fn insert_member(conn: &mut AnyConnection, workspace_id: i64, new: &NewMember) -> Result<Member> {
    let name = check_name(&new.name)?;
    // Checked first so that PostgreSQL does not burn a sequence value on the failed insert
    // (ids then match SQLite's); the unique constraint still settles races.
    let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM members WHERE workspace_id = $1 AND name = $2")
        .bind(workspace_id)
        .bind(name.clone())
        .fetch_optional(&mut *conn)
        .await?;
    if existing.is_some() {
        return Err(Error::Conflict(MEMBER_EXISTS.into()));
    }
    let created_at = now_ms();
    let res: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO members (workspace_id, name, aliases, platform_ids, skills, active, placeholder, created_at) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7) RETURNING id",
    )
    .bind(workspace_id)
    .bind(name.clone())
    .bind(to_json_list(&new.aliases))
    .bind(serde_json::to_string(&new.platform_ids).unwrap_or_else(|_| "{}".into()))
    .bind(to_json_list(&new.skills))
    .bind(i64::from(new.placeholder))
    .bind(created_at)
    .fetch_one(&mut *conn)
    .await;
    let (id,) = map_unique(res, MEMBER_EXISTS)?;
    Ok(Member {
        id,
        workspace_id,
        name,
        aliases: new.aliases.clone(),
        platform_ids: new.platform_ids.clone(),
        skills: new.skills.clone(),
        active: true,
        placeholder: new.placeholder,
        created_at,
    })
}

/// Turns a unique-constraint violation into `Error::Conflict` with `message`.
pub(crate) fn map_unique<T>(res: std::result::Result<T, sqlx::Error>, message: &str) -> Result<T> {
    match res {
        Ok(v) => Ok(v),
        Err(sqlx::Error::Database(e)) if e.kind() == sqlx::error::ErrorKind::UniqueViolation => {
            Err(Error::Conflict(message.to_string()))
        }
        Err(e) => Err(Error::Sqlx(e)),
    }
}
