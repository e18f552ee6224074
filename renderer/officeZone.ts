// The office's time zone for what leaves the office: printed reports and exports
// give their times in it, with its name beside each. It is the zone an
// administrator chose in Settings › Office, or this computer's until one is
// chosen. The screens keep to the computer's clock, which on the office PC is the
// same; a computer set elsewhere is told so in Settings.

let chosen: string | undefined;
let version = 0;

/** Minutes ahead of UTC, per UTC minute asked (an offset changes on a minute, never within one). */
const offsets = new Map<number, number>();
let wallParts: Intl.DateTimeFormat | null = null;

/** The zone chosen for the office (undefined: none, so this computer's). */
export function setOfficeZone(zone: string | undefined): void {
  if (zone === chosen) return;
  chosen = zone;
  offsets.clear();
  wallParts = null;
  version++;
}

/** Moves on with each change of zone: text built in the old one is built again. */
export const officeZoneVersion = () => version;

/** The office's zone by its IANA name ("America/Chicago"). */
export const officeZone = (): string => chosen ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

/** For Intl's options: the chosen zone, or nothing, which Intl reads as this computer's. */
export const intlZone = (): { timeZone?: string } => (chosen === undefined ? {} : { timeZone: chosen });

/** Minutes the office's clocks are ahead of UTC at an instant (-300 in Chicago in summer). */
export function offsetAt(ms: number): number {
  if (chosen === undefined) return -new Date(ms).getTimezoneOffset();
  const minute = Math.floor(ms / 60_000);
  let off = offsets.get(minute);
  if (off === undefined) {
    if (offsets.size > 10_000) offsets.clear(); // an export walks time in order: old minutes are not asked again
    wallParts ??= new Intl.DateTimeFormat('en-US', {
      timeZone: chosen,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    const p: Record<string, number> = {};
    for (const part of wallParts.formatToParts(new Date(minute * 60_000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    off = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - minute * 60_000) / 60_000);
    offsets.set(minute, off);
  }
  return off;
}

/** The office's wall clock at an instant, read with the Date's UTC getters (getUTCHours is the office's hour). */
export const wallClock = (ms: number): Date => new Date(ms + offsetAt(ms) * 60_000);

/** A formatter in the office's zone (and this computer's locale), made again when the zone changes. */
export function zoneFormat(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let built: { version: number; fmt: Intl.DateTimeFormat } | null = null;
  return () => {
    if (built?.version !== version) built = { version, fmt: new Intl.DateTimeFormat(undefined, { ...options, ...intlZone() }) };
    return built.fmt;
  };
}
