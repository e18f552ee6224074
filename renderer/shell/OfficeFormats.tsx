// The office's settings (business name, currency, locale, time zone), read once
// someone is signed in, before the office's screens show: every amount and date on
// them is formatted in the office's currency and locale (format.ts). When an
// administrator changes them, the screens are drawn again in the new ones.
import { createContext, Fragment, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { OfficeSettingsView } from '../../electron/services/officeSettings';
import { call, messageOf } from '../api/client';
import { setOfficeFormats } from '../format';

interface Office {
  settings: OfficeSettingsView;
  /** After a change saved: formats from the new settings, and the screens drawn again with them. */
  changed: (s: OfficeSettingsView) => void;
  /** The screens were drawn again after a change saved here (the form that saved it is a new one: it says so from this). */
  redrawn: boolean;
}

const OfficeContext = createContext<Office | null>(null);

export function useOffice(): Office {
  const o = useContext(OfficeContext);
  if (!o) throw new Error('useOffice outside the signed-in office');
  return o;
}

export function OfficeFormats({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<OfficeSettingsView | null>(null);
  const [drawn, setDrawn] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const changed = useCallback((s: OfficeSettingsView) => {
    setOfficeFormats(s);
    setSettings(s);
    setDrawn((n) => n + 1);
  }, []);
  useEffect(() => {
    call('office.settings', {}).then(
      (s) => {
        setOfficeFormats(s);
        setSettings(s);
      },
      (e) => setError(messageOf(e)),
    );
  }, []);
  if (error)
    return (
      <main className="center">
        <div className="card narrow">
          <p className="error" role="alert">
            {error}
          </p>
        </div>
      </main>
    );
  if (!settings)
    return (
      <main className="center">
        <p className="muted">Opening JobTrail…</p>
      </main>
    );
  return (
    <OfficeContext.Provider value={{ settings, changed, redrawn: drawn > 0 }}>
      <Fragment key={drawn}>{children}</Fragment>
    </OfficeContext.Provider>
  );
}
