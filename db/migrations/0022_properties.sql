-- Properties (sites) and their units; bookings at a property; who approved a quote.
--
-- A landlord has several properties, a property several units (flats, suites), and
-- a booking happens at a property and, when it says so, at one of its units. A
-- property belongs to its current owner or tenant (customer_id); when it changes
-- hands it keeps its id, so its History runs on across customers. Units are rows
-- of their own so that a booking can name its unit and a unit's History is that of
-- its bookings.
--
-- Every change is audited like the rest: a created row carrying every tracked
-- field (field '*', 0014), one row per changed field, soft delete and restore, and
-- a "removed" row for a hard delete. A property's and a unit's rows carry the
-- property's customer, so that they appear in that customer's History; a change
-- of the property's customer is itself a row ("customer changed", old and new
-- names, the ids behind them).
--
-- Bookings made before this migration are placed at a property when the database
-- is opened (db/propertiesAtUpgrade.ts), not here: the properties and the booking
-- rows it writes must carry an actor and be sealed by the app, which a migration's
-- SQL cannot do.

CREATE TABLE properties (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  name         TEXT    NOT NULL,        -- how the office calls it: "Harbour View Apartments", "Home"
  address      TEXT    NOT NULL,
  access_notes TEXT,                    -- keys, gate codes, who lets the fieldworker in
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  deleted_at   TEXT
);
CREATE INDEX properties_customer ON properties (customer_id, name COLLATE NOCASE);

CREATE TABLE property_units (
  id          INTEGER PRIMARY KEY,
  property_id INTEGER NOT NULL REFERENCES properties (id),
  name        TEXT    NOT NULL,         -- "Flat 4B", "Suite 210"
  notes       TEXT,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  deleted_at  TEXT
);
CREATE INDEX property_units_property ON property_units (property_id, name COLLATE NOCASE);

ALTER TABLE bookings ADD COLUMN property_id INTEGER REFERENCES properties (id);
ALTER TABLE bookings ADD COLUMN unit_id INTEGER REFERENCES property_units (id);
CREATE INDEX bookings_property ON bookings (property_id, scheduled_start) WHERE property_id IS NOT NULL;
CREATE INDEX bookings_unit ON bookings (unit_id, scheduled_start) WHERE unit_id IS NOT NULL;

-- Approval of further work: how the customer accepted or declined a quote (by
-- phone, by email, in person), who at the customer's did (a name, when not the
-- customer themselves), and when they did. Who in the office took it is the
-- actor of the row that records it. A quote may be for one property.
ALTER TABLE quotes ADD COLUMN property_id INTEGER REFERENCES properties (id);
ALTER TABLE quotes ADD COLUMN decision_channel TEXT CHECK (decision_channel IN ('phone', 'email', 'in_person'));
ALTER TABLE quotes ADD COLUMN decided_by TEXT;
ALTER TABLE quotes ADD COLUMN decided_at TEXT;
CREATE INDEX quotes_property ON quotes (property_id) WHERE property_id IS NOT NULL;

