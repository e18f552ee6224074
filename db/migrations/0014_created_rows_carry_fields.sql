-- A record's "created" row carries every tracked field, so that the record can be
-- rebuilt as it stood at any moment from its audit rows alone (the price, time and
-- fieldworker a booking was made with can be proven), and so that the records
-- check can compare a column never changed since creation with what it was
-- created with (a column changed while its trigger was dropped and put back).
--
-- The row keeps its event and its booking, customer and label; its field is '*'
-- and its new value a JSON object whose keys are the field names the update
-- triggers write in audit_log.field, with the values as those triggers would
-- write them in new_value (money as the cents' text, a reference as the name it
-- had); the ids behind a reference under "<field>_ref", where the update rows
-- carry new_ref. A field the record has no update trigger for (an invoice's
-- number, a payment's method and invoice) is carried the same way: it is part of
-- what the record was. Rows written before this migration keep their one field:
-- the log is append-only, and readers take both forms.
--
-- Notes and inquiries are left as they are: their created rows already carry
-- their one tracked field.

DROP TRIGGER audit_booking_created;
CREATE TRIGGER audit_booking_created AFTER INSERT ON bookings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, '*', NULL, json_object(
            'status', NEW.status,
            'scheduled_start', NEW.scheduled_start,
            'scheduled_end', NEW.scheduled_end,
            'service', NEW.service,
            'address', NEW.address,
            'price', CAST(NEW.price_cents AS TEXT),
            'customer', (SELECT name FROM customers WHERE id = NEW.customer_id),
            'customer_ref', NEW.customer_id,
            'fieldworker', (SELECT name FROM users WHERE id = NEW.fieldworker_id),
            'fieldworker_ref', NEW.fieldworker_id,
            'quote', (SELECT number || ' ' || title FROM quotes WHERE id = NEW.quote_id),
            'quote_ref', NEW.quote_id),
          'user_action', 'created');
END;

DROP TRIGGER audit_customer_created;
CREATE TRIGGER audit_customer_created AFTER INSERT ON customers
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, '*', NULL, json_object(
            'name', NEW.name, 'email', NEW.email, 'phone', NEW.phone, 'address', NEW.address, 'notes', NEW.notes),
          'user_action', 'created');
END;

DROP TRIGGER audit_quote_created;
CREATE TRIGGER audit_quote_created AFTER INSERT ON quotes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, '*', NULL, json_object(
            'number', NEW.number, 'title', NEW.title, 'amount', CAST(NEW.amount_cents AS TEXT), 'status', NEW.status),
          'user_action', 'quote created');
END;

DROP TRIGGER audit_invoice_created;
CREATE TRIGGER audit_invoice_created AFTER INSERT ON invoices
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('invoice', NEW.id, NEW.booking_id, NEW.customer_id, '*', NULL, json_object(
            'number', NEW.number, 'amount', CAST(NEW.amount_cents AS TEXT), 'status', NEW.status),
          'financial', 'invoice created');
END;

DROP TRIGGER audit_payment_received;
CREATE TRIGGER audit_payment_received AFTER INSERT ON payments
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, '*', NULL, json_object(
            'amount', CAST(NEW.amount_cents AS TEXT), 'method', NEW.method, 'status', NEW.status,
            'invoice', (SELECT number FROM invoices WHERE id = NEW.invoice_id), 'invoice_ref', NEW.invoice_id),
          'financial', 'payment received (' || replace(NEW.method, '_', ' ') || ')');
END;

DROP TRIGGER audit_user_created;
CREATE TRIGGER audit_user_created AFTER INSERT ON users
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('user', NEW.id, NULL, NULL, '*', NULL, json_object(
            'name', NEW.name, 'role', NEW.role,
            'active', CASE NEW.active WHEN 1 THEN 'active' ELSE 'deactivated' END),
          'user_action', 'user created');
END;

-- The tracking switch it was defined with: switching it off behind the trigger's
-- back is then seen by the records check even if it was never switched before.
DROP TRIGGER audit_custom_field_defined;
CREATE TRIGGER audit_custom_field_defined AFTER INSERT ON custom_field_definitions
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, '*', NULL, json_object(
            'entity', NEW.entity, 'label', NEW.label, 'type', NEW.type,
            'track_changes', CASE NEW.track_changes WHEN 1 THEN 'on' ELSE 'off' END),
          'data_edit', 'custom field defined');
END;

-- The search index reads a created row's values, not its JSON: its keys would make
-- "price" or "status" find every created row. Money is indexed as "125.00" too,
-- as for a change row. A created row that is not valid JSON (written by hand) is
-- indexed as it is, so that one bad row cannot stop the index from catching up.
DROP VIEW audit_search_source;
CREATE VIEW audit_search_source AS
SELECT id, actor_name, event, field,
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
