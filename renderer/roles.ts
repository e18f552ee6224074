// The roles as the screens list them, most rights first.
import type { ApiOutput } from '../electron/api/contract';

export type Role = ApiOutput<'auth.signIn'>['role'];
export const ROLE_ORDER: Role[] = ['administrator', 'manager', 'staff', 'fieldworker'];
