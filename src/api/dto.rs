//! Request and response bodies of the REST API (the only place that knows the JSON shapes).
//! Store types convert into these with `From`; timestamps leave as RFC 3339 UTC strings.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::store;

/// Reads a field that may be absent (`None`), null (`Some(None)`) or set (`Some(Some(v))`).
pub fn double_option<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// RFC 3339 (UTC) of Unix milliseconds.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// A page of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// Number of items matching the filters, all pages together.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    /// Offset of the next page, `null` on the last page.
    pub next_offset: Option<i64>,
}

impl<T: ToSchema> Page<T> {
    /// Wraps one page.
    pub fn new(items: Vec<T>, total: i64, limit: i64, offset: i64) -> Self {
        let next = offset + items.len() as i64;
        Page { items, total, limit, offset, next_offset: if next < total { Some(next) } else { None } }
    }
}

/// Paging parameters shared by list endpoints.
pub const DEFAULT_LIMIT: i64 = 50;
/// Largest page.
pub const MAX_LIMIT: i64 = 500;

// ---- projects ----

/// A project.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectOut {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub archived: bool,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

impl From<store::projects::Project> for ProjectOut {
    fn from(p: store::projects::Project) -> Self {
        ProjectOut {
            id: p.id,
            name: p.name,
            description: p.description,
            archived: p.archived,
            created_by: p.created_by,
            created_at: rfc3339(p.created_at),
            updated_at: rfc3339(p.updated_at),
        }
    }
}

/// Body of `POST /v1/projects`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectCreate {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// Body of `PATCH /v1/projects/{id}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub archived: Option<bool>,
}

/// A member of a project.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectMemberOut {
    pub member_id: i64,
    pub name: String,
    /// `pm`, `member` or `guest`.
    pub role: String,
}

impl From<store::projects::ProjectMember> for ProjectMemberOut {
    fn from(m: store::projects::ProjectMember) -> Self {
        ProjectMemberOut { member_id: m.member_id, name: m.name, role: m.role }
    }
}

/// Body of `POST /v1/projects/{id}/members`: a member by id or by name.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectMemberSet {
    pub member_id: Option<i64>,
    pub name: Option<String>,
    /// `pm`, `member` (default) or `guest`.
    pub role: Option<String>,
}

// ---- stages ----

/// A stage of a project.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageOut {
    pub id: i64,
    pub project_id: i64,
    pub name: String,
    pub position: i64,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

impl From<store::projects::Stage> for StageOut {
    fn from(s: store::projects::Stage) -> Self {
        StageOut {
            id: s.id,
            project_id: s.project_id,
            name: s.name,
            position: s.position,
            start_date: s.start_date,
            end_date: s.end_date,
        }
    }
}

