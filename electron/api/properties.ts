import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { byId, historyFilters, historyPage, id, input, optionalText, reasonOf, text } from './fields';
import { DELETE_REASONS } from '../services/reasons';
import { addUnit, createProperty, listProperties, moveProperty, setPropertyDeleted, setUnitDeleted, updateProperty, updateUnit } from '../services/properties';
import { propertyPage } from '../services/propertyPage';
import { queryHistory } from '../services/history';
import { getCustomer } from '../services/customers';
import { getProperty } from '../services/properties';

const unitName = text(80);
const details = { address: text(300), accessNotes: optionalText(2000) };

// Properties are the office's, as customers' profiles are: staff keep them, managers delete them.
export const propertiesApi = {
  'properties.list': entry({
    summary: "List a customer's properties",
    access: 'staff',
    input: input({ customerId: id, deleted: z.boolean().default(false) }),
    run: (ctx, i) => {
      getCustomer(ctx.db, i.customerId, 'customerId');
      return listProperties(ctx.db, i.customerId, i.deleted);
    },
  }),
  'properties.get': entry({
    summary: 'Open a property: its units, bookings and pending quotes',
    access: 'staff',
    input: byId,
    run: (ctx, i) => propertyPage(ctx.db, i.id),
  }),
  'properties.create': entry({
    summary: 'Add properties',
    access: 'staff',
    input: input({ customerId: id, name: text(120), ...details, units: z.array(unitName).max(500).optional() }),
    run: (ctx, i) => createProperty(serviceContext(ctx), i),
  }),
  'properties.update': entry({
    summary: 'Edit properties',
    access: 'staff',
    input: input({ id, name: text(120).optional(), address: details.address.optional(), accessNotes: details.accessNotes }),
    run: (ctx, i) => updateProperty(serviceContext(ctx), i),
  }),
  'properties.move': entry({
    summary: 'Give a property to another customer (a change of owner or tenant)',
    access: 'staff',
    input: input({ id, customerId: id }),
    run: (ctx, i) => moveProperty(serviceContext(ctx), i),
  }),
  'properties.delete': entry({
    summary: 'Delete properties',
    access: 'manager',
    input: input({ id, reason: reasonOf(DELETE_REASONS) }),
    run: (ctx, i) => setPropertyDeleted(serviceContext(ctx, i.reason), i, true),
  }),
  'properties.restore': entry({
    summary: 'Restore properties',
    access: 'manager',
    input: byId,
    run: (ctx, i) => setPropertyDeleted(serviceContext(ctx), i, false),
  }),
  'units.add': entry({
    summary: 'Add units to a property',
    access: 'staff',
    input: input({ propertyId: id, name: unitName, notes: optionalText(2000) }),
    run: (ctx, i) => addUnit(serviceContext(ctx), i),
  }),
  'units.update': entry({
    summary: 'Edit units',
    access: 'staff',
    input: input({ id, name: unitName.optional(), notes: optionalText(2000) }),
    run: (ctx, i) => updateUnit(serviceContext(ctx), i),
  }),
  'units.delete': entry({
    summary: 'Delete units',
    access: 'manager',
    input: input({ id, reason: reasonOf(DELETE_REASONS) }),
    run: (ctx, i) => setUnitDeleted(serviceContext(ctx, i.reason), i, true),
  }),
  'units.restore': entry({
    summary: 'Restore units',
    access: 'manager',
    input: byId,
    run: (ctx, i) => setUnitDeleted(serviceContext(ctx), i, false),
  }),
  'history.property': entry({
    summary: "Read a property's History, across its bookings and customers",
    access: 'staff',
    input: input({ propertyId: id, ...historyFilters, ...historyPage }),
    run: (ctx, i) => {
      getProperty(ctx.db, i.propertyId, 'propertyId');
      return queryHistory(ctx.db, i);
    },
  }),
};
