//! Group chats bound to projects, and the message archive of each chat.

use crate::store::members::map_unique;
use crate::store::{Error, Result, SqlArgs, Store, like_escape, now_ms};

/// A group chat on a platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Chat {
    pub id: i64,
    pub workspace_id: i64,
    /// `wecom`, `feishu`, `dingtalk`, `api`.
    pub platform: String,
    /// The platform's chat id.
    pub external_id: String,
    pub name: String,
    pub project_id: Option<i64>,
    /// `auto`, `propose` or `threshold` (auto above the confidence threshold, propose below).
    pub mode: String,
    pub created_at: i64,
}

/// An archived chat message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: i64,
    pub chat_id: i64,
    pub external_id: String,
    pub sender: String,
    pub text: String,
    /// Unix milliseconds.
    pub sent_at: i64,
    /// The sender's timestamp as given (RFC 3339 with offset).
    pub sent_at_text: String,
    /// JSON `{"sender", "text"}` of the quoted message, if any.
    pub reply_to: Option<String>,
    /// JSON list of the roster at the time of the message.
    pub members: String,
    pub received_at: i64,
    pub processed: bool,
}

/// A message to archive.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub chat_id: i64,
    pub external_id: String,
    pub sender: String,
    pub text: String,
    pub sent_at: i64,
    pub sent_at_text: String,
    pub reply_to: Option<String>,
    pub members: String,
}

/// Filters of a message-archive query.
#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub chat_id: Option<i64>,
    pub project_id: Option<i64>,
    pub sender: Option<String>,
    /// Substring of the text.
    pub text: Option<String>,
    /// Sent at or after (Unix ms).
    pub since: Option<i64>,
    /// Sent before (Unix ms).
    pub until: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

const CHAT_COLS: &str = "id, workspace_id, platform, external_id, name, project_id, mode, created_at";
type ChatRow = (i64, i64, String, String, String, Option<i64>, String, i64);

fn chat_from_row(r: ChatRow) -> Chat {
    Chat {
        id: r.0,
        workspace_id: r.1,
        platform: r.2,
        external_id: r.3,
        name: r.4,
        project_id: r.5,
        mode: r.6,
        created_at: r.7,
    }
}

/// Checks a chat mode.
pub fn check_mode(mode: &str) -> Result<()> {
    if matches!(mode, "auto" | "propose" | "threshold") {
        Ok(())
    } else {
        Err(Error::Invalid(format!("mode must be auto, propose or threshold; got `{mode}`")))
    }
}

