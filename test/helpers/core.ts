// A real JobTrail core on a real SQLite file in a temp dir, with one signed-in
// session per role: what most tests start from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/app';
import type { Role } from '../../db/schema';
import type { ApiError, ApiInput, ApiName, ApiOutput, Result } from '../../electron/api/contract';
import type { Dispatcher } from '../../electron/api/dispatch';
import type { CallRouter } from '../../electron/core/host';
import { jobEnded } from '../../electron/jobs/registry';
import type { PrintedHead, VerifyOutcome } from '../../electron/jobs/types';

/** An entry's input, which may be left out where the entry needs no field (it then sends {}). */
// `{}` is the point here: it extends an input type exactly when none of its fields is required.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InputArg<K extends ApiName> = {} extends ApiInput<K> ? [input?: ApiInput<K>] : [input: ApiInput<K>];

export interface TestCore extends Core {
  dir: string;
  file: string;
  /** Calls the contract as the given role's test user and returns the value, or throws the ApiError. */
  as(role: Role): <K extends ApiName>(name: K, ...input: InputArg<K>) => ApiOutput<K>;
  /** Calls the contract as the given role (null: nobody signed in) and returns the result, error included. */
  raw<K extends ApiName>(role: Role | null, name: K, ...input: InputArg<K>): Result<ApiOutput<K>>;
  /** Calls the contract on a session of the test's own (one it signs a user in on), returning the result. */
  inSession(sessionKey: string): <K extends ApiName>(name: K, ...input: InputArg<K>) => Result<ApiOutput<K>>;
  /**
   * The untyped door, for tests that mean to send what the contract's types forbid:
   * a name read from a loop over strings, a misspelt entry, garbage input.
   */
  rawUnchecked(role: Role | null, name: string, input: unknown): Result<unknown>;
  users: Record<Role, { id: number; name: string }>;
  dispose(): void;
}

export const TEST_PASSWORD = 'test-password';
export const USER_NAMES: Record<Role, string> = {
  administrator: 'Ada Admin',
  manager: 'Max Manager',
  staff: 'Sam Staff',
  fieldworker: 'Fay Field',
};

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

/**
 * A dispatcher on this thread as a router, for tests of what routes calls (the web
 * server, IPC): the app's own routers send them to the core worker (electron/core/host.ts).
 */
export function routerOf(dispatcher: Dispatcher): CallRouter {
  return { call: async (name, input, sessionKey) => dispatcher.call(name, input, sessionKey) };
}

export function tempDir(prefix = 'jobtrail-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeCore(): TestCore {
  const dir = tempDir();
  const file = join(dir, 'jobtrail.db');
  const core = startCore(file, () => {});
  const sessionOf = (role: Role | null) => (role ? `test:${role}` : 'test:nobody');
  const rawUnchecked = (role: Role | null, name: string, input: unknown) => core.dispatcher.call(name, input, sessionOf(role));
  // The dispatcher checks the input and runs the entry named: the contract's types say what comes back.
  const inSession =
    (sessionKey: string) =>
    <K extends ApiName>(name: K, ...input: InputArg<K>) =>
      core.dispatcher.call(name, input[0] ?? {}, sessionKey) as Result<ApiOutput<K>>;
  const raw = <K extends ApiName>(role: Role | null, name: K, ...input: InputArg<K>) => inSession(sessionOf(role))(name, ...input);
  const setup = raw('administrator', 'auth.setup', { name: USER_NAMES.administrator, password: TEST_PASSWORD });
  if (!setup.ok) throw new Error(setup.error.message);
  const signedInUser = (role: Exclude<Role, 'administrator'>) => {
    const made = raw('administrator', 'users.create', { name: USER_NAMES[role], role, password: TEST_PASSWORD });
    if (!made.ok) throw new Error(made.error.message);
    const signed = raw(role, 'auth.signIn', { name: USER_NAMES[role], password: TEST_PASSWORD });
    if (!signed.ok) throw new Error(signed.error.message);
    return made.value;
  };
  const users: TestCore['users'] = {
    administrator: setup.value,
    manager: signedInUser('manager'),
    staff: signedInUser('staff'),
    fieldworker: signedInUser('fieldworker'),
  };
  const as =
    (role: Role) =>
    <K extends ApiName>(name: K, ...input: InputArg<K>): ApiOutput<K> => {
      const r = raw(role, name, ...input);
      if (!r.ok) throw new ApiCallError(r.error);
      return r.value;
    };
  return {
    ...core,
    dir,
    file,
    as,
    raw,
    inSession,
    rawUnchecked,
    users,
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

/** A whole check of the audit trail through the contract, as a manager starts it from Reports: the finished job's verdict. */
export async function verifyAsManager(core: TestCore, printed?: PrintedHead): Promise<VerifyOutcome> {
  const started = core.as('manager')('jobs.start', { kind: 'verify', printed });
  const ended = await jobEnded(core.db, started.id);
  if (ended.outcome?.kind !== 'verify') throw new Error(`the check ended ${ended.state}: ${ended.error ?? ''}`);
  return ended.outcome;
}
