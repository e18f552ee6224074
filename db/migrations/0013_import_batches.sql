-- The batches each CSV import committed, so that an import stopped halfway (Ctrl+C,
-- a kill, a power cut, a full disk) can be run again with the same file and write
-- only the rows still missing, instead of every booking a second time.
--
-- A file is known by the SHA-256 of its bytes: the same bytes under another name are
-- the same file, and a file edited since is a new one. One row per batch, inserted in
-- the batch's own transaction, so the table holds exactly the batches that committed:
-- a batch rolled back by a crash leaves no row, and its lines are imported next time.
-- Every data row of the file on a line from first_line to last_line is in the
-- database (written by this batch, or by an earlier one it stepped over).
--
-- Not audited, on purpose: it is bookkeeping of the import, not business data. Each
-- booking a batch wrote already has its "created" audit rows, with the importing
-- user as the actor, chained; an audit row per batch would add History that no
-- dispute turns on, and cost every batch more than its one small insert. Someone who
-- edits this table with a SQLite tool can at most make a re-run import rows again
-- (each one then shows in the History as created by the import) or skip lines (the
-- import says how many it skipped, and from which earlier import).
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  -- The file's name when imported: for messages only ("imported before as ...").
  file_name TEXT NOT NULL,
  first_line INTEGER NOT NULL,
  last_line INTEGER NOT NULL CHECK (last_line >= first_line),
  rows INTEGER NOT NULL CHECK (rows >= 1),
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

-- A re-run finds the batches of its file in one look-up.
CREATE INDEX import_batches_file ON import_batches (file_sha256, first_line);