impl Store {
    /// Registers a chat; `Conflict` when the platform id is already registered.
    pub async fn create_chat(
        &self,
        workspace_id: i64,
        platform: &str,
        external_id: &str,
        name: &str,
        project_id: Option<i64>,
        mode: &str,
    ) -> Result<Chat> {
        check_mode(mode)?;
        if external_id.trim().is_empty() || external_id.len() > 256 {
            return Err(Error::Invalid("chat external_id must be 1 to 256 bytes".into()));
        }
        if let Some(project_id) = project_id {
            self.get_project(workspace_id, project_id).await?;
        }
        let now = now_ms();
        let res: std::result::Result<(i64,), sqlx::Error> = sqlx::query_as(
            "INSERT INTO chats (workspace_id, platform, external_id, name, project_id, mode, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(workspace_id)
        .bind(platform.to_string())
        .bind(external_id.to_string())
        .bind(name.to_string())
        .bind(project_id)
        .bind(mode.to_string())
        .bind(now)
        .fetch_one(self.pool())
        .await;
        let (id,) = map_unique(res, "this chat is already registered")?;
        Ok(Chat {
            id,
            workspace_id,
            platform: platform.to_string(),
            external_id: external_id.to_string(),
            name: name.to_string(),
            project_id,
            mode: mode.to_string(),
            created_at: now,
        })
    }

    /// One chat by id.
    pub async fn get_chat(&self, workspace_id: i64, id: i64) -> Result<Chat> {
        let row: Option<ChatRow> =
            sqlx::query_as(&format!("SELECT {CHAT_COLS} FROM chats WHERE workspace_id = $1 AND id = $2"))
                .bind(workspace_id)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(chat_from_row).ok_or(Error::NotFound("chat"))
    }

    /// One chat by its platform id.
    pub async fn find_chat(&self, workspace_id: i64, platform: &str, external_id: &str) -> Result<Option<Chat>> {
        let row: Option<ChatRow> = sqlx::query_as(&format!(
            "SELECT {CHAT_COLS} FROM chats WHERE workspace_id = $1 AND platform = $2 AND external_id = $3"
        ))
        .bind(workspace_id)
        .bind(platform.to_string())
        .bind(external_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(chat_from_row))
    }

    /// All chats of the workspace.
    pub async fn list_chats(&self, workspace_id: i64) -> Result<Vec<Chat>> {
        let rows: Vec<ChatRow> =
            sqlx::query_as(&format!("SELECT {CHAT_COLS} FROM chats WHERE workspace_id = $1 ORDER BY id"))
                .bind(workspace_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(chat_from_row).collect())
    }

    /// Binds a chat to a project (or unbinds it with `None`) and/or sets its mode.
    pub async fn update_chat(
        &self,
        workspace_id: i64,
        id: i64,
        project_id: Option<Option<i64>>,
        mode: Option<&str>,
        name: Option<&str>,
    ) -> Result<(Chat, Chat)> {
        let before = self.get_chat(workspace_id, id).await?;
        let mut after = before.clone();
        if let Some(project_id) = project_id {
            if let Some(pid) = project_id {
                self.get_project(workspace_id, pid).await?;
            }
            after.project_id = project_id;
        }
        if let Some(mode) = mode {
            check_mode(mode)?;
            after.mode = mode.to_string();
        }
        if let Some(name) = name {
            after.name = name.to_string();
        }
        sqlx::query("UPDATE chats SET project_id = $1, mode = $2, name = $3 WHERE id = $4")
            .bind(after.project_id)
            .bind(after.mode.clone())
            .bind(after.name.clone())
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok((before, after))
    }

    /// Archives a message; the second field is `false` when (chat, external id) was already stored.
    pub async fn insert_message(&self, new: &NewMessage) -> Result<(i64, bool)> {
        let mut stored = self.insert_messages(std::slice::from_ref(new)).await?;
        stored.pop().ok_or(Error::NotFound("message"))
    }

    /// Marks a message as processed by the pipeline.
    pub async fn mark_processed(&self, message_id: i64) -> Result<()> {
        sqlx::query("UPDATE messages SET processed = 1 WHERE id = $1").bind(message_id).execute(self.pool()).await?;
        Ok(())
    }

    /// Messages not yet processed, oldest first.
    pub async fn unprocessed_messages(&self, limit: i64) -> Result<Vec<Message>> {
        self.query_messages_sql("WHERE m.processed = 0", limit, 0, &SqlArgs::default(), "ORDER BY m.id").await
    }

    /// One message by id.
    pub async fn get_message(&self, id: i64) -> Result<Message> {
        let mut args = SqlArgs::default();
        let mut rows = self.query_messages_sql(&format!("WHERE m.id = {}", args.push_int(id)), 1, 0, &args, "").await?;
        rows.pop().ok_or(Error::NotFound("message"))
    }

    /// The last `n` messages of a chat before message `before_id`, oldest first.
    pub async fn recent_messages(&self, chat_id: i64, before_id: i64, n: i64) -> Result<Vec<Message>> {
        let mut args = SqlArgs::default();
        let where_sql = format!("WHERE m.chat_id = {} AND m.id < {}", args.push_int(chat_id), args.push_int(before_id));
        let mut rows = self.query_messages_sql(&where_sql, n, 0, &args, "ORDER BY m.id DESC").await?;
        rows.reverse();
        Ok(rows)
    }

    /// Searches the archive of the workspace, newest first.
    pub async fn search_messages(&self, workspace_id: i64, filter: &MessageFilter) -> Result<(Vec<Message>, i64)> {
        let mut args = SqlArgs::default();
        let mut clauses = vec![format!("c.workspace_id = {}", args.push_int(workspace_id))];
        if let Some(chat_id) = filter.chat_id {
            clauses.push(format!("m.chat_id = {}", args.push_int(chat_id)));
        }
        if let Some(project_id) = filter.project_id {
            clauses.push(format!("c.project_id = {}", args.push_int(project_id)));
        }
        if let Some(sender) = &filter.sender {
            clauses.push(format!("m.sender = {}", args.push_text(sender.clone())));
        }
        if let Some(text) = &filter.text {
            let pattern = format!("%{}%", like_escape(&text.to_lowercase()));
            clauses.push(format!("LOWER(m.text) LIKE {} ESCAPE '\\'", args.push_text(pattern)));
        }
        if let Some(since) = filter.since {
            clauses.push(format!("m.sent_at >= {}", args.push_int(since)));
        }
        if let Some(until) = filter.until {
            clauses.push(format!("m.sent_at < {}", args.push_int(until)));
        }
        let where_sql = format!("WHERE {}", clauses.join(" AND "));
        let count_sql = format!("SELECT COUNT(*) FROM messages m JOIN chats c ON c.id = m.chat_id {where_sql}");
        let (total,): (i64,) = args.bind(sqlx::query_as(&count_sql)).fetch_one(self.pool()).await?;
        let rows = self
            .query_messages_sql(
                &where_sql,
                filter.limit.clamp(1, 500),
                filter.offset.max(0),
                &args,
                "ORDER BY m.sent_at DESC, m.id DESC",
            )
            .await?;
        Ok((rows, total))
    }

    async fn query_messages_sql(
        &self,
        where_sql: &str,
        limit: i64,
        offset: i64,
        args: &SqlArgs,
        order: &str,
    ) -> Result<Vec<Message>> {
        let sql = format!(
            "SELECT m.id, m.chat_id, m.external_id, m.sender, m.text, m.sent_at, m.sent_at_text, m.reply_to, \
             m.members, m.received_at, m.processed FROM messages m JOIN chats c ON c.id = m.chat_id {where_sql} \
             {order} LIMIT {limit} OFFSET {offset}"
        );
        type Row = (i64, i64, String, String, String, i64, String, Option<String>, String, i64, i64);
        let rows = args.bind(sqlx::query_as::<_, Row>(&sql)).fetch_all(self.pool()).await?;
        Ok(rows
            .into_iter()
            .map(|r| Message {
                id: r.0,
                chat_id: r.1,
                external_id: r.2,
                sender: r.3,
                text: r.4,
                sent_at: r.5,
                sent_at_text: r.6,
                reply_to: r.7,
                members: r.8,
                received_at: r.9,
                processed: r.10 == 1,
            })
            .collect())
    }
}

impl Store {
    /// The chat with this platform id, registering it (unbound, mode `threshold`) when new.
    pub async fn ensure_chat(&self, workspace_id: i64, platform: &str, external_id: &str) -> Result<Chat> {
        if let Some(chat) = self.find_chat(workspace_id, platform, external_id).await? {
            return Ok(chat);
        }
        match self.create_chat(workspace_id, platform, external_id, "", None, "threshold").await {
            Ok(chat) => Ok(chat),
            // Another request registered it in between.
            Err(Error::Conflict(_)) => {
                self.find_chat(workspace_id, platform, external_id).await?.ok_or(Error::NotFound("chat"))
            }
            Err(e) => Err(e),
        }
    }

