-- Rows of the trail cannot be replaced. Conflict resolution removes the row in
-- the way without firing DELETE triggers (SQLite fires them only with
-- recursive_triggers on, which is off by default, and a SQLite tool chooses its
-- own pragmas): INSERT OR REPLACE, REPLACE INTO and an upsert (ON CONFLICT DO
-- UPDATE) given an id already taken would delete or rewrite that row behind
-- audit_log_no_delete and audit_log_no_update. BEFORE INSERT triggers run before
-- SQLite looks for a conflict, so refusing an insert whose key is taken refuses
-- every spelling of it, and an upsert never reaches its DO UPDATE.
--
-- UPDATE OR REPLACE needs a key to change, which audit_log_no_update already
-- refuses. The primary key is the only unique key of audit_log: a UNIQUE index
-- added from outside would be another way in, and the schema check names any
-- index the migrations do not define.

-- One look-up of the primary key per audit row written. An id left for SQLite to
-- choose reads as -1 in a BEFORE INSERT trigger, hence NEW.id > 0: JobTrail's
-- rows start at 1, so a row at 0 or below is not one of them.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id > 0 AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only: an audit row cannot be replaced');
END;

-- Where the chain starts once an archive has moved older rows out (0002). Written
-- by the archive step; a later archive moves it on. Moved back, replaced or
-- removed, it would make verify start from a row of someone's choosing, or look
-- for rows that are no longer there.
CREATE TRIGGER audit_checkpoint_no_replace BEFORE INSERT ON audit_checkpoint
WHEN EXISTS (SELECT 1 FROM audit_checkpoint)
BEGIN
  SELECT RAISE(ABORT, 'the audit checkpoint is append-only: it cannot be replaced, only moved on by an archive');
END;

CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN
  SELECT RAISE(ABORT, 'the audit checkpoint is append-only: it cannot be removed');
END;

CREATE TRIGGER audit_checkpoint_forward_only BEFORE UPDATE ON audit_checkpoint
WHEN NEW.id IS NOT OLD.id OR NEW.last_id <= OLD.last_id
BEGIN
  SELECT RAISE(ABORT, 'the audit checkpoint is append-only: only an archive moves it on, never back');
END;

-- The signing keys and the chain's identity (0011) are append-only too, and for
-- the same reason need the same guard: REPLACE by either of a key's unique
-- columns, or of chain_meta's one row, would swap a key that signed rows, or move
-- v2_from so that signed rows pass for unsigned v1 ones.
CREATE TRIGGER chain_keys_no_replace BEFORE INSERT ON chain_keys
WHEN EXISTS (SELECT 1 FROM chain_keys WHERE (NEW.id > 0 AND id = NEW.id) OR public_key = NEW.public_key)
BEGIN
  SELECT RAISE(ABORT, 'signing keys are append-only: a key cannot be replaced');
END;

CREATE TRIGGER chain_meta_no_replace BEFORE INSERT ON chain_meta
WHEN EXISTS (SELECT 1 FROM chain_meta)
BEGIN
  SELECT RAISE(ABORT, 'the chain''s identity cannot change: it cannot be replaced');
END;
