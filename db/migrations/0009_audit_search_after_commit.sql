-- The full-text index leaves the writing transaction. Fed by a trigger, it wrote
-- about half the pages of every audited change (a new index segment, its
-- structure record and merge work per commit), so an audited edit cost three
-- times the same edit unaudited. The audit row and its chain link are still
-- written in the transaction that made the change; the search index, which only
-- finds rows, is brought up to date in batches right after (db/historyText.ts):
-- before any search, and within a second when the app is idle. Rows are indexed
-- in id order, so those written by other programs are indexed too.
DROP TRIGGER audit_fts_insert;

-- How far the index has read the log: every row up to this id is in audit_fts.
CREATE TABLE audit_search_progress (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_to INTEGER NOT NULL
);
INSERT INTO audit_search_progress (id, indexed_to) SELECT 1, coalesce(max(id), 0) FROM audit_log;

-- What the index holds for each row, as the trigger fed it: money fields also as
-- "125.00", because that is how people type an old price.
CREATE VIEW audit_search_source AS
SELECT id, actor_name, event, field,
       CASE WHEN field IN ('price', 'amount') AND old_value IS NOT NULL
            THEN old_value || ' ' || printf('%.2f', old_value / 100.0) ELSE old_value END AS old_value,
       CASE WHEN field IN ('price', 'amount') AND new_value IS NOT NULL
            THEN new_value || ' ' || printf('%.2f', new_value / 100.0) ELSE new_value END AS new_value,
       label
FROM audit_log;
