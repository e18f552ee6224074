-- The audit log: one row per changed field, written only by the triggers in the
-- following migrations, inside the transaction that made the change.

-- Who is acting. The service layer writes the single row at the start of each
-- transaction and deletes it before commit, so a change made by any other program
-- (a SQLite tool, a script) finds no row and is recorded as made outside the app.
-- tx is a random number per transaction: the chain sealer uses it to tell rows its
-- own transaction wrote from rows someone else left unsealed. at is set only by
-- the demo-data generator, which replays eighteen months of history.
CREATE TABLE session_actor (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  user_id   INTEGER,
  user_name TEXT NOT NULL,
  tx        INTEGER NOT NULL,
  at        TEXT
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT    NOT NULL,                -- UTC, millisecond precision
  actor_id    INTEGER,                         -- NULL: outside the app
  actor_name  TEXT    NOT NULL,                -- the name as it was at the time
  entity      TEXT    NOT NULL,                -- booking, customer, invoice, payment, ...
  entity_id   INTEGER NOT NULL,
  booking_id  INTEGER,                         -- the booking this row belongs to, if any
  customer_id INTEGER,                         -- the customer this row belongs to, if any
  field       TEXT,                            -- NULL for whole-record events (created, deleted)
  old_value   TEXT,
  new_value   TEXT,
  old_ref     INTEGER,                         -- for reference fields: the ids behind the names
  new_ref     INTEGER,
  category    TEXT    NOT NULL CHECK (category IN ('user_action', 'financial', 'data_edit')),
  event       TEXT    NOT NULL,                -- human event name: rescheduled, payment received, ...
  label       TEXT,                            -- what the row is about, as it was: customer name, booking service
  tx          INTEGER,                         -- session_actor.tx of the writing transaction
  origin      TEXT CHECK (origin IN ('app', 'outside')),   -- set when sealed
  hash        BLOB                             -- SHA-256 chain link, set when sealed
);
CREATE INDEX audit_booking  ON audit_log (booking_id, id) WHERE booking_id IS NOT NULL;
CREATE INDEX audit_customer ON audit_log (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX audit_at       ON audit_log (at);
CREATE INDEX audit_actor    ON audit_log (actor_id, id);
CREATE INDEX audit_category ON audit_log (category, id);
CREATE INDEX audit_unsealed ON audit_log (id) WHERE hash IS NULL;

-- Where the chain starts. Empty until an archive moves old rows out; then it holds
-- the id and hash of the last archived row, so the remaining chain still verifies.
CREATE TABLE audit_checkpoint (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  last_id   INTEGER NOT NULL,
  last_hash BLOB    NOT NULL,
  at        TEXT    NOT NULL
);

-- Append-only. A row may be touched once after insert: the sealer fills in hash
-- and origin. Anything else, and every delete, aborts.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.actor_name IS NOT OLD.actor_name OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id OR NEW.booking_id IS NOT OLD.booking_id
  OR NEW.customer_id IS NOT OLD.customer_id OR NEW.field IS NOT OLD.field
  OR NEW.old_value IS NOT OLD.old_value OR NEW.new_value IS NOT OLD.new_value
  OR NEW.old_ref IS NOT OLD.old_ref OR NEW.new_ref IS NOT OLD.new_ref
  OR NEW.category IS NOT OLD.category OR NEW.event IS NOT OLD.event
  OR NEW.label IS NOT OLD.label OR NEW.tx IS NOT OLD.tx
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

-- A row cannot arrive already sealed: only the app's sealer, after the insert,
-- decides the hash and whether the row came from the app.
CREATE TRIGGER audit_log_insert_unsealed BEFORE INSERT ON audit_log
WHEN NEW.hash IS NOT NULL OR NEW.origin IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'audit rows are sealed by JobTrail, not on insert');
END;

-- The one door the tracked-table triggers write through. Inserting into this view
-- adds the actor (or "outside JobTrail"), the time and the label, so each tracked
-- trigger only says what changed.
CREATE VIEW audit_entry AS
SELECT entity, entity_id, booking_id, customer_id, field, old_value, new_value,
       old_ref, new_ref, category, event
FROM audit_log;

CREATE TRIGGER audit_entry_insert INSTEAD OF INSERT ON audit_entry
BEGIN
  INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, booking_id, customer_id,
                         field, old_value, new_value, old_ref, new_ref, category, event, label, tx)
  SELECT COALESCE(s.at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         s.user_id,
         COALESCE(s.user_name, '(outside JobTrail)'),
         NEW.entity, NEW.entity_id, NEW.booking_id, NEW.customer_id,
         NEW.field, NEW.old_value, NEW.new_value, NEW.old_ref, NEW.new_ref,
         NEW.category, NEW.event,
         CASE
           WHEN NEW.booking_id IS NOT NULL THEN
             (SELECT b.service || ' · ' || c.name FROM bookings b JOIN customers c ON c.id = b.customer_id
              WHERE b.id = NEW.booking_id)
           WHEN NEW.customer_id IS NOT NULL THEN (SELECT name FROM customers WHERE id = NEW.customer_id)
           WHEN NEW.entity = 'user' THEN (SELECT name FROM users WHERE id = NEW.entity_id)
           WHEN NEW.entity = 'custom_field' THEN
             (SELECT entity || ' field ' || label FROM custom_field_definitions WHERE id = NEW.entity_id)
         END,
         s.tx
  FROM (SELECT 1) LEFT JOIN session_actor s ON s.id = 1;
END;
