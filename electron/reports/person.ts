// The person a period or person report is narrowed to: by id from the window, by
// name from the command line. Deactivated users count: their History stays theirs.
import type { Db } from '../../db/open';
import { AppError } from '../services/errors';
import { cachedStatement } from '../services/statements';

export interface Person {
  id: number;
  name: string;
}

export function personById(db: Db, id: number, field: string): Person {
  const p = cachedStatement(db.sqlite, 'SELECT id, name FROM users WHERE id = ?').get(id) as Person | undefined;
  if (!p) throw new AppError('not_found', `There is no user ${id}.`, field);
  return p;
}

export function personByName(db: Db, name: string, field: string): Person {
  const found = cachedStatement(db.sqlite, 'SELECT id, name FROM users WHERE name = ? COLLATE NOCASE ORDER BY id').all(name.trim()) as Person[];
  if (found.length === 0) throw new AppError('not_found', `There is no user called "${name.trim()}".`, field);
  return found[0];
}
