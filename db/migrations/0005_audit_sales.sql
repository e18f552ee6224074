-- Quotes, invoices, payments, notes and inquiries. The financial events (invoice
-- sent, payment received, approved, refunded) are the state changes of their own
-- rows, recorded like any other field change and tied to booking and customer.
-- A refund that uncovers a paid invoice reopens it: that is not a second sending.

CREATE TRIGGER audit_quote_created AFTER INSERT ON quotes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, 'amount', NULL, NEW.amount_cents, 'user_action', 'quote created');
END;

CREATE TRIGGER audit_quote_status AFTER UPDATE OF status ON quotes
WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, 'status', OLD.status, NEW.status, 'user_action',
          'quote ' || NEW.status);
END;

CREATE TRIGGER audit_invoice_created AFTER INSERT ON invoices
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('invoice', NEW.id, NEW.booking_id, NEW.customer_id, 'amount', NULL, NEW.amount_cents,
          'financial', 'invoice created');
END;

CREATE TRIGGER audit_invoice_status AFTER UPDATE OF status ON invoices
WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('invoice', NEW.id, NEW.booking_id, NEW.customer_id, 'status', OLD.status, NEW.status, 'financial',
          CASE WHEN OLD.status = 'paid' AND NEW.status = 'sent' THEN 'invoice reopened'
               WHEN NEW.status = 'sent' THEN 'invoice sent'
               WHEN NEW.status = 'paid' THEN 'invoice paid'
               WHEN NEW.status = 'void' THEN 'invoice voided'
               ELSE 'invoice status changed' END);
END;

CREATE TRIGGER audit_invoice_amount AFTER UPDATE OF amount_cents ON invoices
WHEN OLD.amount_cents IS NOT NEW.amount_cents
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('invoice', NEW.id, NEW.booking_id, NEW.customer_id, 'amount', OLD.amount_cents, NEW.amount_cents,
          'financial', 'invoice amount changed');
END;

-- "I paid that invoice": the payment's arrival, amount and method.
CREATE TRIGGER audit_payment_received AFTER INSERT ON payments
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, 'amount', NULL, NEW.amount_cents,
          'financial', 'payment received (' || replace(NEW.method, '_', ' ') || ')');
END;

CREATE TRIGGER audit_payment_status AFTER UPDATE OF status ON payments
WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, 'status', OLD.status, NEW.status, 'financial',
          CASE NEW.status WHEN 'approved' THEN 'payment approved'
                          WHEN 'refunded' THEN 'refund issued'
                          ELSE 'payment status changed' END);
END;

CREATE TRIGGER audit_payment_amount AFTER UPDATE OF amount_cents ON payments
WHEN OLD.amount_cents IS NOT NEW.amount_cents
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, 'amount', OLD.amount_cents, NEW.amount_cents,
          'financial', 'payment amount changed');
END;

CREATE TRIGGER audit_note_added AFTER INSERT ON notes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('note', NEW.id, NEW.booking_id, NEW.customer_id, 'note', NULL, NEW.body, 'data_edit', 'note added');
END;

CREATE TRIGGER audit_note_edited AFTER UPDATE OF body ON notes
WHEN OLD.body IS NOT NEW.body
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('note', NEW.id, NEW.booking_id, NEW.customer_id, 'note', OLD.body, NEW.body, 'data_edit', 'note edited');
END;

CREATE TRIGGER audit_inquiry_received AFTER INSERT ON inquiries
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('inquiry', NEW.id, NULL, NEW.customer_id, 'subject', NULL, NEW.subject, 'user_action', 'inquiry received');
END;
