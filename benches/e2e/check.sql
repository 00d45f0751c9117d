\pset footer off
SELECT processed, COUNT(*) AS messages FROM messages GROUP BY processed ORDER BY processed;
SELECT (SELECT COUNT(*) FROM tasks) AS tasks,
       (SELECT COUNT(*) FROM (SELECT DISTINCT source_chat, source_message, title FROM tasks) d) AS distinct_sources,
       (SELECT COUNT(*) FROM message_effects WHERE effect = 'created') AS created_effects,
       (SELECT COUNT(DISTINCT task_id) FROM message_effects WHERE effect = 'created') AS tasks_with_created_effect,
       (SELECT COUNT(*) FROM message_effects WHERE effect <> 'created') AS update_effects,
       (SELECT COUNT(*) FROM task_events WHERE kind = 'created') AS creation_events,
       (SELECT COUNT(*) FROM outbox WHERE category = 'confirmation') AS confirmations,
       (SELECT COUNT(DISTINCT dedupe_key) FROM outbox WHERE category = 'confirmation') AS distinct_confirmations;
SELECT 'tasks with more than one creation event' AS "check", COUNT(*) FROM (SELECT task_id FROM task_events WHERE kind = 'created' GROUP BY task_id HAVING COUNT(*) > 1) x
UNION ALL SELECT 'tasks created by more than one message', COUNT(*) FROM (SELECT task_id FROM message_effects WHERE effect = 'created' GROUP BY task_id HAVING COUNT(*) > 1) y
UNION ALL SELECT 'tasks whose creating message is not their source', COUNT(*) FROM tasks t JOIN message_effects e ON e.task_id = t.id AND e.effect = 'created' JOIN messages m ON m.id = e.message_id WHERE m.external_id <> t.source_message;
