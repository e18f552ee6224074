-- Full-text search over the History. Contentless (the text lives once, in
-- audit_log) and fed by a trigger, so every row is searchable the moment it is
-- written. Money fields are indexed as "125.00" too, because that is how people
-- type an old price.
CREATE VIRTUAL TABLE audit_fts USING fts5 (
  actor_name, event, field, old_value, new_value, label,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER audit_fts_insert AFTER INSERT ON audit_log
BEGIN
  INSERT INTO audit_fts (rowid, actor_name, event, field, old_value, new_value, label)
  VALUES (NEW.id, NEW.actor_name, NEW.event, NEW.field,
          CASE WHEN NEW.field IN ('price', 'amount') AND NEW.old_value IS NOT NULL
               THEN NEW.old_value || ' ' || printf('%.2f', NEW.old_value / 100.0) ELSE NEW.old_value END,
          CASE WHEN NEW.field IN ('price', 'amount') AND NEW.new_value IS NOT NULL
               THEN NEW.new_value || ' ' || printf('%.2f', NEW.new_value / 100.0) ELSE NEW.new_value END,
          NEW.label);
END;
