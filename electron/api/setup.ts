// The first start, before anyone can sign in: where the database is, and "Start
// with demo data". ("Start empty" is auth.setup, the first administrator.) Both
// answer only while the database has no users, so neither tells or changes
// anything once the office has begun.
import { entry } from './entry';
import { input } from './fields';
import { databasePlace, startWithDemo } from '../services/firstStart';

export const setupApi = {
  'setup.place': entry({
    summary: 'See where a new database is',
    access: 'anyone',
    input: input({}),
    run: (ctx) => databasePlace(ctx.db),
  }),
  'setup.demo': entry({
    summary: 'Fill a new database with the demo office',
    access: 'anyone',
    input: input({}),
    run: (ctx) => startWithDemo(ctx.db),
  }),
};
