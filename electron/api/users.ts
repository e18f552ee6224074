import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { id, input, password, role, text } from './fields';
import { changeRole, createUser, listUsers, setPassword, setUserActive } from '../services/users';

export const usersApi = {
  'users.list': entry({
    summary: 'List users',
    access: 'fieldworker',
    input: input({ includeInactive: z.boolean().default(false), role: role.optional() }),
    run: (ctx, i) => listUsers(ctx.db, i),
  }),
  'users.create': entry({
    summary: 'Create users',
    access: 'administrator',
    input: input({ name: text(80), role, password }),
    run: (ctx, i) => createUser(serviceContext(ctx), i),
  }),
  'users.changeRole': entry({
    summary: 'Change roles',
    access: 'administrator',
    input: input({ id, role }),
    run: (ctx, i) => changeRole(serviceContext(ctx), i),
  }),
  'users.setActive': entry({
    summary: 'Deactivate or reactivate users',
    access: 'administrator',
    input: input({ id, active: z.boolean() }),
    run: (ctx, i) => setUserActive(serviceContext(ctx), i),
  }),
  'users.setPassword': entry({
    summary: 'Set passwords',
    access: 'administrator',
    input: input({ id, password }),
    run: (ctx, i) => setPassword(serviceContext(ctx), i),
  }),
};
