// `erase`: a customer's personal data erased (GDPR Art. 17) as a named
// administrator, under the request's reference, exactly as the app's "Erase
// customer…" does it (electron/services/erasure.ts). The password is read as for
// `import`. JobTrail may be running on the same file: the erasure waits its turn.
import { closeDatabase, openDatabase } from '../../db/open';
import { currentHead, shortDigest } from '../../db/chain';
import { contract } from '../api/contract';
import { hasRole, roleRefusal } from '../services/context';
import { AppError } from '../services/errors';
import { eraseCustomer, type ErasureResult } from '../services/erasure';
import { signIn } from '../services/users';
import { checkPath, parseOptions, required, wholeNumber, type Command } from './args';
import { passwordFor } from './password';

const usage = `Usage: npm run cli -- erase --db FILE --customer ID --reference REF --as NAME

Erases a customer's personal data (GDPR Art. 17): their name becomes "Erased
customer #ID"; their contact, address, notes, the words of their notes, inquiries
and quotes, and custom values marked personal are cleared; every History row that
holds their data keeps only its value digest, so the audit chain still verifies
and a digest printed before still checks; the search index and the file's unused
space are scrubbed. Invoices' numbers, dates and amounts stay. The erasure is an
audit row of its own, under REF, with the number of rows erased.

Backups made before still hold the values until they expire: they are listed,
with when the last of them goes. History rows sealed before chain v2 cannot be
erased in place: the command refuses, and says which dates to archive first.

NAME (an administrator) signs in with the password from the environment variable
JOBTRAIL_PASSWORD, or asked for when the command runs in a terminal.

  --db FILE         the database
  --customer ID     the customer's number
  --reference REF   the request's reference (a ticket, a letter's date): what the erasure is filed under
  --as NAME         who erases: an administrator`;

export const eraseCommand: Command = {
  usage,
  async run(argv) {
    const { help, values } = parseOptions(argv, ['db', 'customer', 'reference', 'as']);
    if (help) {
      console.log(usage);
      return 0;
    }
    const [dbGiven, customerGiven, reference, name] = (['db', 'customer', 'reference', 'as'] as const).map((o) => required(values, o));
    const customerId = wholeNumber(customerGiven, 'customer', 1, Number.MAX_SAFE_INTEGER);
    const file = checkPath(dbGiven, 'db', 'database', 'read');
    const password = await passwordFor(name);
    const db = openDatabase(file);
    try {
      const user = signIn(db, { name, password });
      const access = contract['customers.erase'].access;
      if (access !== 'anyone' && !hasRole(user, access)) throw new AppError('forbidden', roleRefusal(access, 'erase customers', user));
      const parsed = contract['customers.erase'].input.safeParse({ customerId, reference });
      if (!parsed.success) throw new AppError('invalid_input', `--reference ${parsed.error.issues[0].message}`);
      const result = eraseCustomer({ db, user }, parsed.data);
      console.log(summary(result, currentHead(db.sqlite)));
      return 0;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      console.error(`jobtrail erase: ${e.message}`);
      return 1;
    } finally {
      closeDatabase(db);
    }
  },
};

function summary(r: ErasureResult, head: Buffer): string {
  const n = (x: number) => x.toLocaleString('en');
  const c = r.cleared;
  return [
    `Erased customer ${r.customerId} under reference ${r.reference}: now "${r.name}"`,
    `  History rows erased  ${n(r.rowsErased)} (their digests kept: the chain verifies, digests printed before still check)`,
    `  records cleared      ${n(c.bookings)} bookings' addresses, ${n(c.notes)} notes, ${n(c.inquiries)} inquiries, ${n(c.quotes)} quotes' titles, ${n(c.properties)} properties' addresses, ` +
      `${n(c.customFieldValues)} personal custom values, ${n(c.reports)} report subjects, ${n(c.elsewhere)} mentions elsewhere`,
    "  kept                 invoices' numbers, dates and amounts; payments; bookings' times, services, prices and statuses",
    `  still held by        ${r.stillHeld}`,
    ...r.backups.map((b) => `    ${b.file}  ${b.goesBy ? `gone by ${b.goesBy.slice(0, 10)}` : 'made on request: kept until deleted'}`),
    ...(r.walCleared ? [] : ['  note                 another program had the database open: its WAL is cleared at the next checkpoint']),
    `  audit row            ${n(r.auditRowId)}; chain head ${shortDigest(head)}`,
  ].join('\n');
}
