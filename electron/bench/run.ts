// One benchmark run: the database at the size asked for (generated once, then
// reused), the read figures on it, the write figures on a scratch copy, the UI
// figures in headless Chromium, and the process's peak memory; printed as a
// table and written to a JSON file.
import { copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore, type Core } from '../app';
import { removeDatabase } from '../../db/open';
import { databaseId, defaultKeyPlace, keyFile, type KeyPlace } from '../../db/chainKeys';
import { besideFiguresInChild } from './beside';
import { DEMO_PASSWORD } from '../cli/seed';
import type { SessionUser } from '../services/context';
import { benchDatabase } from './database';
import { machine, round, type BenchResult, type Figure } from './figures';
import { contractCaller, exportFigure, historyFigures, searchFigures, sizeFigure, startupCheckFigures, verifyFigure, type Call } from './reads';
import { editFigures, importFigure } from './writes';
import { asItWasBenchFigures, reportBenchFigures } from './handover';
import { archiveFigures } from './archive';
import { backupFigures } from './backups';
import { erasureFigures } from './erasure';
import { visitReportFigures } from './visits';
import { equipmentHistoryFigures } from './equipment';
import { propertyHistoryFigures } from './properties';

export interface BenchOptions {
  auditRows: number;
  seed: number;
  importRows: number;
  /** Audited edits per measured round (and as many with the triggers off). */
  edits?: number;
  cacheDir: string;
  out: string;
  ui: boolean;
  /** The read figures alone, on the big database (--reads-only). */
  readsOnly?: boolean;
  command: string;
  say: (line: string) => void;
}

/** Signs in the demo's first active user of a role through the contract. */
function signedIn(core: Core, role: SessionUser['role']): { call: Call; user: SessionUser } {
  const user = core.db.sqlite.prepare('SELECT id, name, role FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1').get(role) as SessionUser;
  const token = `bench:${role}`;
  const r = core.dispatcher.call('auth.signIn', { name: user.name, password: DEMO_PASSWORD }, token);
  if (!r.ok) throw new Error(`signing in ${user.name} failed: ${r.error.message}`);
  return { call: contractCaller(core, token), user };
}

function scaleOf(core: Core, file: string, seed: number): BenchResult['scale'] {
  const count = (table: string) => core.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { auditRows: count('audit_log'), bookings: count('bookings'), customers: count('customers'), seed, databaseBytes: statSync(file).size };
}

/**
 * The scratch copy signs with the cached database's key (no new key row in the edits)
 * but keeps its own witness: the copy's writes must not move the head the cached
 * database's start-up check is anchored at.
 */
