// The JobTrail command line: `npm run cli -- <command> [options]`.
// Exit codes: 0 ok, 1 a failed check or a real error, 2 bad usage. Errors are one
// line; JOBTRAIL_DEBUG=1 adds the stack.
import { oneLine, UsageError, type Command } from './args';
import { nameLockHolder } from '../../db/openLock';

// Commands load on demand: `verify` need not pay for the services, scrypt set-up
// or the web server that `seed` and `serve` bring in.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  seed: {
    summary: 'fill a new database with demo data (audited, chained)',
    load: async () => (await import('./seed')).seedCommand,
  },
  verify: {
    summary: 'check the audit chain, triggers and records; exit 1 naming what is broken',
    load: async () => (await import('./verify')).verifyCommand,
  },
  archive: {
    summary: 'move the History before a date into a verifiable archive file (audited)',
    load: async () => (await import('./archive')).archiveCommand,
  },
  export: {
    summary: 'write the History of a booking, a customer or a period as CSV or JSON',
    load: async () => (await import('./export')).exportCommand,
  },
  report: {
    summary: 'write a printable report (booking, customer, period, person) as HTML, or its data as JSON',
    load: async () => (await import('./report')).reportCommand,
  },
  serve: {
    summary: 'serve JobTrail over HTTP on 127.0.0.1 (web mode) until Ctrl+C',
    load: async () => (await import('./serve')).serveCommand,
  },
  erase: {
    summary: "erase a customer's personal data (GDPR) as an administrator, under the request's reference",
    load: async () => (await import('./erase')).eraseCommand,
  },
  import: {
    summary: 'import bookings from a CSV file as a named user (audited, chained)',
    load: async () => (await import('./import')).importCommand,
  },
  backup: {
    summary: 'copy the database (safe while JobTrail runs) and verify the copy',
    load: async () => (await import('./backup')).backupCommand,
  },
  bench: {
    summary: 'measure JobTrail at years of data against the benchmark targets; write bench-results.json',
    load: async () => (await import('./bench')).benchCommand,
  },
  'purge-expired': {
    summary: 'remove for good what has been in the recycle bin longer than its retention period',
    load: async () => (await import('./purge')).purgeCommand,
  },
  reindex: {
    summary: "rebuild the History's search index from the audit log",
    load: async () => (await import('./reindex')).reindexCommand,
  },
  restore: {
    summary: 'replace the database with a verified backup, keeping the old file aside',
    load: async () => (await import('./restore')).restoreCommand,
  },
};

const usage = [
  'Usage: npm run cli -- <command> [options]',
  '',
  'Commands:',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
  `  ${'help'.padEnd(8)} this text; "help <command>" for a command's options`,
  '',
  'Exit codes: 0 ok, 1 failed check or error, 2 bad usage.',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(usage);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : null;
    if (rest[0] !== undefined && !topic) {
      console.error(`jobtrail: there is no command "${rest[0]}"\n\n${usage}`);
      return 2;
    }
    console.log(topic ? (await topic.load()).usage : usage);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    console.error(`jobtrail: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  let command: Command | undefined;
  nameLockHolder(`the JobTrail command "${name}"`); // what a refused restore or start is told holds the database
  try {
    command = await COMMANDS[name].load();
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`jobtrail ${name}: ${e.message}\n\n${command?.usage ?? usage}`);
      return 2;
    }
    console.error(`jobtrail ${name}: ${oneLine(e)}`);
    if (process.env.JOBTRAIL_DEBUG === '1') console.error(e);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`jobtrail: ${oneLine(e)}`);
    process.exitCode = 1;
  },
);
