import { z } from 'zod';
import { entry } from './entry';
import { input, password, text } from './fields';
import { createFirstAdministrator, hasAnyUser, listUsers, signIn } from '../services/users';

export const authApi = {
  'auth.status': entry({
    summary: 'See who is signed in',
    access: 'anyone',
    input: input({}),
    run: (ctx) => ({ needsSetup: !hasAnyUser(ctx.db), user: ctx.user, allowed: ctx.allowed() }),
  }),
  // The sign-in screen lets people pick their name, as on a shared office PC; the
  // list holds names and roles only, and only of accounts that can sign in.
  'auth.accounts': entry({
    summary: 'List who can sign in',
    access: 'anyone',
    input: input({}),
    run: (ctx) => listUsers(ctx.db).map((u) => ({ name: u.name, role: u.role })),
  }),
  'auth.setup': entry({
    summary: 'Create the first administrator',
    access: 'anyone',
    input: input({ name: text(80), password }),
    run: (ctx, i) => {
      const user = createFirstAdministrator(ctx.db, i);
      ctx.session.signIn(user);
      return user;
    },
  }),
  'auth.signIn': entry({
    summary: 'Sign in',
    access: 'anyone',
    input: input({ name: text(80), password: z.string().max(200) }),
    run: (ctx, i) => {
      const user = signIn(ctx.db, i);
      ctx.session.signIn(user);
      return user;
    },
  }),
  'auth.signOut': entry({
    summary: 'Sign out',
    access: 'anyone',
    input: input({}),
    run: (ctx) => {
      ctx.session.signOut();
      return null;
    },
  }),
};
