// Reads a contract entry's zod input schema to build, for any entry (including
// ones added later), a schema-valid sample input and a wrong-typed value for each
// declared field. Only the schema is consulted: nothing here runs a handler.
import type { z } from 'zod';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const WRAPPERS = ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'];

/** The schema without optional/nullable/default wrappers (the input side of a pipe). */
export function unwrap(s: z.ZodType): Any {
  let cur: Any = s;
  for (;;) {
    const def = cur._zod.def;
    if (WRAPPERS.includes(def.type)) cur = def.innerType;
    else if (def.type === 'pipe') cur = def.in;
    else return cur;
  }
}

/** The object shapes an input schema accepts: one, or one per union option (notes.list). */
export function shapesOf(s: z.ZodType): Record<string, z.ZodType>[] {
  const base = unwrap(s);
  const def = base._zod.def;
  if (def.type === 'object') return [def.shape];
  if (def.type === 'union') return def.options.flatMap((o: z.ZodType) => shapesOf(o));
  throw new Error(`input schema of type ${def.type} is neither an object nor a union of objects`);
}

function enumValues(s: z.ZodType): unknown[] {
  const found: unknown[] = [];
  const visit = (x: Any) => {
    const def = x._zod.def;
    if (def.type === 'enum') found.push(...Object.values(def.entries));
    else if (def.type === 'literal') found.push(...def.values);
    else if (WRAPPERS.includes(def.type)) visit(def.innerType);
    else if (def.type === 'pipe') visit(def.in);
    else if (def.type === 'union') def.options.forEach(visit);
  };
  visit(s);
  return found;
}

const CANDIDATES: unknown[] = [
  1,
  90,
  '2026-03-01T09:00:00Z',
  '2026-03-02T09:00:00Z',
  'name@example.com',
  'Plain text value',
  '0123456789abcdef',
  true,
  {},
  ['Flat 1'],
  'history-before-2025-01-01.jtarchive',
  '2026-03-01',
  'USD',
];

/** A value this field's schema accepts (a real value, never undefined). */
export function sampleValue(field: z.ZodType): unknown {
  // A nested object (a verify job's printed digest) is sampled like an input of its own.
  const nested = unwrap(field)._zod.def.type === 'object' ? [sampleInput(shapesOf(field)[0])] : [];
  for (const v of [...enumValues(field), ...CANDIDATES, ...nested]) {
    if (v !== '' && field.safeParse(v).success) return v;
  }
  throw new Error('no sample value fits this field');
}

/** A schema-valid input: every required field filled, optional ones left out. */
export function sampleInput(shape: Record<string, z.ZodType>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (!field.safeParse(undefined).success) out[key] = sampleValue(field);
  }
  return out;
}

/**
 * A sample the whole schema accepts: the required fields, plus, when the schema
 * has a rule across fields (one of two optional ids must be given), the first
 * optional field that satisfies it, or else another value for a required one.
 */
export function validSample(schema: z.ZodType, shape: Record<string, z.ZodType>): Record<string, unknown> {
  const base = sampleInput(shape);
  if (schema.safeParse(base).success) return base;
  for (const [key, field] of Object.entries(shape)) {
    if (key in base) continue;
    const withOne = { ...base, [key]: sampleValue(field) };
    if (schema.safeParse(withOne).success) return withOne;
  }
  // A rule between required fields (a period's to after its from): another value for one of them.
  for (const [key, field] of Object.entries(shape)) {
    if (!(key in base)) continue;
    for (const v of CANDIDATES) {
      const withOther = { ...base, [key]: v };
      if (field.safeParse(v).success && schema.safeParse(withOther).success) return withOther;
    }
  }
  return base;
}

/** A value of the wrong JavaScript type for the field (a number where text goes, text where a number goes...). */
export function wrongTypeValue(field: z.ZodType): unknown {
  const good = sampleValue(field);
  const tries: unknown[] =
    typeof good === 'string' ? [12345, false] : typeof good === 'number' ? ['12', 'one'] : typeof good === 'boolean' ? ['true', 1] : ['not an object', 7];
  const wrong = tries.find((v) => !field.safeParse(v).success);
  if (wrong === undefined) throw new Error('the field accepts every wrong-typed value tried');
  return wrong;
}
