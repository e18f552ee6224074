// Help › About: the version, the database's place and the chain head as a report
// prints it, so that whoever calls for help can read out what they run and on what.
import { dirname } from 'node:path';
import { entry } from './entry';
import { input } from './fields';
import { currentHeadRow, shortDigest } from '../../db/chain';
import pkg from '../../package.json' with { type: 'json' };

export const aboutApi = {
  'app.about': entry({
    summary: 'See the version, the database and its chain head',
    access: 'fieldworker',
    input: input({}),
    run: (ctx) => {
      const head = currentHeadRow(ctx.db.sqlite);
      return { version: pkg.version, databaseFile: ctx.db.file, dataFolder: dirname(ctx.db.file), head: { short: shortDigest(head.hash), row: head.id } };
    },
  }),
};
