-- Erasure of a customer (GDPR Art. 17; electron/services/erasure.ts).
--
-- A v2 audit row commits to its values (old, new, label, and the reason when
-- there is one) only through vdigest = SHA-256(salt || JSON of them) (0011,
-- db/chain.ts). An erasure stores that digest, and removes the values, the reason
-- and the salt: every link, and every chain head printed before, stays as it was,
-- and verify counts the row as erased. The digest cannot be turned back into the
-- values without the salt.

-- Append-only, as in 0016, with exactly one more update allowed: the erasure of a
-- sealed v2 row that still has its salt. Its values, reason and salt become NULL
-- and vdigest a 32-byte digest; nothing else changes, not even the signature
-- columns. A row of the first chain format (id up to chain_meta.v2_from) hashes
-- its values directly, so it cannot be erased in place. A wrong digest is not
-- caught here (SQLite has no SHA-256) but by verify, at that row's link. An
-- erased row without an erasure record (below) is named by the integrity check.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN ((OLD.hash IS NOT NULL AND (
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
  OR NEW.label IS NOT OLD.label OR NEW.tx IS NOT OLD.tx OR NEW.reason IS NOT OLD.reason)
 AND NOT (
       OLD.hash IS NOT NULL AND OLD.salt IS NOT NULL AND OLD.vdigest IS NULL
   AND OLD.id > (SELECT v2_from FROM chain_meta WHERE id = 1)
   AND NEW.salt IS NULL AND NEW.old_value IS NULL AND NEW.new_value IS NULL
   AND NEW.label IS NULL AND NEW.reason IS NULL
   AND typeof(NEW.vdigest) = 'blob' AND length(NEW.vdigest) = 32
   AND NEW.hash IS OLD.hash AND NEW.origin IS OLD.origin
   AND NEW.sig IS OLD.sig AND NEW.sig_key IS OLD.sig_key
   AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
   AND NEW.actor_name IS OLD.actor_name AND NEW.entity IS OLD.entity
   AND NEW.entity_id IS OLD.entity_id AND NEW.booking_id IS OLD.booking_id
   AND NEW.customer_id IS OLD.customer_id AND NEW.field IS OLD.field
   AND NEW.old_ref IS OLD.old_ref AND NEW.new_ref IS OLD.new_ref
   AND NEW.category IS OLD.category AND NEW.event IS OLD.event AND NEW.tx IS OLD.tx)
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

-- One row per erasure: the door its audit row is written through (as
-- reports_issued is for reports). The audit row, chained and signed, is the record
-- that counts: who erased, when, under which request's reference, how many rows
-- of the History lost their values (the integrity check adds these up and compares
-- them with the rows verify finds erased), and what still holds the values: the
-- backups made before (until they expire) and archives made before. No erased
-- value is in it. A customer is erased once. No foreign key: the record stays when
-- the recycle bin's purge later removes the customer (0019).
CREATE TABLE erasures (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL UNIQUE,
  reference   TEXT    NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
  rows_erased INTEGER NOT NULL CHECK (rows_erased >= 0),
  -- What still holds the values, in words: "3 backups made before, the last kept until 2027-01-04; ...".
  still_held  TEXT    NOT NULL,
  erased_at   TEXT    NOT NULL
);

CREATE TRIGGER audit_customer_erased AFTER INSERT ON erasures
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('erasure', NEW.id, NULL, NEW.customer_id, '*', NULL, json_object(
            'reference', NEW.reference, 'rows', CAST(NEW.rows_erased AS TEXT), 'still held', NEW.still_held),
          'data_edit', 'customer erased');
END;

-- Nor replaced (as 0012 guards the trail's other tables): INSERT OR REPLACE by id
-- or by customer would remove a record without firing a DELETE trigger.
CREATE TRIGGER erasures_no_replace BEFORE INSERT ON erasures
WHEN EXISTS (SELECT 1 FROM erasures WHERE (NEW.id > 0 AND id = NEW.id) OR customer_id = NEW.customer_id)
BEGIN
  SELECT RAISE(ABORT, 'erasure records cannot be changed: a customer is erased once');
END;

CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures
BEGIN
  SELECT RAISE(ABORT, 'erasure records cannot be changed');
END;

CREATE TRIGGER erasures_no_delete BEFORE DELETE ON erasures
BEGIN
  SELECT RAISE(ABORT, 'erasure records cannot be removed');
END;

-- The integrity check finds the erasure records in one look-up, not a read of the log.
CREATE INDEX audit_erasures ON audit_log (id) WHERE event = 'customer erased';

-- Which custom fields hold personal data: their values are cleared when a customer
-- is erased (a booking's field, on each of the customer's bookings). Chosen when
-- the field is defined, and carried by its "defined" row like its other settings.
ALTER TABLE custom_field_definitions ADD COLUMN personal INTEGER NOT NULL DEFAULT 0 CHECK (personal IN (0, 1));

DROP TRIGGER audit_custom_field_defined;
CREATE TRIGGER audit_custom_field_defined AFTER INSERT ON custom_field_definitions
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, '*', NULL, json_object(
            'entity', NEW.entity, 'label', NEW.label, 'type', NEW.type,
            'track_changes', CASE NEW.track_changes WHEN 1 THEN 'on' ELSE 'off' END,
            'personal', CASE NEW.personal WHEN 1 THEN 'yes' ELSE 'no' END),
          'data_edit', 'custom field defined');
END;