function scratchKeys(file: string, dir: string): KeyPlace {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const reader = new Database(file, { readonly: true });
  const id = databaseId(reader);
  reader.close();
  const place = { dir };
  if (id) copyFileSync(keyFile(defaultKeyPlace(), id), keyFile(place, id));
  return place;
}

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const figures: Figure[] = [];
  // The peak so far as each step begins: where the process's peak was reached.
  const peaks: Record<string, number> = {};
  const maxRss = () => round(process.resourceUsage().maxRSS / 1024, 0);
  const step = (what: string) => {
    peaks[what] = maxRss();
    o.say(`bench: ${what}`);
  };

  step(`the database of ${o.auditRows.toLocaleString('en')} audit rows`);
  const db = await benchDatabase(o.cacheDir, o.auditRows, o.seed);
  step(db.reused ? `reusing ${db.file}` : `generated ${db.file} in ${round(db.builtSeconds!, 1)} s`);

  const core = startCore(db.file);
  let scale: BenchResult['scale'];
  try {
    scale = scaleOf(core, db.file, o.seed);
    const { call, user: manager } = signedIn(core, 'manager');
    step('History, search and Audit log latencies');
    figures.push(...historyFigures(core, call, o.seed), ...searchFigures(core, call, o.seed));
    step("the visit verification report of a fieldworker's month");
    figures.push(...visitReportFigures(core, manager, o.seed));
    step("an equipment item's History across its visits");
    figures.push(...equipmentHistoryFigures(core, call, o.seed));
    step("a property's History across its bookings and customers");
    figures.push(...propertyHistoryFigures(core, call, o.seed));
    if (!o.readsOnly) {
      step('CSV export of the whole log');
      figures.push(exportFigure(core, o.cacheDir));
    }
  } finally {
    core.close();
  }
  if (o.readsOnly) return finish(o, figures, scale, maxRss, peaks);
  step('chain verification');
  figures.push(verifyFigure(db.file));
  step('"as it was" on the big log');
  figures.push(...asItWasBenchFigures(db.file, o.seed));
  step('the start-up integrity check');
  figures.push(...(await startupCheckFigures(db.file)));
  figures.push(sizeFigure(db.file));
  step("a compressed backup of the database, and the kept set's footprint");
  figures.push(...(await backupFigures(db.file, o.cacheDir)));

  const scratch = join(o.cacheDir, 'scratch.db');
  copyFileSync(db.file, scratch);
  const keys = scratchKeys(db.file, join(o.cacheDir, 'scratch-keys'));
  step('the core beside the window: History during a verify and an export, a write under a lock');
  figures.push(...(await besideFiguresInChild({ scratch, keys, seed: o.seed, say: o.say })));

  step('audited edits and the bulk import, on a scratch copy');
  const writer = startCore(scratch, undefined, { keys });
  try {
    const staff = signedIn(writer, 'staff');
    figures.push(...editFigures(writer, staff.call, o.seed, o.edits ?? 1000));
    figures.push(await importFigure(writer, staff.user, o.importRows, o.seed));
    step('reports: a 5,000-row booking to HTML, a 20,000-row period to PDF');
    figures.push(...(await reportBenchFigures(writer, signedIn(writer, 'manager').user, o.cacheDir)));
    step('an archive of the oldest half of the log, on the scratch copy');
    figures.push(...(await archiveFigures(scratch, keys, o.cacheDir)));
    step('the erasure of a customer with about 2,000 History rows, on the scratch copy');
    figures.push(...erasureFigures(writer, signedIn(writer, 'administrator').user));
  } finally {
    writer.close();
    removeDatabase(scratch);
    rmSync(keys.dir, { recursive: true, force: true });
  }

  if (o.ui) {
    step('the UI in headless Chromium');
    const { measureUi } = await import('./ui');
    const ui = await measureUi({ workDir: join(o.cacheDir, 'ui'), onProgress: (m: string) => o.say(`bench: ${m}`) });
    for (const [key, label, f] of [
      ['uiHistoryFirstRows', 'UI: History grid of 100,000 rows, first rows visible (p50)', ui.history],
      ['uiBookingsFirstRows', 'UI: Bookings list of 100,000 bookings, first rows visible (p50)', ui.bookings],
    ] as const) {
      figures.push({
        key,
        label,
        value: round(f.p50, 1),
        unit: 'ms',
        target: { op: '<=', value: 300 },
        detail: { p95: round(f.p95, 1), samples: f.samples.map((s) => round(s, 1)) },
      });
    }
  }

  return finish(o, figures, scale, maxRss, peaks);
}

function finish(o: BenchOptions, figures: Figure[], scale: BenchResult['scale'], maxRss: () => number, peaks: Record<string, number>): BenchResult {
  // maxRSS is in kilobytes: the most this process held at any moment of the run (the generator ran in a child).
  figures.push({
    key: 'peakMemoryMiB',
    label: 'Process peak memory during the run',
    value: maxRss(),
    unit: 'MiB',
    target: { op: '<=', value: 500 },
    detail: { peakBeforeStep: peaks },
  });

  const result: BenchResult = { date: new Date().toISOString(), command: o.command, machine: machine(), scale, figures };
  mkdirSync(join(o.out, '..'), { recursive: true });
  writeFileSync(o.out, JSON.stringify(result, null, 2) + '\n');
  return result;
}
