// The payment arithmetic over random sequences of add, approve, reject, refund,
// send and void through the contract, against a model of what each step should do.
// At every step: the balance each invoice gives is amount − approved − pending, its
// status and state agree with its payments, nothing is refunded that was not paid,
// nothing over the balance goes in unconfirmed, every refusal writes nothing, and
// every change writes exactly its audit rows (with the reason where one is asked).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../db/chain';
import type { ApiName, Result } from '../../electron/api/contract';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer, tableCounts, written } from '../helpers/audit';

const RUNS = Number(process.env.JOBTRAIL_FC_RUNS ?? 25);
const SEED = Number(process.env.JOBTRAIL_FC_SEED ?? 20260315);

let core: TestCore;
beforeAll(() => {
  core = makeCore();
});
afterAll(() => core.dispose());

type Method = 'cash' | 'card' | 'check' | 'bank_transfer';
interface ModelPayment {
  id: number;
  invoice: number;
  amount: number;
  status: 'pending' | 'approved' | 'rejected' | 'refunded';
  over: boolean;
  everApproved: boolean;
}
interface ModelInvoice {
  id: number;
  number: string;
  bookingId: number;
  amount: number;
  status: 'draft' | 'sent' | 'paid' | 'void';
}
interface Model {
  invoices: ModelInvoice[];
  payments: ModelPayment[];
}

const pick = fc.nat(1000);
const step = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      inv: fc.nat(1),
      // Often what the form pre-fills (the balance due), or a cent over it: the edges of the rule.
      amount: fc.oneof(fc.integer({ min: 1, max: 15000 }), fc.constantFrom('balance' as const, 'cent over' as const, 'half' as const)),
      method: fc.constantFrom<Method>('cash', 'card', 'check', 'bank_transfer'),
      confirm: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('approve' as const), p: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('reject' as const), p: pick, code: fc.constantFrom('duplicate', 'entered_in_error', 'customer_agreed') }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), p: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('send' as const), inv: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), inv: fc.nat(1), code: fc.constantFrom('duplicate', 'other') }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const REASON_WORDS: Record<string, string> = {
  duplicate: 'Duplicate',
  entered_in_error: 'Entered in error',
  customer_agreed: 'Agreed with the customer',
  other: 'Other: sent to the wrong customer',
};
const sums = (m: Model, inv: number) => {
  const of = (s: ModelPayment['status']) => m.payments.filter((p) => p.invoice === inv && p.status === s).reduce((n, p) => n + p.amount, 0);
  return { approved: of('approved'), pending: of('pending') };
};

/** What the step should do: refused (with the field when it names one), or the audit events it writes, and the model after it. */
type Expected = { refused: 'conflict'; field?: string } | { events: [entity: string, event: string][]; reason?: string; apply: (id?: number) => void };

/** The amount a step logs: a number, or one made from the invoice's balance right now. */
function amountOf(m: Model, s: Extract<Step, { kind: 'add' }>): number {
  if (typeof s.amount === 'number') return s.amount;
  const inv = m.invoices[s.inv];
  const { approved, pending } = sums(m, inv.id);
  const balance = inv.amount - approved - pending;
  const made = s.amount === 'balance' ? balance : s.amount === 'cent over' ? balance + 1 : Math.floor(balance / 2);
  return Math.max(made, 1);
}