    /// The workspace's inbox project, where tasks from chats bound to no project go; created on
    /// first use.
    pub async fn inbox_project(&self, workspace_id: i64) -> Result<i64> {
        let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT inbox_project_id FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await?;
        if let Some((Some(id),)) = row {
            return Ok(id);
        }
        let project =
            self.create_project(workspace_id, "收件箱", "未绑定项目的群聊里产生的任务", "system", None).await?;
        let mut tx = self.begin_write().await?;
        let current: (Option<i64>,) = sqlx::query_as("SELECT inbox_project_id FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(&mut *tx)
            .await?;
        if let Some(id) = current.0 {
            // Lost a race: keep the first inbox, drop ours.
            tx.commit().await?;
            self.delete_project(workspace_id, project.id).await?;
            return Ok(id);
        }
        sqlx::query("UPDATE workspaces SET inbox_project_id = $1 WHERE id = $2")
            .bind(project.id)
            .bind(workspace_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(project.id)
    }

    /// Records that a message created or changed a task (`created`, `done`, `cancelled`, …).
    pub async fn record_effect(&self, message_id: i64, task_id: i64, effect: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO message_effects (message_id, task_id, effect, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (message_id, task_id, effect) DO NOTHING",
        )
        .bind(message_id)
        .bind(task_id)
        .bind(effect.to_string())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// The effects a message had, as (task id, effect).
    pub async fn message_effects(&self, message_id: i64) -> Result<Vec<(i64, String)>> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT task_id, effect FROM message_effects WHERE message_id = $1 ORDER BY task_id")
                .bind(message_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows)
    }

    /// Notes a failed processing attempt; the message stays unprocessed until `max_attempts`.
    pub async fn mark_failed(&self, message_id: i64, error: &str, max_attempts: i64) -> Result<()> {
        sqlx::query(
            "UPDATE messages SET attempts = attempts + 1, error = $1, \
             processed = CASE WHEN attempts + 1 >= $2 THEN 2 ELSE processed END WHERE id = $3",
        )
        .bind(error.chars().take(500).collect::<String>())
        .bind(max_attempts)
        .bind(message_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

impl Store {
    /// Archives several messages in one write transaction; per message, the second field is
    /// `false` when (chat, external id) was already stored.
    pub async fn insert_messages(&self, batch: &[NewMessage]) -> Result<Vec<(i64, bool)>> {
        let received_at = now_ms();
        let mut tx = self.begin_write().await?;
        let mut out = Vec::with_capacity(batch.len());
        for new in batch {
            let inserted: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO messages (chat_id, external_id, sender, text, sent_at, sent_at_text, reply_to, members, \
                 received_at, processed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0) \
                 ON CONFLICT (chat_id, external_id) DO NOTHING RETURNING id",
            )
            .bind(new.chat_id)
            .bind(new.external_id.clone())
            .bind(new.sender.clone())
            .bind(new.text.clone())
            .bind(new.sent_at)
            .bind(new.sent_at_text.clone())
            .bind(new.reply_to.clone())
            .bind(new.members.clone())
            .bind(received_at)
            .fetch_optional(&mut *tx)
            .await?;
            match inserted {
                Some((id,)) => out.push((id, true)),
                None => {
                    let (id,): (i64,) =
                        sqlx::query_as("SELECT id FROM messages WHERE chat_id = $1 AND external_id = $2")
                            .bind(new.chat_id)
                            .bind(new.external_id.clone())
                            .fetch_one(&mut *tx)
                            .await?;
                    out.push((id, false));
                }
            }
        }
        tx.commit().await?;
        Ok(out)
    }
}

impl Store {
    /// Text and sender of archived messages of a chat by platform id (unknown ids are left out).
    pub async fn archived_by_ids(
        &self,
        chat_id: i64,
        external_ids: &[String],
    ) -> Result<std::collections::HashMap<String, (String, String)>> {
        let mut out = std::collections::HashMap::new();
        for chunk in external_ids.chunks(200) {
            let placeholders: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "SELECT external_id, text, sender FROM messages WHERE chat_id = $1 AND external_id IN ({})",
                placeholders.join(", ")
            );
            let mut q = sqlx::query_as::<_, (String, String, String)>(&sql).bind(chat_id);
            for id in chunk {
                q = q.bind(id.clone());
            }
            for (id, text, sender) in q.fetch_all(self.pool()).await? {
                out.insert(id, (text, sender));
            }
        }
        Ok(out)
    }
}

impl Store {
    /// Platform ids of the messages of a chat whose text is exactly `text` (the quoted message).
    pub async fn ids_by_text(&self, chat_id: i64, text: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT external_id FROM messages WHERE chat_id = $1 AND text = $2 ORDER BY id DESC LIMIT 20",
        )
        .bind(chat_id)
        .bind(text.to_string())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
