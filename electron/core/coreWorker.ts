// The core worker: the one thread that holds the database connection and runs the
// contract (dispatcher, services, the start-up check and the day's backup). The
// Electron main process and the web server only pass it calls (host.ts), so a long
// statement or a locked database never stops them answering the window.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { startCore, type Core } from '../app';
import { nameLockHolder } from '../../db/openLock';
import { seedDemo } from '../cli/seed';
import { runStartupTasks, type StartupTasks } from '../startup';
import { stopJobs } from '../jobs/registry';
import { vaultOverPort } from './vaultBridge';
import type { CoreStart, FromCore, ToCore } from './protocol';

const start = workerData as CoreStart;
const port = parentPort!;
const post = (m: FromCore) => port.postMessage(m);
const say = (level: 'info' | 'warn' | 'error') => (line: string) => post({ t: 'log', level, line });
const logged = (e: unknown) => say('error')(e instanceof Error ? (e.stack ?? e.message) : String(e));

function open(): { core: Core; tasks: StartupTasks | null } {
  nameLockHolder(start.lockHolder);
  if (start.seedDemo && !existsSync(start.file)) seedDemo(start.file, { onProgress: (msg) => say('info')(`demo: ${msg}`) });
  const vault =
    start.vaultPort && start.vaultControl && start.vaultSuffix !== undefined
      ? vaultOverPort(start.vaultPort, start.vaultControl, start.vaultSuffix)
      : undefined;
  const core = startCore(start.file, logged, {
    keys: start.keyDir === undefined ? undefined : { dir: start.keyDir, vault },
    busyTimeoutMs: start.busyTimeoutMs,
  });
  const tasks = start.startupTasks ? runStartupTasks(core.db, { info: say('info'), warn: say('warn') }) : null;
  return { core, tasks };
}

function serve({ core, tasks }: ReturnType<typeof open>): void {
  post({ t: 'ready' });
  let closing = false;
  port.on('message', (m: ToCore) => {
    if (m.t === 'call') {
      post({ t: 'result', id: m.id, result: core.dispatcher.call(m.name, m.input, m.session) });
    } else if (m.t === 'close' && !closing) {
      closing = true;
      // A running backup, check or job ends (or stops, leaving no half-written file) before the database closes under it.
      void Promise.all([tasks?.stop(), stopJobs(core.db)])
        .then(() => core.close())
        .finally(() => {
          post({ t: 'closed' });
          port.close();
        });
    }
  });
}

try {
  serve(open());
} catch (e) {
  // The file's problems (in use, not JobTrail's, read-only, damaged) are said in words the person can act on.
  post({ t: 'failed', message: e instanceof Error ? e.message : String(e) });
  port.close();
}
