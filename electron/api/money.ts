import { z } from 'zod';
import { PAYMENT_METHODS } from '../../db/schema';
import { entry, serviceContext } from './entry';
import { byId, cents, id, input, positiveCents } from './fields';
import { createInvoice, listInvoices, sendInvoice } from '../services/invoices';
import { addPayment, approvePayment, listPayments, refundPayment } from '../services/payments';

const byBooking = input({ bookingId: id });

export const moneyApi = {
  'invoices.list': entry({
    summary: "List a booking's invoices", access: 'staff', input: byBooking,
    run: (ctx, i) => listInvoices(ctx.db, i),
  }),
  'invoices.create': entry({
    summary: 'Create invoices', access: 'staff', input: input({ bookingId: id, amountCents: cents.optional() }),
    run: (ctx, i) => createInvoice(serviceContext(ctx), i),
  }),
  'invoices.send': entry({
    summary: 'Send invoices', access: 'staff', input: byId,
    run: (ctx, i) => sendInvoice(serviceContext(ctx), i),
  }),
  'payments.list': entry({
    summary: "List a booking's payments", access: 'staff', input: byBooking,
    run: (ctx, i) => listPayments(ctx.db, i),
  }),
  'payments.add': entry({
    summary: 'Log payments', access: 'staff',
    input: input({ invoiceId: id, amountCents: positiveCents,
      method: z.enum(PAYMENT_METHODS, 'must be cash, card, check or bank_transfer') }),
    run: (ctx, i) => addPayment(serviceContext(ctx), i),
  }),
  'payments.approve': entry({
    summary: 'Approve payments', access: 'manager', input: byId,
    run: (ctx, i) => approvePayment(serviceContext(ctx), i),
  }),
  'payments.refund': entry({
    summary: 'Issue refunds', access: 'manager', input: byId,
    run: (ctx, i) => refundPayment(serviceContext(ctx), i),
  }),
};
