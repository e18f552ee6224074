import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { editVersion } from './editVersion';
import { byId, customFieldValues, id, input, optionalText, page, reasonOf, text } from './fields';
import { DELETE_REASONS } from '../services/reasons';
import { createCustomer, listCustomers, setCustomerDeleted, updateCustomer } from '../services/customers';
import { customerActivity } from '../services/activity';
import { assertMaySeeDeleted, listMyCustomers, readableCustomer, seesOnlyOwnWork } from '../services/fieldworkerScope';

const email = z
  .email('must be an email address like name@example.com')
  .max(200)
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));
const profile = {
  email,
  phone: optionalText(40),
  address: optionalText(300),
  notes: optionalText(4000),
  customFields: customFieldValues.optional(),
};

export const customersApi = {
  'customers.list': entry({
    // A fieldworker's list is the customers of their own bookings, without emails (services/fieldworkerScope.ts).
    summary: 'List customers',
    access: 'fieldworker',
    input: input({ search: z.string().trim().max(200).optional(), deleted: z.boolean().default(false), ...page }),
    run: (ctx, i) => {
      const { user } = serviceContext(ctx);
      if (seesOnlyOwnWork(user)) return listMyCustomers(ctx.db, user, i);
      if (i.deleted) assertMaySeeDeleted(user, 'customers');
      return listCustomers(ctx.db, i);
    },
  }),
  'customers.get': entry({
    summary: 'Open a customer',
    access: 'fieldworker',
    input: byId,
    run: (ctx, i) => readableCustomer(ctx.db, serviceContext(ctx).user, i.id),
  }),
  'customers.activity': entry({
    summary: "See a customer's quotes, bookings, invoices and inquiries",
    access: 'staff',
    input: byId,
    run: (ctx, i) => customerActivity(ctx.db, i.id),
  }),
  'customers.create': entry({
    summary: 'Create customers',
    access: 'staff',
    input: input({ name: text(120), ...profile }),
    run: (ctx, i) => createCustomer(serviceContext(ctx), i),
  }),
  'customers.update': entry({
    summary: 'Edit customers',
    access: 'staff',
    input: input({ id, name: text(120).optional(), ...profile, ...editVersion }),
    run: (ctx, i) => updateCustomer(serviceContext(ctx), i),
  }),
  'customers.delete': entry({
    summary: 'Delete customers',
    access: 'manager',
    input: input({ id, reason: reasonOf(DELETE_REASONS) }),
    run: (ctx, i) => setCustomerDeleted(serviceContext(ctx, i.reason), i, true),
  }),
  'customers.restore': entry({
    summary: 'Restore customers',
    access: 'manager',
    input: byId,
    run: (ctx, i) => setCustomerDeleted(serviceContext(ctx), i, false),
  }),
};
