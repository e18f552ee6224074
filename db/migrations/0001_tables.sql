-- The business tables. Money is stored as whole cents, instants as ISO-8601 UTC
-- text (sortable, and readable in any SQLite tool). Bookings and customers are
-- never deleted by the app: deleted_at marks a soft delete that can be restored.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  role          TEXT    NOT NULL CHECK (role IN ('administrator', 'manager', 'staff', 'fieldworker')),
  password_hash TEXT    NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT    NOT NULL
);

CREATE TABLE customers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT,
  phone      TEXT,
  address    TEXT,
  notes      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX customers_name ON customers (name COLLATE NOCASE);

CREATE TABLE quotes (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  number       TEXT    NOT NULL UNIQUE,
  title        TEXT    NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  status       TEXT    NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined')),
  created_at   TEXT    NOT NULL
);
CREATE INDEX quotes_customer ON quotes (customer_id);

CREATE TABLE bookings (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES customers (id),
  service         TEXT    NOT NULL,
  address         TEXT    NOT NULL,
  scheduled_start TEXT    NOT NULL,
  scheduled_end   TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('quote', 'pending', 'scheduled', 'accepted', 'in_progress',
                                                     'completed', 'cancelled', 'no_show')),
  fieldworker_id  INTEGER REFERENCES users (id),
  price_cents     INTEGER NOT NULL CHECK (price_cents >= 0),
  quote_id        INTEGER REFERENCES quotes (id),
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  deleted_at      TEXT,
  CHECK (scheduled_end >= scheduled_start)
);
CREATE INDEX bookings_customer ON bookings (customer_id, scheduled_start);
CREATE INDEX bookings_start ON bookings (scheduled_start);
CREATE INDEX bookings_fieldworker ON bookings (fieldworker_id, scheduled_start);

CREATE TABLE custom_field_definitions (
  id            INTEGER PRIMARY KEY,
  entity        TEXT    NOT NULL CHECK (entity IN ('booking', 'customer')),
  label         TEXT    NOT NULL,
  type          TEXT    NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
  track_changes INTEGER NOT NULL DEFAULT 1 CHECK (track_changes IN (0, 1)),
  created_at    TEXT    NOT NULL,
  UNIQUE (entity, label)
);

-- entity_id is a booking or a customer id, as the definition's entity says.
CREATE TABLE custom_field_values (
  definition_id INTEGER NOT NULL REFERENCES custom_field_definitions (id),
  entity_id     INTEGER NOT NULL,
  value         TEXT,
  PRIMARY KEY (definition_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX custom_field_values_entity ON custom_field_values (entity_id);

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  booking_id  INTEGER REFERENCES bookings (id),
  author_id   INTEGER REFERENCES users (id),
  body        TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
CREATE INDEX notes_booking ON notes (booking_id);
CREATE INDEX notes_customer ON notes (customer_id);

CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  booking_id   INTEGER NOT NULL REFERENCES bookings (id),
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  number       TEXT    NOT NULL UNIQUE,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  status       TEXT    NOT NULL CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  sent_at      TEXT,
  created_at   TEXT    NOT NULL
);
CREATE INDEX invoices_booking ON invoices (booking_id);
CREATE INDEX invoices_customer ON invoices (customer_id);

CREATE TABLE payments (
  id           INTEGER PRIMARY KEY,
  invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
  booking_id   INTEGER NOT NULL REFERENCES bookings (id),
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  method       TEXT    NOT NULL CHECK (method IN ('cash', 'card', 'check', 'bank_transfer')),
  status       TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'refunded')),
  created_at   TEXT    NOT NULL
);
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_booking ON payments (booking_id);

CREATE TABLE inquiries (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  channel     TEXT    NOT NULL CHECK (channel IN ('phone', 'email', 'web')),
  subject     TEXT    NOT NULL,
  body        TEXT,
  created_at  TEXT    NOT NULL
);
CREATE INDEX inquiries_customer ON inquiries (customer_id);
