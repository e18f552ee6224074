// Tests call the contract typed: a name that is not an entry, an input the entry
// does not take, or a field its answer does not have fails to compile (checked by
// `npm run typecheck`, which fails on an expected error that does not happen),
// and the dispatcher refuses the same call when it runs.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiOutput } from '../../electron/api/contract';
import { makeCore, type TestCore } from '../helpers/core';

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

describe('the test helper calls the contract typed', () => {
  it("answers with the entry's output, whose fields are known", () => {
    const c = core.as('staff')('customers.create', { name: 'Typed Tess' });
    expectTypeOf(c).toEqualTypeOf<ApiOutput<'customers.create'>>();
    expect(core.as('staff')('customers.get', { id: c.id }).name).toBe('Typed Tess');
    // @ts-expect-error: a customer has no field "nme"
    expect(c.nme).toBeUndefined();
  });

  it('an entry that needs no input field may be called without an input', () => {
    expect(core.as('staff')('auth.status').user?.role).toBe('staff');
  });

  it('a name that is not an entry does not compile, and the dispatcher answers unknown_call', () => {
    // @ts-expect-error: there is no entry "customers.lst"
    expect(core.raw('staff', 'customers.lst', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('an input the entry does not take does not compile, and the dispatcher answers invalid_input', () => {
    // @ts-expect-error: an id is a number
    expect(core.raw('staff', 'customers.get', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    // @ts-expect-error: customers.get needs an id
    expect(core.raw('staff', 'customers.get')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
  });

  it('rawUnchecked takes any name and any input, for the tests that mean to send them', () => {
    expectTypeOf(core.rawUnchecked).parameter(1).toEqualTypeOf<string>();
    expect(core.rawUnchecked('staff', 'customers.lst', 42)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });
});
