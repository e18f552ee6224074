-- Visit times (issue 17): when the fieldworker actually arrived at a visit
-- (time-in) and left it (time-out), apart from when the booking was scheduled.
-- Home-health visits must prove them to insurers (Electronic Visit Verification),
-- so each one is evidence: recorded once, by the assigned fieldworker or by the
-- office on their behalf, and never overwritten quietly. Changing one afterwards
-- is a correction: the app asks why (services/visitTimes.ts), this file refuses
-- one made through the app without a reason, and the original stays in the
-- History as the correction's "before".
--
-- A table of its own rather than two booking columns: each time has its own
-- recorder (the actor of its "recorded" row), its own person served for (the
-- fieldworker, who may not be the one recording it), and its own corrections,
-- and a booking's other triggers and the records check stay as they are.
CREATE TABLE visit_times (
  id             INTEGER PRIMARY KEY,
  booking_id     INTEGER NOT NULL REFERENCES bookings (id),
  kind           TEXT    NOT NULL CHECK (kind IN ('time_in', 'time_out')),
  -- The instant, UTC, as the other instants: what was recorded or corrected to.
  at             TEXT    NOT NULL,
  -- Whose visit it is: the person who served, for whom it was recorded.
  fieldworker_id INTEGER NOT NULL REFERENCES users (id),
  UNIQUE (booking_id, kind)
);

-- Recorded: the "created" row carries every tracked field (0014's form: field '*',
-- keys as the update rows name their fields). Recorded by someone other than the
-- fieldworker it is for (the office on their behalf) says so in its event, and
-- the actor and the fieldworker in the row say who for whom.
CREATE TRIGGER audit_visit_time_recorded AFTER INSERT ON visit_times
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('visit_time', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id), '*', NULL,
          json_object(NEW.kind, NEW.at,
                      'fieldworker', (SELECT name FROM users WHERE id = NEW.fieldworker_id),
                      'fieldworker_ref', NEW.fieldworker_id),
          'user_action',
          CASE NEW.kind WHEN 'time_in' THEN 'time-in recorded' ELSE 'time-out recorded' END
          || CASE WHEN EXISTS (SELECT 1 FROM session_actor WHERE id = 1 AND user_id IS NOT NEW.fieldworker_id)
                  THEN ' on behalf' ELSE '' END);
END;

-- A correction of the time: old and new side by side, with the reason the
-- transaction carries (0016). Made outside JobTrail it is still recorded, with
-- no reason and the outside actor: visible, never silent.
CREATE TRIGGER audit_visit_time_corrected AFTER UPDATE OF at ON visit_times
WHEN OLD.at IS NOT NEW.at
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('visit_time', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id),
          NEW.kind, OLD.at, NEW.at, 'data_edit',
          CASE NEW.kind WHEN 'time_in' THEN 'time-in corrected' ELSE 'time-out corrected' END);
END;

-- Who served is part of the evidence too: the app does not change it, so a row
-- here is a correction made outside JobTrail (or a later feature's, with a reason).
CREATE TRIGGER audit_visit_time_fieldworker AFTER UPDATE OF fieldworker_id ON visit_times
WHEN OLD.fieldworker_id IS NOT NEW.fieldworker_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('visit_time', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id), 'fieldworker',
          (SELECT name FROM users WHERE id = OLD.fieldworker_id), (SELECT name FROM users WHERE id = NEW.fieldworker_id),
          OLD.fieldworker_id, NEW.fieldworker_id, 'data_edit',
          CASE NEW.kind WHEN 'time_in' THEN 'time-in corrected' ELSE 'time-out corrected' END);
END;

-- Through the app (an actor is set: db/actor.ts) a recorded time changes only
-- with a reason. Outside it there is no actor: the change goes through and the
-- trigger above records it as made outside JobTrail.
CREATE TRIGGER visit_time_correction_needs_reason BEFORE UPDATE ON visit_times
WHEN (OLD.at IS NOT NEW.at OR OLD.fieldworker_id IS NOT NEW.fieldworker_id)
 AND EXISTS (SELECT 1 FROM session_actor WHERE id = 1 AND reason IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'a recorded visit time is changed only as a correction, with a reason');
