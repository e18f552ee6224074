// The one contract between the renderer and the main process. IPC and HTTP both
// dispatch into this map and nothing else.
import type { z } from 'zod';
import { authApi } from './auth';
import { usersApi } from './users';
import { customersApi } from './customers';
import { bookingsApi } from './bookings';
import { moneyApi } from './money';
import { salesApi } from './sales';
import { settingsApi } from './settings';
import { historyApi } from './history';
import { jobsApi } from './jobs';
import { reportsApi } from './reports';
import { archivesApi } from './archives';
import { erasureApi } from './erasure';
import { recycleBinApi } from './recycleBin';
import { backupsApi } from './backups';
import { propertiesApi } from './properties';
import { readingsApi } from './readings';
import { equipmentApi } from './equipment';
import { setupApi } from './setup';
import { aboutApi } from './about';
import { visitsApi } from './visits';
import { officeApi } from './office';
import type { AnyEntry, Result } from './dispatch';

export type { Result, ApiError } from './dispatch';

const domains = [
  officeApi,
  propertiesApi,
  setupApi,
  aboutApi,
  authApi,
  usersApi,
  customersApi,
  bookingsApi,
  moneyApi,
  salesApi,
  settingsApi,
  historyApi,
  jobsApi,
  reportsApi,
  recycleBinApi,
  erasureApi,
  archivesApi,
  backupsApi,
  readingsApi,
  equipmentApi,
  visitsApi,
];

function merge<T extends Record<string, AnyEntry>[]>(maps: T): Record<string, AnyEntry> {
  const all: Record<string, AnyEntry> = {};
  for (const m of maps) {
    for (const [name, e] of Object.entries(m)) {
      if (Object.hasOwn(all, name)) throw new Error(`contract entry "${name}" is registered twice`);
      all[name] = e;
    }
  }
  return all;
}

type Merged = typeof officeApi &
  typeof propertiesApi &
  typeof setupApi &
  typeof aboutApi &
  typeof authApi &
  typeof usersApi &
  typeof customersApi &
  typeof bookingsApi &
  typeof moneyApi &
  typeof salesApi &
  typeof settingsApi &
  typeof historyApi &
  typeof jobsApi &
  typeof reportsApi &
  typeof recycleBinApi &
  typeof erasureApi &
  typeof archivesApi &
  typeof backupsApi &
  typeof readingsApi &
  typeof equipmentApi &
  typeof visitsApi;

export const contract = merge(domains) as Merged & Record<string, AnyEntry>;

export type Contract = Merged;
export type ApiName = keyof Contract;
export type ApiInput<K extends ApiName> = z.input<Contract[K]['input']>;
export type ApiOutput<K extends ApiName> = ReturnType<Contract[K]['run']>;

/** What the renderer holds: window.api in the app, the HTTP client in web mode. */
export interface ApiClient {
  invoke<K extends ApiName>(name: K, input: ApiInput<K>): Promise<Result<ApiOutput<K>>>;
}
