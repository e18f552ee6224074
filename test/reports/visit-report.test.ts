// The visit verification report: each visit's six EVV elements (service, person
// served, date, place, person who served, begin and end) as the database holds
// them, checked against SQL on the real file; corrections listed with their
// reasons; the CSV and the "report generated" row; refused below a manager.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, makeUser, tableCounts } from '../helpers/audit';
import { loadReportHtml } from '../../electron/cli/report';

let core: TestCore;
const period = { from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' };
let corrected: number;
let missing: number;
let luis: { id: number; name: string };

beforeAll(() => {
  core = makeCore();
  luis = makeUser(core, 'Luis Ortega', 'fieldworker');
  const ann = makeCustomer(core, { name: 'Ann Lowe', address: '4 Mill Lane' });
  const bo = makeCustomer(core, { name: 'Bo Reyes', address: '9 Quay Street' });
  const at = (day: number, h: number, m = 0) => `2026-04-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
  const book = (c: { id: number }, day: number, fw: number, service = 'Home health visit') =>
    makeBooking(core, c.id, { service, scheduledStart: at(day, 9), scheduledEnd: at(day, 10), fieldworkerId: fw, status: 'scheduled' });
  // Recorded by the fieldworker, 20 minutes late.
  const b1 = book(ann, 3, core.users.fieldworker.id);
  core.as('fieldworker')('visits.record', { bookingId: b1.id, kind: 'time_in', at: at(3, 9, 20) });
  core.as('fieldworker')('visits.record', { bookingId: b1.id, kind: 'time_out', at: at(3, 10, 15) });
  // Recorded by the office for Luis, then corrected with a reason.
  const b2 = book(bo, 10, luis.id, 'Wound care');
  core.as('staff')('visits.record', { bookingId: b2.id, kind: 'time_in', at: at(10, 9, 0) });
  core.as('staff')('visits.record', { bookingId: b2.id, kind: 'time_out', at: at(10, 9, 50) });
  core.as('manager')('visits.correct', { bookingId: b2.id, kind: 'time_out', at: at(10, 10, 5), reason: { code: 'not_recorded_on_time' } });
  corrected = b2.id;
  // Nobody recorded anything.
  missing = book(ann, 20, luis.id).id;
  // Outside the period, and a cancelled one inside it: not visits of this report.
  book(ann, 30, luis.id);
  makeBooking(core, ann.id, { scheduledStart: '2026-05-02T09:00:00Z', scheduledEnd: '2026-05-02T10:00:00Z', fieldworkerId: luis.id });
  core.as('staff')('bookings.cancel', { id: book(bo, 12, luis.id).id, reason: { code: 'weather' } });
});
afterAll(() => core.dispose());

describe('visit verification report', () => {
  it('holds, for each visit of the period, the six elements as the database stores them', () => {
    const r = core.as('manager')('reports.visits', period);
    const sql = new Database(core.file, { readonly: true });
    try {
      const expected = sql
        .prepare(
          `
        SELECT b.id AS bookingId, b.service, c.name AS personServed, b.address AS place,
               coalesce(ti.at, b.scheduled_start) AS day, coalesce(fi.name, fo.name, fb.name) AS personWhoServed,
               b.scheduled_start AS scheduledStart, b.scheduled_end AS scheduledEnd, ti.at AS timeIn, tout.at AS timeOut
        FROM bookings b JOIN customers c ON c.id = b.customer_id LEFT JOIN users fb ON fb.id = b.fieldworker_id
        LEFT JOIN visit_times ti ON ti.booking_id = b.id AND ti.kind = 'time_in' LEFT JOIN users fi ON fi.id = ti.fieldworker_id
        LEFT JOIN visit_times tout ON tout.booking_id = b.id AND tout.kind = 'time_out' LEFT JOIN users fo ON fo.id = tout.fieldworker_id
        WHERE b.scheduled_start >= ? AND b.scheduled_start < ? AND b.status <> 'cancelled' AND b.deleted_at IS NULL
        ORDER BY b.scheduled_start, b.id`,
        )
        .all(period.from, period.to) as Record<string, string>[];
      expect(expected.length).toBe(4);
      expect(
        r.visits.map((v) => ({
          bookingId: v.bookingId,
          service: v.service,
          personServed: v.personServed,
          place: v.place,
          day: v.date,
          personWhoServed: v.personWhoServed,
          scheduledStart: v.scheduledStart,
          scheduledEnd: v.scheduledEnd,
          timeIn: v.timeIn,
          timeOut: v.timeOut,
        })),
      ).toEqual(expected.map((e) => ({ ...e, day: e.day.slice(0, 10) })));
    } finally {
      sql.close();
    }
    expect(r.totals).toEqual({ visits: 4, verified: 2, missingTimeIn: 2, missingTimeOut: 2, late: 1, corrected: 1 });
  });

  it('lists each correction with the time it replaced, who made it and why, and who recorded for whom', async () => {
    const r = core.as('manager')('reports.visits', { ...period, fieldworkerId: luis.id });
    expect(r.visits.map((v) => v.bookingId)).toContain(missing);
    const v = r.visits.find((x) => x.bookingId === corrected)!;
    expect(v).toMatchObject({ personWhoServed: 'Luis Ortega', timeInRecordedBy: USER_NAMES.staff, onBehalf: true, verified: true });
    expect(v.corrections).toEqual([
      expect.objectContaining({
        kind: 'time_out',
        what: 'time',
        from: '2026-04-10T09:50:00.000Z',
        to: '2026-04-10T10:05:00.000Z',
        actorName: USER_NAMES.manager,
        reason: 'Not recorded at the time',
        outside: false,
      }),
    ]);
    const html = (await loadReportHtml())({ kind: 'visits', report: r });
    expect(html).toContain('Not recorded at the time');
    expect(html).toContain(r.header.chain.short);
  });

  it('leaves as CSV with one line per visit under the chain head, and each file is recorded as a report issued', () => {
    const before = core.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE event = 'report generated'").pluck().get() as number;
    const r = core.as('manager')('reports.visits', { ...period, format: 'csv' });
    const lines = r.csv!.trim().split('\r\n');
    expect(lines[2]).toContain(r.header.chain.head);
    expect(lines[3].split(',').slice(0, 6)).toEqual(['Booking', 'Service', 'Person served', 'Date', 'Place', 'Person who served']);
    expect(lines.length).toBe(4 + 4);
    expect(lines.find((l) => l.startsWith(`${corrected},`))).toContain('(Not recorded at the time)');
    const issued = core.db.sqlite.prepare("SELECT new_value FROM audit_log WHERE event = 'report generated' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(issued).toMatch(/^Visit verification report: 2026-04-01 to 2026-04-30 \(csv, chain head [0-9a-f]+\)$/);
    expect(core.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE event = 'report generated'").pluck().get()).toBe(before + 1);
  });

  it("a booking's proof (Print proof) carries its visit times and their corrections too", async () => {
    const r = core.as('staff')('reports.booking', { bookingId: corrected });
    expect(r.visit.timeOut).toMatchObject({
      at: '2026-04-10T10:05:00.000Z',
      onBehalf: true,
      recordedBy: USER_NAMES.staff,
      corrections: [expect.objectContaining({ reason: 'Not recorded at the time' })],
    });
    const html = (await loadReportHtml())({ kind: 'booking', report: r });
    expect(html).toContain('Visit times');
    expect(html).toContain(`${USER_NAMES.staff} for Luis Ortega`);
    expect(html).toContain('(Not recorded at the time)');
  });

  it.each(['fieldworker', 'staff'] as const)('is refused to a %s, and nothing is written', (role) => {
    const before = tableCounts(core);
    expect(core.raw(role, 'reports.visits', period)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(core)).toEqual(before);
  });
});
