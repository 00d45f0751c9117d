-- Listing order (by due date, undated last, then id) served straight from an index: `due_sort`
-- is the due date, or '9999-12-31' when there is none. Kept in step by the store.
ALTER TABLE tasks ADD COLUMN due_sort TEXT NOT NULL DEFAULT '9999-12-31';
UPDATE tasks SET due_sort = due_date WHERE due_date IS NOT NULL;
CREATE INDEX tasks_project_status_sort ON tasks (project_id, status, due_sort, id);
CREATE INDEX tasks_project_sort ON tasks (project_id, due_sort, id);
