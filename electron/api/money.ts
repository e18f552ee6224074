import { z } from 'zod';
import { INVOICE_PURPOSES, PAYMENT_METHODS } from '../../db/schema';
import { entry, serviceContext } from './entry';
import { byId, id, input, optionalText, positiveCents, reasonOf } from './fields';
import { CORRECTION_REASONS } from '../services/reasons';
import { createInvoice, listInvoices, sendInvoice, voidInvoice } from '../services/invoices';
import { addPayment, approvePayment, listPayments, refundPayment, rejectPayment } from '../services/payments';

const byBooking = input({ bookingId: id });
const correction = reasonOf(CORRECTION_REASONS);

export const moneyApi = {
  'invoices.list': entry({
    summary: "List a booking's invoices, each with what is paid, pending and still due",
    access: 'staff',
    input: byBooking,
    run: (ctx, i) => listInvoices(ctx.db, i),
  }),
  'invoices.create': entry({
    summary: 'Create invoices',
    access: 'staff',
    input: input({
      bookingId: id,
      purpose: z.enum(INVOICE_PURPOSES, `must be one of ${INVOICE_PURPOSES.join(', ')}`).optional(),
      amountCents: positiveCents.optional(),
      line: optionalText(200),
    }),
    run: (ctx, i) => createInvoice(serviceContext(ctx), i),
  }),
  'invoices.send': entry({
    summary: 'Send invoices',
    access: 'staff',
    input: byId,
    run: (ctx, i) => sendInvoice(serviceContext(ctx), i),
  }),
  'invoices.void': entry({
    summary: 'Void invoices made or sent in error',
    access: 'manager',
    input: input({ id, reason: correction }),
    run: (ctx, i) => voidInvoice(serviceContext(ctx, i.reason), { id: i.id }),
  }),
  'payments.list': entry({
    summary: "List a booking's payments",
    access: 'staff',
    input: byBooking,
    run: (ctx, i) => listPayments(ctx.db, i),
  }),
  'payments.add': entry({
    summary: 'Log payments',
    access: 'staff',
    input: input({
      invoiceId: id,
      amountCents: positiveCents,
      method: z.enum(PAYMENT_METHODS, 'must be cash, card, check or bank_transfer'),
      overpayment: z.boolean('must be true or false').optional(),
    }),
    run: (ctx, i) => addPayment(serviceContext(ctx), i),
  }),
  'payments.approve': entry({
    summary: 'Approve payments',
    access: 'manager',
    input: byId,
    run: (ctx, i) => approvePayment(serviceContext(ctx), i),
  }),
  'payments.reject': entry({
    summary: 'Reject pending payments',
    access: 'manager',
    input: input({ id, reason: correction }),
    run: (ctx, i) => rejectPayment(serviceContext(ctx, i.reason), { id: i.id }),
  }),
  'payments.refund': entry({
    summary: 'Issue refunds',
    access: 'manager',
    input: byId,
    run: (ctx, i) => refundPayment(serviceContext(ctx), i),
  }),
};
