// A web page's session ends after a while without a call (a closed tab never calls
// again); the window's session does not. The clock is the store's, so the half
// hour passes in a line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../electron/api/contract';
import { createDispatcher, type Dispatcher } from '../../electron/api/dispatch';
import { Sessions, WEB_SESSION_IDLE_MS, webSessionKey } from '../../electron/api/sessions';
import { makeCore, TEST_PASSWORD, USER_NAMES, type TestCore } from '../helpers/core';

let core: TestCore;
let now = 0;
let sessions: Sessions;
let dispatcher: Dispatcher;

const MINUTE = 60_000;
const tab = webSessionKey('tab-of-sam-staff');
const windowKey = 'ipc:1';

function signIn(key: string) {
  const r = dispatcher.call('auth.signIn', { name: USER_NAMES.staff, password: TEST_PASSWORD }, key);
  expect(r.ok).toBe(true);
}
const listCustomers = (key: string) => dispatcher.call('customers.list', {}, key);
const who = (key: string) => {
  const r = dispatcher.call('auth.status', {}, key);
  return r.ok ? ((r.value as { user: { name: string } | null }).user?.name ?? null) : r.error.code;
};

beforeAll(() => {
  core = makeCore();
});

afterAll(() => core?.dispose());

describe('sessions: a web page left without calls', () => {
  beforeAll(() => {
    sessions = new Sessions({ now: () => now });
    dispatcher = createDispatcher(core.db, contract, sessions, () => {});
  });

  it('lasts half an hour without a call, and every call starts the half hour again', () => {
    expect(WEB_SESSION_IDLE_MS).toBe(30 * MINUTE);
    now = 0;
    signIn(tab);
    for (let i = 0; i < 4; i++) {
      now += 29 * MINUTE;
      expect(listCustomers(tab).ok).toBe(true);
    }
    expect(who(tab)).toBe(USER_NAMES.staff);
  });

  it('ends after half an hour without a call: the next call is answered "not signed in"', () => {
    now = 1000 * MINUTE;
    signIn(tab);
    now += 30 * MINUTE;
    const r = listCustomers(tab);
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(who(tab)).toBeNull();
    // Coming back to the page again does not bring it back either.
    now += 1;
    expect(listCustomers(tab).ok).toBe(false);
  });

  it('keeps the window signed in however long it is left', () => {
    now = 2000 * MINUTE;
    signIn(windowKey);
    now += 24 * 60 * MINUTE;
    expect(listCustomers(windowKey).ok).toBe(true);
  });

  it('ends one tab without touching another that kept calling', () => {
    const other = webSessionKey('tab-still-open');
    now = 3000 * MINUTE;
    signIn(tab);
    signIn(other);
    now += 20 * MINUTE;
    expect(listCustomers(other).ok).toBe(true);
    now += 20 * MINUTE;
    expect(listCustomers(tab).ok).toBe(false);
    expect(listCustomers(other).ok).toBe(true);
  });
});

describe('sessions: forgetting closed tabs', () => {
  it('drops the sessions that ran out when someone signs in, so closed tabs do not pile up', () => {
    const store = new Sessions({ webIdleMs: 10, now: () => now });
    const user = core.users.staff as Parameters<Sessions['bind']>[1];
    now = 0;
    for (let i = 0; i < 100; i++) store.bind(webSessionKey(`closed-tab-${i}`), user);
    store.bind('ipc:7', user);
    now = 10;
    store.bind(webSessionKey('new-tab'), user);
    const held = (store as unknown as { byKey: Map<string, unknown> }).byKey;
    expect([...held.keys()].sort()).toEqual([webSessionKey('new-tab'), 'ipc:7']);
  });
});
