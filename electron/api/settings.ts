import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES } from '../../db/schema';
import { entry, serviceContext } from './entry';
import { id, input, text } from './fields';
import { defineField, listDefinitions, setFieldworkerFills, setTracking } from '../services/customFields';

const entity = z.enum(CUSTOM_FIELD_ENTITIES, 'must be booking or customer');

export const settingsApi = {
  'customFields.list': entry({
    summary: 'List custom fields',
    access: 'fieldworker',
    input: input({ entity: entity.optional() }),
    run: (ctx, i) => listDefinitions(ctx.db, i.entity),
  }),
  'customFields.define': entry({
    summary: 'Define custom fields',
    access: 'administrator',
    input: input({
      entity,
      label: text(80),
      type: z.enum(CUSTOM_FIELD_TYPES, 'must be text, number, date or boolean'),
      trackChanges: z.boolean().default(true),
      personal: z.boolean().default(false),
      fieldworkerFills: z.boolean().default(false),
    }),
    run: (ctx, i) => defineField(serviceContext(ctx), i),
  }),
  'customFields.setTracking': entry({
    summary: 'Switch change tracking of custom fields',
    access: 'administrator',
    input: input({ id, trackChanges: z.boolean() }),
    run: (ctx, i) => setTracking(serviceContext(ctx), i),
  }),
  'customFields.setFieldworkerFills': entry({
    // Who may write a field is the administrator's decision, as tracking is; switching it is audited (0024).
    summary: 'Switch whether fieldworkers fill in custom fields',
    access: 'administrator',
    input: input({ id, fieldworkerFills: z.boolean() }),
    run: (ctx, i) => setFieldworkerFills(serviceContext(ctx), i),
  }),
};
