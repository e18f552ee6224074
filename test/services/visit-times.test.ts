// Visit times (issue 17): who may record a time-in or time-out, what the History
// says of it, which times ask first, and that a correction needs a reason and
// shows as one while the original stays in the History.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { audited } from '../../db/actor';
import { afterText, beforeText, eventText, fieldText, NO_FACTS, valueText } from '../../renderer/history/readable';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';
import { expectSealedAction, makeBooking, makeCustomer, makeUser, outsideConnection, readable, tableCounts, written } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const fw = () => core.users.fieldworker;
/** A booking assigned to the test fieldworker, on 2 March 2026 from 9:00 to 11:00 UTC unless told otherwise. */
function visit(fields: Parameters<typeof makeBooking>[2] = {}) {
  const c = makeCustomer(core, { name: 'Hannah Webb', address: '12 Elm Row' });
  return makeBooking(core, c.id, { service: 'Home health visit', fieldworkerId: fw().id, status: 'scheduled', ...fields });
}
const refusal = (r: { ok: boolean; error?: { code: string; field?: string; message: string } }) => (r.ok ? null : r.error!);

describe('recording a time-in and time-out', () => {
  it('the assigned fieldworker records both on their own job: one sealed History row each, with the time under its kind', () => {
    const b = visit();
    const arrival = written(core, () => core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:12:00Z' }));
    expectSealedActionAt(arrival.rows);
    expect(arrival.rows.map(readable)).toEqual([
      {
        entity: 'visit_time',
        entity_id: arrival.value.timeIn!.id,
        booking_id: b.id,
        customer_id: b.customerId,
        field: '*',
        old_value: null,
        new_value: JSON.stringify({ time_in: '2026-03-02T09:12:00.000Z', fieldworker: USER_NAMES.fieldworker, fieldworker_ref: fw().id }),
        old_ref: null,
        new_ref: null,
        category: 'user_action',
        event: 'time-in recorded',
        label: 'Home health visit · Hannah Webb',
        actor_id: fw().id,
        actor_name: USER_NAMES.fieldworker,
        origin: 'app',
      },
    ]);
    const departure = written(core, () => core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_out', at: '2026-03-02T10:40:00Z' }));
    expect(departure.rows.map((r) => r.event)).toEqual(['time-out recorded']);
    const t = core.as('fieldworker')('timeline.get', { bookingId: b.id }).visit;
    expect(t.timeIn).toMatchObject({
      at: '2026-03-02T09:12:00.000Z',
      original: '2026-03-02T09:12:00.000Z',
      recordedBy: USER_NAMES.fieldworker,
      fieldworkerName: USER_NAMES.fieldworker,
      onBehalf: false,
      corrections: [],
    });
    expect(t.timeOut).toMatchObject({ at: '2026-03-02T10:40:00.000Z', onBehalf: false });
  });

  it('a fieldworker cannot record on a job that is not theirs; nothing is written', () => {
    const other = makeUser(core, 'Olga Other', 'fieldworker');
    const b = visit({ fieldworkerId: other.id });
    const before = tableCounts(core);
    const r = core.raw('fieldworker', 'visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:00:00Z' });
    expect(refusal(r)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('not assigned to you') });
    expect(tableCounts(core)).toEqual(before);
  });

  it("the office records on the fieldworker's behalf, and the History says who recorded it for whom", () => {
    const b = visit();
    const { rows } = written(core, () => core.as('staff')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:05:00Z' }));
    expect(rows.map((r) => [r.actor_name, r.event, JSON.parse(r.new_value!).fieldworker])).toEqual([
      [USER_NAMES.staff, 'time-in recorded on behalf', USER_NAMES.fieldworker],
    ]);
    expect(core.as('staff')('timeline.get', { bookingId: b.id }).visit.timeIn).toMatchObject({
      recordedBy: USER_NAMES.staff,
      fieldworkerName: USER_NAMES.fieldworker,
      onBehalf: true,
    });
  });

  it('a time is recorded once: a second one is refused, and the office corrects it instead', () => {
    const b = visit();
    core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:00:00Z' });
    const again = core.raw('fieldworker', 'visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:30:00Z' });
    expect(refusal(again)).toMatchObject({ code: 'conflict', field: 'kind', message: expect.stringContaining('correction') });
  });

  it('no visit, no time: a cancelled booking or one without a fieldworker is refused', () => {
    const unassigned = visit({ fieldworkerId: null });
    expect(refusal(core.raw('staff', 'visits.record', { bookingId: unassigned.id, kind: 'time_in', at: '2026-03-02T09:00:00Z' }))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('no fieldworker'),
    });
    const cancelled = visit();
    core.as('staff')('bookings.cancel', { id: cancelled.id, reason: { code: 'weather' } });
    expect(refusal(core.raw('staff', 'visits.record', { bookingId: cancelled.id, kind: 'time_in', at: '2026-03-02T09:00:00Z' }))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('cancelled'),
    });
  });
});

