-- A value changed while its field was not tracked must never look tracked.
-- While a custom field's tracking is off, its values change without audit rows
-- (0006); when tracking is switched on again, each record that has the field
-- (a value now, or one in its History) gets:
--   "not tracked"               old = when tracking went off, new = when it came
--                               back on: the stretch its History cannot vouch for;
--   "changed while not tracked" where the value differs from the last one its
--                               History recorded: old = that value (NULL when it
--                               never recorded one), new = the value now (NULL
--                               when it was cleared).
-- So a booking's History never ends at 70.5 while the field holds 85, and the
-- records check (db/reconcile.ts) can hold every tracked value to its History.
--
-- A value's rows name their field by the label as it was (0006), so the last
-- recorded value is found under every label the field has had: the current one
-- and each one a rename row says it had. Only values with a row in
-- custom_field_values are visited: the app clears a value by storing NULL and
-- never removes the row.

-- A field's own rows (defined, tracking switched, renamed) are few; without this
-- index each look-up below would read the whole log.
CREATE INDEX audit_custom_field_rows ON audit_log (entity_id, id) WHERE entity = 'custom_field';

-- What a record's History last recorded for the field is looked up through the
-- booking's or the customer's own index (audit_booking, audit_customer): one short
-- walk per value, no read of the whole log. The stretch runs from the newest
-- "tracking switched off" row (or the field's definition, when it was defined
-- untracked) to this change, stamped as its other rows are.
CREATE TRIGGER audit_custom_field_resumed AFTER UPDATE OF track_changes ON custom_field_definitions
WHEN OLD.track_changes = 0 AND NEW.track_changes = 1
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  SELECT NEW.entity, s.eid,
         CASE NEW.entity WHEN 'booking' THEN s.eid END,
         CASE NEW.entity WHEN 'booking' THEN (SELECT customer_id FROM bookings WHERE id = s.eid) ELSE s.eid END,
         NEW.label, s.before, s.after, 'data_edit', s.event
  FROM (
    SELECT r.eid, k.event,
           CASE k.k WHEN 1 THEN COALESCE((SELECT a.at FROM audit_log a
                                          WHERE a.entity = 'custom_field' AND a.entity_id = NEW.id
                                            AND a.event = 'tracking switched off'
                                          ORDER BY a.id DESC LIMIT 1), NEW.created_at)
                    ELSE r.last END AS before,
           CASE k.k WHEN 1 THEN COALESCE((SELECT at FROM session_actor WHERE id = 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    ELSE r.cur END AS after
    FROM (
      SELECT v.entity_id AS eid, v.value AS cur,
             CASE NEW.entity
               WHEN 'booking' THEN (SELECT a.new_value FROM audit_log a
                 WHERE a.booking_id = v.entity_id AND a.entity = 'booking'
                   AND a.event IN ('custom field updated', 'changed while not tracked')
                   AND a.field IN (SELECT NEW.label UNION SELECT l.old_value FROM audit_log l
                     WHERE l.entity = 'custom_field' AND l.entity_id = NEW.id AND l.event = 'custom field renamed')
                 ORDER BY a.id DESC LIMIT 1)
               ELSE (SELECT a.new_value FROM audit_log a
                 WHERE a.customer_id = v.entity_id AND a.entity = 'customer'
                   AND a.event IN ('custom field updated', 'changed while not tracked')
                   AND a.field IN (SELECT NEW.label UNION SELECT l.old_value FROM audit_log l
                     WHERE l.entity = 'custom_field' AND l.entity_id = NEW.id AND l.event = 'custom field renamed')
                 ORDER BY a.id DESC LIMIT 1)
             END AS last
      FROM custom_field_values v WHERE v.definition_id = NEW.id) r
    -- Two rows per record at most, in this order: the stretch, then the change within it.
    JOIN (SELECT 1 AS k, 'not tracked' AS event UNION ALL SELECT 2, 'changed while not tracked') k
      ON k.k = 1 OR r.cur IS NOT r.last
    WHERE r.cur IS NOT NULL OR r.last IS NOT NULL
    ORDER BY r.eid, k.k) s;
END;

-- As 0006 wrote it, word for word: made again after the trigger above so that it
-- fires first (SQLite runs the newest trigger first), and "tracking switched on"
-- leads the rows of the action it caused.
DROP TRIGGER audit_custom_field_tracking;
CREATE TRIGGER audit_custom_field_tracking AFTER UPDATE OF track_changes ON custom_field_definitions
WHEN OLD.track_changes IS NOT NEW.track_changes
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('custom_field', NEW.id, NULL, NULL, 'track_changes',
          CASE OLD.track_changes WHEN 1 THEN 'on' ELSE 'off' END,
          CASE NEW.track_changes WHEN 1 THEN 'on' ELSE 'off' END,
          'data_edit', CASE NEW.track_changes WHEN 1 THEN 'tracking switched on' ELSE 'tracking switched off' END);
END;
