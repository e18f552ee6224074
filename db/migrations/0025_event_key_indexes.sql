-- A property's History counts its changes as people count them (one reschedule is
-- one, though it wrote its start and its end): its rows grouped by transaction,
-- record kind and record. Those three were on the row only, so counting a busy
-- building's History read each of its rows from the log, at random places in ten
-- years of it: at ten million rows, a third of the first page's time for the
-- busier buildings (3 ms of 9 at the 95th percentile; electron/services/history.ts,
-- propertyRows). The indexes that find a property's rows now hold what the count
-- groups by, and the count reads no row (0.5 ms).
--
-- The bookings' rows are most of a property's: audit_booking keeps its order
-- (booking, then id) for every reader of one booking, and carries the three after
-- it. The partial indexes know their kind from their WHERE; they add the transaction.

DROP INDEX audit_booking;
CREATE INDEX audit_booking  ON audit_log (booking_id, id, tx, entity, entity_id) WHERE booking_id IS NOT NULL;

DROP INDEX audit_property_rows;
CREATE INDEX audit_property_rows ON audit_log (entity_id, id, tx) WHERE entity = 'property';
DROP INDEX audit_unit_rows;
CREATE INDEX audit_unit_rows ON audit_log (entity_id, id, tx) WHERE entity = 'unit';
DROP INDEX audit_quote_rows;
CREATE INDEX audit_quote_rows ON audit_log (entity_id, id, tx) WHERE entity = 'quote';
DROP INDEX audit_equipment_rows;
CREATE INDEX audit_equipment_rows ON audit_log (entity_id, id, tx) WHERE entity = 'equipment';
