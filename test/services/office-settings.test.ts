// The office's settings, as an administrator sets them and everyone sees them: the
// defaults of an office that never set any, each change a "setting changed" row in
// the History with the value before and after, a currency or zone this computer
// does not know refused under its field, other roles refused, the business's
// name on every report, and an export's times in the office's zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportHistory } from '../../electron/services/exports';
import { makeCore, type TestCore } from '../helpers/core';
import { makeCustomer } from '../helpers/audit';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

const settingRows = () =>
  core.db.sqlite
    .prepare(
      `SELECT actor_name AS actor, field, old_value AS old, new_value AS new FROM audit_log
  WHERE entity = 'setting' AND event = 'setting changed' ORDER BY id`,
    )
    .all();

describe("the office's settings", () => {
  it("read as JobTrail, US dollars and this computer's locale and zone until an administrator sets them", () => {
    expect(core.as('fieldworker')('office.settings')).toEqual({
      businessName: 'JobTrail',
      currency: 'USD',
      locale: Intl.NumberFormat().resolvedOptions().locale,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      zoneChosen: false,
    });
  });

  it('are changed by an administrator only, each change a History row with the value before and after', () => {
    expect(core.raw('manager', 'office.update', { currency: 'EUR' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const saved = core.as('administrator')('office.update', {
      businessName: 'Harbour Heating Ltd',
      currency: 'EUR',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    });
    expect(saved).toEqual({ businessName: 'Harbour Heating Ltd', currency: 'EUR', locale: 'de-DE', timeZone: 'Europe/Berlin', zoneChosen: true });
    expect(settingRows()).toEqual([
      { actor: 'Ada Admin', field: 'business_name', old: null, new: 'Harbour Heating Ltd' },
      { actor: 'Ada Admin', field: 'currency', old: null, new: 'EUR' },
      { actor: 'Ada Admin', field: 'locale', old: null, new: 'de-DE' },
      { actor: 'Ada Admin', field: 'time_zone', old: null, new: 'Europe/Berlin' },
    ]);
    core.as('administrator')('office.update', { currency: 'GBP', locale: 'de-DE' });
    expect(settingRows().slice(4)).toEqual([{ actor: 'Ada Admin', field: 'currency', old: 'EUR', new: 'GBP' }]);
  });

  it('refuses a currency, locale or zone this computer does not know, under its field, changing nothing', () => {
    const before = settingRows().length;
    for (const [field, value] of [
      ['currency', 'XYZ'],
      ['currency', 'eur'],
      ['timeZone', 'Mars/Olympus'],
      ['locale', 'not a locale!'],
      ['businessName', '   '],
    ] as const) {
      expect(core.raw('administrator', 'office.update', { [field]: value })).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect(settingRows()).toHaveLength(before);
    expect(core.as('staff')('office.settings').currency).toBe('GBP');
  });

  it("gives an export's times in the office's zone once it is chosen (Berlin here, this process runs in its own), and names it", () => {
    const out = join(core.dir, 'office-zone.json');
    exportHistory(core.db, {}, 'json', out);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as { timeZone: string; rows: { when: string; raw: { at: string } }[] };
    expect(parsed.timeZone).toBe('Europe/Berlin');
    expect(parsed.rows.length).toBeGreaterThan(0);
    const berlin = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long', timeZone: 'Europe/Berlin' });
    for (const r of parsed.rows) expect(r.when).toBe(berlin.format(new Date(r.raw.at)));
  });

  it("prints the business's name at the top of every report", () => {
    const c = makeCustomer(core, { name: 'Wren Abbott' });
    expect(core.as('manager')('reports.customer', { customerId: c.id }).header.businessName).toBe('Harbour Heating Ltd');
  });
});
