// `serve`: the web mode. The same core and contract the desktop window uses,
// over HTTP on 127.0.0.1, until Ctrl+C (SIGINT) or SIGTERM; then the server and
// the database are closed properly, so the WAL is checkpointed and nothing is lost.
// Like the window, it checks the audit trail and takes the day's backup at start.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCoreWorker } from '../core/host';
import { startWebServer } from '../web/server';
import { checkPath, parseOptions, required, wholeNumber, type Command } from './args';

const usage = `Usage: npm run cli -- serve --db FILE [--port N]

Serves JobTrail over HTTP on 127.0.0.1 only, with a random token per start; open the
address it prints (the token is in it). Runs until Ctrl+C. At start it checks the
audit trail (a warning if it fails) and makes the day's backup in backups/ beside
the database.

  --db FILE    the database (created, empty, if there is none)
  --port N     the port (default: a free one)`;

export const serveCommand: Command = {
  usage,
  async run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'port']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const port = values.port === undefined ? undefined : wholeNumber(values.port, 'port', 0, 65535);
    const file = checkPath(required(values, 'db'), 'db', 'database', 'create');
    const existed = existsSync(file);
    // The check and the backup start with the core, on its thread: they never hold up a call.
    const core = await startCoreWorker(file, { lockHolder: 'the JobTrail web mode' });
    let server;
    try {
      server = await startWebServer({ router: core, port });
    } catch (e) {
      await core.close();
      throw e;
    }
    console.log(`JobTrail web mode on ${server.url}`);
    console.log(`  database  ${resolve(file)}${existed ? '' : ' (new and empty: the page asks for a first administrator)'}`);
    console.log('  Ctrl+C to stop');
    const signal = await new Promise<NodeJS.Signals>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
    await core.close();
    console.log(`JobTrail web mode stopped (${signal})`);
    return 0;
  },
};