describe('a doubtful time asks first', () => {
  const soon = () => {
    // A visit scheduled around now, so that only the doubt under test applies.
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    return visit({ scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 2 * 3_600_000).toISOString() });
  };
  const cases: [string, () => { bookingId: number; kind: 'time_in' | 'time_out'; at: string }, RegExp][] = [
    [
      'in the future',
      () => {
        const b = soon();
        return { bookingId: b.id, kind: 'time_in', at: new Date(Date.parse(b.scheduledStart) + 90 * 60_000).toISOString() };
      },
      /in the future/,
    ],
    [
      'out of order (a time-out before the time-in)',
      () => {
        const b = visit();
        core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:30:00Z' });
        return { bookingId: b.id, kind: 'time_out', at: '2026-03-02T09:10:00Z' };
      },
      /before the time-in/,
    ],
    ['far from the schedule', () => ({ bookingId: visit().id, kind: 'time_in', at: '2026-03-02T02:00:00Z' }), /7 h before the scheduled start/],
  ];
  it.each(cases)('%s: refused on "confirm", nothing written; recorded once confirmed', (_, setUp, words) => {
    const input = setUp();
    const before = tableCounts(core);
    const r = core.raw('fieldworker', 'visits.record', input);
    expect(refusal(r)).toMatchObject({ code: 'conflict', field: 'confirm', message: expect.stringMatching(words) });
    expect(tableCounts(core)).toEqual(before);
    const done = core.as('fieldworker')('visits.record', { ...input, confirmed: true });
    expect((input.kind === 'time_in' ? done.timeIn : done.timeOut)!.at).toBe(new Date(input.at).toISOString());
  });
});

