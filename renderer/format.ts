// How values read on screen. The database holds UTC instants and whole cents;
// people read local time and money, in the office's currency and locale
// (Settings › Office: office.settings), set once they are read.
import { setOfficeZone } from './officeZone';

/** The office's locale (undefined: this computer's, until the settings are read) and currency. */
let office: { locale: string | undefined; currency: string } = { locale: undefined, currency: 'USD' };
/** Moves on with each change of the office's formats: what was formatted before is formatted again. */
let version = 0;

export const formatsVersion = () => version;

/**
 * Money, dates and numbers from now on in the office's currency and locale; what is
 * printed or exported in its time zone, when one was chosen (officeZone.ts).
 */
export function setOfficeFormats(s: { locale: string; currency: string; timeZone?: string; zoneChosen?: boolean }): void {
  setOfficeZone(s.zoneChosen ? s.timeZone : undefined);
  if (s.locale === office.locale && s.currency === office.currency) return;
  office = { locale: s.locale, currency: s.currency };
  version++;
}

/** A value built from the office's formats, built again once they change (a formatter, a template of one). */
export function perFormats<T>(make: () => T): () => T {
  let built: { version: number; value: T } | null = null;
  return () => {
    if (built?.version !== version) built = { version, value: make() };
    return built.value;
  };
}

/** A date formatter in the office's locale. */
export const dateFormat = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(office.locale, options);

const money = perFormats(() => new Intl.NumberFormat(office.locale, { style: 'currency', currency: office.currency }));
const dateTime = perFormats(() => dateFormat({ dateStyle: 'medium', timeStyle: 'short' }));
const dateTimeSeconds = perFormats(() => dateFormat({ dateStyle: 'medium', timeStyle: 'medium' }));
const dateOnly = perFormats(() => dateFormat({ dateStyle: 'medium' }));
const count = perFormats(() => new Intl.NumberFormat(office.locale));

export function formatMoney(cents: number | string | null | undefined): string {
  if (cents === null || cents === undefined || cents === '') return '(empty)';
  const n = Number(cents);
  return Number.isFinite(n) ? money().format(n / 100) : String(cents);
}

/** Local date and time; `seconds` for History, where two changes a minute apart must not look alike. */
export function formatWhen(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (seconds ? dateTimeSeconds : dateTime)().format(d);
}

/** The UTC instant spelled out, for a title tooltip. */
export function utcTitle(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? undefined
    : `${d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')} UTC`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const isInstant = (s: string) => ISO_INSTANT.test(s);

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** An ISO instant as the value of an <input type="datetime-local"> in this computer's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A datetime-local value (no zone) as an ISO instant with this computer's offset
 * at that date, so that the audit trail records what the person meant, not a guess.
 */
export function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  if (!value || Number.isNaN(d.getTime())) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

export function humanize(s: string): string {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** A calendar date (a custom field's YYYY-MM-DD, or the day of an instant), in local words. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateOnly().format(d);
}

/**
 * The instant a local calendar day starts (an <input type="date"> value), with
 * this computer's offset on that day; `plusDays` 1 gives the end of the day, for
 * "to" filters that include the whole last day.
 */
export function localDayStart(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return fromLocalInput(`${dayOf(d)}T00:00`);
}

/** A Date's local calendar day, as an <input type="date"> value. */
export const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Today (or `days` from today) as an <input type="date"> value in this computer's zone. */
export function localDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return dayOf(d);
}

export const formatCount = (n: number) => count().format(n);

/**
 * A span of time as people say it when waiting: "35 s", "4 min 10 s", "1 h 5 min".
 * Rounded to what matters at that size; an estimate in seconds over an hour is noise.
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** "3 bookings", "1 booking". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Whole cents from what someone typed as money ("1,250.50", "$80"); null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const t = text.replace(/[\s,$€£]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Cents as the plain number a money input shows ("1250.50"). */
export const moneyInput = (cents: number) => (cents / 100).toFixed(2);
