-- Ingestion: the inbox project for chats not bound to a project, processing attempts, and the
-- link from a message to the tasks it created or updated.
ALTER TABLE messages ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN error TEXT;
ALTER TABLE workspaces ADD COLUMN inbox_project_id BIGINT;
CREATE TABLE message_effects (
    message_id BIGINT NOT NULL REFERENCES messages(id),
    task_id BIGINT NOT NULL,
    effect TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (message_id, task_id, effect)
);
CREATE INDEX message_effects_task ON message_effects (task_id);
