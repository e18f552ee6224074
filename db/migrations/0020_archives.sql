-- Archives (electron/services/archive.ts): the one way audit rows leave the log.
-- The archive step writes the oldest rows, with their links, to a file it has
-- verified, then in one transaction moves the checkpoint (0002, forward only since
-- 0012) to the last of them, deletes them, and writes an "archived" audit row
-- whose new value is that row's id. So a row may be deleted only once the
-- checkpoint stands at or after it; every other delete aborts as before.
--
-- This opens no quiet way to remove rows: moving the checkpoint on from outside
-- and deleting behind it leaves no "archived" row written by JobTrail, which the
-- integrity check names (db/integrity.ts); a deleted row that the checkpoint does
-- not cover still aborts here.
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.id > coalesce((SELECT last_id FROM audit_checkpoint WHERE id = 1), 0)
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
