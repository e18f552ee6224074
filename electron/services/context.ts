import type { Db } from '../../db/open';
import type { Role } from '../../db/schema';
import { audited, type AuditedOptions } from '../../db/actor';
import { reasonText, type Reason } from './reasons';

/** The signed-in person a service acts for. */
export interface SessionUser {
  id: number;
  name: string;
  role: Role;
}

/**
 * What every service call gets: the database and who is acting. `at` backdates
 * the change (the demo generator replays history); the contract never sets it.
 */
export interface ServiceContext {
  db: Db;
  user: SessionUser;
  at?: string;
  /** Why the change is made and who asked for it: written, as words, into each of its audit rows. */
  reason?: Reason;
}

const RANK: Record<Role, number> = { fieldworker: 0, staff: 1, manager: 2, administrator: 3 };

export function hasRole(user: SessionUser, least: Role): boolean {
  return RANK[user.role] >= RANK[least];
}

/** "Only a manager or above may …": the one wording of a refusal for a role. */
export function roleRefusal(least: Role, doing: string, user: SessionUser): string {
  const a = least === 'administrator' ? 'an' : 'a';
  return `Only ${a} ${least}${least === 'administrator' ? '' : ' or above'} may ${doing}; you are signed in as ${user.role}.`;
}

/** The instant a change is stamped with: the backdated one when replaying, else now. */
export function nowIso(ctx: ServiceContext): string {
  return ctx.at ?? new Date().toISOString();
}

/** Runs one audited change for the context's user: one transaction, actor set, chain sealed. */
export function change<T>(ctx: ServiceContext, fn: () => T): T {
  const options: AuditedOptions = { ...(ctx.at ? { at: ctx.at } : {}), ...(ctx.reason ? { reason: reasonText(ctx.reason) } : {}) };
  return audited(ctx.db.sqlite, { id: ctx.user.id, name: ctx.user.name }, fn, options);
}
