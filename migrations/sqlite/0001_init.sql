-- chat2task schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql.
-- Timestamps are Unix milliseconds (BIGINT); dates are 'YYYY-MM-DD' text, clock times 'HH:MM'.
-- JSON-valued columns (aliases, tags, evidence, before/after) are text holding JSON.
CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    created_at BIGINT NOT NULL
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    platform_ids TEXT NOT NULL DEFAULT '{}',
    skills TEXT NOT NULL DEFAULT '[]',
    active BIGINT NOT NULL DEFAULT 1,
    placeholder BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    archived BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX projects_ws ON projects (workspace_id);
CREATE TABLE project_members (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    PRIMARY KEY (project_id, member_id)
);
CREATE TABLE stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    start_date TEXT,
    end_date TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX stages_project ON stages (project_id, position);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    stage_id BIGINT REFERENCES stages(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    due_time TEXT,
    priority TEXT NOT NULL DEFAULT 'P2',
    status TEXT NOT NULL DEFAULT 'todo',
    tags TEXT NOT NULL DEFAULT '[]',
    source_chat TEXT,
    source_message TEXT,
    confidence DOUBLE PRECISION,
    evidence TEXT NOT NULL DEFAULT '[]',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX tasks_project_status ON tasks (project_id, status, due_date);
CREATE INDEX tasks_due ON tasks (due_date);
CREATE UNIQUE INDEX tasks_source ON tasks (source_chat, source_message, title) WHERE source_message IS NOT NULL;
CREATE TABLE task_owners (
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members(id),
    PRIMARY KEY (task_id, member_id)
);
CREATE INDEX task_owners_member ON task_owners (member_id);
CREATE TABLE task_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    message_id TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX task_events_task ON task_events (task_id, id);
CREATE TABLE chats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    project_id BIGINT REFERENCES projects(id) ON DELETE SET NULL,
    mode TEXT NOT NULL DEFAULT 'auto',
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, platform, external_id)
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id BIGINT NOT NULL REFERENCES chats(id),
    external_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    text TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    sent_at_text TEXT NOT NULL,
    reply_to TEXT,
    members TEXT NOT NULL DEFAULT '[]',
    received_at BIGINT NOT NULL,
    processed BIGINT NOT NULL DEFAULT 0,
    UNIQUE (chat_id, external_id)
);
CREATE INDEX messages_chat_time ON messages (chat_id, sent_at);
CREATE INDEX messages_unprocessed ON messages (processed, id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT,
    before_json TEXT,
    after_json TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_ws_time ON audit_log (workspace_id, id);
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    member_id BIGINT REFERENCES members(id),
    label TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
