//! Projects, their stages, and who belongs to which project with which project role.

use crate::store::{Error, Result, Store, now_ms};

/// A project of a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub description: String,
    pub archived: bool,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Changes to a project; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct ProjectPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub archived: Option<bool>,
}

/// A stage (phase) of a project.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub id: i64,
    pub project_id: i64,
    pub name: String,
    pub position: i64,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub created_at: i64,
}

/// Fields of a new stage, and the changes of a stage patch (`None` leaves a field alone).
#[derive(Debug, Clone, Default)]
pub struct StageFields {
    pub name: Option<String>,
    pub position: Option<i64>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// A member's place in a project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectMember {
    pub member_id: i64,
    pub name: String,
    /// `pm`, `member` or `guest`.
    pub role: String,
}

type ProjectRow = (i64, i64, String, String, i64, String, i64, i64);
const PROJECT_COLS: &str = "id, workspace_id, name, description, archived, created_by, created_at, updated_at";

fn project_from_row(r: ProjectRow) -> Project {
    Project {
        id: r.0,
        workspace_id: r.1,
        name: r.2,
        description: r.3,
        archived: r.4 != 0,
        created_by: r.5,
        created_at: r.6,
        updated_at: r.7,
    }
}

type StageRow = (i64, i64, String, i64, Option<String>, Option<String>, i64);
const STAGE_COLS: &str = "id, project_id, name, position, start_date, end_date, created_at";

fn stage_from_row(r: StageRow) -> Stage {
    Stage { id: r.0, project_id: r.1, name: r.2, position: r.3, start_date: r.4, end_date: r.5, created_at: r.6 }
}

/// Checks a project or stage name: 1 to 200 characters after trimming.
pub fn check_title(what: &str, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::Invalid(format!("{what} must be 1 to 200 characters")));
    }
    Ok(name.to_string())
}

/// Checks an optional `YYYY-MM-DD` date.
pub fn check_date(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| Error::Invalid(format!("{field} must be a date YYYY-MM-DD; got `{v}`"))),
    }
}

/// Which projects a caller may see.
#[derive(Debug, Clone, Copy)]
pub enum Visibility {
    /// Every project of the workspace.
    All,
    /// Only projects this member belongs to.
    MemberOf(i64),
    /// Nothing (a token without a member and without the admin role).
    Nothing,
}

impl Store {
    /// Creates a project; `owner` (a member id) becomes its PM when given.
    pub async fn create_project(
        &self,
        workspace_id: i64,
        name: &str,
        description: &str,
        created_by: &str,
        owner: Option<i64>,
    ) -> Result<Project> {
        let name = check_title("project name", name)?;
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO projects (workspace_id, name, description, archived, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, 0, $4, $5, $5) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name.clone())
        .bind(description.to_string())
        .bind(created_by.to_string())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(member_id) = owner {
            sqlx::query("INSERT INTO project_members (project_id, member_id, role) VALUES ($1, $2, 'pm')")
                .bind(id)
                .bind(member_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Project {
            id,
            workspace_id,
            name,
            description: description.to_string(),
            archived: false,
            created_by: created_by.to_string(),
            created_at: now,
            updated_at: now,
        })
    }

    /// One project of the workspace.
    pub async fn get_project(&self, workspace_id: i64, id: i64) -> Result<Project> {
        let row: Option<ProjectRow> =
            sqlx::query_as(&format!("SELECT {PROJECT_COLS} FROM projects WHERE workspace_id = $1 AND id = $2"))
                .bind(workspace_id)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(project_from_row).ok_or(Error::NotFound("project"))
    }

    /// The projects a caller may see, oldest first.
    pub async fn list_projects(&self, workspace_id: i64, visibility: Visibility) -> Result<Vec<Project>> {
        let rows: Vec<ProjectRow> = match visibility {
            Visibility::All => {
                sqlx::query_as(&format!("SELECT {PROJECT_COLS} FROM projects WHERE workspace_id = $1 ORDER BY id"))
                    .bind(workspace_id)
                    .fetch_all(self.pool())
                    .await?
            }
            Visibility::MemberOf(member_id) => {
                sqlx::query_as(&format!(
                    "SELECT {PROJECT_COLS} FROM projects WHERE workspace_id = $1 AND id IN \
                     (SELECT project_id FROM project_members WHERE member_id = $2) ORDER BY id"
                ))
                .bind(workspace_id)
                .bind(member_id)
                .fetch_all(self.pool())
                .await?
            }
            Visibility::Nothing => Vec::new(),
        };
        Ok(rows.into_iter().map(project_from_row).collect())
    }

    /// Applies a patch; returns the project before and after.
    pub async fn update_project(&self, workspace_id: i64, id: i64, patch: &ProjectPatch) -> Result<(Project, Project)> {
        let before = self.get_project(workspace_id, id).await?;
        let mut after = before.clone();
        if let Some(name) = &patch.name {
            after.name = check_title("project name", name)?;
        }
        if let Some(description) = &patch.description {
            after.description = description.clone();
        }
        if let Some(archived) = patch.archived {
            after.archived = archived;
        }
        after.updated_at = now_ms();
        sqlx::query("UPDATE projects SET name = $1, description = $2, archived = $3, updated_at = $4 WHERE id = $5")
            .bind(after.name.clone())
            .bind(after.description.clone())
            .bind(i64::from(after.archived))
            .bind(after.updated_at)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok((before, after))
    }

