// Sets who is acting for one transaction, runs the change, seals the chain.
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sealChain } from './chain';
import { keyCommitted, signerFor } from './chainKeys';
import { noteWrite } from './witness';

export interface Actor {
  id: number | null;
  name: string;
}

export interface AuditedOptions {
  /** Backdated time for replayed history (demo data only; the contract never passes it). */
  at?: string;
  /** Why the change is made, and who asked for it: every audit row of the transaction carries it (migration 0016). */
  reason?: string;
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
      set: sqlite.prepare('INSERT OR REPLACE INTO session_actor (id, user_id, user_name, tx, at, reason) VALUES (1, ?, ?, ?, ?, ?)'),
      clear: sqlite.prepare('DELETE FROM session_actor WHERE id = 1'),
      transaction: sqlite.transaction((body: () => unknown) => body()),
    };
    connections.set(sqlite, s);
  }
  return s;
}

/**
 * Runs fn in one IMMEDIATE transaction with the actor set, then seals the audit
 * rows it wrote and signs the new head. Either the change, its audit rows, their
 * seals and the signature all commit, or none of them do. Inside a plain outer
 * transaction (the demo generator and the import batching many actions into one
 * commit) each call becomes a savepoint with its own actor, and the batch signs
 * once before it commits (signBatch in chain.ts). It does not nest in itself: an
 * inner call would end the outer call's actor.
 */
export function audited<T>(sqlite: Database.Database, actor: Actor, fn: () => T, options: AuditedOptions = {}): T {
  if (active.has(sqlite)) throw new Error('audited() does not nest: call services from outside a service');
  const s = forConnection(sqlite);
  const owned = !sqlite.inTransaction;
  let keyId: number | null = null;
  const body = () => {
    const tx = randomInt(1, 2 ** 47);
    s.set.run(actor.id, actor.name, tx, options.at ?? null, options.reason ?? null);
    // A key new to this log is recorded under this actor, before the change.
    keyId = signerFor(sqlite)?.keyId ?? null;
    const result = fn();
    sealChain(sqlite, tx, owned);
    s.clear.run();
    return result;
  };
  active.add(sqlite);
  try {
    const result = (owned ? s.transaction.immediate(body) : s.transaction(body)) as T;
    if (owned) {
      if (keyId !== null) keyCommitted(sqlite, keyId);
      noteWrite(sqlite);
    }
    return result;
  } finally {
    active.delete(sqlite);
  }
}
