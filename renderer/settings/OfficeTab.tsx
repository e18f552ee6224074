// Settings › Office: how this computer shows JobTrail (light or dark), and the
// office's own settings an administrator sets for everyone: the business name on
// every report, the currency of every amount, the locale of dates and numbers, and
// the office's time zone. Others see them, read-only. Each change is in the History.
import { useState } from 'react';
import type { OfficeSettings } from '../../electron/services/officeSettings';
import { call } from '../api/client';
import { placeRefusal, useAction } from '../api/useApi';
import { Field } from '../components/Field';
import { ErrorNote } from '../components/states';
import { useMay } from '../session';
import { useOffice } from '../shell/OfficeFormats';
import { chooseTheme, themeChoice, type ThemeChoice } from '../shell/theme';

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'As the system is set' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Locales an office is likely to want first; any other tag this computer knows can be typed. */
const LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-IE',
  'en-NZ',
  'de-DE',
  'fr-FR',
  'fr-CA',
  'es-ES',
  'es-MX',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'sv-SE',
  'pl-PL',
];

export function OfficeTab() {
  return (
    <div className="office-settings">
      <ThemeCard />
      <OfficeCard />
    </div>
  );
}

function ThemeCard() {
  const [choice, setChoice] = useState(themeChoice);
  return (
    <section className="card side-form" aria-labelledby="theme-title">
      <h2 id="theme-title">On this computer</h2>
      <fieldset className="choices">
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className="choice">
            <input
              type="radio"
              name="theme"
              value={t.value}
              checked={choice === t.value}
              onChange={() => {
                setChoice(t.value);
                chooseTheme(t.value);
              }}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <p className="muted">Kept on this computer for whoever uses it; printed reports stay black on white.</p>
    </section>
  );
}

const FIELDS = ['businessName', 'currency', 'locale', 'timeZone'] as const;

function OfficeCard() {
  const may = useMay();
  const { settings, changed, redrawn } = useOffice();
  // The four settings alone: whether the zone was chosen is the server's to say, not the form's to send.
  const [draft, setDraft] = useState<OfficeSettings>(() => ({
    businessName: settings.businessName,
    currency: settings.currency,
    locale: settings.locale,
    timeZone: settings.timeZone,
  }));
  const [saved, setSaved] = useState(redrawn);
  const save = useAction(async () => changed(await call('office.update', draft)));
  const { errorFor, general } = placeRefusal(save.refusal, FIELDS);
  const set = (k: keyof OfficeSettings) => (v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setSaved(false);
  };
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const editable = may('office.update');
  const unchanged = FIELDS.every((k) => draft[k] === settings[k]);
  return (
    <form
      className="card side-form"
      aria-labelledby="office-title"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void save.go();
      }}
    >
      <h2 id="office-title">The office</h2>
      <p className="muted">
        {editable
          ? 'For everyone who uses JobTrail here. Each change is recorded in the Audit log.'
          : 'Set by an administrator, for everyone who uses JobTrail here.'}
      </p>
      <Field label="Business name" error={errorFor('businessName')} hint="Printed at the top of every report.">
        <input value={draft.businessName} readOnly={!editable} maxLength={120} onChange={(e) => set('businessName')(e.target.value)} />
      </Field>
      <Field label="Currency" error={errorFor('currency')} hint={`Amounts read ${preview(draft, 123456)}.`}>
        <select value={draft.currency} disabled={!editable} onChange={(e) => set('currency')(e.target.value)}>
          {Intl.supportedValuesOf('currency').map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Locale (dates and numbers)" error={errorFor('locale')} hint={`Dates read ${dayPreview(draft)}.`}>
        <input value={draft.locale} readOnly={!editable} list="office-locales" maxLength={35} onChange={(e) => set('locale')(e.target.value)} />
      </Field>
      <datalist id="office-locales">
        {LOCALES.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <Field
        label="Time zone"
        error={errorFor('timeZone')}
        hint={
          settings.zoneChosen
            ? 'Printed reports and exports give their times in it, with its name beside each.'
            : "Not chosen yet: printed reports and exports give their times in this computer's zone, with its name beside each."
        }
      >
        <select value={draft.timeZone} disabled={!editable} onChange={(e) => set('timeZone')(e.target.value)}>
          {zones(draft.timeZone).map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </Field>
      {settings.zoneChosen && here !== settings.timeZone && (
        <p className="notice" role="note">
          This computer is set to {here.replace(/_/g, ' ')}, not the office's {settings.timeZone.replace(/_/g, ' ')}: its screens show its own clock; printed
          reports and exports give the office's time, with the zone named beside each.
        </p>
      )}
      {general && <ErrorNote message={general} />}
      {saved && (
        <p className="notice success" role="status">
          Saved: amounts and dates now read in the office's settings.
        </p>
      )}
      {editable && (
        <button type="submit" className="primary" disabled={save.busy || unchanged}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
      )}
    </form>
  );
}

/** An amount as the draft's currency and locale would show it; the draft's own words when they are not valid yet. */
function preview(s: OfficeSettings, cents: number): string {
  try {
    return new Intl.NumberFormat(s.locale, { style: 'currency', currency: s.currency }).format(cents / 100);
  } catch {
    return 'as the currency and locale say, once both are valid';
  }
}

function dayPreview(s: OfficeSettings): string {
  try {
    return new Intl.DateTimeFormat(s.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date());
  } catch {
    return 'as the locale says, once it is valid';
  }
}

const zones = (current: string) => {
  const all = Intl.supportedValuesOf('timeZone');
  return all.includes(current) ? all : [current, ...all];
};
