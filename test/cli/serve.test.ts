// `serve` starts the web mode on 127.0.0.1 with a token, and on SIGTERM or SIGINT
// closes the server and the database and exits 0.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core';
import { cliUntil } from './cli';

describe('serve', () => {
  const dir = tempDir('jobtrail-serve-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)('serves the contract with the printed token until %s', async (signal) => {
    const file = join(dir, `${signal}.db`);
    const run = cliUntil(
      ['serve', '--db', file, '--port', '0'],
      /JobTrail web mode on (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)\n\s+database\s+(.+)\n[^]*Ctrl\+C/,
    );
    try {
      const [, origin, token, database] = await run.matched;
      expect(database).toContain(file);
      const call = (auth: string) =>
        fetch(`${origin}/api/auth.status`, {
          method: 'POST',
          body: '{}',
          headers: { Authorization: auth, 'Content-Type': 'application/json', 'X-JobTrail-Client': 'cli-test' },
        });
      const ok = await call(`Bearer ${token}`);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
      expect((await call('Bearer wrong')).status).toBe(401);
    } finally {
      run.child.kill(signal);
    }
    // What the process said goes with a failure: a rare exit by signal (133 once, under a full run's load) could not be made again.
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain(`JobTrail web mode stopped (${signal})`);
    // Closed cleanly: the WAL was checkpointed away.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
