-- Customers: profile edits, one row per changed field, tied to the customer so a
-- customer's History is one index look-up.

CREATE TRIGGER audit_customer_created AFTER INSERT ON customers
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, NULL, NULL, NEW.name, 'user_action', 'created');
END;

CREATE TRIGGER audit_customer_name AFTER UPDATE OF name ON customers
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, 'name', OLD.name, NEW.name, 'data_edit', 'name changed');
END;

CREATE TRIGGER audit_customer_email AFTER UPDATE OF email ON customers
WHEN OLD.email IS NOT NEW.email
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, 'email', OLD.email, NEW.email, 'data_edit', 'contact changed');
END;

CREATE TRIGGER audit_customer_phone AFTER UPDATE OF phone ON customers
WHEN OLD.phone IS NOT NEW.phone
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, 'phone', OLD.phone, NEW.phone, 'data_edit', 'contact changed');
END;

CREATE TRIGGER audit_customer_address AFTER UPDATE OF address ON customers
WHEN OLD.address IS NOT NEW.address
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, 'address', OLD.address, NEW.address, 'data_edit', 'address changed');
END;

CREATE TRIGGER audit_customer_notes AFTER UPDATE OF notes ON customers
WHEN OLD.notes IS NOT NEW.notes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, 'notes', OLD.notes, NEW.notes, 'data_edit', 'notes changed');
END;

CREATE TRIGGER audit_customer_deleted AFTER UPDATE OF deleted_at ON customers
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', NEW.id, NULL, NEW.id, NULL, NULL, NULL, 'user_action',
          CASE WHEN NEW.deleted_at IS NULL THEN 'restored' ELSE 'deleted' END);
END;

CREATE TRIGGER audit_customer_removed AFTER DELETE ON customers
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('customer', OLD.id, NULL, OLD.id, NULL, OLD.name, NULL, 'user_action', 'removed');
END;
