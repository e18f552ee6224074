// The window's command line, read without Electron: `--db FILE` (or --db=FILE) and `--demo`.
import { join } from 'node:path';

export interface ShellArgs {
  db: string | null;
  demo: boolean;
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const out: ShellArgs = { db: null, demo: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--demo') out.demo = true;
    else if (a === '--db' && i + 1 < argv.length) out.db = argv[++i];
    else if (a.startsWith('--db=')) out.db = a.slice('--db='.length);
  }
  return out;
}

/**
 * The demo gets its own file, so that trying the demo never mixes made-up bookings
 * into the office's real audit trail. The web mode (build/scripts/start.mjs) uses
 * the same demo.db in the same folder.
 */
export function databaseFile(args: ShellArgs, userData: string): string {
  return args.db ?? join(userData, args.demo ? 'demo.db' : 'jobtrail.db');
}

/** The folder under the OS's app-data folder; set explicitly so it does not follow package.json's lower-case name. */
export const USER_DATA_FOLDER = 'JobTrail';
