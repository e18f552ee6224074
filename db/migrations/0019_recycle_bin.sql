-- The recycle bin and its retention period (electron/services/recycleBin.ts).
--
-- Office settings that an administrator changes and an auditor asks about (the
-- retention period first; the business's name and locale later) live in one
-- key/value table, audited like any record: who changed which setting, from what
-- to what. A key with no row has its default, which the code holds.
CREATE TABLE app_settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TRIGGER audit_setting_set AFTER INSERT ON app_settings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('setting', NEW.rowid, NULL, NULL, NEW.key, NULL, NEW.value, 'data_edit', 'setting changed');
END;

CREATE TRIGGER audit_setting_changed AFTER UPDATE OF value ON app_settings
WHEN OLD.value IS NOT NEW.value
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('setting', NEW.rowid, NULL, NULL, NEW.key, OLD.value, NEW.value, 'data_edit', 'setting changed');
END;

CREATE TRIGGER audit_setting_removed AFTER DELETE ON app_settings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('setting', OLD.rowid, NULL, NULL, OLD.key, OLD.value, NULL, 'data_edit', 'setting changed');
END;

-- When a deleted record may be purged: set when it is deleted (its deletion time
-- plus the retention period then in force), cleared when it is restored. Kept per
-- record so that shortening the period never shortens the stay of a record
-- already in the bin; lengthening it extends them. Not a tracked field: the
-- deletion itself, and every change of the period, are in the History.
ALTER TABLE bookings ADD COLUMN purge_after TEXT;
ALTER TABLE customers ADD COLUMN purge_after TEXT;
CREATE INDEX bookings_purge_after ON bookings (purge_after) WHERE purge_after IS NOT NULL;
CREATE INDEX customers_purge_after ON customers (purge_after) WHERE purge_after IS NOT NULL;

-- Purging removes a record with what belongs only to it. Bookings and customers
-- already say "removed" when they go (0003, 0004); so now do the records that
-- hang on them, so that nothing leaves the database without a row in the
-- History, whether the retention job removes it or a SQLite tool does. The row
-- keeps what the record was (as a created row carries it: field '*', 0014), and the reason of the
-- transaction (the purge's) like any other row.
CREATE TRIGGER audit_invoice_removed AFTER DELETE ON invoices
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('invoice', OLD.id, OLD.booking_id, OLD.customer_id, '*', json_object(
            'number', OLD.number, 'amount', CAST(OLD.amount_cents AS TEXT), 'status', OLD.status), NULL, 'financial', 'removed');
END;

CREATE TRIGGER audit_payment_removed AFTER DELETE ON payments
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', OLD.id, OLD.booking_id, OLD.customer_id, '*', json_object(
            'amount', CAST(OLD.amount_cents AS TEXT), 'method', OLD.method, 'status', OLD.status), NULL, 'financial', 'removed');
END;

CREATE TRIGGER audit_note_removed AFTER DELETE ON notes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('note', OLD.id, OLD.booking_id, OLD.customer_id, 'note', OLD.body, NULL, 'data_edit', 'removed');
END;

CREATE TRIGGER audit_quote_removed AFTER DELETE ON quotes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', OLD.id, NULL, OLD.customer_id, '*', json_object(
            'number', OLD.number, 'title', OLD.title, 'amount', CAST(OLD.amount_cents AS TEXT), 'status', OLD.status), NULL,
          'user_action', 'removed');
END;

CREATE TRIGGER audit_inquiry_removed AFTER DELETE ON inquiries
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('inquiry', OLD.id, NULL, OLD.customer_id, 'subject', OLD.subject, NULL, 'user_action', 'removed');
END;

-- A tracked custom value leaves with its record: the History says what it held.
CREATE TRIGGER audit_custom_value_removed AFTER DELETE ON custom_field_values
WHEN OLD.value IS NOT NULL AND (SELECT track_changes FROM custom_field_definitions WHERE id = OLD.definition_id) = 1
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  SELECT d.entity, OLD.entity_id,
         CASE d.entity WHEN 'booking' THEN OLD.entity_id END,
         CASE d.entity WHEN 'booking' THEN (SELECT customer_id FROM bookings WHERE id = OLD.entity_id)
                       ELSE OLD.entity_id END,
         d.label, OLD.value, NULL, 'data_edit', 'custom field updated'
  FROM custom_field_definitions d WHERE d.id = OLD.definition_id;
END;

-- A booking or customer removed says which one, by name, like every other row of
-- theirs: the row's label is read from the record (0016's audit_entry), which an
-- AFTER DELETE trigger no longer finds. Written before the delete instead; should
-- the delete fail, the statement takes its row back with it.
DROP TRIGGER audit_booking_removed;
CREATE TRIGGER audit_booking_removed BEFORE DELETE ON bookings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', OLD.id, OLD.id, OLD.customer_id, NULL, OLD.service, NULL, 'user_action', 'removed');
END;

DROP TRIGGER audit_customer_removed;
CREATE TRIGGER audit_customer_removed BEFORE DELETE ON customers
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', OLD.id, NULL, OLD.id, NULL, OLD.name, NULL, 'user_action', 'removed');
END;

-- A restore puts an older copy in place of the database: what came after that
-- copy is gone from the log (kept aside in the replaced file). Auditors ask who did
-- it and from which copy, so the restored log's first new row says so. The table
-- is only the door the row comes through, as reports_issued is (0015).
CREATE TABLE restores (
  id          INTEGER PRIMARY KEY,
  backup      TEXT    NOT NULL,   -- the backup's file name
  backup_head TEXT    NOT NULL,   -- the chain head it held, which the log continues from
  kept_aside  TEXT,               -- where the replaced database was moved
  restored_at TEXT    NOT NULL
);

CREATE TRIGGER audit_restored AFTER INSERT ON restores
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('database', NEW.id, NULL, NULL, 'backup', NEW.kept_aside,
          NEW.backup || ' (chain head ' || NEW.backup_head || ')', 'data_edit', 'restored from a backup');
END;
