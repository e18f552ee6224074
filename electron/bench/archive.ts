// The archive figure: the oldest half of the log (by row) moved into an archive
// file, as `archive` does it (written, verified, then the rows out in one
// transaction), on the scratch copy: rows a second, and the file's size.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { useKeys, type KeyPlace } from '../../db/chainKeys';
import { archiveHistory, COMMAND_LINE_ACTOR } from '../services/archive';
import { round, type Figure } from './figures';

export async function archiveFigures(file: string, keys: KeyPlace, workDir: string): Promise<Figure[]> {
  const out = join(workDir, 'bench-archive.jtarchive');
  rmSync(out, { force: true });
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 10000');
    useKeys(sqlite, keys);
    const half = sqlite
      .prepare(`SELECT at FROM audit_log WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM audit_log) ORDER BY id LIMIT 1`)
      .pluck()
      .get() as string;
    const t0 = performance.now();
    const r = await archiveHistory(sqlite, COMMAND_LINE_ACTOR, { before: half, file: out });
    const seconds = (performance.now() - t0) / 1000;
    const bytes = statSync(out).size;
    return [
      {
        key: 'archiveRowsPerSecond',
        label: 'Archive of the oldest half of the log: written, verified, moved out (rows a second)',
        value: round(r.rows / seconds, 0),
        unit: 'rows/s',
        detail: { rows: r.rows, seconds: round(seconds, 1), before: half },
      },
      {
        key: 'archiveFileMiB',
        label: 'Archive file of the oldest half of the log (gzip)',
        value: round(bytes / 2 ** 20, 1),
        unit: 'MiB',
        detail: { bytes, bytesPerRow: round(bytes / r.rows, 1) },
      },
    ];
  } finally {
    sqlite.close();
    rmSync(out, { force: true });
  }
}
