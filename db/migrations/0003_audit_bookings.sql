-- Bookings: one audit row per changed field. Each trigger fires only when its
-- column really changed (IS NOT also catches NULL to value), so saving a form
-- that changed nothing writes nothing.

-- A new booking: one "created" row carrying the status it was created with, so the
-- Timeline knows whether it was created straight into "scheduled". The label
-- names the service and the customer.
CREATE TRIGGER audit_booking_created AFTER INSERT ON bookings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'status', NULL, NEW.status, 'user_action', 'created');
END;

-- Moving the appointment: the evidence for "I never moved that appointment".
CREATE TRIGGER audit_booking_start AFTER UPDATE OF scheduled_start ON bookings
WHEN OLD.scheduled_start IS NOT NEW.scheduled_start
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'scheduled_start', OLD.scheduled_start, NEW.scheduled_start,
          'user_action', 'rescheduled');
END;

CREATE TRIGGER audit_booking_end AFTER UPDATE OF scheduled_end ON bookings
WHEN OLD.scheduled_end IS NOT NEW.scheduled_end
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'scheduled_end', OLD.scheduled_end, NEW.scheduled_end,
          'user_action', 'rescheduled');
END;

-- Status: cancelling and the fieldworker's acceptance get their own event names,
-- because those are the ones disputes are about.
CREATE TRIGGER audit_booking_status AFTER UPDATE OF status ON bookings
WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'status', OLD.status, NEW.status, 'user_action',
          CASE NEW.status WHEN 'cancelled' THEN 'cancelled'
                          WHEN 'accepted' THEN 'fieldworker accepted'
                          ELSE 'status changed' END);
END;

-- Reference fields keep the ids and the names as they were, so History reads
-- "Alice Ng → Bob Reyes" even after someone is renamed.
CREATE TRIGGER audit_booking_fieldworker AFTER UPDATE OF fieldworker_id ON bookings
WHEN OLD.fieldworker_id IS NOT NEW.fieldworker_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'fieldworker',
          (SELECT name FROM users WHERE id = OLD.fieldworker_id),
          (SELECT name FROM users WHERE id = NEW.fieldworker_id),
          OLD.fieldworker_id, NEW.fieldworker_id, 'user_action',
          CASE WHEN NEW.fieldworker_id IS NULL THEN 'fieldworker unassigned' ELSE 'fieldworker assigned' END);
END;

CREATE TRIGGER audit_booking_customer AFTER UPDATE OF customer_id ON bookings
WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'customer',
          (SELECT name FROM customers WHERE id = OLD.customer_id),
          (SELECT name FROM customers WHERE id = NEW.customer_id),
          OLD.customer_id, NEW.customer_id, 'data_edit', 'customer changed');
END;

CREATE TRIGGER audit_booking_quote AFTER UPDATE OF quote_id ON bookings
WHEN OLD.quote_id IS NOT NEW.quote_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'quote',
          (SELECT number || ' ' || title FROM quotes WHERE id = OLD.quote_id),
          (SELECT number || ' ' || title FROM quotes WHERE id = NEW.quote_id),
          OLD.quote_id, NEW.quote_id, 'data_edit',
          CASE WHEN NEW.quote_id IS NULL THEN 'quote unlinked' ELSE 'quote linked' END);
END;

CREATE TRIGGER audit_booking_address AFTER UPDATE OF address ON bookings
WHEN OLD.address IS NOT NEW.address
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'address', OLD.address, NEW.address,
          'data_edit', 'address changed');
END;

CREATE TRIGGER audit_booking_service AFTER UPDATE OF service ON bookings
WHEN OLD.service IS NOT NEW.service
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'service', OLD.service, NEW.service,
          'data_edit', 'service changed');
END;

-- Money is recorded in cents, as stored; the History formats it.
CREATE TRIGGER audit_booking_price AFTER UPDATE OF price_cents ON bookings
WHEN OLD.price_cents IS NOT NEW.price_cents
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'price', OLD.price_cents, NEW.price_cents,
          'data_edit', 'price changed');
END;

-- Soft delete and restore are whole-record events.
CREATE TRIGGER audit_booking_deleted AFTER UPDATE OF deleted_at ON bookings
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, NULL, NULL, NULL, 'user_action',
          CASE WHEN NEW.deleted_at IS NULL THEN 'restored' ELSE 'deleted' END);
END;

-- Bookings are never deleted by the app; a hard delete from outside is still recorded.
CREATE TRIGGER audit_booking_removed AFTER DELETE ON bookings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('booking', OLD.id, OLD.id, OLD.customer_id, NULL, OLD.service, NULL, 'user_action', 'removed');
END;
