// Property-based: random and malformed inputs thrown at every contract entry (the
// entries are read off the contract map, so new ones are covered without a
// change here). Whatever comes in — wrong types, huge strings, SQL and HTML,
// impossible dates and time zones, negative money, unknown ids, exotic values
// IPC can carry (BigInt, Map, Date) — the answer is a result, never a throw; a
// refusal is a clear { code, message } (never "internal", never a stack), and a
// refused call writes nothing.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type Result } from '../../electron/api/contract';
import { verifyChain } from '../../db/chain';
import { makeCore, verifyAsManager, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';
import { shapesOf, validSample } from '../helpers/schemaSamples';

/** Runs per entry; JOBTRAIL_FC_RUNS raises it for a longer hunt, JOBTRAIL_FC_SEED replays one. */
const RUNS = Number(process.env.JOBTRAIL_FC_RUNS ?? 150);
const SEED = Number(process.env.JOBTRAIL_FC_SEED ?? 20260115);

const REFUSALS = ['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'unknown_call'];

const sqlAndHtml = fc.constantFrom(
  "'); DROP TABLE bookings;--",
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM audit_log',
  '%',
  '_',
  '\\',
  "%' ESCAPE '",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '&lt;b&gt;',
  '{{7*7}}',
  '${7*7}',
  '\u0000',
  '\u202e\u202d',
  '\ud800',
  '💥🧾',
  ' ',
  '',
  '   \t\n',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
);
const hugeText = fc.constantFrom(201, 4001, 100_000, 1_000_001).map((n) => 'x'.repeat(n));
const badInstants = fc.constantFrom(
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-03-01T25:00:00Z',
  '2026-03-01T09:60:00Z',
  '2026-03-01T09:00:00+25:00',
  '2026-03-01T09:00:00 Europe/Paris',
  '2026-03-01T09:00:00',
  '2026-03-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1899-12-31T23:59:59Z',
  'yesterday',
  'T',
  '2026-03-01T09:00:00+01',
  '+002026-03-01T09:00:00Z',
  '2026-03-01T09:00:00.123456789Z',
);
const oddNumbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, -0, 0, -100, -1e-9, 0.5, 125.5, Number.NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, 1e308, 987_654_321),
);
/** What IPC's structured clone can carry besides JSON. */
const exotic = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  maxDepth: 2,
});
const badValue = fc.oneof(
  { weight: 4, arbitrary: sqlAndHtml },
  { weight: 1, arbitrary: hugeText },
  { weight: 1, arbitrary: badInstants },
  { weight: 2, arbitrary: oddNumbers },
  { weight: 2, arbitrary: exotic },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.string() },
);
const KEEP = Symbol('keep the valid value');

/**
 * A valid sample of one of the entry's shapes with each field either kept or
 * spoiled, some maybe left out, maybe a key too many: mostly-valid inputs reach
 * the services, where hostile text that passes validation must be stored as text.
 */
function malformedInput(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shaped = fc.constantFrom(...shapesOf(schema)).chain((shape) => {
    const keys = Object.keys(shape);
    return fc
      .record({
        values: fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant<unknown>(KEEP) }, { weight: 1, arbitrary: badValue }), {
          minLength: keys.length,
          maxLength: keys.length,
        }),
        drop: fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.subarray(keys) }),
        extra: fc.oneof(
          { weight: 5, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'id')), badValue) },
        ),
      })
      .map(({ values, drop, extra }) => {
        const input: Record<string, unknown> = { ...validSample(schema, shape) };
        keys.forEach((k, i) => {
          if (values[i] !== KEEP) input[k] = values[i];
        });
        drop.forEach((k) => {
          delete input[k];
        });
        if (extra) Object.defineProperty(input, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
        return input;
      });
  });
  // Valid but for text: SQL, HTML and odd Unicode in the text fields, which passes
  // validation and must reach the services and the database as plain text.
  const hostileText = fc.constantFrom(...shapesOf(schema)).chain((shape) => {
    const sample = validSample(schema, shape);
    const texts = Object.keys(sample).filter((k) => typeof sample[k] === 'string');
    return fc
      .array(fc.oneof(fc.constant<string | null>(null), sqlAndHtml), { minLength: texts.length, maxLength: texts.length })
      .map((values) => ({ ...sample, ...Object.fromEntries(texts.flatMap((k, i) => (values[i] === null ? [] : [[k, values[i]]]))) }));
  });
  return fc.oneof({ weight: 1, arbitrary: badValue }, { weight: 5, arbitrary: shaped }, { weight: 3, arbitrary: hostileText });
}

