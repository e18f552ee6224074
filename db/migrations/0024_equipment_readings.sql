-- Technicians' readings and the equipment they are read from (issue 17;
-- electron/services/readings.ts, equipment.ts).
--
-- A booking custom field can be "filled in by the fieldworker": the assigned
-- fieldworker then sets its value on their own job card, and records readings of
-- it, which may repeat within one visit (a thermostat setpoint before and after
-- the work). A reading can belong to a piece of equipment at the booking's
-- property, so that a unit's readings and History run across every visit: what a
-- warranty dispute turns on.

-- ── the switch ────────────────────────────────────────────────────────────────

ALTER TABLE custom_field_definitions ADD COLUMN fieldworker_fills INTEGER NOT NULL DEFAULT 0
  CHECK (fieldworker_fills IN (0, 1));

-- Who may write a field is the kind of change an auditor asks about, as tracking is (0006).
CREATE TRIGGER audit_custom_field_fieldworker AFTER UPDATE OF fieldworker_fills ON custom_field_definitions
WHEN OLD.fieldworker_fills IS NOT NEW.fieldworker_fills
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, 'fieldworker_fills',
          CASE OLD.fieldworker_fills WHEN 1 THEN 'on' ELSE 'off' END,
          CASE NEW.fieldworker_fills WHEN 1 THEN 'on' ELSE 'off' END,
          'data_edit', CASE NEW.fieldworker_fills WHEN 1 THEN 'fieldworker filling switched on'
                                                  ELSE 'fieldworker filling switched off' END);
END;

-- A definition's created row carries every setting it was made with (0014, 0021), this one too.
DROP TRIGGER audit_custom_field_defined;
CREATE TRIGGER audit_custom_field_defined AFTER INSERT ON custom_field_definitions
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, '*', NULL, json_object(
            'entity', NEW.entity, 'label', NEW.label, 'type', NEW.type,
            'track_changes', CASE NEW.track_changes WHEN 1 THEN 'on' ELSE 'off' END,
            'personal', CASE NEW.personal WHEN 1 THEN 'yes' ELSE 'no' END,
            'fieldworker_fills', CASE NEW.fieldworker_fills WHEN 1 THEN 'on' ELSE 'off' END),
          'data_edit', 'custom field defined');
END;

-- ── equipment ─────────────────────────────────────────────────────────────────

-- A unit at a property: a furnace, a heat pump, a thermostat. Dates are days
-- (YYYY-MM-DD), as on the warranty card.
CREATE TABLE equipment (
  id             INTEGER PRIMARY KEY,
  property_id    INTEGER NOT NULL REFERENCES properties (id),
  kind           TEXT    NOT NULL,
  make_model     TEXT,
  serial_number  TEXT,
  installed_on   TEXT,
  warranty_until TEXT,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL
);
CREATE INDEX equipment_property ON equipment (property_id);

-- ── readings ──────────────────────────────────────────────────────────────────

-- One value of a fieldworker-filled field, read at a visit. `note` tells two
-- readings of one visit apart ("before", "after"); `taken_at` is when it was
-- read, which may be before it was typed in (recorded_at). recorded_by is who
-- typed it, as its created row's actor also says.
CREATE TABLE readings (
  id            INTEGER PRIMARY KEY,
  booking_id    INTEGER NOT NULL REFERENCES bookings (id),
  definition_id INTEGER NOT NULL REFERENCES custom_field_definitions (id),
  equipment_id  INTEGER REFERENCES equipment (id),
  value         TEXT    NOT NULL,
  note          TEXT,
  taken_at      TEXT    NOT NULL,
  recorded_by   INTEGER REFERENCES users (id),
  recorded_at   TEXT    NOT NULL
);
CREATE INDEX readings_booking ON readings (booking_id, taken_at);
CREATE INDEX readings_equipment ON readings (equipment_id, taken_at) WHERE equipment_id IS NOT NULL;

-- ── equipment's History ───────────────────────────────────────────────────────

-- A unit's rows carry its property's customer, as a property's and its units' do
-- (0022): they appear in that customer's History and read with their name. The
-- unit's own History is found by its id (audit_equipment_rows, below).

-- Created: every tracked field (0014's form), the property by name and id.
CREATE TRIGGER audit_equipment_created AFTER INSERT ON equipment
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), '*', NULL, json_object(
            'kind', NEW.kind, 'make_model', NEW.make_model, 'serial_number', NEW.serial_number,
            'installed_on', NEW.installed_on, 'warranty_until', NEW.warranty_until,
            'property', (SELECT name FROM properties WHERE id = NEW.property_id), 'property_ref', NEW.property_id),
          'user_action', 'equipment added');
END;

-- One row per changed field. The warranty date and the serial number are what a
-- dispute is about: their old values stay in the History.
CREATE TRIGGER audit_equipment_kind AFTER UPDATE OF kind ON equipment
WHEN OLD.kind IS NOT NEW.kind
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'kind', OLD.kind, NEW.kind, 'data_edit', 'equipment changed');
END;

CREATE TRIGGER audit_equipment_make_model AFTER UPDATE OF make_model ON equipment
WHEN OLD.make_model IS NOT NEW.make_model
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'make_model', OLD.make_model, NEW.make_model, 'data_edit', 'equipment changed');
END;

CREATE TRIGGER audit_equipment_serial AFTER UPDATE OF serial_number ON equipment
WHEN OLD.serial_number IS NOT NEW.serial_number
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'serial_number', OLD.serial_number, NEW.serial_number, 'data_edit', 'equipment changed');
END;

CREATE TRIGGER audit_equipment_installed AFTER UPDATE OF installed_on ON equipment
WHEN OLD.installed_on IS NOT NEW.installed_on
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'installed_on', OLD.installed_on, NEW.installed_on, 'data_edit', 'equipment changed');
END;