/// Body of `POST /v1/projects/{id}/stages` and `PATCH /v1/stages/{id}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageWrite {
    pub name: Option<String>,
    pub position: Option<i64>,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`.
    pub end_date: Option<String>,
}

// ---- tasks ----

/// A task.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskOut {
    pub id: i64,
    pub project_id: i64,
    pub stage_id: Option<i64>,
    pub title: String,
    pub description: String,
    /// Owner display names.
    pub owners: Vec<String>,
    pub owner_ids: Vec<i64>,
    /// `YYYY-MM-DD`, or null.
    pub due_date: Option<String>,
    /// `HH:MM` (24 h), or null when no clock time was given.
    pub due_time: Option<String>,
    /// `P0` … `P3`.
    pub priority: String,
    /// `proposed`, `todo`, `doing`, `done` or `cancelled`.
    pub status: String,
    pub tags: Vec<String>,
    pub source_chat: Option<String>,
    pub source_message: Option<String>,
    pub confidence: Option<f64>,
    /// Character spans of the source message that the task was read from.
    #[schema(value_type = Object)]
    pub evidence: serde_json::Value,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub done_at: Option<String>,
}

impl From<store::tasks::Task> for TaskOut {
    fn from(t: store::tasks::Task) -> Self {
        TaskOut {
            id: t.id,
            project_id: t.project_id,
            stage_id: t.stage_id,
            title: t.title,
            description: t.description,
            owners: t.owners.iter().map(|o| o.name.clone()).collect(),
            owner_ids: t.owners.iter().map(|o| o.member_id).collect(),
            due_date: t.due_date.map(|d| d.format("%Y-%m-%d").to_string()),
            due_time: t.due_time.map(|d| d.format("%H:%M").to_string()),
            priority: t.priority.as_str().to_string(),
            status: t.status.as_str().to_string(),
            tags: t.tags,
            source_chat: t.source_chat,
            source_message: t.source_message,
            confidence: t.confidence,
            evidence: serde_json::from_str(&t.evidence).unwrap_or(serde_json::Value::Array(Vec::new())),
            created_by: t.created_by,
            created_at: rfc3339(t.created_at),
            updated_at: rfc3339(t.updated_at),
            done_at: t.done_at.map(rfc3339),
        }
    }
}

/// Body of `POST /v1/tasks`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskCreate {
    pub project_id: i64,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub stage_id: Option<i64>,
    /// Owner names (display names or aliases); unknown names become placeholder members.
    #[serde(default)]
    pub owners: Vec<String>,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// `HH:MM`; only with a `due_date`.
    pub due_time: Option<String>,
    /// `P0` … `P3`; default `P2`.
    pub priority: Option<String>,
    /// Default `todo`.
    pub status: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Body of `PATCH /v1/tasks/{id}`; absent fields are left alone, null clears.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskUpdate {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub stage_id: Option<Option<i64>>,
    pub owners: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub due_date: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub due_time: Option<Option<String>>,
    pub priority: Option<String>,
    pub status: Option<String>,
    pub tags: Option<Vec<String>>,
}

/// Query of `GET /v1/tasks`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    pub project_id: Option<i64>,
    pub stage_id: Option<i64>,
    /// Owner display name.
    pub owner: Option<String>,
    pub status: Option<String>,
    pub tag: Option<String>,
    /// Due on or before (`YYYY-MM-DD`).
    pub due_before: Option<String>,
    /// Due on or after (`YYYY-MM-DD`).
    pub due_after: Option<String>,
    /// Substring of title or description.
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A row of a task's event log.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskEventOut {
    pub id: i64,
    pub task_id: i64,
    pub actor: String,
    /// `created`, `updated`, `comment`.
    pub kind: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// The chat message that caused the change, if any.
    pub message_id: Option<String>,
    pub created_at: String,
}

impl From<store::tasks::TaskEvent> for TaskEventOut {
    fn from(e: store::tasks::TaskEvent) -> Self {
        TaskEventOut {
            id: e.id,
            task_id: e.task_id,
            actor: e.actor,
            kind: e.kind,
            field: e.field,
            old_value: e.old_value,
            new_value: e.new_value,
            message_id: e.message_id,
            created_at: rfc3339(e.created_at),
        }
    }
}

/// Body of `POST /v1/tasks/{id}/comments`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentCreate {
    pub text: String,
}

// ---- members ----

/// A workspace member.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub platform_ids: BTreeMap<String, String>,
    pub skills: Vec<String>,
    pub active: bool,
    pub placeholder: bool,
}

impl From<store::members::Member> for MemberOut {
    fn from(m: store::members::Member) -> Self {
        MemberOut {
            id: m.id,
            name: m.name,
            aliases: m.aliases,
            platform_ids: m.platform_ids,
            skills: m.skills,
            active: m.active,
            placeholder: m.placeholder,
        }
    }
}

/// Body of `POST /v1/members`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberCreate {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub platform_ids: BTreeMap<String, String>,
    #[serde(default)]
    pub skills: Vec<String>,
}

/// Body of `PATCH /v1/members/{id}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberUpdate {
    pub name: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub platform_ids: Option<BTreeMap<String, String>>,
    pub skills: Option<Vec<String>>,
    pub active: Option<bool>,
}

