// Sets who is acting for one transaction, runs the change, seals the chain.
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sealChain } from './chain';

export interface Actor {
  id: number | null;
  name: string;
}

export interface AuditedOptions {
  /** Backdated time for replayed history (demo data only; the contract never passes it). */
  at?: string;
}

const active = new WeakSet<Database.Database>();
interface PerConnection {
  set: Database.Statement;
  clear: Database.Statement;
  /** Runs its argument in a transaction, or a savepoint inside one: made once, as transaction() builds five functions a call. */
  transaction: Database.Transaction<(body: () => unknown) => unknown>;
}
const connections = new WeakMap<Database.Database, PerConnection>();

function forConnection(sqlite: Database.Database): PerConnection {
  let s = connections.get(sqlite);
  if (!s) {
    s = {
      set: sqlite.prepare('INSERT OR REPLACE INTO session_actor (id, user_id, user_name, tx, at) VALUES (1, ?, ?, ?, ?)'),
      clear: sqlite.prepare('DELETE FROM session_actor WHERE id = 1'),
      transaction: sqlite.transaction((body: () => unknown) => body()),
    };
    connections.set(sqlite, s);
  }
  return s;
}

/**
 * Runs fn in one IMMEDIATE transaction with the actor set, then seals the audit
 * rows it wrote. Either the change, its audit rows and their seals all commit, or
 * none of them do. Inside a plain outer transaction (the demo generator batching
 * many actions into one commit) each call becomes a savepoint with its own actor.
 * It does not nest in itself: an inner call would end the outer call's actor.
 */
export function audited<T>(sqlite: Database.Database, actor: Actor, fn: () => T, options: AuditedOptions = {}): T {
  if (active.has(sqlite)) throw new Error('audited() does not nest: call services from outside a service');
  const s = forConnection(sqlite);
  const body = () => {
    const tx = randomInt(1, 2 ** 47);
    s.set.run(actor.id, actor.name, tx, options.at ?? null);
    const result = fn();
    sealChain(sqlite, tx);
    s.clear.run();
    return result;
  };
  active.add(sqlite);
  try {
    return (sqlite.inTransaction ? s.transaction(body) : s.transaction.immediate(body)) as T;
  } finally {
    active.delete(sqlite);
  }
}
