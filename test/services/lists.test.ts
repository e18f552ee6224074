// The Bookings and Customers lists: what an office administrator types in the
// search box is found literally, and the filters narrow the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../electron/api/contract';
import { makeCore, type TestCore } from '../helpers/core';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
  const staff = core.as('staff');
  const ann = staff('customers.create', { name: 'Ann 50% Off', address: '1 Alder St' });
  const bob = staff('customers.create', { name: 'Bob Smith', address: '2 Birch St' });
  staff('bookings.create', {
    customerId: ann.id,
    service: 'Boiler service',
    scheduledStart: '2026-03-01T09:00:00Z',
    scheduledEnd: '2026-03-01T10:00:00Z',
    priceCents: 10000,
  });
  const b = staff('bookings.create', {
    customerId: bob.id,
    service: 'Gutter clean',
    scheduledStart: '2026-04-01T09:00:00+02:00',
    scheduledEnd: '2026-04-01T10:00:00+02:00',
    priceCents: 8000,
  });
  staff('bookings.cancel', { id: b.id, reason: { code: 'customer_cancelled' } });
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

describe('sorting the bookings list', () => {
  it('sorts by every column the grid offers, both ways, with ties kept in one order', () => {
    const staff = core.as('staff');
    const cara = staff('customers.create', { name: 'Cara Diaz', address: '3 Cedar St' });
    staff('bookings.create', {
      customerId: cara.id,
      service: 'Annual check',
      scheduledStart: '2026-05-01T09:00:00Z',
      scheduledEnd: '2026-05-01T10:00:00Z',
      priceCents: 12000,
      fieldworkerId: core.users.fieldworker.id,
    });
    const list = (sort: ApiInput<'bookings.list'>['sort']) => core.as('staff')('bookings.list', { sort }).rows;
    expect(list('service_asc').map((b) => b.service)).toEqual(['Annual check', 'Boiler service', 'Gutter clean']);
    expect(list('service_desc').map((b) => b.service)).toEqual(['Gutter clean', 'Boiler service', 'Annual check']);
    expect(list('customer_asc').map((b) => b.customerName)).toEqual(['Ann 50% Off', 'Bob Smith', 'Cara Diaz']);
    expect(list('price_desc').map((b) => b.priceCents)).toEqual([12000, 10000, 8000]);
    expect(list('status_asc').map((b) => b.status)).toEqual(['cancelled', 'scheduled', 'scheduled']);
    expect(list('fieldworker_desc')[0].fieldworkerName).toBe(core.users.fieldworker.name);
    expect(list('start_asc').map((b) => b.service)).toEqual(['Boiler service', 'Gutter clean', 'Annual check']);
  });

  it('refuses a sort it does not know, naming the ones it does', () => {
    const r = core.rawUnchecked('staff', 'bookings.list', { sort: 'address_asc' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'sort' } });
    expect(!r.ok && r.error.message).toContain('price_desc');
  });

  it('counts each customer’s live bookings in the customer list', () => {
    const rows = core.as('staff')('customers.list', {}).rows;
    expect(Object.fromEntries(rows.map((c) => [c.name, c.bookingCount]))).toMatchObject({ 'Ann 50% Off': 1, 'Bob Smith': 1, 'Cara Diaz': 1 });
  });
});
