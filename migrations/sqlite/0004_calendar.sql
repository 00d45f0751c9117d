-- Calendar feeds: a revocable secret in the URL gives read-only ICS of a member's or a project's tasks.
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    secret_hash TEXT NOT NULL UNIQUE,
    member_id BIGINT,
    project_id BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