END;

-- Which visit and which end of it a time is never changes: a time-in turned into
-- a time-out, or moved to another booking, would be a new claim, not a correction.
CREATE TRIGGER visit_time_fixed BEFORE UPDATE ON visit_times
WHEN NEW.id IS NOT OLD.id OR NEW.booking_id IS NOT OLD.booking_id OR NEW.kind IS NOT OLD.kind
BEGIN
  SELECT RAISE(ABORT, 'a visit time stays the time-in or time-out of its own booking');
END;

-- Recorded once (as 0012 and 0021 guard their tables): INSERT OR REPLACE by id or
-- by booking and kind would remove the recorded time without a DELETE trigger
-- firing, and put another in its place as if it were the first.
CREATE TRIGGER visit_time_no_replace BEFORE INSERT ON visit_times
WHEN EXISTS (SELECT 1 FROM visit_times WHERE (NEW.id > 0 AND id = NEW.id) OR (booking_id = NEW.booking_id AND kind = NEW.kind))
BEGIN
  SELECT RAISE(ABORT, 'a visit time is recorded once: change it with a correction');
END;

-- Leaves only with its booking (the recycle bin's purge, 0019), or by someone
-- outside JobTrail: either way the History says what it held.
CREATE TRIGGER audit_visit_time_removed AFTER DELETE ON visit_times
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('visit_time', OLD.id, OLD.booking_id, (SELECT customer_id FROM bookings WHERE id = OLD.booking_id), '*',
          json_object(OLD.kind, OLD.at, 'fieldworker', (SELECT name FROM users WHERE id = OLD.fieldworker_id),
                      'fieldworker_ref', OLD.fieldworker_id),
          NULL, 'data_edit', 'removed');
END;

-- A visit's recorded and corrected rows, found per booking without walking the
-- booking's other History: the Timeline and the visit verification report read
-- who recorded each time, and every correction, from here.
CREATE INDEX audit_visit_time_rows ON audit_log (booking_id, id) WHERE entity = 'visit_time';

-- The visit verification report is a report like the others (0015): producing it
-- is recorded. The kind CHECK cannot be altered in SQLite, so the table is made
-- again with the same rows, as 0017 did for payments. Nothing references it; the
-- copy runs before the trigger is made again, so it writes no audit rows.
ALTER TABLE reports_issued RENAME TO reports_issued_before_0023;
CREATE TABLE reports_issued (
  id INTEGER PRIMARY KEY,
  -- booking, customer, period, person, history, visits (visit verification) or export
  kind TEXT NOT NULL CHECK (kind IN ('booking', 'customer', 'period', 'person', 'history', 'visits', 'export')),
  subject TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('html', 'json', 'csv', 'screen')),
  booking_id INTEGER REFERENCES bookings(id),
  customer_id INTEGER REFERENCES customers(id),
  chain_head TEXT NOT NULL,
  chain_rows INTEGER NOT NULL,
  issued_at TEXT NOT NULL
);
INSERT INTO reports_issued (id, kind, subject, format, booking_id, customer_id, chain_head, chain_rows, issued_at)
  SELECT id, kind, subject, format, booking_id, customer_id, chain_head, chain_rows, issued_at FROM reports_issued_before_0023;
DROP TABLE reports_issued_before_0023;

CREATE TRIGGER audit_report_generated AFTER INSERT ON reports_issued
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('report', NEW.id, NEW.booking_id, NEW.customer_id, 'report', NULL,
          CASE NEW.kind WHEN 'booking' THEN 'Booking dispute report'
                        WHEN 'customer' THEN 'Customer report (right of access)'
                        WHEN 'period' THEN 'Period report'
                        WHEN 'person' THEN 'Person report'
                        WHEN 'history' THEN 'History report'
                        WHEN 'visits' THEN 'Visit verification report'
                        ELSE 'History export' END
            || ': ' || NEW.subject || ' (' || NEW.format || ', chain head ' || NEW.chain_head || ')',
          'user_action', CASE NEW.kind WHEN 'export' THEN 'history exported' ELSE 'report generated' END);
END;
