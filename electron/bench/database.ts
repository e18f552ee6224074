// The benchmark's database: the demo office generated through the real services
// (every row audited and chained, as people would have written it) at the size
// asked for, kept in .bench-cache/ and reused while the size, the seed and the
// schema stay the same. It is generated in a child process, so that the plan of
// ten years held in memory does not count against the measured process.
import { createHash } from 'node:crypto';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsDir } from '../../db/open';

/** The demo history runs up to this instant, so a seed gives the same office on any day. */
export const BENCH_NOW = '2026-01-15T00:00:00.000Z';

export interface BenchDatabase {
  file: string;
  /** Seconds it took to generate, when this run generated it; null when reused. */
  builtSeconds: number | null;
  reused: boolean;
}

/** Changes whenever a migration does: a database of an older schema is not reused. */
export function schemaTag(): string {
  const dir = migrationsDir();
  const h = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort())
    h.update(name).update(readFileSync(join(dir, name)));
  return h.digest('hex').slice(0, 8);
}

export function benchDatabaseFile(cacheDir: string, auditRows: number, seed: number): string {
  return join(cacheDir, `jobtrail-${auditRows}-seed${seed}-${schemaTag()}.db`);
}

export async function benchDatabase(cacheDir: string, auditRows: number, seed: number): Promise<BenchDatabase> {
  mkdirSync(cacheDir, { recursive: true });
  const file = benchDatabaseFile(cacheDir, auditRows, seed);
  const meta = `${file}.json`;
  // The seed writes beside the file and renames it into place when complete: a file here is a whole one.
  if (existsSync(file) && existsSync(meta)) return { file, builtSeconds: null, reused: true };
  const started = performance.now();
  await seedInChild(['--db', file, '--audit-rows', String(auditRows), '--seed', String(seed), '--now', BENCH_NOW]);
  const builtSeconds = (performance.now() - started) / 1000;
  writeFileSync(meta, JSON.stringify({ auditRows, seed, builtSeconds, bytes: statSync(file).size }, null, 2));
  return { file, builtSeconds, reused: false };
}

function seedInChild(args: string[]): Promise<void> {
  const cli = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    // The child runs the same TypeScript sources through tsx, whoever started this process (the CLI, a test).
    const child = fork(cli, ['seed', ...args], { stdio: 'inherit', execArgv: ['--import', 'tsx'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generating the benchmark database failed (seed exited ${code})`))));
  });
}
