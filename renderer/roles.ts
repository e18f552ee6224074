// The roles as the screens list them, most rights first.
import type { ApiOutput } from '../electron/api/contract';

export type Role = ApiOutput<'auth.signIn'>['role'];
export const ROLE_ORDER: Role[] = ['administrator', 'manager', 'staff', 'fieldworker'];

/** A role as a sentence says it: "an administrator", "a manager", "staff", "a fieldworker". */
export function roleInWords(role: Role): string {
  return role === 'staff' ? 'staff' : role === 'administrator' ? 'an administrator' : `a ${role}`;
}

/** Each role as the heading of a group of people: the sign-in list's groups. */
export const ROLE_GROUPS: Record<Role, string> = {
  administrator: 'Administrators',
  manager: 'Managers',
  staff: 'Office staff',
  fieldworker: 'Fieldworkers',
};

/**
 * Whether the role sees prices, invoices and payments: the main process leaves them
 * out of a fieldworker's answers (electron/services/fieldworkerScope.ts), so the
 * screens leave out the columns and words that would stand empty.
 */
export const seesMoney = (role: Role) => role !== 'fieldworker';