// ---- chats and messages ----

/// A group chat.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChatOut {
    pub id: i64,
    pub platform: String,
    pub external_id: String,
    pub name: String,
    pub project_id: Option<i64>,
    /// `auto`, `propose` or `threshold`.
    pub mode: String,
}

impl From<store::chats::Chat> for ChatOut {
    fn from(c: store::chats::Chat) -> Self {
        ChatOut {
            id: c.id,
            platform: c.platform,
            external_id: c.external_id,
            name: c.name,
            project_id: c.project_id,
            mode: c.mode,
        }
    }
}

/// Body of `POST /v1/chats`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatCreate {
    /// `wecom`, `feishu`, `dingtalk` or `api`.
    pub platform: String,
    pub external_id: String,
    #[serde(default)]
    pub name: String,
    pub project_id: Option<i64>,
    pub mode: Option<String>,
}

/// Body of `PATCH /v1/chats/{id}`: bind to a project (null unbinds), set the mode.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatUpdate {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub project_id: Option<Option<i64>>,
    pub mode: Option<String>,
    pub name: Option<String>,
}

/// An archived message.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageOut {
    pub id: i64,
    pub chat_id: i64,
    pub external_id: String,
    pub sender: String,
    pub text: String,
    /// As sent (RFC 3339 with offset).
    pub ts: String,
    #[schema(value_type = Object)]
    pub reply_to: Option<serde_json::Value>,
    pub processed: bool,
}

impl From<store::chats::Message> for MessageOut {
    fn from(m: store::chats::Message) -> Self {
        MessageOut {
            id: m.id,
            chat_id: m.chat_id,
            external_id: m.external_id,
            sender: m.sender,
            text: m.text,
            ts: m.sent_at_text,
            reply_to: m.reply_to.and_then(|r| serde_json::from_str(&r).ok()),
            processed: m.processed,
        }
    }
}

/// Query of `GET /v1/messages`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MessageQuery {
    pub project_id: Option<i64>,
    pub chat_id: Option<i64>,
    pub sender: Option<String>,
    /// Substring of the text.
    pub q: Option<String>,
    /// RFC 3339: sent at or after.
    pub since: Option<String>,
    /// RFC 3339: sent before.
    pub until: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

// ---- tokens and audit ----

/// Body of `POST /v1/tokens`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenCreate {
    /// `admin`, `pm`, `member` or `guest`.
    pub role: String,
    /// The member the token acts as (required for pm, member and guest).
    pub member_id: Option<i64>,
    #[serde(default)]
    pub label: String,
}

/// An issued token; `token` is shown only in the response to its creation.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: i64,
    pub role: String,
    pub member_id: Option<i64>,
    pub label: String,
    pub created_at: String,
    pub revoked: bool,
    /// The secret, only when just created.
    pub token: Option<String>,
}

impl From<store::tokens::Token> for TokenOut {
    fn from(t: store::tokens::Token) -> Self {
        TokenOut {
            id: t.id,
            role: t.role,
            member_id: t.member_id,
            label: t.label,
            created_at: rfc3339(t.created_at),
            revoked: t.revoked_at.is_some(),
            token: None,
        }
    }
}

/// An audit row.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    #[schema(value_type = Object)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Object)]
    pub after: Option<serde_json::Value>,
    pub created_at: String,
}

impl From<store::AuditRow> for AuditOut {
    fn from(a: store::AuditRow) -> Self {
        AuditOut {
            id: a.id,
            actor: a.actor,
            role: a.role,
            action: a.action,
            target_kind: a.target_kind,
            target_id: a.target_id,
            before: a.before.and_then(|b| serde_json::from_str(&b).ok()),
            after: a.after.and_then(|b| serde_json::from_str(&b).ok()),
            created_at: rfc3339(a.created_at),
        }
    }
}

/// Query of `GET /v1/audit`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub limit: Option<i64>,
    /// Only rows older than this id (for paging back).
    pub before_id: Option<i64>,
}
