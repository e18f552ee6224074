-- Money that adds up (issue 15). A pending payment can be rejected, so payments
-- get the status 'rejected'; a payment logged over the balance due is kept as an
-- overpayment, said so in its row and its History; an invoice says what it bills
-- for (the full price, a part, a no-show or late-change fee) and carries the line
-- printed on it. Every created row carries these too (see 0014), so the record
-- can be rebuilt and the records check can compare them.
--
-- Event names say what happened: a payment is "logged" (nobody has checked the
-- money yet), then approved, rejected or refunded. Rows written before keep their
-- names ("payment received (card)", "refund issued"): the log is append-only, and
-- readers take both.

-- A status CHECK cannot be altered in SQLite: the payments table is made again
-- with the same rows. Nothing references payments, and the copy runs without
-- triggers (the old table's go with it), so it writes no audit rows: the rows do
-- not change, only what they may become.
ALTER TABLE payments RENAME TO payments_before_0017;
CREATE TABLE payments (
  id           INTEGER PRIMARY KEY,
  invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
  booking_id   INTEGER NOT NULL REFERENCES bookings (id),
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  method       TEXT    NOT NULL CHECK (method IN ('cash', 'card', 'check', 'bank_transfer')),
  status       TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'refunded')),
  -- Logged over the balance due, after the person logging it confirmed that it was.
  overpayment  INTEGER NOT NULL DEFAULT 0 CHECK (overpayment IN (0, 1)),
  created_at   TEXT    NOT NULL
);
INSERT INTO payments (id, invoice_id, booking_id, customer_id, amount_cents, method, status, created_at)
  SELECT id, invoice_id, booking_id, customer_id, amount_cents, method, status, created_at FROM payments_before_0017;
DROP TABLE payments_before_0017;
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_booking ON payments (booking_id);

-- What an invoice bills for. Invoices made before this billed the booking's price.
ALTER TABLE invoices ADD COLUMN purpose TEXT NOT NULL DEFAULT 'full'
  CHECK (purpose IN ('full', 'part', 'no_show_fee', 'late_change_fee'));
-- The line that says what it is for ("No-show fee: missed visit of 2 March").
ALTER TABLE invoices ADD COLUMN line TEXT;

-- An invoice's amount, purpose and line as it was made: a no-show fee is told
-- apart from a full bill in the History itself.
DROP TRIGGER audit_invoice_created;
CREATE TRIGGER audit_invoice_created AFTER INSERT ON invoices
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('invoice', NEW.id, NEW.booking_id, NEW.customer_id, '*', NULL, json_object(
            'number', NEW.number, 'amount', CAST(NEW.amount_cents AS TEXT), 'status', NEW.status,
            'purpose', NEW.purpose, 'line', NEW.line),
          'financial', 'invoice created');
END;

-- "I paid that invoice": a payment logged, its amount, method and invoice, and
-- whether it was logged over the balance due. It is not money received until a
-- manager approves it, so the event says "logged".
CREATE TRIGGER audit_payment_logged AFTER INSERT ON payments
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, '*', NULL, json_object(
            'amount', CAST(NEW.amount_cents AS TEXT), 'method', NEW.method, 'status', NEW.status,
            'invoice', (SELECT number FROM invoices WHERE id = NEW.invoice_id), 'invoice_ref', NEW.invoice_id,
            'overpayment', CASE NEW.overpayment WHEN 1 THEN 'yes' ELSE 'no' END),
          'financial', 'payment logged (' || replace(NEW.method, '_', ' ')
                       || CASE NEW.overpayment WHEN 1 THEN ', overpayment' ELSE '' END || ')');
END;

-- Approved, rejected (with the reason the manager gave, in the row's reason) or refunded.
CREATE TRIGGER audit_payment_status AFTER UPDATE OF status ON payments
WHEN OLD.status IS NOT NEW.status
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, 'status', OLD.status, NEW.status, 'financial',
          CASE NEW.status WHEN 'approved' THEN 'payment approved'
                          WHEN 'rejected' THEN 'payment rejected'
                          WHEN 'refunded' THEN 'payment refunded'
                          ELSE 'payment status changed' END);
END;

-- As in 0005: the app never changes an amount, so a row here means someone did.
CREATE TRIGGER audit_payment_amount AFTER UPDATE OF amount_cents ON payments
WHEN OLD.amount_cents IS NOT NEW.amount_cents
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('payment', NEW.id, NEW.booking_id, NEW.customer_id, 'amount', OLD.amount_cents, NEW.amount_cents,
          'financial', 'payment amount changed');
END;
