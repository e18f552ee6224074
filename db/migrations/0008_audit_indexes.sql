-- The Audit log narrowed to one person over a period (an auditor's first question:
-- "what did she change in March?") walked that person's whole History by id and
-- tested each row's date: at ten years of rows, seconds. An index on the person,
-- the kind of change and the time finds the period's rows and counts them without
-- reading a row; the page then sorts only their ids. (A filter without a kind asks
-- for all three kinds, so this index serves it too: see history.ts.)
CREATE INDEX audit_actor_category_at ON audit_log (actor_id, category, at);

-- A category has three values, so its index narrowed nothing that walking the log
-- newest first does not find within a few hundred rows; it cost 24 bytes a row.
DROP INDEX audit_category;

-- A booking's Timeline reads when each status was reached, and counts the actions
-- that moved it (evidence for a no-show fee). Both walked every row of the booking:
-- on a booking moved fifty thousand times (the benchmark's), longer than its
-- History's first page. Each now has a partial index of the rows it reads.
CREATE INDEX audit_booking_status ON audit_log (booking_id, id) WHERE entity = 'booking' AND field = 'status';
CREATE INDEX audit_reschedules ON audit_log (booking_id, tx) WHERE event = 'rescheduled';
