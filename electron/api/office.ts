// The office's own settings (electron/services/officeSettings.ts): everyone signed
// in reads them (money, dates and the zone are shown with them on every screen);
// an administrator changes them, each change a row in the History.
import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { input } from './fields';
import { officeSettings, setOfficeSettings } from '../services/officeSettings';

const setting = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const officeApi = {
  'office.settings': entry({
    summary: "See the office's settings (business name, currency, locale, time zone)",
    access: 'fieldworker',
    input: input({}),
    run: (ctx) => officeSettings(ctx.db),
  }),
  'office.update': entry({
    summary: "Change the office's settings",
    access: 'administrator',
    input: input({ businessName: setting(120).optional(), currency: setting(3).optional(), locale: setting(35).optional(), timeZone: setting(64).optional() }),
    run: (ctx, i) => setOfficeSettings(serviceContext(ctx), i),
  }),
};
