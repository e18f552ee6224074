// The roles as the screens list them, most rights first.
import type { ApiOutput } from '../electron/api/contract';

export type Role = ApiOutput<'auth.signIn'>['role'];
export const ROLE_ORDER: Role[] = ['administrator', 'manager', 'staff', 'fieldworker'];

/** A role as a sentence says it: "an administrator", "a manager", "staff", "a fieldworker". */
export function roleInWords(role: Role): string {
  return role === 'staff' ? 'staff' : role === 'administrator' ? 'an administrator' : `a ${role}`;
}
