// Wrong passwords slow down, in the main process: after three for one name, that
// name rests for a delay that doubles with each further failure; after many across
// all names, every sign-in rests a little. The clock is the test's, so nothing waits.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInThrottle, useSignInThrottle } from '../../electron/services/signInThrottle';
import { makeCore, TEST_PASSWORD, USER_NAMES } from '../helpers/core';

const core = makeCore();
afterAll(() => core.dispose());

let clock = 0;
beforeEach(() => {
  clock = Date.parse('2026-03-01T09:00:00Z');
  useSignInThrottle(core.db, new SignInThrottle({ now: () => clock }));
});

const signIn = (name: string, password: string) => core.raw(null, 'auth.signIn', { name, password });
const later = (seconds: number) => {
  clock += seconds * 1000;
};
const WRONG = { ok: false, error: { code: 'unauthenticated', message: 'That name and password do not match an active user.' } };
const resting = (name: string, seconds: number) => ({
  ok: false,
  error: {
    code: 'unauthenticated',
    field: 'password',
    message: `Too many wrong passwords for ${name}; try again in ${seconds === 1 ? '1 second' : `${seconds} seconds`}.`,
  },
});

describe('signing in with wrong passwords', () => {
  it('refuses a name after three wrong passwords, even with the right one, until its delay has passed', () => {
    for (let i = 0; i < 3; i++) expect(signIn(USER_NAMES.staff, 'wrong-password')).toEqual(WRONG);
    expect(signIn(USER_NAMES.staff, TEST_PASSWORD)).toEqual(resting(USER_NAMES.staff, 5));
    later(4.2);
    expect(signIn(USER_NAMES.staff, TEST_PASSWORD)).toEqual(resting(USER_NAMES.staff, 1));
    later(1);
    expect(signIn(USER_NAMES.staff, TEST_PASSWORD)).toMatchObject({ ok: true, value: { name: USER_NAMES.staff } });
  });

  it('doubles the delay with every further wrong password, up to fifteen minutes', () => {
    for (let i = 0; i < 3; i++) signIn(USER_NAMES.manager, 'wrong-password');
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = signIn(USER_NAMES.manager, 'wrong-password');
      const seconds = Number(/try again in (\d+) second/.exec(!r.ok ? r.error.message : '')?.[1]);
      delays.push(seconds);
      later(seconds);
      expect(signIn(USER_NAMES.manager, 'still-wrong')).toEqual(WRONG);
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 900, 900]);
  });

  it('a right password resets the count', () => {
    signIn(USER_NAMES.fieldworker, 'wrong-password');
    signIn(USER_NAMES.fieldworker, 'wrong-password');
    expect(signIn(USER_NAMES.fieldworker, TEST_PASSWORD).ok).toBe(true);
    signIn(USER_NAMES.fieldworker, 'wrong-password');
    signIn(USER_NAMES.fieldworker, 'wrong-password');
    expect(signIn(USER_NAMES.fieldworker, 'wrong-password')).toEqual(WRONG);
    expect(signIn(USER_NAMES.fieldworker, TEST_PASSWORD)).toEqual(resting(USER_NAMES.fieldworker, 5));
  });

  it('counts a name however it is typed, leaves other names alone, and treats unknown names the same', () => {
    signIn('sam staff', 'wrong-password');
    signIn('SAM STAFF', 'wrong-password');
    signIn(` ${USER_NAMES.staff}`, 'wrong-password');
    expect(signIn(USER_NAMES.staff, TEST_PASSWORD)).toEqual(resting(USER_NAMES.staff, 5));
    expect(signIn(USER_NAMES.administrator, TEST_PASSWORD).ok).toBe(true);
    // A name nobody has: the same answers, so the throttle does not tell which names exist.
    for (let i = 0; i < 3; i++) expect(signIn('Nobody Here', 'wrong-password')).toEqual(WRONG);
    expect(signIn('Nobody Here', 'wrong-password')).toEqual(resting('Nobody Here', 5));
  });

  it('after twenty wrong passwords across many names, every sign-in rests a moment', () => {
    for (let i = 0; i < 20; i++) expect(signIn(`Guess ${i}`, 'wrong-password')).toEqual(WRONG);
    expect(signIn(USER_NAMES.administrator, TEST_PASSWORD)).toEqual({
      ok: false,
      error: { code: 'unauthenticated', field: 'password', message: 'Too many wrong passwords on this computer; try again in 1 second.' },
    });
    later(1);
    expect(signIn(USER_NAMES.administrator, TEST_PASSWORD).ok).toBe(true);
  });

  it("forgets a name's wrong passwords after an hour", () => {
    for (let i = 0; i < 2; i++) signIn(USER_NAMES.staff, 'wrong-password');
    later(3600);
    expect(signIn(USER_NAMES.staff, 'wrong-password')).toEqual(WRONG);
    expect(signIn(USER_NAMES.staff, TEST_PASSWORD).ok).toBe(true);
  });

  it('answers at once while a name rests: the main process is not held up', () => {
    for (let i = 0; i < 3; i++) signIn(USER_NAMES.staff, 'wrong-password');
    // The answer is returned by the call itself (no timer, no promise): nothing sleeps.
    const r = signIn(USER_NAMES.staff, TEST_PASSWORD);
    expect(r).not.toBeInstanceOf(Promise);
    expect(r).toEqual(resting(USER_NAMES.staff, 5));
  });
});
