-- Why a change was made, and who asked for it: a reschedule the customer asked
-- for, a cancellation for the weather, a price changed after the invoice went out.
-- A no-show or late-change fee rests on exactly that, so the reason is part of
-- each audit row the change writes, and of the chain: it enters a v2 link through
-- the salted value digest, with the row's values, when it is not NULL (db/chain.ts),
-- so every row sealed before it, which has none, keeps its hash. It can hold a
-- person's words, so an erasure removes it with the values.
--
-- The service layer sets it for one transaction beside the actor; every audit row
-- of that transaction carries it.
ALTER TABLE session_actor ADD COLUMN reason TEXT;
ALTER TABLE audit_log ADD COLUMN reason TEXT;

DROP TRIGGER audit_entry_insert;
CREATE TRIGGER audit_entry_insert INSTEAD OF INSERT ON audit_entry
BEGIN
  INSERT INTO audit_log (at, actor_id, actor_name, entity, entity_id, booking_id, customer_id,
                         field, old_value, new_value, old_ref, new_ref, category, event, label, tx, reason)
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
         s.tx,
         s.reason
  FROM (SELECT 1) LEFT JOIN session_actor s ON s.id = 1;
END;

-- Append-only, as in 0011, with the reason among the columns that never change.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN (OLD.hash IS NOT NULL AND (
       NEW.hash IS NOT OLD.hash OR NEW.origin IS NOT OLD.origin OR NEW.salt IS NOT OLD.salt
    OR NEW.vdigest IS NOT OLD.vdigest OR OLD.sig IS NOT NULL OR OLD.sig_key IS NOT NULL
    OR NEW.sig IS NULL OR NEW.sig_key IS NULL))
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.actor_name IS NOT OLD.actor_name OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id OR NEW.booking_id IS NOT OLD.booking_id
  OR NEW.customer_id IS NOT OLD.customer_id OR NEW.field IS NOT OLD.field
  OR NEW.old_value IS NOT OLD.old_value OR NEW.new_value IS NOT OLD.new_value
  OR NEW.old_ref IS NOT OLD.old_ref OR NEW.new_ref IS NOT OLD.new_ref
  OR NEW.category IS NOT OLD.category OR NEW.event IS NOT OLD.event
  OR NEW.label IS NOT OLD.label OR NEW.tx IS NOT OLD.tx OR NEW.reason IS NOT OLD.reason
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

-- Searching the History finds a reason's words: the index has no column of its
-- own for them (adding one would rebuild the index of every row), so they are
-- indexed with the row's event, which they explain.
DROP VIEW audit_search_source;
CREATE VIEW audit_search_source AS
SELECT id, actor_name,
       CASE WHEN reason IS NULL THEN event ELSE event || ' · ' || reason END AS event,
       field,
       CASE WHEN field IN ('price', 'amount') AND old_value IS NOT NULL
            THEN old_value || ' ' || printf('%.2f', old_value / 100.0) ELSE old_value END AS old_value,
       CASE WHEN field = '*' AND json_valid(new_value)
            THEN (SELECT group_concat(CASE WHEN j.key IN ('price', 'amount') AND j.value IS NOT NULL
                                           THEN j.value || ' ' || printf('%.2f', j.value / 100.0) ELSE j.value END, ' ')
                  FROM json_each(new_value) j WHERE j.key NOT LIKE '%\_ref' ESCAPE '\')
            WHEN field IN ('price', 'amount') AND new_value IS NOT NULL
            THEN new_value || ' ' || printf('%.2f', new_value / 100.0) ELSE new_value END AS new_value,
       label
FROM audit_log;