function expectation(m: Model, s: Step): Expected {
  if (s.kind === 'add' || s.kind === 'send' || s.kind === 'void') {
    const inv = m.invoices[s.inv];
    const { approved, pending } = sums(m, inv.id);
    if (s.kind === 'send') {
      return inv.status !== 'draft'
        ? { refused: 'conflict' }
        : {
            events: [['invoice', 'invoice sent']],
            apply: () => {
              inv.status = 'sent';
            },
          };
    }
    if (s.kind === 'void') {
      if (inv.status === 'void' || approved > 0 || pending > 0) return { refused: 'conflict' };
      return {
        events: [['invoice', 'invoice voided']],
        reason: REASON_WORDS[s.code],
        apply: () => {
          inv.status = 'void';
        },
      };
    }
    if (inv.status === 'void' || inv.status === 'draft') return { refused: 'conflict', field: 'invoiceId' };
    const amount = amountOf(m, s);
    const over = amount > inv.amount - approved - pending;
    if (over && !s.confirm) return { refused: 'conflict', field: 'overpayment' };
    const method = s.method.replace('_', ' ');
    return {
      events: [['payment', `payment logged (${method}${over ? ', overpayment' : ''})`]],
      apply: (id) => {
        m.payments.push({ id: id!, invoice: inv.id, amount, status: 'pending', over, everApproved: false });
      },
    };
  }
  const p = m.payments[s.p % Math.max(m.payments.length, 1)];
  const inv = m.invoices.find((i) => i.id === p.invoice)!;
  const { approved } = sums(m, inv.id);
  if (s.kind === 'approve') {
    if (p.status !== 'pending') return { refused: 'conflict' };
    const pays = inv.status === 'sent' && approved + p.amount >= inv.amount;
    return {
      events: [['payment', 'payment approved'], ...(pays ? [['invoice', 'invoice paid'] as [string, string]] : [])],
      apply: () => {
        p.status = 'approved';
        p.everApproved = true;
        if (pays) inv.status = 'paid';
      },
    };
  }
  if (s.kind === 'reject') {
    if (p.status !== 'pending') return { refused: 'conflict' };
    return {
      events: [['payment', 'payment rejected']],
      reason: REASON_WORDS[s.code],
      apply: () => {
        p.status = 'rejected';
      },
    };
  }
  if (p.status !== 'approved') return { refused: 'conflict' };
  const reopens = inv.status === 'paid' && approved - p.amount < inv.amount;
  return {
    events: [['payment', 'payment refunded'], ...(reopens ? [['invoice', 'invoice reopened'] as [string, string]] : [])],
    apply: () => {
      p.status = 'refunded';
      if (reopens) inv.status = 'sent';
    },
  };
}

function call(m: Model, s: Step): Result<{ id: number }> {
  const raw = (role: 'staff' | 'manager', name: ApiName, input: unknown) => core.rawUnchecked(role, name, input) as Result<{ id: number }>;
  switch (s.kind) {
    case 'add':
      return raw('staff', 'payments.add', {
        invoiceId: m.invoices[s.inv].id,
        amountCents: amountOf(m, s),
        method: s.method,
        ...(s.confirm ? { overpayment: true } : {}),
      });
    case 'send':
      return raw('staff', 'invoices.send', { id: m.invoices[s.inv].id });
    case 'void':
      return raw('manager', 'invoices.void', {
        id: m.invoices[s.inv].id,
        reason: s.code === 'other' ? { code: 'other', note: 'sent to the wrong customer' } : { code: s.code },
      });
    default: {
      const p = m.payments[s.p % m.payments.length];
      const reason = s.kind === 'reject' ? { reason: { code: s.code } } : {};
      return raw('manager', `payments.${s.kind}`, { id: p.id, ...reason });
    }
  }
}