describe('corrections', () => {
  it("a correction needs a reason, is the office's, shows as a correction, and the original stays in the History", () => {
    const b = visit();
    const recorded = written(core, () => core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:40:00Z' }));
    const input = { bookingId: b.id, kind: 'time_in' as const, at: '2026-03-02T09:10:00Z' };
    expect(refusal(core.rawUnchecked('staff', 'visits.correct', input))).toMatchObject({ code: 'invalid_input', field: 'reason' });
    expect(refusal(core.raw('fieldworker', 'visits.correct', { ...input, reason: { code: 'entered_in_error' } }))).toMatchObject({ code: 'forbidden' });

    const fixed = written(core, () => core.as('staff')('visits.correct', { ...input, reason: { code: 'device_problem', note: 'phone was flat' } }));
    expectSealedActionAt(fixed.rows);
    expect(fixed.rows.map(readable)).toEqual([
      {
        entity: 'visit_time',
        entity_id: recorded.value.timeIn!.id,
        booking_id: b.id,
        customer_id: b.customerId,
        field: 'time_in',
        old_value: '2026-03-02T09:40:00.000Z',
        new_value: '2026-03-02T09:10:00.000Z',
        old_ref: null,
        new_ref: null,
        category: 'data_edit',
        event: 'time-in corrected',
        label: 'Home health visit · Hannah Webb',
        actor_id: core.users.staff.id,
        actor_name: USER_NAMES.staff,
        origin: 'app',
      },
    ]);
    expect(core.db.sqlite.prepare('SELECT reason FROM audit_log WHERE id = ?').pluck().get(fixed.rows[0].id)).toBe('Phone or app problem: phone was flat');
    // The recorded row is untouched: the History holds the original beside the correction.
    const history = core
      .as('staff')('history.booking', { bookingId: b.id, order: 'oldest' })
      .rows.filter((r) => r.entity === 'visit_time');
    expect(history.map((r) => [r.event, r.field, r.oldValue, r.newValue])).toEqual([
      ['time-in recorded', '*', null, recorded.rows[0].new_value],
      ['time-in corrected', 'time_in', '2026-03-02T09:40:00.000Z', '2026-03-02T09:10:00.000Z'],
    ]);
    // As the History grid, the exports and the printed reports read them; and the search finds the reason's words.
    const [rec, cor] = core
      .as('staff')('history.booking', { bookingId: b.id, order: 'oldest' })
      .rows.filter((r) => r.entity === 'visit_time');
    expect([eventText(rec), fieldText(rec, NO_FACTS), afterText(rec)]).toEqual([
      'Time-in recorded',
      'Visit time',
      `Time-in: ${valueText('time_in', '2026-03-02T09:40:00.000Z')} · Fieldworker: ${USER_NAMES.fieldworker}`,
    ]);
    expect([eventText(cor), fieldText(cor, NO_FACTS), beforeText(cor), afterText(cor)]).toEqual([
      'Time-in corrected',
      'Visit time: Time-in',
      valueText('time_in', '2026-03-02T09:40:00.000Z'),
      valueText('time_in', '2026-03-02T09:10:00.000Z'),
    ]);
    expect(
      core
        .as('staff')('history.search', { text: 'flat' })
        .rows.map((r) => r.event),
    ).toContain('time-in corrected');
    expect(core.as('fieldworker')('timeline.get', { bookingId: b.id }).visit.timeIn).toMatchObject({
      at: '2026-03-02T09:10:00.000Z',
      original: '2026-03-02T09:40:00.000Z',
      corrections: [
        {
          actorName: USER_NAMES.staff,
          what: 'time',
          from: '2026-03-02T09:40:00.000Z',
          to: '2026-03-02T09:10:00.000Z',
          reason: 'Phone or app problem: phone was flat',
          outside: false,
        },
      ],
    });
  });

  it('the database refuses a change of a recorded time made through the app without a reason', () => {
    const b = visit();
    const t = core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_out', at: '2026-03-02T10:50:00Z', confirmed: true }).timeOut!;
    expect(() =>
      audited(core.db.sqlite, { id: core.users.manager.id, name: USER_NAMES.manager }, () =>
        core.db.sqlite.prepare('UPDATE visit_times SET at = ? WHERE id = ?').run('2026-03-02T10:00:00.000Z', t.id),
      ),
    ).toThrow(/correction, with a reason/);
    expect(core.db.sqlite.prepare('SELECT at FROM visit_times WHERE id = ?').pluck().get(t.id)).toBe('2026-03-02T10:50:00.000Z');
  });

  it('a change made outside JobTrail is recorded as a correction from outside, with no reason, and the chain still verifies', () => {
    const b = visit();
    const t = core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:00:00Z' }).timeIn!;
    const outside = outsideConnection(core.file);
    try {
      outside.prepare('UPDATE visit_times SET at = ? WHERE id = ?').run('2026-03-02T08:00:00.000Z', t.id);
    } finally {
      outside.close();
    }
    const c = core.as('staff')('timeline.get', { bookingId: b.id }).visit.timeIn!.corrections;
    expect(c).toEqual([
      expect.objectContaining({
        actorName: '(outside JobTrail)',
        outside: true,
        reason: null,
        from: '2026-03-02T09:00:00.000Z',
        to: '2026-03-02T08:00:00.000Z',
      }),
    ]);
    // Recorded, so the records check finds nothing unexplained.
    expect(checkIntegrity(core.db.sqlite).state.filter((p) => p.entity === 'visit_time')).toEqual([]);
  });

  it('a time changed with its trigger dropped is named by the records check', () => {
    const b = visit();
    const t = core.as('fieldworker')('visits.record', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:00:00Z' }).timeIn!;
    const outside = outsideConnection(core.file);
    try {
      const sql = outside.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_visit_time_corrected'").pluck().get() as string;
      outside.exec('DROP TRIGGER audit_visit_time_corrected');
      outside.prepare('UPDATE visit_times SET at = ? WHERE id = ?').run('2026-03-02T07:00:00.000Z', t.id);
      outside.exec(sql);
    } finally {
      outside.close();
    }
    expect(checkIntegrity(core.db.sqlite).state.filter((p) => p.entity === 'visit_time')).toEqual([
      expect.objectContaining({ id: t.id, field: 'time_in', message: expect.stringContaining('changed without an audit row') }),
    ]);
    // Put back for the tests after this one, with a reason, as the office would.
    core.as('staff')('visits.correct', { bookingId: b.id, kind: 'time_in', at: '2026-03-02T09:00:00Z', reason: { code: 'entered_in_error' } });
  });
});

describe('Start work and Mark completed', () => {
  it('record the time-in and time-out when none is recorded, and leave a recorded one as it is', () => {
    const b = visit({ scheduledStart: new Date(Date.now() - 3_600_000).toISOString(), scheduledEnd: new Date(Date.now() + 3_600_000).toISOString() });
    core.as('fieldworker')('bookings.accept', { id: b.id });
    const started = written(core, () => core.as('fieldworker')('bookings.setStatus', { id: b.id, status: 'in_progress' }));
    expect(started.rows.map((r) => r.event)).toEqual(['status changed', 'time-in recorded']);
    const inAt = core.as('fieldworker')('timeline.get', { bookingId: b.id }).visit.timeIn!.at;
    expect(inAt).toBe(started.rows[0].at);

    const other = visit({ scheduledStart: new Date(Date.now() - 3_600_000).toISOString(), scheduledEnd: new Date(Date.now() + 3_600_000).toISOString() });
    core.as('fieldworker')('bookings.accept', { id: other.id });
    const earlier = new Date(Date.now() - 30 * 60_000).toISOString();
    core.as('fieldworker')('visits.record', { bookingId: other.id, kind: 'time_in', at: earlier });
    const started2 = written(core, () => core.as('fieldworker')('bookings.setStatus', { id: other.id, status: 'in_progress' }));
    expect(started2.rows.map((r) => r.event)).toEqual(['status changed']);
    const done = written(core, () => core.as('fieldworker')('bookings.setStatus', { id: other.id, status: 'completed' }));
    expect(done.rows.map((r) => r.event)).toEqual(['status changed', 'time-out recorded']);
    expect(core.as('fieldworker')('timeline.get', { bookingId: other.id }).visit.timeIn!.at).toBe(earlier);
  });
});

/** expectSealedAction, for rows whose `at` is the app's clock. */
function expectSealedActionAt(rows: Parameters<typeof expectSealedAction>[1]) {
  expectSealedAction(core, rows);
}
