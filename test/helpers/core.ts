// A real JobTrail core on a real SQLite file in a temp dir, with one signed-in
// session per role: what most tests start from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/app';
import type { Role } from '../../db/schema';
import type { ApiError } from '../../electron/api/dispatch';

export interface TestCore extends Core {
  dir: string;
  file: string;
  /** Calls the contract as the given role's test user and returns the value, or throws the ApiError. */
  as(role: Role): <T = any>(name: string, input?: unknown) => T; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Calls the contract as the given role and returns the raw result. */
  raw(role: Role | null, name: string, input?: unknown): ReturnType<Core['dispatcher']['call']>;
  users: Record<Role, { id: number; name: string }>;
  dispose(): void;
}

export const TEST_PASSWORD = 'test-password';
export const USER_NAMES: Record<Role, string> = {
  administrator: 'Ada Admin', manager: 'Max Manager', staff: 'Sam Staff', fieldworker: 'Fay Field',
};

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

export function tempDir(prefix = 'jobtrail-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeCore(): TestCore {
  const dir = tempDir();
  const file = join(dir, 'jobtrail.db');
  const core = startCore(file, () => {});
  const raw = (role: Role | null, name: string, input: unknown = {}) =>
    core.dispatcher.call(name, input, role ? `test:${role}` : 'test:nobody');
  const setup = core.dispatcher.call('auth.setup', { name: USER_NAMES.administrator, password: TEST_PASSWORD }, 'test:administrator');
  if (!setup.ok) throw new Error(setup.error.message);
  const users = { administrator: setup.value as { id: number; name: string } } as TestCore['users'];
  for (const role of ['manager', 'staff', 'fieldworker'] as const) {
    const made = raw('administrator', 'users.create', { name: USER_NAMES[role], role, password: TEST_PASSWORD });
    if (!made.ok) throw new Error(made.error.message);
    users[role] = made.value as { id: number; name: string };
    const signed = raw(role, 'auth.signIn', { name: USER_NAMES[role], password: TEST_PASSWORD });
    if (!signed.ok) throw new Error(signed.error.message);
  }
  const as = (role: Role) => (name: string, input: unknown = {}) => {
    const r = raw(role, name, input);
    if (!r.ok) throw new ApiCallError(r.error);
    return r.value as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return {
    ...core, dir, file, as, raw, users,
    dispose() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** All audit rows after a given id, oldest first, straight from SQLite. */
export function auditRowsAfter(core: Core, afterId: number) {
  return core.db.sqlite.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(afterId) as Record<string, unknown>[];
}

export function lastAuditId(core: Core): number {
  return (core.db.sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
}
