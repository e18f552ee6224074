// The benchmark's own plumbing, at a toy size: it generates its database through
// the services (and reuses it), measures every figure the issue lists, and writes
// them with their units and targets. No figure's value is judged here: timing
// belongs to `npm run bench`, not to the test suite.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { benchDatabase } from '../../electron/bench/database';
import { runBench } from '../../electron/bench/run';
import { table, type BenchResult } from '../../electron/bench/figures';
import { verifyChain } from '../../db/chain';
import { tempDir } from '../helpers/core';

describe('npm run bench', () => {
  it('measures every figure on a generated, audited database and writes them as JSON', async () => {
    const dir = tempDir('jobtrail-bench-');
    const out = join(dir, 'results.json');
    const lines: string[] = [];
    const result = await runBench({
      auditRows: 10_000,
      seed: 3,
      importRows: 200,
      edits: 20,
      cacheDir: join(dir, 'cache'),
      out,
      ui: false,
      command: 'bench (test)',
      say: (l) => lines.push(l),
    });

    const written = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
    expect(written).toEqual(result);
    expect(written.machine.cpu).not.toBe('');
    expect(written.scale.auditRows).toBeGreaterThan(9_000);
    expect(written.scale.auditRows).toBeLessThan(11_000);
    const keys = written.figures.map((f) => f.key);
    expect(keys).toEqual([
      'historyBookingP50',
      'historyBookingP95',
      'historyCustomerP95',
      'searchP95',
      'auditLogFilteredP95',
      'visitReportMonthP95',
      'equipmentHistoryP95',
      'propertyHistoryP95',
      'exportRowsPerSecond',
      'verifyRowsPerSecond',
      'asItWasP95',
      'asItWasAtP95',
      'startupCheckSeconds',
      'startupCheckLongestPauseMs',
      'bytesPerAuditRow',
      'backupSeconds',
      'backupSizePercent',
      'backupFootprint',
      'historyDuringVerifyP95',
      'historyDuringExportP95',
      'busyAnswerMs',
      'mainLoopLongestBlockMs',
      'auditedEditRatio',
      'auditedEditsPerSecond',
      'importSeconds',
      'bookingReportHtml',
      'periodReportPdf',
      'archiveRowsPerSecond',
      'archiveFileMiB',
      'erasureSeconds',
      'erasureIndexMergeSeconds',
      'peakMemoryMiB',
    ]);
    for (const f of written.figures) {
      expect(Number.isFinite(f.value), f.key).toBe(true);
      expect(f.value, f.key).toBeGreaterThan(0);
      expect(f.unit, f.key).not.toBe('');
    }
    const byKey = Object.fromEntries(written.figures.map((f) => [f.key, f]));
    // The counts behind the rates are the database's own.
    expect(byKey.verifyRowsPerSecond.detail?.rows).toBe(written.scale.auditRows);
    expect(byKey.exportRowsPerSecond.detail?.rows).toBe(written.scale.auditRows);
    expect(byKey.importSeconds.detail?.bookings).toBe(200);
    expect(byKey.importSeconds.detail?.searchIndexCatchUpSeconds).toEqual(expect.any(Number));
    // Each batch but the last is followed by one pause: the wall time less the pauses is the work.
    const imported = byKey.importSeconds.detail as { batches: number; pausedSeconds: number; secondsWithoutPauses: number };
    expect(imported.batches).toBeGreaterThanOrEqual(1);
    expect(imported.pausedSeconds).toBeCloseTo((imported.batches - 1) * 0.11, 5);
    expect(imported.secondsWithoutPauses).toBeCloseTo(byKey.importSeconds.value - imported.pausedSeconds, 1);
    expect(byKey.auditedEditRatio.detail?.ratioCountingSearchIndex).toEqual(expect.any(Number));
    expect(byKey.startupCheckLongestPauseMs.detail?.problems).toBe(0);
    expect(byKey.startupCheckSeconds.target).toEqual({ op: '<=', value: 5 });
    expect(byKey.auditedEditRatio.target).toEqual({ op: '>=', value: 0.42 });
    // The core beside the window: reads answered while each job ran, and the write under a lock refused as busy.
    expect(byKey.historyDuringVerifyP95.detail?.samples).toBeGreaterThanOrEqual(5);
    expect(byKey.historyDuringExportP95.detail?.samples).toBeGreaterThanOrEqual(5);
    expect((byKey.busyAnswerMs.detail?.answers as number[]).length).toBe(5);
    expect(byKey.mainLoopLongestBlockMs.target).toEqual({ op: '<=', value: 50 });
    expect(byKey.bytesPerAuditRow.target).toBeUndefined();
    // Handing the History over: "as it was" at its target, the booking report built from 5,000 rows, the period printed.
    expect(byKey.asItWasP95.target).toEqual({ op: '<=', value: 20 });
    expect(byKey.bookingReportHtml.detail?.rows).toBeGreaterThanOrEqual(5000);
    expect(byKey.bookingReportHtml.target).toEqual({ op: '<=', value: 1 });
    expect(byKey.periodReportPdf.target).toEqual({ op: '<=', value: 30 });
    // A fieldworker's month of visits, assembled with its times and corrections.
    expect(byKey.visitReportMonthP95.target).toEqual({ op: '<=', value: 100 });
    expect(byKey.visitReportMonthP95.detail?.visitsPerReport).toBeGreaterThan(0);
    // A unit's History across its visits: the demo's thermostats are read at each HVAC visit.
    expect(byKey.equipmentHistoryP95.target).toEqual({ op: '<=', value: 10 });
    expect(byKey.equipmentHistoryP95.detail?.rowsPerPage).toBeGreaterThan(2);
    // A property's History across its bookings and customers: the busiest building's too.
    expect(byKey.propertyHistoryP95.target).toEqual({ op: '<=', value: 10 });
    expect(byKey.propertyHistoryP95.detail?.rowsPerPage).toBeGreaterThan(2);
    expect(byKey.propertyHistoryP95.detail?.busiestP95).toEqual(expect.any(Number));
    // An erasure of the customer with the History nearest 2,000 rows, all of its rows erased.
    expect(byKey.erasureSeconds.target).toEqual({ op: '<=', value: 5 });
    expect(byKey.erasureSeconds.detail?.rowsErased).toBeGreaterThanOrEqual(byKey.erasureSeconds.detail?.historyRows as number);
    // A compressed backup against the database, and the footprint of the 11 the policy keeps at most.
    expect(byKey.backupFootprint.target).toEqual({ op: '<=', value: 6 });
    expect(byKey.backupFootprint.detail?.keptBackups).toBe(11);
    expect(byKey.backupFootprint.value).toBeCloseTo(1 + 11 * (byKey.backupSizePercent.value / 100), 1);
    expect(table(written)).toContain('Chain verification');

    // The generated database is a real, chained demo office, kept for the next run; the writes went to a scratch copy.
    const again = await benchDatabase(join(dir, 'cache'), 10_000, 3);
    expect(again.reused).toBe(true);
    const db = new Database(again.file, { readonly: true });
    try {
      expect(verifyChain(db).ok).toBe(true);
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(written.scale.auditRows);
    } finally {
      db.close();
    }
    expect(existsSync(join(dir, 'cache', 'scratch.db'))).toBe(false);

    // --reads-only: the read figures alone on the same database, reused, with nothing written beside it.
    const reads = await runBench({
      auditRows: 10_000,
      seed: 3,
      importRows: 200,
      cacheDir: join(dir, 'cache'),
      out: join(dir, 'reads.json'),
      ui: false,
      readsOnly: true,
      command: 'bench --reads-only (test)',
      say: () => {},
    });
    expect(reads.figures.map((f) => f.key)).toEqual([
      'historyBookingP50',
      'historyBookingP95',
      'historyCustomerP95',
      'searchP95',
      'auditLogFilteredP95',
      'visitReportMonthP95',
      'equipmentHistoryP95',
      'propertyHistoryP95',
      'peakMemoryMiB',
    ]);
    expect(reads.scale).toEqual(written.scale);
  }, 240_000);
});
