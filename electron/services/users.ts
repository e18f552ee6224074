import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { users, type Role } from '../../db/schema';
import { audited } from '../../db/actor';
import { passwordSigned, signPassword } from '../../db/passwordSignatures';
import { change, nowIso, type ServiceContext, type SessionUser } from './context';
import { AppError, conflict, notFound } from './errors';
import { checkPassword, hashPassword } from './passwords';
import { signInThrottleFor } from './signInThrottle';
import { perConnection } from './statements';

export interface UserView {
  id: number;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

const view = { id: users.id, name: users.name, role: users.role, active: users.active, createdAt: users.createdAt };

const activeById = perConnection((db) =>
  db.orm
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, sql.placeholder('id')), eq(users.active, true)))
    .prepare(),
);

/** Asked on every call of the contract: who the session's user is now. */
export function findActiveUser(db: Db, id: number): SessionUser | null {
  const u = activeById(db).get({ id });
  return u ?? null;
}

export function listUsers(db: Db, options: { includeInactive?: boolean; role?: Role } = {}): UserView[] {
  const where = and(options.includeInactive ? undefined : eq(users.active, true), options.role ? eq(users.role, options.role) : undefined);
  return db.orm.select(view).from(users).where(where).orderBy(asc(users.name)).all();
}

export function getUser(db: Db, id: number): UserView {
  const u = db.orm.select(view).from(users).where(eq(users.id, id)).get();
  if (!u) throw notFound('User', id, 'id');
  return u;
}

function assertNameFree(db: Db, name: string, exceptId?: number): void {
  const clash = db.orm
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.name} = ${name} COLLATE NOCASE`)
    .get();
  if (clash && clash.id !== exceptId) throw new AppError('conflict', `A user called "${name}" already exists.`, 'name');
}

// Each change checks what it depends on inside its own write transaction (change()
// is BEGIN IMMEDIATE): two administrators deactivating each other at once must not
// both pass "another administrator remains". Only the slow password hash, which
// reads nothing, is made before, so the write lock is not held through a scrypt.

export function createUser(ctx: ServiceContext, input: { name: string; role: Role; password: string }): UserView {
  const passwordHash = hashPassword(input.password);
  return change(ctx, () => {
    assertNameFree(ctx.db, input.name);
    const created = ctx.db.orm
      .insert(users)
      .values({ name: input.name, role: input.role, passwordHash, createdAt: nowIso(ctx) })
      .returning(view)
      .get();
    signPassword(ctx.db.sqlite, created.id);
    return created;
  });
}

export function changeRole(ctx: ServiceContext, input: { id: number; role: Role }): UserView {
  return change(ctx, () => {
    const target = getUser(ctx.db, input.id);
    if (target.id === ctx.user.id && input.role !== 'administrator' && target.role === 'administrator') {
      assertAnotherAdministrator(ctx.db, target.id, 'change your own role');
    }
    return ctx.db.orm.update(users).set({ role: input.role }).where(eq(users.id, input.id)).returning(view).get()!;
  });
}

function assertAnotherAdministrator(db: Db, exceptId: number, doing: string): void {
  const others = db.orm
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, 'administrator'), eq(users.active, true), sql`${users.id} <> ${exceptId}`))
    .get();
  if (!others || others.n === 0) {
    throw conflict(`You cannot ${doing}: JobTrail would be left without an active administrator.`);
  }
}

/** Users are never deleted, so no History ever loses its actor; they are deactivated. */
export function setUserActive(ctx: ServiceContext, input: { id: number; active: boolean }): UserView {
  return change(ctx, () => {
    const target = getUser(ctx.db, input.id);
    if (!input.active && target.role === 'administrator') assertAnotherAdministrator(ctx.db, target.id, 'deactivate the last administrator');
    return ctx.db.orm.update(users).set({ active: input.active }).where(eq(users.id, input.id)).returning(view).get()!;
  });
}

export function setPassword(ctx: ServiceContext, input: { id: number; password: string }): void {
  getUser(ctx.db, input.id); // an unknown id is refused before the slow hash, and again below
  const passwordHash = hashPassword(input.password);
  change(ctx, () => {
    getUser(ctx.db, input.id);
    ctx.db.orm.update(users).set({ passwordHash }).where(eq(users.id, input.id)).run();
    signPassword(ctx.db.sqlite, input.id);
  });
}

const WRONG = 'That name and password do not match an active user.';

/**
 * Checks a name and password. Wrong ones slow down (signInThrottle.ts): a resting
 * name is refused before its password is even hashed, whether or not it exists.
 */
export function signIn(db: Db, input: { name: string; password: string }): SessionUser {
  const throttle = signInThrottleFor(db);
  throttle.check(input.name);
  const u = db.orm
    .select()
    .from(users)
    .where(sql`${users.name} = ${input.name} COLLATE NOCASE`)
    .get();
  // Hash even when the name is unknown, so timing does not tell which names exist.
  const ok = checkPassword(input.password, u?.passwordHash ?? dummyHash());
  if (!u || !ok || !u.active) {
    throttle.failed(input.name);
    throw new AppError('unauthenticated', WRONG);
  }
  if (!passwordSigned(db.sqlite, u.id)) {
    throttle.failed(input.name);
    throw new AppError(
      'unauthenticated',
      `The password of ${u.name} was replaced outside JobTrail, so JobTrail does not accept it. ` +
        'An administrator must set a new password (Settings › Users).',
    );
  }
  throttle.succeeded(input.name);
  return { id: u.id, name: u.name, role: u.role };
}

// Made on first use: every process that imports the services should not pay for a scrypt.
let dummy: string | undefined;
const dummyHash = () => (dummy ??= hashPassword('not a real password'));

export function hasAnyUser(db: Db): boolean {
  return db.orm.select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

/**
 * The first administrator of an empty database. Allowed only while there is no
 * user at all; recorded with the new administrator as the actor of their own creation.
 * The users table is empty then, so the new administrator is user 1, and the audit
 * row can name that id (a NULL actor id would read as "outside the app").
 */
export function createFirstAdministrator(db: Db, input: { name: string; password: string }, at?: string): SessionUser {
  // Asked before the slow hash too: anyone may call setup, and once there are users a call must cost nothing.
  const taken = () => conflict('JobTrail already has users: ask an administrator to add you.');
  if (hasAnyUser(db)) throw taken();
  const passwordHash = hashPassword(input.password);
  return audited(
    db.sqlite,
    { id: 1, name: input.name },
    () => {
      if (hasAnyUser(db)) throw taken();
      const created = db.orm
        .insert(users)
        .values({ id: 1, name: input.name, role: 'administrator', passwordHash, createdAt: at ?? new Date().toISOString() })
        .returning({ id: users.id, name: users.name, role: users.role })
        .get();
      signPassword(db.sqlite, created.id);
      return created;
    },
    at ? { at } : {},
  );
}
