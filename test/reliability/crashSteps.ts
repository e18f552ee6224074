// The steps the crash test's child writes, and the audit rows each must leave:
// shared by the child (to write them) and the test (to check them). Every four
// steps make a customer, give them a booking, reschedule it (two rows in one
// transaction), then edit its price and address (two more). The customer's first
// booking also makes the property it happens at: the customer's address (0022).

export type StepKind = 'customer' | 'booking' | 'reschedule' | 'edit';

const KINDS: StepKind[] = ['customer', 'booking', 'reschedule', 'edit'];

export const stepKind = (step: number): StepKind => KINDS[step % 4];

const BASE = Date.parse('2026-06-01T08:00:00Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

export function stepValues(step: number) {
  const group = step - (step % 4);
  return {
    customer: `Crash Customer ${group}`,
    service: `Crash service ${group}`,
    address: `${step} Crash Street`,
    start: at(step * 90),
    end: at(step * 90 + 60),
    priceCents: 10_000 + step,
  };
}

/**
 * What one step's transaction writes to the audit log: [entity, field, new value],
 * in any order. A created row holds the whole record as JSON (migration 0014): the
 * test parses it, and expects the fields this step set, in any order.
 */
export function expectedRows(step: number): [string, string, string | Record<string, string>][] {
  const v = stepValues(step);
  switch (stepKind(step)) {
    case 'customer':
      return [['customer', '*', { name: v.customer, address: v.address }]];
    case 'booking':
      return [
        [
          'booking',
          '*',
          {
            status: 'scheduled',
            service: v.service,
            scheduled_start: v.start,
            scheduled_end: v.end,
            price: '10000',
            customer: v.customer,
          },
        ],
        ['property', '*', { name: stepValues(step - 1).address, address: stepValues(step - 1).address, customer: v.customer }],
      ];
    case 'reschedule':
      return [
        ['booking', 'scheduled_start', v.start],
        ['booking', 'scheduled_end', v.end],
      ];
    case 'edit':
      return [
        ['booking', 'address', v.address],
        ['booking', 'price', String(v.priceCents)],
      ];
  }
}
