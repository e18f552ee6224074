// "As it was" on a big log: a record rebuilt right after a random History row (what
// the History grid's "As it was" asks), and as of that row's moment (the date
// picker). Rows are drawn with a fixed seed among those about a booking, customer,
// invoice or payment, so two runs on one database ask the same questions.
import type Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../db/open';
import { asItWas, AS_IT_WAS_ENTITIES, type AsItWasEntity } from '../services/asItWas';
import { latency, sampler } from './reads';
import { percentile, round, timed, type Figure } from './figures';

export interface AsItWasFigures {
  p95Ms: number;
  p50Ms: number;
  maxMs: number;
  /** The same for "as of a moment". */
  atP95Ms: number;
  samples: number;
  /** The figures as the bench table shows them; the first has the target (p95 ≤ 20 ms at ten million rows). */
  figures: Figure[];
  /** How SQLite reads each entity's rows: each must name audit_booking or audit_customer, never a scan of the log. */
  plans: Record<AsItWasEntity, string>;
}

interface Sample {
  id: number;
  at: string;
  entity: AsItWasEntity;
  entityId: number;
}

const IN = AS_IT_WAS_ENTITIES.map((e) => `'${e}'`).join(', ');

/** A row at or after a random id that is about one of the records "as it was" rebuilds: uniform over the log, by the primary key. */
function samplesOf(sqlite: Database.Database, n: number, seed: number): Sample[] {
  const rng = sampler(seed);
  const last = (sqlite.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0;
  const next = sqlite.prepare(`SELECT id, at, entity, entity_id AS entityId FROM audit_log
    WHERE id >= ? AND entity IN (${IN}) ORDER BY id LIMIT 1`);
  const out: Sample[] = [];
  for (let guard = 0; out.length < n && guard < n * 10 && last > 0; guard++) {
    const s = next.get(1 + Math.floor(rng.next() * last)) as Sample | undefined;
    if (s) out.push(s);
  }
  return out;
}

/** The plan of the statement that reads one entity's rows (electron/services/asItWas.ts), shown in one line. */
function planOf(sqlite: Database.Database, entity: AsItWasEntity): string {
  const scope = entity === 'customer' ? 'customer_id' : 'booking_id';
  const rows = sqlite
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM audit_log
    WHERE ${scope} = 1 AND entity = '${entity}' AND entity_id = 1 AND id <= 1000 ORDER BY id`,
    )
    .all() as { detail: string }[];
  return rows.map((r) => r.detail).join('; ');
}

export function asItWasFigures(file: string, opts: { samples?: number; seed?: number } = {}): AsItWasFigures {
  const db = openDatabase(file, { readonly: true });
  try {
    const picked = samplesOf(db.sqlite, opts.samples ?? 300, opts.seed ?? 14);
    // Warm the statements and the pages a running app would have warm.
    for (const s of picked.slice(0, 20)) asItWas(db, { entity: s.entity, id: s.entityId, afterAuditId: s.id });
    const after = picked.map((s) => timed(() => asItWas(db, { entity: s.entity, id: s.entityId, afterAuditId: s.id })));
    const at = picked.map((s) => timed(() => asItWas(db, { entity: s.entity, id: s.entityId, at: s.at })));
    const plans = Object.fromEntries(AS_IT_WAS_ENTITIES.map((e) => [e, planOf(db.sqlite, e)])) as Record<AsItWasEntity, string>;
    const perEntity = Object.fromEntries(
      AS_IT_WAS_ENTITIES.map((e) => {
        const mine = after.filter((_, i) => picked[i].entity === e);
        return [e, { samples: mine.length, p95: mine.length ? round(percentile(mine, 95), 3) : null }];
      }),
    );
    return {
      p95Ms: round(percentile(after, 95), 3),
      p50Ms: round(percentile(after, 50), 3),
      maxMs: round(Math.max(...after), 3),
      atP95Ms: round(percentile(at, 95), 3),
      samples: picked.length,
      plans,
      figures: [
        latency('asItWasP95', 'A record as it was right after a History row, p95', after, 20, 95, { perEntity, plans }),
        latency('asItWasAtP95', 'A record as it was at a moment, p95', at, 20, 95),
      ],
    };
  } finally {
    closeDatabase(db);
  }
}
