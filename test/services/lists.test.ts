// The Bookings and Customers lists: what an office administrator types in the
// search box is found literally, and the filters narrow the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../helpers/core';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
  const staff = core.as('staff');
  const ann = staff('customers.create', { name: 'Ann 50% Off', address: '1 Alder St' });
  const bob = staff('customers.create', { name: 'Bob Smith', address: '2 Birch St' });
  staff('bookings.create', { customerId: ann.id, service: 'Boiler service', scheduledStart: '2026-03-01T09:00:00Z',
    scheduledEnd: '2026-03-01T10:00:00Z', priceCents: 10000 });
  const b = staff('bookings.create', { customerId: bob.id, service: 'Gutter clean', scheduledStart: '2026-04-01T09:00:00+02:00',
    scheduledEnd: '2026-04-01T10:00:00+02:00', priceCents: 8000 });
  staff('bookings.cancel', { id: b.id });
});
afterAll(() => core.dispose());

const names = (r: { rows: { name?: string; service?: string }[] }) => r.rows.map((x) => x.name ?? x.service);

describe('customer and booking lists', () => {
  it('finds "50%" literally, and a lone "_" matches nobody', () => {
    expect(names(core.as('staff')('customers.list', { search: '50%' }))).toEqual(['Ann 50% Off']);
    expect(core.as('staff')('customers.list', { search: '_' }).total).toBe(0);
  });

  it('searches bookings by customer name, service and address, case-insensitively', () => {
    const list = (search: string) => names(core.as('staff')('bookings.list', { search }));
    expect(list('smith')).toEqual(['Gutter clean']);
    expect(list('BOILER')).toEqual(['Boiler service']);
    expect(list('alder')).toEqual(['Boiler service']);
  });

  it('filters bookings by status and by a date range given in any time zone', () => {
    const list = (input: object) => names(core.as('staff')('bookings.list', input));
    expect(list({ status: 'cancelled' })).toEqual(['Gutter clean']);
    expect(list({ from: '2026-04-01T07:30:00+02:00', to: '2026-04-02T00:00:00Z' })).toEqual(['Gutter clean']);
    expect(list({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' })).toEqual(['Boiler service']);
  });
});