    /// Deletes a project with its stages, tasks and memberships; unbinds its chats.
    pub async fn delete_project(&self, workspace_id: i64, id: i64) -> Result<Project> {
        let before = self.get_project(workspace_id, id).await?;
        let mut tx = self.begin_write().await?;
        // Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite only honours
        // with `PRAGMA foreign_keys` on for that connection.
        for sql in [
            "DELETE FROM task_events WHERE task_id IN (SELECT id FROM tasks WHERE project_id = $1)",
            "DELETE FROM task_owners WHERE task_id IN (SELECT id FROM tasks WHERE project_id = $1)",
            "DELETE FROM tasks WHERE project_id = $1",
            "DELETE FROM stages WHERE project_id = $1",
            "DELETE FROM project_members WHERE project_id = $1",
            "UPDATE chats SET project_id = NULL WHERE project_id = $1",
            "DELETE FROM projects WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(before)
    }

    /// The project role (`pm`, `member`, `guest`) of a member, if they belong to the project.
    pub async fn project_role(&self, project_id: i64, member_id: i64) -> Result<Option<String>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT role FROM project_members WHERE project_id = $1 AND member_id = $2")
                .bind(project_id)
                .bind(member_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|r| r.0))
    }

    /// Adds a member to a project, or changes their project role.
    pub async fn set_project_member(&self, project_id: i64, member_id: i64, role: &str) -> Result<()> {
        if !matches!(role, "pm" | "member" | "guest") {
            return Err(Error::Invalid(format!("project role must be pm, member or guest; got `{role}`")));
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM project_members WHERE project_id = $1 AND member_id = $2")
            .bind(project_id)
            .bind(member_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO project_members (project_id, member_id, role) VALUES ($1, $2, $3)")
            .bind(project_id)
            .bind(member_id)
            .bind(role.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a member from a project.
    pub async fn remove_project_member(&self, project_id: i64, member_id: i64) -> Result<()> {
        let res = sqlx::query("DELETE FROM project_members WHERE project_id = $1 AND member_id = $2")
            .bind(project_id)
            .bind(member_id)
            .execute(self.pool())
            .await?;
        if res.rows_affected() == 0 {
            return Err(Error::NotFound("project member"));
        }
        Ok(())
    }

    /// The members of a project with their project roles.
    pub async fn project_members(&self, project_id: i64) -> Result<Vec<ProjectMember>> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT m.id, m.name, pm.role FROM project_members pm JOIN members m ON m.id = pm.member_id \
             WHERE pm.project_id = $1 ORDER BY m.name",
        )
        .bind(project_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|r| ProjectMember { member_id: r.0, name: r.1, role: r.2 }).collect())
    }

    /// Creates a stage at the end of the project's stage list unless a position is given.
    pub async fn create_stage(&self, project_id: i64, fields: &StageFields) -> Result<Stage> {
        let name = check_title("stage name", fields.name.as_deref().unwrap_or(""))?;
        let start_date = check_date("start_date", fields.start_date.as_deref())?;
        let end_date = check_date("end_date", fields.end_date.as_deref())?;
        let position = match fields.position {
            Some(p) => p,
            None => {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM stages WHERE project_id = $1")
                    .bind(project_id)
                    .fetch_one(self.pool())
                    .await?;
                n
            }
        };
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO stages (project_id, name, position, start_date, end_date, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(project_id)
        .bind(name.clone())
        .bind(position)
        .bind(start_date.clone())
        .bind(end_date.clone())
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        Ok(Stage { id, project_id, name, position, start_date, end_date, created_at: now })
    }

    /// The stages of a project in order.
    pub async fn list_stages(&self, project_id: i64) -> Result<Vec<Stage>> {
        let rows: Vec<StageRow> =
            sqlx::query_as(&format!("SELECT {STAGE_COLS} FROM stages WHERE project_id = $1 ORDER BY position, id"))
                .bind(project_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(stage_from_row).collect())
    }

    /// One stage, with the workspace checked through its project.
    pub async fn get_stage(&self, workspace_id: i64, id: i64) -> Result<Stage> {
        let row: Option<StageRow> = sqlx::query_as(&format!(
            "SELECT {STAGE_COLS} FROM stages WHERE id = $1 AND project_id IN \
             (SELECT id FROM projects WHERE workspace_id = $2)"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await?;
        row.map(stage_from_row).ok_or(Error::NotFound("stage"))
    }

    /// Applies a patch to a stage; returns it before and after.
    pub async fn update_stage(&self, workspace_id: i64, id: i64, fields: &StageFields) -> Result<(Stage, Stage)> {
        let before = self.get_stage(workspace_id, id).await?;
        let mut after = before.clone();
        if let Some(name) = &fields.name {
            after.name = check_title("stage name", name)?;
        }
        if let Some(position) = fields.position {
            after.position = position;
        }
        if fields.start_date.is_some() {
            after.start_date = check_date("start_date", fields.start_date.as_deref())?;
        }
        if fields.end_date.is_some() {
            after.end_date = check_date("end_date", fields.end_date.as_deref())?;
        }
        sqlx::query("UPDATE stages SET name = $1, position = $2, start_date = $3, end_date = $4 WHERE id = $5")
            .bind(after.name.clone())
            .bind(after.position)
            .bind(after.start_date.clone())
            .bind(after.end_date.clone())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok((before, after))
    }

    /// Deletes a stage; its tasks stay in the project without a stage.
    pub async fn delete_stage(&self, workspace_id: i64, id: i64) -> Result<Stage> {
        let before = self.get_stage(workspace_id, id).await?;
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE tasks SET stage_id = NULL WHERE stage_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM stages WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(before)
    }
}
