// The child process of crash.test.ts: writes audited changes through the real
// services, one transaction per step, as fast as it can, until it is killed. After
// each commit it appends the step's number to a journal file (a side channel the
// parent reads after the kill): every step in the journal was committed.
//
//   tsx test/reliability/crashWriter.ts DB JOURNAL FIRST_STEP
import { appendFileSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import type { ServiceContext } from '../../electron/services/context';
import { createCustomer } from '../../electron/services/customers';
import { createBooking, rescheduleBooking, updateBooking } from '../../electron/services/bookings';
import { stepKind, stepValues } from './crashSteps';

const [file, journal, first] = process.argv.slice(2);
const db = openDatabase(file);
const ctx: ServiceContext = { db, user: { id: 1, name: 'Ada Admin', role: 'administrator' } };
const idOf = (sql: string, value: string) => db.sqlite.prepare(sql).pluck().get(value) as number;

process.stdout.write('ready\n');
for (let step = Number(first); ; step++) {
  const v = stepValues(step);
  switch (stepKind(step)) {
    case 'customer':
      createCustomer(ctx, { name: v.customer, address: v.address });
      break;
    case 'booking':
      createBooking(ctx, {
        customerId: idOf('SELECT id FROM customers WHERE name = ?', v.customer),
        service: v.service,
        scheduledStart: v.start,
        scheduledEnd: v.end,
        priceCents: 10_000,
      });
      break;
    case 'reschedule':
      rescheduleBooking(
        { ...ctx, reason: { code: 'customer' } },
        { id: idOf('SELECT id FROM bookings WHERE service = ?', v.service), scheduledStart: v.start, scheduledEnd: v.end },
      );
      break;
    case 'edit':
      updateBooking(ctx, { id: idOf('SELECT id FROM bookings WHERE service = ?', v.service), priceCents: v.priceCents, address: v.address });
      break;
  }
  appendFileSync(journal, `${step}\n`);
}
