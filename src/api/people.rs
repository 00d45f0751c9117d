//! Members, chats and their binding to projects, the message archive, API tokens and the audit log.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::dto::{
    AuditOut, AuditQuery, ChatCreate, ChatOut, ChatUpdate, MemberCreate, MemberOut, MemberUpdate, MessageOut,
    MessageQuery, Page, TokenCreate, TokenOut,
};
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, AppPath, AppQuery, Auth};
use crate::api::{AppState, page_limit};
use crate::auth::{Principal, ProjectAction, Role, WorkspaceAction, allows_workspace};
use crate::store::chats::MessageFilter;
use crate::store::members::{MemberPatch, NewMember};

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_members, create_member))
        .routes(routes!(get_member, update_member))
        .routes(routes!(list_chats, create_chat))
        .routes(routes!(update_chat))
        .routes(routes!(search_messages))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(audit_log))
}

fn require(p: &Principal, action: WorkspaceAction, what: &str) -> ApiResult<()> {
    if allows_workspace(p.role, action) { Ok(()) } else { Err(ApiError::forbidden(what)) }
}

/// Members of the workspace.
#[utoipa::path(get, path = "/v1/members", tag = "members", security(("bearer" = [])),
    responses((status = 200, body = Vec<MemberOut>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_members(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<Vec<MemberOut>>> {
    require(&p, WorkspaceAction::ListMembers, "list members")?;
    Ok(Json(state.store.list_members(p.workspace_id).await?.into_iter().map(MemberOut::from).collect()))
}

/// Adds a member (display name, aliases and nicknames, platform ids, skills).
#[utoipa::path(post, path = "/v1/members", tag = "members", security(("bearer" = [])), request_body = MemberCreate,
    responses((status = 201, body = MemberOut), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create_member(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<MemberCreate>,
) -> ApiResult<(StatusCode, Json<MemberOut>)> {
    require(&p, WorkspaceAction::CreateMember, "create members")?;
    let new = NewMember {
        name: body.name,
        aliases: body.aliases,
        platform_ids: body.platform_ids,
        skills: body.skills,
        placeholder: false,
    };
    let out = MemberOut::from(state.store.create_member(p.workspace_id, &new).await?);
    state.audit(&p, "member.create", "member", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// One member.
#[utoipa::path(get, path = "/v1/members/{id}", tag = "members", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = MemberOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_member(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<MemberOut>> {
    require(&p, WorkspaceAction::ListMembers, "read members")?;
    Ok(Json(state.store.get_member(p.workspace_id, id).await?.into()))
}

/// Changes a member (rename, aliases, platform ids, skills, deactivate).
#[utoipa::path(patch, path = "/v1/members/{id}", tag = "members", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = MemberUpdate,
    responses((status = 200, body = MemberOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
async fn update_member(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<MemberUpdate>,
) -> ApiResult<Json<MemberOut>> {
    require(&p, WorkspaceAction::UpdateMember, "change members")?;
    let patch = MemberPatch {
        name: body.name,
        aliases: body.aliases,
        platform_ids: body.platform_ids,
        skills: body.skills,
        active: body.active,
    };
    let (before, after) = state.store.update_member(p.workspace_id, id, &patch).await?;
    let (before, after) = (MemberOut::from(before), MemberOut::from(after));
    state.audit(&p, "member.update", "member", Some(id.to_string()), Some(&before), Some(&after)).await?;
    Ok(Json(after))
}

/// Registered group chats.
#[utoipa::path(get, path = "/v1/chats", tag = "chats", security(("bearer" = [])),
    responses((status = 200, body = Vec<ChatOut>), (status = 403, body = ErrorBody)))]
async fn list_chats(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<Vec<ChatOut>>> {
    require(&p, WorkspaceAction::ManageChats, "list chats")?;
    Ok(Json(state.store.list_chats(p.workspace_id).await?.into_iter().map(ChatOut::from).collect()))
}

/// Registers a group chat, optionally bound to a project.
#[utoipa::path(post, path = "/v1/chats", tag = "chats", security(("bearer" = [])), request_body = ChatCreate,
    responses((status = 201, body = ChatOut), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn create_chat(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<ChatCreate>,
) -> ApiResult<(StatusCode, Json<ChatOut>)> {
    require(&p, WorkspaceAction::ManageChats, "register chats")?;
    if !matches!(body.platform.as_str(), "wecom" | "feishu" | "dingtalk" | "api") {
        return Err(ApiError::Invalid("platform must be wecom, feishu, dingtalk or api".into()));
    }
    let mode = body.mode.unwrap_or_else(|| "threshold".into());
    let chat = state
        .store
        .create_chat(p.workspace_id, &body.platform, &body.external_id, &body.name, body.project_id, &mode)
        .await?;
    let out = ChatOut::from(chat);
    state.audit(&p, "chat.create", "chat", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// Binds a chat to a project (null unbinds) or changes its mode.
#[utoipa::path(patch, path = "/v1/chats/{id}", tag = "chats", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = ChatUpdate,
    responses((status = 200, body = ChatOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn update_chat(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ChatUpdate>,
) -> ApiResult<Json<ChatOut>> {
    require(&p, WorkspaceAction::ManageChats, "change chats")?;
    let (before, after) = state
        .store
        .update_chat(p.workspace_id, id, body.project_id, body.mode.as_deref(), body.name.as_deref())
        .await?;
    let (before, after) = (ChatOut::from(before), ChatOut::from(after));
    state.audit(&p, "chat.update", "chat", Some(id.to_string()), Some(&before), Some(&after)).await?;
    Ok(Json(after))
}

fn parse_instant(field: &str, value: Option<&str>) -> ApiResult<Option<i64>> {
    match value {
        None => Ok(None),
        Some(v) => chrono::DateTime::parse_from_rfc3339(v)
            .map(|t| Some(t.timestamp_millis()))
            .map_err(|_| ApiError::Invalid(format!("{field} must be an RFC 3339 time; got `{v}`"))),
    }
}

/// Searches the chat archive by project, chat, sender, text and time; newest first.
#[utoipa::path(get, path = "/v1/messages", tag = "messages", security(("bearer" = [])), params(MessageQuery),
    responses((status = 200, body = Page<MessageOut>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn search_messages(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppQuery(q): AppQuery<MessageQuery>,
) -> ApiResult<Json<Page<MessageOut>>> {
    let mut project_id = q.project_id;
    if let Some(chat_id) = q.chat_id {
        let chat = state.store.get_chat(p.workspace_id, chat_id).await?;
        if p.role != Role::Admin {
            let bound = chat.project_id.ok_or_else(|| ApiError::forbidden("read chats not bound to your projects"))?;
            if project_id.is_some_and(|pid| pid != bound) {
                return Ok(Json(Page::new(Vec::new(), 0, page_limit(q.limit), 0)));
            }
            project_id = Some(bound);
        }
    }
    match project_id {
        Some(pid) => {
            state.project_access(&p, pid, ProjectAction::Read).await?;
        }
        None if p.role != Role::Admin => {
            return Err(ApiError::Invalid("give project_id or chat_id (only admins search every chat)".into()));
        }
        None => {}
    }
    let limit = page_limit(q.limit);
    let offset = q.offset.unwrap_or(0).max(0);
    let filter = MessageFilter {
        chat_id: q.chat_id,
        project_id,
        sender: q.sender,
        text: q.q,
        since: parse_instant("since", q.since.as_deref())?,
        until: parse_instant("until", q.until.as_deref())?,
        limit,
        offset,
    };
    let (messages, total) = state.store.search_messages(p.workspace_id, &filter).await?;
    Ok(Json(Page::new(messages.into_iter().map(MessageOut::from).collect(), total, limit, offset)))
}

/// API tokens of the workspace (never their secrets).
#[utoipa::path(get, path = "/v1/tokens", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<TokenOut>), (status = 403, body = ErrorBody)))]
async fn list_tokens(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<Vec<TokenOut>>> {
    require(&p, WorkspaceAction::ManageTokens, "manage tokens")?;
    Ok(Json(state.store.list_tokens(p.workspace_id).await?.into_iter().map(TokenOut::from).collect()))
}

/// Issues a token; the secret is in this response only.
#[utoipa::path(post, path = "/v1/tokens", tag = "admin", security(("bearer" = [])), request_body = TokenCreate,
    responses((status = 201, body = TokenOut), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_token(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<TokenCreate>,
) -> ApiResult<(StatusCode, Json<TokenOut>)> {
    require(&p, WorkspaceAction::ManageTokens, "manage tokens")?;
    let role: Role = body.role.parse().map_err(ApiError::Invalid)?;
    if role != Role::Admin && body.member_id.is_none() {
        return Err(ApiError::Invalid("member_id is required for pm, member and guest tokens".into()));
    }
    if let Some(member_id) = body.member_id {
        state.store.get_member(p.workspace_id, member_id).await?;
    }
    let (token, secret) = state.store.create_token(p.workspace_id, role.as_str(), body.member_id, &body.label).await?;
    let mut out = TokenOut::from(token);
    state.audit(&p, "token.create", "token", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    out.token = Some(secret);
    Ok((StatusCode::CREATED, Json(out)))
}

/// Revokes a token.
#[utoipa::path(delete, path = "/v1/tokens/{id}", tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_token(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<StatusCode> {
    require(&p, WorkspaceAction::ManageTokens, "manage tokens")?;
    state.store.revoke_token(p.workspace_id, id).await?;
    state.audit(&p, "token.revoke", "token", Some(id.to_string()), None::<&()>, None::<&()>).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/v1/audit", tag = "admin", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Vec<AuditOut>), (status = 403, body = ErrorBody)))]
async fn audit_log(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppQuery(q): AppQuery<AuditQuery>,
) -> ApiResult<Json<Vec<AuditOut>>> {
    require(&p, WorkspaceAction::ReadAudit, "read the audit log")?;
    let rows = state.store.audit_rows(p.workspace_id, page_limit(q.limit), q.before_id).await?;
    Ok(Json(rows.into_iter().map(AuditOut::from).collect()))
}
