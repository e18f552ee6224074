// The building blocks of every input schema, so each rule is written once and
// every entry gives the same message for the same mistake.
import { z } from 'zod';
import { BOOKING_STATUSES, ROLES, AUDIT_CATEGORIES } from '../../db/schema';
import type { ReasonCode } from '../services/reasons';

export const id = z
  .int('must be a whole number')
  .positive('must be a positive id')
  .max(2 ** 53 - 1);
export const optionalId = id.nullable();

/** Free text a person typed: trimmed, not empty, bounded so nobody pastes a novel into a field. */
export const text = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** An instant with its zone (2026-03-01T09:00:00Z or +02:00): a bare local time is ambiguous in an audit trail. */
export const instant = z.iso
  .datetime({ offset: true, message: 'must be a date and time with its time zone, like 2026-03-01T09:00:00Z' })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date')
  .refine((s) => {
    const y = new Date(s).getUTCFullYear();
    return y >= 1900 && y <= 2200;
  }, 'must be between 1900 and 2200');

/** Whole cents, never negative, under ten million. */
export const cents = z.int('must be a whole number of cents').min(0, 'must not be negative').max(999_999_999, 'is too large');
export const positiveCents = cents.min(1, 'must be more than zero');

export const role = z.enum(ROLES, 'must be administrator, manager, staff or fieldworker');
export const bookingStatus = z.enum(BOOKING_STATUSES, `must be one of ${BOOKING_STATUSES.join(', ')}`);
export const category = z.enum(AUDIT_CATEGORIES, 'must be user_action, financial or data_edit');

export const password = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');

export const customFieldValues = z.record(
  z.string().regex(/^\d{1,15}$/, 'must be a custom field id'),
  z.string().max(2000, 'must be at most 2000 characters').nullable(),
);

export const page = {
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).max(10_000_000).default(0),
};

/** What narrows a History: the grids' filter bar, and what an export of it takes. */
export const historyFilters = {
  text: z.string().trim().max(200).optional(),
  from: instant.optional(),
  to: instant.optional(),
  actorId: id.optional(),
  outside: z.boolean().optional(),
  category: category.optional(),
  event: z.string().trim().max(80).optional(),
  /** The kind of record a row is about: booking, customer, property, unit, quote, invoice, payment… */
  entity: z.string().trim().max(40).optional(),
};

export const historyPage = {
  limit: z.int().min(1).max(1000).default(100),
  order: z.enum(['newest', 'oldest'], 'must be newest or oldest').default('newest'),
  before: id.optional(),
  after: id.optional(),
};

/** An archive file's name in the archives folder: a name only, never a path. */
export const archiveName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\w.-]+\.jtarchive$/, 'must be an archive file name, like history-before-2025-01-01.jtarchive');

/** Strict: an unknown key is a mistake in the caller, not something to ignore silently. */
export const input = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape);
export const byId = input({ id });

/**
 * Why a change is made, from the choices an action offers (electron/services/reasons.ts),
 * with an optional note; "other" needs the note.
 */
export const reasonOf = <C extends readonly [ReasonCode, ...ReasonCode[]]>(codes: C) =>
  input({
    code: z.enum(codes, `must be one of ${codes.join(', ')}`),
    note: optionalText(300),
  }).refine((r) => r.code !== 'other' || !!r.note, { message: 'must say what the reason is when it is "other"', path: ['note'] });