-- A property's History is its own rows, its units' rows, its quotes' rows and its
-- bookings' rows (electron/services/history.ts): each found by its own short walk
-- of one of these partial indexes (the bookings' by audit_booking).
CREATE INDEX audit_property_rows ON audit_log (entity_id, id) WHERE entity = 'property';
CREATE INDEX audit_unit_rows ON audit_log (entity_id, id) WHERE entity = 'unit';
CREATE INDEX audit_quote_rows ON audit_log (entity_id, id) WHERE entity = 'quote';

-- Properties ----------------------------------------------------------------

CREATE TRIGGER audit_property_created AFTER INSERT ON properties
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('property', NEW.id, NULL, NEW.customer_id, '*', NULL, json_object(
            'name', NEW.name, 'address', NEW.address, 'access_notes', NEW.access_notes,
            'customer', (SELECT name FROM customers WHERE id = NEW.customer_id), 'customer_ref', NEW.customer_id),
          'user_action', 'created');
END;

CREATE TRIGGER audit_property_name AFTER UPDATE OF name ON properties
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('property', NEW.id, NULL, NEW.customer_id, 'name', OLD.name, NEW.name, 'data_edit', 'name changed');
END;

CREATE TRIGGER audit_property_address AFTER UPDATE OF address ON properties
WHEN OLD.address IS NOT NEW.address
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('property', NEW.id, NULL, NEW.customer_id, 'address', OLD.address, NEW.address, 'data_edit', 'address changed');
END;

CREATE TRIGGER audit_property_access_notes AFTER UPDATE OF access_notes ON properties
WHEN OLD.access_notes IS NOT NEW.access_notes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('property', NEW.id, NULL, NEW.customer_id, 'access_notes', OLD.access_notes, NEW.access_notes,
          'data_edit', 'access notes changed');
END;

-- A change of owner or tenant. The row belongs to the new customer; the old one
-- is named in it (old value and old_ref), and the property's earlier rows stay
-- with the customer they were written under.
CREATE TRIGGER audit_property_customer AFTER UPDATE OF customer_id ON properties
WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('property', NEW.id, NULL, NEW.customer_id, 'customer',
          (SELECT name FROM customers WHERE id = OLD.customer_id),
          (SELECT name FROM customers WHERE id = NEW.customer_id),
          OLD.customer_id, NEW.customer_id, 'user_action', 'customer changed');
END;

CREATE TRIGGER audit_property_deleted AFTER UPDATE OF deleted_at ON properties
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('property', NEW.id, NULL, NEW.customer_id, NULL, NULL, NULL, 'user_action',
          CASE WHEN NEW.deleted_at IS NULL THEN 'restored' ELSE 'deleted' END);
END;

-- Before the delete, as 0019's bookings and customers: the row's label is read from the customer.
CREATE TRIGGER audit_property_removed BEFORE DELETE ON properties
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('property', OLD.id, NULL, OLD.customer_id, '*', json_object(
            'name', OLD.name, 'address', OLD.address, 'access_notes', OLD.access_notes), NULL, 'user_action', 'removed');
END;

-- Units ---------------------------------------------------------------------

CREATE TRIGGER audit_unit_created AFTER INSERT ON property_units
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('unit', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), '*', NULL, json_object(
            'name', NEW.name, 'notes', NEW.notes,
            'property', (SELECT name FROM properties WHERE id = NEW.property_id), 'property_ref', NEW.property_id),
          'user_action', 'created');
END;

CREATE TRIGGER audit_unit_name AFTER UPDATE OF name ON property_units
WHEN OLD.name IS NOT NEW.name
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('unit', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id),
          'name', OLD.name, NEW.name, 'data_edit', 'name changed');
END;

CREATE TRIGGER audit_unit_notes AFTER UPDATE OF notes ON property_units
WHEN OLD.notes IS NOT NEW.notes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('unit', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id),
          'notes', OLD.notes, NEW.notes, 'data_edit', 'notes changed');
END;

-- A unit stays with its property (the app never moves one); a move from outside is still recorded.
CREATE TRIGGER audit_unit_property AFTER UPDATE OF property_id ON property_units
WHEN OLD.property_id IS NOT NEW.property_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('unit', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), 'property',
          (SELECT name FROM properties WHERE id = OLD.property_id),
          (SELECT name FROM properties WHERE id = NEW.property_id),
          OLD.property_id, NEW.property_id, 'data_edit', 'property changed');
END;

CREATE TRIGGER audit_unit_deleted AFTER UPDATE OF deleted_at ON property_units
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('unit', NEW.id, NULL, (SELECT customer_id FROM properties WHERE id = NEW.property_id), NULL, NULL, NULL,
          'user_action', CASE WHEN NEW.deleted_at IS NULL THEN 'restored' ELSE 'deleted' END);
END;

CREATE TRIGGER audit_unit_removed BEFORE DELETE ON property_units
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('unit', OLD.id, NULL, (SELECT customer_id FROM properties WHERE id = OLD.property_id), '*',
          json_object('name', OLD.name, 'notes', OLD.notes), NULL, 'user_action', 'removed');
END;

