// A customer's profile as a form holds it (every value as typed, '' for none),
// and the way back to what the contract takes. Shared by New customer and Details.
import type { ApiOutput } from '../../electron/api/contract';
import { FormError } from '../api/useApi';
import { changedValues, filledValues, formValues } from '../components/CustomFieldInput';

export type Customer = ApiOutput<'customers.get'>;
export type CustomerActivity = ApiOutput<'customers.activity'>;

export interface CustomerDraft {
  name: string;
  phone: string;
  email: string;
  address: string;
  notes: string;
  customFields: Record<string, string>;
}

export const PROFILE_FIELDS = ['name', 'phone', 'email', 'address', 'notes', 'customFields'] as const;
/** The fields that may be emptied; a name may not. */
const CLEARABLE = ['phone', 'email', 'address', 'notes'] as const;

export const EMPTY_DRAFT: CustomerDraft = { name: '', phone: '', email: '', address: '', notes: '', customFields: {} };

export function draftOf(c: Customer): CustomerDraft {
  return {
    name: c.name,
    phone: c.phone ?? '',
    email: c.email ?? '',
    address: c.address ?? '',
    notes: c.notes ?? '',
    customFields: formValues(c.customFields),
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function checked(d: CustomerDraft): CustomerDraft {
  if (!d.name.trim()) throw new FormError('Enter the customer’s name.', 'name');
  return d;
}

/** What New customer sends: only the values someone typed. */
export function createInput(d: CustomerDraft) {
  checked(d);
  const customFields = filledValues(d.customFields);
  return {
    name: d.name.trim(),
    phone: orNull(d.phone),
    email: orNull(d.email),
    address: orNull(d.address),
    notes: orNull(d.notes),
    ...(customFields ? { customFields } : {}),
  };
}

/** Only what changed, so that saving writes one History row per changed field and nothing else. */
export function changedFields(before: Customer, d: CustomerDraft) {
  checked(d);
  const patch: { name?: string; customFields?: Record<string, string | null> } & Partial<Record<(typeof CLEARABLE)[number], string | null>> = {};
  if (d.name.trim() !== before.name) patch.name = d.name.trim();
  for (const f of CLEARABLE) {
    const next = orNull(d[f]);
    if (next !== (before[f] ?? null)) patch[f] = next;
  }
  const customFields = changedValues(before.customFields, d.customFields);
  if (customFields) patch.customFields = customFields;
  return patch;
}
