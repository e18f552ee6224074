-- Unsealed rows are always the log's tail: the app seals every row up to its own
-- before it commits, and verify reports an unsealed row before a sealed one as a
-- row inserted into the log. The sealer reads the rows after the last sealed one
-- (db/chain.ts), so this index of unsealed rows went unused; keeping it cost every
-- audited change one more page written (an entry added, then removed by the seal).
DROP INDEX audit_unsealed;
