// The backup figures: a compressed backup of the whole database timed (the online
// copy, then gzip), its size against the database, and the disk the database and
// its kept backups take together. The kept set's size comes from the policy itself
// run over 60 simulated days of daily backups (backupPolicy.ts), each counted at
// the compressed size measured here: the month it describes cannot be waited for.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupDatabase, backupWitnessFile, databaseSize } from '../services/backups';
import { keptSet, type PolicyBackup } from '../services/backupPolicy';
import { round, type Figure } from './figures';

/** The most automatic backups the policy holds at once over `days` days of one backup a day. */
export function mostKept(days = 60, from = new Date(2026, 0, 1, 9)): number {
  let existing: PolicyBackup[] = [];
  let most = 0;
  for (let d = 0; d < days; d++) {
    const now = new Date(from.getFullYear(), from.getMonth(), from.getDate() + d, from.getHours());
    existing = keptSet([...existing, { kind: 'daily', at: now }], now).kept;
    most = Math.max(most, existing.length);
  }
  return most;
}

export async function backupFigures(file: string, workDir: string): Promise<Figure[]> {
  const dir = join(workDir, 'backup-bench');
  rmSync(dir, { recursive: true, force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const databaseBytes = databaseSize(source);
    const t0 = performance.now();
    let compressingFrom: number | null = null;
    const made = await backupDatabase(source, file, {
      dir,
      kind: 'daily',
      onProgress: (p) => {
        if (p.phase === 'Compressing') compressingFrom ??= performance.now();
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const copySeconds = ((compressingFrom ?? performance.now()) - t0) / 1000;
    const ratio = made.bytes / databaseBytes;
    const kept = mostKept();
    const footprint = 1 + kept * ratio;
    rmSync(made.file, { force: true });
    rmSync(backupWitnessFile(made.file), { force: true });
    return [
      {
        key: 'backupSeconds',
        label: 'Backup of the whole database: online copy, then gzip (on a worker in the app)',
        value: round(seconds, 1),
        unit: 's',
        detail: { copySeconds: round(copySeconds, 1), compressSeconds: round(seconds - copySeconds, 1), mbPerSecond: round(databaseBytes / 1e6 / seconds, 1) },
      },
      {
        key: 'backupSizePercent',
        label: 'Compressed backup size, against the database',
        value: round(100 * ratio, 1),
        unit: '%',
        detail: { backupBytes: made.bytes, databaseBytes },
      },
      {
        key: 'backupFootprint',
        label: `Database plus its kept backups (at most ${kept}: 7 days and 4 weeks), as a multiple of the database`,
        value: round(footprint, 2),
        unit: '×',
        target: { op: '<=', value: 6 },
        detail: {
          keptBackups: kept,
          backupBytes: made.bytes,
          databaseBytes,
          totalBytes: Math.round(databaseBytes * footprint),
          note: 'backups made on request are kept until deleted by hand and are not counted',
        },
      },
    ];
  } finally {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