let core: TestCore;
beforeAll(() => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Property Customer' });
  const b = makeBooking(core, c.id);
  core.as('staff')('quotes.create', { customerId: c.id, title: 'Quote', amountCents: 100 });
  const inv = core.as('staff')('invoices.create', { bookingId: b.id });
  core.as('staff')('invoices.send', { id: inv.id });
  core.as('staff')('payments.add', { invoiceId: inv.id, amountCents: 100, method: 'cash' });
});
afterAll(() => core.dispose());

/** Every row of every table and the schema itself, digested: "nothing written" means this does not move. */
function content(): string {
  const sqlite = core.db.sqlite;
  const hash = createHash('sha1');
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'audit_fts%' ORDER BY name").pluck().all() as string[];
  hash.update(JSON.stringify(sqlite.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').raw().all()));
  for (const t of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${t}"`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
  }
  return hash.digest('hex');
}
/** Rows changed by statements on the core's connection since it opened, counting ones later rolled back. */
const totalChanges = () => core.db.sqlite.prepare('SELECT total_changes()').pluck().get() as number;
/** The content after the last call that changed anything: what a refused call must leave. */
let snapshot = '';
beforeAll(() => {
  snapshot = content();
});
const tally = { tried: 0, refused: 0, accepted: 0 };

describe('every contract entry, thrown random and malformed inputs', () => {
  afterAll(() => {
    console.log(
      `bad input: ${tally.tried.toLocaleString('en')} malformed inputs tried on ${Object.keys(contract).length} entries ` +
        `(${tally.refused.toLocaleString('en')} refused with a clear error, ${tally.accepted.toLocaleString('en')} valid after all and served); ` +
        `fast-check seed ${SEED}`,
    );
  });

  it.each(Object.keys(contract))(
    '%s answers each with a result, a refusal writing nothing',
    (name) => {
      // Sign-in entries run without a session (signing out must not end the administrator's).
      const session = contract[name].access === 'anyone' ? null : 'administrator';
      fc.assert(
        fc.property(malformedInput(contract[name].input), (input) => {
          tally.tried++;
          const changes = totalChanges();
          let r: Result<unknown>;
          try {
            r = core.rawUnchecked(session, name, input);
          } catch (e) {
            throw new Error(`the dispatcher threw instead of answering: ${e instanceof Error ? e.stack : String(e)}`);
          }
          if (r.ok) {
            tally.accepted++;
            if (totalChanges() !== changes) snapshot = content();
            return;
          }
          tally.refused++;
          expect(REFUSALS, r.error.message).toContain(r.error.code);
          expect(typeof r.error.message).toBe('string');
          expect(r.error.message.length).toBeGreaterThan(3);
          expect(r.error.message.length).toBeLessThan(600);
          expect(r.error.message).not.toMatch(/\n\s+at |SqliteError|TypeError|undefined is not/);
          if (r.error.field !== undefined) expect(typeof r.error.field).toBe('string');
          // No row touched at all; or, if a statement ran and was rolled back, the content as it was.
          if (totalChanges() !== changes) expect(content(), 'a refused call changed the database').toBe(snapshot);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Entries that hash passwords (users.create, users.setPassword) take most of half a minute on a busy two-core machine.
    },
    120_000,
  );

  it('leaves an intact chain and a working core behind', async () => {
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
    expect((await verifyAsManager(core)).problems).toEqual([]);
    expect(core.as('staff')('customers.create', { name: 'Still Working' }).name).toBe('Still Working');
  });
});
