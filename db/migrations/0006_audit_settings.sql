-- Custom fields and user accounts.

-- Only tracked custom fields are audited; the WHEN clause reads the switch as it
-- is at the moment of the change. The row carries the field's label as it was.
CREATE TRIGGER audit_custom_value_set AFTER INSERT ON custom_field_values
WHEN NEW.value IS NOT NULL AND (SELECT track_changes FROM custom_field_definitions WHERE id = NEW.definition_id) = 1
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  SELECT d.entity, NEW.entity_id,
         CASE d.entity WHEN 'booking' THEN NEW.entity_id END,
         CASE d.entity WHEN 'booking' THEN (SELECT customer_id FROM bookings WHERE id = NEW.entity_id)
                       ELSE NEW.entity_id END,
         d.label, NULL, NEW.value, 'data_edit', 'custom field updated'
  FROM custom_field_definitions d WHERE d.id = NEW.definition_id;
END;

CREATE TRIGGER audit_custom_value_changed AFTER UPDATE OF value ON custom_field_values
WHEN OLD.value IS NOT NEW.value
 AND (SELECT track_changes FROM custom_field_definitions WHERE id = NEW.definition_id) = 1
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  SELECT d.entity, NEW.entity_id,
         CASE d.entity WHEN 'booking' THEN NEW.entity_id END,
         CASE d.entity WHEN 'booking' THEN (SELECT customer_id FROM bookings WHERE id = NEW.entity_id)
                       ELSE NEW.entity_id END,
         d.label, OLD.value, NEW.value, 'data_edit', 'custom field updated'
  FROM custom_field_definitions d WHERE d.id = NEW.definition_id;
END;

CREATE TRIGGER audit_custom_field_defined AFTER INSERT ON custom_field_definitions
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, NULL, NULL, NEW.label, 'data_edit', 'custom field defined');
END;

-- Switching tracking off is exactly the change an auditor wants to see.
CREATE TRIGGER audit_custom_field_tracking AFTER UPDATE OF track_changes ON custom_field_definitions
WHEN OLD.track_changes IS NOT NEW.track_changes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, 'track_changes',
          CASE OLD.track_changes WHEN 1 THEN 'on' ELSE 'off' END,
          CASE NEW.track_changes WHEN 1 THEN 'on' ELSE 'off' END,
          'data_edit', CASE NEW.track_changes WHEN 1 THEN 'tracking switched on' ELSE 'tracking switched off' END);
END;

CREATE TRIGGER audit_custom_field_label AFTER UPDATE OF label ON custom_field_definitions
WHEN OLD.label IS NOT NEW.label
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, 'label', OLD.label, NEW.label, 'data_edit', 'custom field renamed');
END;

CREATE TRIGGER audit_user_created AFTER INSERT ON users
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('user', NEW.id, NULL, NULL, 'role', NULL, NEW.role, 'user_action', 'user created');
END;

CREATE TRIGGER audit_user_role AFTER UPDATE OF role ON users
WHEN OLD.role IS NOT NEW.role
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('user', NEW.id, NULL, NULL, 'role', OLD.role, NEW.role, 'user_action', 'role changed');
END;

CREATE TRIGGER audit_user_active AFTER UPDATE OF active ON users
WHEN OLD.active IS NOT NEW.active
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('user', NEW.id, NULL, NULL, 'active',
          CASE OLD.active WHEN 1 THEN 'active' ELSE 'deactivated' END,
          CASE NEW.active WHEN 1 THEN 'active' ELSE 'deactivated' END,
          'user_action', CASE NEW.active WHEN 1 THEN 'user reactivated' ELSE 'user deactivated' END);
END;

CREATE TRIGGER audit_user_name AFTER UPDATE OF name ON users
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('user', NEW.id, NULL, NULL, 'name', OLD.name, NEW.name, 'data_edit', 'user renamed');
END;

-- The hash itself is never written to the log: only that the password changed.
CREATE TRIGGER audit_user_password AFTER UPDATE OF password_hash ON users
WHEN OLD.password_hash IS NOT NEW.password_hash
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('user', NEW.id, NULL, NULL, 'password', NULL, NULL, 'user_action', 'password changed');
END;
