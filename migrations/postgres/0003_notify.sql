-- Outbound notifications: where they go (group robots, webhooks) and the outbox of what to send.
CREATE TABLE notify_targets (
    id BIGSERIAL PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT NOT NULL DEFAULT '',
    project_id BIGINT,
    rate_per_min BIGINT NOT NULL DEFAULT 20,
    enabled BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    target_id BIGINT NOT NULL REFERENCES notify_targets(id),
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    lines TEXT NOT NULL DEFAULT '[]',
    data TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'pending',
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    merged_into BIGINT,
    dedupe_key TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_target ON outbox (target_id, status, sent_at);
CREATE UNIQUE INDEX outbox_dedupe ON outbox (target_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