/** The invariants, read through the contract and straight from the tables. */
function checkInvariants(m: Model): void {
  for (const inv of m.invoices) {
    const listed = core
      .as('staff')('invoices.list', { bookingId: inv.bookingId })
      .find((i) => i.id === inv.id)!;
    const stored = core.db.sqlite
      .prepare(
        `SELECT
      coalesce(sum(CASE WHEN status = 'approved' THEN amount_cents END), 0) AS approved,
      coalesce(sum(CASE WHEN status = 'pending' THEN amount_cents END), 0) AS pending,
      coalesce(sum(CASE WHEN status = 'refunded' THEN amount_cents END), 0) AS refunded,
      coalesce(sum(CASE WHEN overpayment = 1 AND status IN ('approved', 'pending') THEN amount_cents END), 0) AS flagged
      FROM payments WHERE invoice_id = ?`,
      )
      .get(inv.id) as { approved: number; pending: number; refunded: number; flagged: number };
    expect(listed.paidCents).toBe(stored.approved);
    expect(listed.pendingCents).toBe(stored.pending);
    expect(listed.balanceCents).toBe(listed.amountCents - stored.approved - stored.pending);
    // The status follows the payments: paid exactly while approved money covers a sent invoice.
    expect(listed.status).toBe(inv.status);
    if (listed.status === 'sent' || listed.status === 'paid') expect(listed.status === 'paid').toBe(stored.approved >= listed.amountCents);
    const state =
      listed.status === 'draft' || listed.status === 'void'
        ? listed.status
        : stored.approved > listed.amountCents
          ? 'overpaid'
          : stored.approved >= listed.amountCents
            ? 'paid'
            : stored.approved > 0
              ? 'part_paid'
              : 'sent';
    expect(listed.state).toBe(state);
    // Nothing goes over the amount without someone having confirmed it as an overpayment.
    expect(stored.approved + stored.pending - stored.flagged).toBeLessThanOrEqual(listed.amountCents);
    // A refund gives back a payment that was approved, never more.
    const everApproved = m.payments.filter((p) => p.invoice === inv.id && p.everApproved).reduce((n, p) => n + p.amount, 0);
    expect(stored.refunded).toBeLessThanOrEqual(everApproved);
    if (listed.status === 'void') expect(stored.approved + stored.pending).toBe(0);
  }
  const listed = core.as('staff')('payments.list', { bookingId: m.invoices[0].bookingId });
  for (const p of m.payments) expect(listed.find((x) => x.id === p.id)).toMatchObject({ status: p.status, amountCents: p.amount, overpayment: p.over });
}

describe('payment arithmetic over random sequences', () => {
  it('balance, status and audit rows agree with a model of the payments at every step', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 30 }), fc.integer({ min: 1000, max: 20000 }), (steps, price) => {
        const b = makeBooking(core, makeCustomer(core).id, { priceCents: price });
        const full = core.as('staff')('invoices.create', { bookingId: b.id });
        core.as('staff')('invoices.send', { id: full.id });
        const fee = core.as('staff')('invoices.create', { bookingId: b.id, purpose: 'late_change_fee', amountCents: 5500 });
        const m: Model = {
          payments: [],
          invoices: [
            { id: full.id, number: full.number, bookingId: b.id, amount: price, status: 'sent' },
            { id: fee.id, number: fee.number, bookingId: b.id, amount: 5500, status: 'draft' },
          ],
        };
        for (const s of steps) {
          if ((s.kind === 'approve' || s.kind === 'reject' || s.kind === 'refund') && m.payments.length === 0) continue;
          const want = expectation(m, s);
          const before = tableCounts(core);
          const { value: r, rows } = written(core, () => call(m, s));
          if ('refused' in want) {
            expect(r.ok, `${JSON.stringify(s)} should be refused`).toBe(false);
            if (!r.ok) expect(r.error).toMatchObject({ code: want.refused, ...(want.field ? { field: want.field } : {}) });
            expect(tableCounts(core)).toEqual(before);
          } else {
            expect(r.ok, `${JSON.stringify(s)}: ${r.ok ? '' : r.error.message}`).toBe(true);
            expect(rows.map((x) => [x.entity, x.event])).toEqual(want.events);
            const reasons = core.db.sqlite
              .prepare(`SELECT reason FROM audit_log WHERE id > ? ORDER BY id`)
              .pluck()
              .all(rows[0].id - 1);
            expect(reasons).toEqual(rows.map(() => want.reason ?? null));
            want.apply(r.ok ? r.value.id : undefined);
          }
          checkInvariants(m);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(verifyChain(core.db.sqlite).ok).toBe(true);
  });
});
