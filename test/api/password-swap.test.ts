// A password hash never reaches the audit log, so the chain cannot vouch for it:
// JobTrail signs each hash it sets with the key kept outside the file
// (db/passwordSignatures.ts). A hash swapped in with a SQLite tool, its trigger
// dropped and put back, signs nobody in and is named by the records check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../db/integrity';
import { hashPassword } from '../../electron/services/passwords';
import { outsideConnection } from '../helpers/audit';
import { makeCore, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

describe("a password hash swapped in behind JobTrail's back", () => {
  it('signs nobody in, and the integrity check names the user', () => {
    const signIn = (password: string) => core.raw(null, 'auth.signIn', { name: USER_NAMES.administrator, password });
    expect(signIn(TEST_PASSWORD).ok).toBe(true);

    const tool = outsideConnection(core.file);
    const trigger = tool.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_user_password'").pluck().get() as string;
    tool.exec('DROP TRIGGER audit_user_password');
    tool.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hashPassword('forged-password'), core.users.administrator.id);
    tool.exec(trigger);
    tool.close();

    const forged = signIn('forged-password');
    expect(forged).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unauthenticated', message: expect.stringMatching(/^The password of Ada Admin was replaced outside JobTrail/) }),
    });
    const report = checkIntegrity(core.db.sqlite);
    expect(report.ok).toBe(false);
    expect(report.state).toEqual([expect.objectContaining({ entity: 'user', id: core.users.administrator.id, field: 'password' })]);
  });

  it('a password an administrator sets again through JobTrail is signed and works', () => {
    const admin = core.users.administrator;
    const made = core.raw('administrator', 'users.setPassword', { id: admin.id, password: 'a-new-good-password' });
    if (!made.ok) throw new Error(made.error.message);
    expect(core.raw(null, 'auth.signIn', { name: USER_NAMES.administrator, password: 'a-new-good-password' }).ok).toBe(true);
    expect(checkIntegrity(core.db.sqlite).state).toEqual([]);
  });
});