CREATE TRIGGER audit_equipment_warranty AFTER UPDATE OF warranty_until ON equipment
WHEN OLD.warranty_until IS NOT NEW.warranty_until
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'warranty_until', OLD.warranty_until, NEW.warranty_until, 'data_edit', 'equipment changed');
END;

-- The app never moves a unit to another property; a row here means someone did.
CREATE TRIGGER audit_equipment_property AFTER UPDATE OF property_id ON equipment
WHEN OLD.property_id IS NOT NEW.property_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event)
  VALUES ('equipment', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'property',
          (SELECT name FROM properties WHERE id = OLD.property_id), (SELECT name FROM properties WHERE id = NEW.property_id),
          OLD.property_id, NEW.property_id, 'data_edit', 'equipment moved');
END;

-- The app never removes a unit either; removed from outside, the History still says what it was.
CREATE TRIGGER audit_equipment_removed BEFORE DELETE ON equipment
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('equipment', OLD.id, NULL, (SELECT customer_id FROM properties WHERE id = OLD.property_id), '*', json_object(
            'kind', OLD.kind, 'make_model', OLD.make_model, 'serial_number', OLD.serial_number,
            'installed_on', OLD.installed_on, 'warranty_until', OLD.warranty_until, 'property_ref', OLD.property_id),
          NULL, 'user_action', 'removed');
END;

-- ── readings' History ─────────────────────────────────────────────────────────

-- Recorded: the field (by its label as it was), the value, the note, when it was
-- read and from which unit, in the booking's History, tied to its customer.
CREATE TRIGGER audit_reading_recorded AFTER INSERT ON readings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id), '*', NULL, json_object(
            'reading', (SELECT label FROM custom_field_definitions WHERE id = NEW.definition_id),
            'reading_ref', NEW.definition_id,
            'value', NEW.value, 'note', NEW.note, 'taken_at', NEW.taken_at,
            'equipment', (SELECT kind || coalesce(' ' || make_model, '') FROM equipment WHERE id = NEW.equipment_id),
            'equipment_ref', NEW.equipment_id,
            'recorded_by', (SELECT name FROM users WHERE id = NEW.recorded_by), 'recorded_by_ref', NEW.recorded_by),
          'data_edit', 'reading recorded');
END;

-- A correction keeps the value first recorded in the History: a reading is evidence.
CREATE TRIGGER audit_reading_value AFTER UPDATE OF value ON readings
WHEN OLD.value IS NOT NEW.value
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id),
          'value', OLD.value, NEW.value, 'data_edit', 'reading corrected');
END;

CREATE TRIGGER audit_reading_note AFTER UPDATE OF note ON readings
WHEN OLD.note IS NOT NEW.note
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id),
          'note', OLD.note, NEW.note, 'data_edit', 'reading corrected');
END;

CREATE TRIGGER audit_reading_taken_at AFTER UPDATE OF taken_at ON readings
WHEN OLD.taken_at IS NOT NEW.taken_at
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id),
          'taken_at', OLD.taken_at, NEW.taken_at, 'data_edit', 'reading corrected');
END;

-- The app never moves a reading to another unit, field or booking: rows here mean someone did.
CREATE TRIGGER audit_reading_equipment AFTER UPDATE OF equipment_id ON readings
WHEN OLD.equipment_id IS NOT NEW.equipment_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id), 'equipment',
          (SELECT kind || coalesce(' ' || make_model, '') FROM equipment WHERE id = OLD.equipment_id),
          (SELECT kind || coalesce(' ' || make_model, '') FROM equipment WHERE id = NEW.equipment_id),
          OLD.equipment_id, NEW.equipment_id, 'data_edit', 'reading moved');
END;

CREATE TRIGGER audit_reading_definition AFTER UPDATE OF definition_id ON readings
WHEN OLD.definition_id IS NOT NEW.definition_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id), 'reading',
          (SELECT label FROM custom_field_definitions WHERE id = OLD.definition_id),
          (SELECT label FROM custom_field_definitions WHERE id = NEW.definition_id),
          OLD.definition_id, NEW.definition_id, 'data_edit', 'reading moved');
END;

CREATE TRIGGER audit_reading_booking AFTER UPDATE OF booking_id ON readings
WHEN OLD.booking_id IS NOT NEW.booking_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, old_ref, new_ref, category, event)
  VALUES ('reading', NEW.id, NEW.booking_id, (SELECT customer_id FROM bookings WHERE id = NEW.booking_id), 'booking',
          CAST(OLD.booking_id AS TEXT), CAST(NEW.booking_id AS TEXT), OLD.booking_id, NEW.booking_id, 'data_edit', 'reading moved');
END;

-- Purged with its booking (the recycle bin), or removed from outside: the History keeps what it held.
CREATE TRIGGER audit_reading_removed BEFORE DELETE ON readings
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('reading', OLD.id, OLD.booking_id, (SELECT customer_id FROM bookings WHERE id = OLD.booking_id), '*', json_object(
            'reading', (SELECT label FROM custom_field_definitions WHERE id = OLD.definition_id),
            'value', OLD.value, 'note', OLD.note, 'taken_at', OLD.taken_at, 'equipment_ref', OLD.equipment_id),
          NULL, 'data_edit', 'removed');
END;

-- ── finding a unit's History ──────────────────────────────────────────────────

-- A unit's History is its own rows and its readings' rows, across every booking
-- (services/history.ts, equipmentId). Both are few among millions: each kind has
-- its own partial index, so the page is two short index walks, never a read of the log.
CREATE INDEX audit_equipment_rows ON audit_log (entity_id, id) WHERE entity = 'equipment';
CREATE INDEX audit_reading_rows ON audit_log (entity_id, id) WHERE entity = 'reading';
