-- Chain v2: signed, witnessed, erasable (db/chain.ts says how a row is hashed).
--
-- Rows sealed before this migration stay as they are and keep verifying as v1:
-- their hashes, and every digest printed from them, are untouched. A row is v2
-- when it comes after v2_from (chain_meta, below); every row sealed from now on does.
--
-- salt     16 random bytes chosen when the row is sealed. The values a person may
--          ask to have erased (old_value, new_value, label) enter the chain only
--          through vdigest = SHA-256(salt || JSON [old, new, label]), so an
--          erasure can remove the values and the salt and the chain still verifies.
-- vdigest  that digest, stored only by an erasure, so it survives what it commits
--          to; until then verify recomputes it from the salt and the values.
-- sig      Ed25519 signature of the chain head, on the last row of each of the
--          app's transactions: made with a private key that never enters this
--          file, so holding the file is not enough to add rows that verify.
-- sig_key  which of chain_keys signed it.
ALTER TABLE audit_log ADD COLUMN salt BLOB;
ALTER TABLE audit_log ADD COLUMN vdigest BLOB;
ALTER TABLE audit_log ADD COLUMN sig BLOB;
ALTER TABLE audit_log ADD COLUMN sig_key INTEGER;

-- The public keys that have signed this log. A key arrives when a JobTrail
-- process without one (a new PC, a lost key file) first writes; its arrival is an
-- audit row of its own, sealed and signed by that key in the same transaction,
-- and verify lists every key with the row it arrived at.
CREATE TABLE chain_keys (
  id         INTEGER PRIMARY KEY,
  public_key BLOB    NOT NULL UNIQUE CHECK (length(public_key) = 32),
  added_at   TEXT    NOT NULL
);

CREATE TRIGGER audit_chain_key_added AFTER INSERT ON chain_keys
BEGIN
  INSERT INTO audit_entry (entity, entity_id, booking_id, customer_id, field, old_value, new_value, category, event)
  VALUES ('chain_key', NEW.id, NULL, NULL, NULL, NULL, lower(hex(NEW.public_key)), 'data_edit', 'signing key added');
END;

-- verify finds each key's arrival row here; no other row enters this index.
CREATE INDEX audit_chain_keys ON audit_log (entity_id, id) WHERE entity = 'chain_key';

-- A key that signed rows must stay to verify them: keys are never changed or removed.
CREATE TRIGGER chain_keys_no_update BEFORE UPDATE ON chain_keys
BEGIN
  SELECT RAISE(ABORT, 'signing keys are append-only');
END;

CREATE TRIGGER chain_keys_no_delete BEFORE DELETE ON chain_keys
BEGIN
  SELECT RAISE(ABORT, 'signing keys are append-only');
END;

-- A password hash is what lets someone act as a user, and it is never written
-- to the log, so the chain cannot vouch for it: the app signs each hash it sets
-- with the same key (db/passwordSignatures.ts). Sign-in refuses a hash that is
-- not signed, so one swapped in with a SQLite tool signs nobody in.
ALTER TABLE users ADD COLUMN password_sig BLOB;
ALTER TABLE users ADD COLUMN password_key INTEGER;

-- Which database this is: names the key and the witness kept outside the file,
-- and is part of what every signature signs, so a signature cannot be carried
-- from one office's log to another's. v2_from is the last row sealed as v1 (or the
-- archive checkpoint's): rows after it, including an unsealed tail left by another
-- program, are sealed as v2.
CREATE TABLE chain_meta (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  database_id TEXT    NOT NULL,
  v2_from     INTEGER NOT NULL
);
INSERT INTO chain_meta (id, database_id, v2_from)
VALUES (1, lower(hex(randomblob(16))),
        max(ifnull((SELECT max(id) FROM audit_log WHERE hash IS NOT NULL), 0),
            ifnull((SELECT last_id FROM audit_checkpoint WHERE id = 1), 0)));

CREATE TRIGGER chain_meta_no_update BEFORE UPDATE ON chain_meta
BEGIN
  SELECT RAISE(ABORT, 'the chain''s identity cannot change');
END;

CREATE TRIGGER chain_meta_no_delete BEFORE DELETE ON chain_meta
BEGIN
  SELECT RAISE(ABORT, 'the chain''s identity cannot change');
END;

-- Append-only, as in 0002, with the v2 columns: a row is sealed once (hash,
-- origin, salt, value digest, and the signature if it ends a transaction); a row
-- sealed inside a batch (an import's savepoints) may get its signature once, when
-- the batch commits, and nothing else. No content column ever changes.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN (OLD.hash IS NOT NULL AND (
       NEW.hash IS NOT OLD.hash OR NEW.origin IS NOT OLD.origin OR NEW.salt IS NOT OLD.salt
    OR NEW.vdigest IS NOT OLD.vdigest OR OLD.sig IS NOT NULL OR OLD.sig_key IS NOT NULL
    OR NEW.sig IS NULL OR NEW.sig_key IS NULL))
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.actor_name IS NOT OLD.actor_name OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id OR NEW.booking_id IS NOT OLD.booking_id
  OR NEW.customer_id IS NOT OLD.customer_id OR NEW.field IS NOT OLD.field
  OR NEW.old_value IS NOT OLD.old_value OR NEW.new_value IS NOT OLD.new_value
  OR NEW.old_ref IS NOT OLD.old_ref OR NEW.new_ref IS NOT OLD.new_ref
  OR NEW.category IS NOT OLD.category OR NEW.event IS NOT OLD.event
  OR NEW.label IS NOT OLD.label OR NEW.tx IS NOT OLD.tx
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
