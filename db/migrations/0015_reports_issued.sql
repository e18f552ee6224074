-- Reports handed out (a booking's dispute proof, a customer's right-of-access
-- report, a period's or a person's activity, a History printed as filtered, a
-- History exported to a file): auditors ask who saw the data, so
-- producing one is itself an event in the History. The table is only the door
-- the audit row is written through (audit rows come from triggers alone); the
-- audit row, chained and signed, is the record that counts.
CREATE TABLE reports_issued (
  id INTEGER PRIMARY KEY,
  -- booking, customer, period, person, history (printed as filtered) or export (a History's CSV or JSON file)
  kind TEXT NOT NULL CHECK (kind IN ('booking', 'customer', 'period', 'person', 'history', 'export')),
  -- What it is about, as printed on it: "Booking #1042 · Boiler service · Nora Quist".
  subject TEXT NOT NULL,
  -- html, json, csv, or screen (shown in the window, printed or saved from there).
  format TEXT NOT NULL CHECK (format IN ('html', 'json', 'csv', 'screen')),
  booking_id INTEGER REFERENCES bookings(id),
  customer_id INTEGER REFERENCES customers(id),
  -- The chain head printed on it: what "Check a printed report" will be asked about.
  chain_head TEXT NOT NULL,
  chain_rows INTEGER NOT NULL,
  issued_at TEXT NOT NULL
);

-- One row per report or export, about its booking and customer when it has them,
-- so it shows in their History too. The actor is whoever produced it.
CREATE TRIGGER audit_report_generated AFTER INSERT ON reports_issued
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('report', NEW.id, NEW.booking_id, NEW.customer_id, 'report', NULL,
          CASE NEW.kind WHEN 'booking' THEN 'Booking dispute report'
                        WHEN 'customer' THEN 'Customer report (right of access)'
                        WHEN 'period' THEN 'Period report'
                        WHEN 'person' THEN 'Person report'
                        WHEN 'history' THEN 'History report'
                        ELSE 'History export' END
            || ': ' || NEW.subject || ' (' || NEW.format || ', chain head ' || NEW.chain_head || ')',
          'user_action', CASE NEW.kind WHEN 'export' THEN 'history exported' ELSE 'report generated' END);
END;
