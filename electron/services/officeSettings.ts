// The office's own settings (administrators): the business's name printed on
// every report, the currency money is shown in, the locale dates and numbers read
// in, and the office's time zone, named beside times wherever a zone matters.
// Each is a row of app_settings (migration 0019), so every change is a "setting
// changed" row in the History, written by its trigger; a key without a row reads
// as its default, which is what an office that never set it has always seen.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { appSettings } from '../../db/schema';
import { change, nowIso, type ServiceContext } from './context';
import { AppError } from './errors';

export interface OfficeSettings {
  businessName: string;
  /** ISO 4217 code: "USD", "EUR". */
  currency: string;
  /** BCP 47 tag: "en-US", "de-DE". */
  locale: string;
  /** IANA zone: "America/Chicago". */
  timeZone: string;
}

/** The settings as they read, and whether the zone is one an administrator chose (else it is this computer's). */
export interface OfficeSettingsView extends OfficeSettings {
  zoneChosen: boolean;
}

export const OFFICE_DEFAULTS: OfficeSettings = { businessName: 'JobTrail', currency: 'USD', locale: 'en-US', timeZone: 'UTC' };

const KEYS: Record<keyof OfficeSettings, string> = {
  businessName: 'business_name',
  currency: 'currency',
  locale: 'locale',
  timeZone: 'time_zone',
};

/** The zone and locale this computer is set to: the office's until an administrator names others. */
const machineZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || OFFICE_DEFAULTS.timeZone;
const machineLocale = () => Intl.NumberFormat().resolvedOptions().locale || OFFICE_DEFAULTS.locale;

/** What each setting may be, and why not, in the words the form shows beside the field. */
const CHECKS: Record<keyof OfficeSettings, (v: string) => string | null> = {
  businessName: (v) => (v.trim().length >= 1 && v.trim().length <= 120 ? null : 'must be 1 to 120 characters'),
  currency: (v) =>
    /^[A-Z]{3}$/.test(v) && Intl.supportedValuesOf('currency').includes(v) ? null : 'must be a currency code this computer knows, like USD, EUR or GBP',
  locale: (v) => {
    try {
      return Intl.NumberFormat.supportedLocalesOf([v]).length === 1 ? null : 'is not a locale this computer can show';
    } catch {
      return 'must be a locale tag, like en-US, en-GB or de-DE';
    }
  },
  timeZone: (v) =>
    Intl.supportedValuesOf('timeZone').includes(v) || v === 'UTC' ? null : 'must be a time zone this computer knows, like America/Chicago or Europe/London',
};

/**
 * The office's settings as they read now. A value put there with a SQLite tool that
 * the app would not accept reads as the default, so a screen never fails on it.
 */
export function officeSettings(db: Db): OfficeSettingsView {
  const rows = db.orm
    .select()
    .from(appSettings)
    .where(inArray(appSettings.key, Object.values(KEYS)))
    .all();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const read = (k: keyof OfficeSettings, fallback: string) => {
    const v = stored.get(KEYS[k]);
    return v !== undefined && v !== null && CHECKS[k](v) === null ? v.trim() : fallback;
  };
  return {
    businessName: read('businessName', OFFICE_DEFAULTS.businessName),
    currency: read('currency', OFFICE_DEFAULTS.currency),
    locale: read('locale', machineLocale()),
    timeZone: read('timeZone', machineZone()),
    zoneChosen: read('timeZone', '') !== '',
  };
}

/** Changes the settings given (one audited transaction: a "setting changed" row for each that changed). */
export function setOfficeSettings(ctx: ServiceContext, input: Partial<OfficeSettings>): OfficeSettingsView {
  const given = Object.entries(input).filter(([, v]) => v !== undefined) as [keyof OfficeSettings, string][];
  for (const [k, v] of given) {
    const problem = CHECKS[k](v);
    if (problem) throw new AppError('invalid_input', `${LABELS[k]} ${problem}.`, k);
  }
  return change(ctx, () => {
    const now = officeSettings(ctx.db);
    const at = nowIso(ctx);
    for (const [k, v] of given) {
      const value = v.trim();
      if (value === now[k]) continue;
      ctx.db.orm
        .insert(appSettings)
        .values({ key: KEYS[k], value, updatedAt: at })
        .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } })
        .run();
    }
    return officeSettings(ctx.db);
  });
}

const LABELS: Record<keyof OfficeSettings, string> = {
  businessName: 'The business name',
  currency: 'The currency',
  locale: 'The locale',
  timeZone: 'The time zone',
};