-- Bookings at a property ----------------------------------------------------

-- As 0014 wrote it, with where the booking is: its property and unit, by name and id.
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
            'quote_ref', NEW.quote_id,
            'property', (SELECT name FROM properties WHERE id = NEW.property_id),
            'property_ref', NEW.property_id,
            'unit', (SELECT name FROM property_units WHERE id = NEW.unit_id),
            'unit_ref', NEW.unit_id),
          'user_action', 'created');
END;

CREATE TRIGGER audit_booking_property AFTER UPDATE OF property_id ON bookings
WHEN OLD.property_id IS NOT NEW.property_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'property',
          (SELECT name FROM properties WHERE id = OLD.property_id),
          (SELECT name FROM properties WHERE id = NEW.property_id),
          OLD.property_id, NEW.property_id, 'data_edit', 'property changed');
END;

CREATE TRIGGER audit_booking_unit AFTER UPDATE OF unit_id ON bookings
WHEN OLD.unit_id IS NOT NEW.unit_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('booking', NEW.id, NEW.id, NEW.customer_id, 'unit',
          (SELECT name FROM property_units WHERE id = OLD.unit_id),
          (SELECT name FROM property_units WHERE id = NEW.unit_id),
          OLD.unit_id, NEW.unit_id, 'data_edit', 'unit changed');
END;

-- Quotes: what they are for and how they were decided -------------------------

DROP TRIGGER audit_quote_created;
CREATE TRIGGER audit_quote_created AFTER INSERT ON quotes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, '*', NULL, json_object(
            'number', NEW.number, 'title', NEW.title, 'amount', CAST(NEW.amount_cents AS TEXT), 'status', NEW.status,
            'property', (SELECT name FROM properties WHERE id = NEW.property_id), 'property_ref', NEW.property_id,
            'channel', NEW.decision_channel, 'decided_by', NEW.decided_by, 'decided_at', NEW.decided_at),
          'user_action', 'quote created');
END;

CREATE TRIGGER audit_quote_property AFTER UPDATE OF property_id ON quotes
WHEN OLD.property_id IS NOT NEW.property_id
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value,
                           old_ref, new_ref, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, 'property',
          (SELECT name FROM properties WHERE id = OLD.property_id),
          (SELECT name FROM properties WHERE id = NEW.property_id),
          OLD.property_id, NEW.property_id, 'data_edit', 'property changed');
END;

-- "Who approved that work?": the customer's channel, their name and when, each a
-- row of the action that accepted or declined the quote (its status row, 0005,
-- says which), whose actor is the office user who took the answer.
CREATE TRIGGER audit_quote_channel AFTER UPDATE OF decision_channel ON quotes
WHEN OLD.decision_channel IS NOT NEW.decision_channel
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, 'channel', OLD.decision_channel, NEW.decision_channel,
          'user_action', 'quote decision recorded');
END;

CREATE TRIGGER audit_quote_decided_by AFTER UPDATE OF decided_by ON quotes
WHEN OLD.decided_by IS NOT NEW.decided_by
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, 'decided_by', OLD.decided_by, NEW.decided_by,
          'user_action', 'quote decision recorded');
END;

CREATE TRIGGER audit_quote_decided_at AFTER UPDATE OF decided_at ON quotes
WHEN OLD.decided_at IS NOT NEW.decided_at
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', NEW.id, NULL, NEW.customer_id, 'decided_at', OLD.decided_at, NEW.decided_at,
          'user_action', 'quote decision recorded');
END;

-- As 0019, carrying what the quote was for and how it was decided.
DROP TRIGGER audit_quote_removed;
CREATE TRIGGER audit_quote_removed AFTER DELETE ON quotes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('quote', OLD.id, NULL, OLD.customer_id, '*', json_object(
            'number', OLD.number, 'title', OLD.title, 'amount', CAST(OLD.amount_cents AS TEXT), 'status', OLD.status,
            'property_ref', OLD.property_id, 'channel', OLD.decision_channel, 'decided_by', OLD.decided_by,
            'decided_at', OLD.decided_at), NULL,
          'user_action', 'removed');
END;
