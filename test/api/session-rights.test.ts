// What the sign-in screen and the UI's rights mirror get from the main process:
// the accounts to pick from (names and roles only), and for the signed-in user
// exactly the entries the dispatcher will let through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../electron/api/contract';
import type { Role } from '../../db/schema';
import { makeCore, USER_NAMES, type TestCore } from '../helpers/core';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

describe('auth.accounts', () => {
  it('lists the active accounts by name and role, and nothing else, to someone not signed in', () => {
    const r = core.raw(null, 'auth.accounts', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual(expect.arrayContaining((Object.entries(USER_NAMES) as [Role, string][]).map(([role, name]) => ({ name, role }))));
    for (const a of r.value) expect(Object.keys(a).sort()).toEqual(['name', 'role']);
  });

  it('leaves out a deactivated account', () => {
    const made = core.as('administrator')('users.create', { name: 'Gone Soon', role: 'staff', password: 'long-enough-pw' });
    core.as('administrator')('users.setActive', { id: made.id, active: false });
    const r = core.raw(null, 'auth.accounts', {});
    expect(r.ok && r.value.map((a) => a.name)).not.toContain('Gone Soon');
  });
});

describe('auth.status says what the signed-in role may call', () => {
  it.each(['fieldworker', 'staff', 'manager', 'administrator'] as const)('for a %s, exactly the entries the dispatcher admits', (role) => {
    const r = core.raw(role, 'auth.status', {});
    if (!r.ok) throw new Error(r.error.message);
    const allowed = new Set(r.value.allowed);
    for (const name of Object.keys(contract)) {
      // Garbage input: an admitted call fails at the input check, a refused one at the role check.
      const answer = core.rawUnchecked(role, name, 'not an object');
      const admitted = answer.ok || !['forbidden', 'unauthenticated'].includes(answer.error.code);
      expect(allowed.has(name), `${role} ${name}`).toBe(admitted);
    }
  });

  it('nobody signed in may call nothing', () => {
    expect(core.raw(null, 'auth.status', {})).toMatchObject({ ok: true, value: { user: null, allowed: [] } });
  });
});
