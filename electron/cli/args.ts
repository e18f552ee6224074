// The CLI's small vocabulary: a command, its options (--name value, a few yes/no
// flags, and --help), and the one error that means "you typed it wrong" (exit 2).
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

export interface Command {
  usage: string;
  /** Resolves to the exit code. Throws UsageError for bad usage, anything else for a failure. */
  run(argv: string[]): number | Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Parsed<K extends string, F extends string = never> {
  help: boolean;
  values: Partial<Record<K, string>>;
  /** The yes/no flags given (--force). */
  flags: Record<F, boolean>;
}

/** Parses `--name value` options and `--flag`s; anything unknown, repeated or without its value is a UsageError. */
export function parseOptions<K extends string, F extends string = never>(argv: string[], names: readonly K[], flagNames: readonly F[] = []): Parsed<K, F> {
  const options = {
    ...Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
    ...Object.fromEntries(flagNames.map((n) => [n, { type: 'boolean' as const }])),
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError(describeParseError(e as Error & { code?: string }));
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} is given twice`);
    seen.add(t.name);
  }
  const { help, ...given } = parsed.values as Record<string, string | boolean | undefined>;
  const values = Object.fromEntries(Object.entries(given).filter(([k]) => !flagNames.includes(k as F)));
  const flags = Object.fromEntries(flagNames.map((f) => [f, given[f] === true])) as Record<F, boolean>;
  return { help: help === true, values: values as Partial<Record<K, string>>, flags };
}

function describeParseError(e: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? e.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${option ?? 'an option'} needs a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}`.trim();
    default:
      return e.message.split('\n')[0];
  }
}

export function required<K extends string>(values: Partial<Record<K, string>>, name: K): string {
  const v = values[name];
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** A whole number within bounds, as typed: "200000", "200_000", "200,000", "200k" or "1.5m". */
export function wholeNumber(value: string, name: string, min: number, max: number, suffixes = false): number {
  const m = /^(\d+(?:[_,]\d{3})*(?:\.\d+)?)([km]?)$/i.exec(value.trim());
  const unit = m?.[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  const n = m && (suffixes || unit === 1) ? Math.round(Number(m[1].replace(/[_,]/g, '')) * unit) : NaN;
  if (!Number.isSafeInteger(n) || (!m![2] && m![1].includes('.'))) {
    throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  }
  if (n < min || n > max) {
    throw new UsageError(`--${name} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}, not ${value}`);
  }
  return n;
}

/** The first line of an error's message: what a person reads, without the stack. */
export function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].trim() || (e instanceof Error ? e.name : 'unknown error');
}

/**
 * How a command uses a path it is given: 'read' an existing file; 'write' a file
 * (replaced if there) in a folder that exists; 'create' a file, making its folders;
 * 'folder' a directory, made if missing.
 */
export type PathUse = 'read' | 'write' | 'create' | 'folder';

/**
 * The one check of every path option (--db, --csv, --out, --from, --to), before
 * anything is opened, read or written: a directory where a file is expected (or
 * the reverse), or nothing where an input should be, is bad usage (exit 2), said
 * with the path and what the option wants; SQLite would say only "disk I/O
 * error", and a write would fail after a partial file was made. `what` names the
 * file for people: "database", "CSV file", "backup".
 */
export function checkPath(path: string, option: string, what: string, use: PathUse): string {
  const kind = kindOf(path);
  if (use === 'folder') {
    if (kind === 'file') throw new UsageError(`${path} is a file, not a folder: --${option} needs a folder`);
    return path;
  }
  if (kind === 'folder') throw new UsageError(`${path} is a folder (a directory), not ${article(what)} ${what}: --${option} needs a file`);
  if (use === 'read' && kind === 'none') throw new UsageError(`there is no ${what} at ${path} (--${option})`);
  if (use === 'write' && kind === 'none' && kindOf(dirname(path)) !== 'folder') {
    throw new UsageError(`--${option} ${path}: there is no folder ${dirname(path)} to write it in`);
  }
  return path;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function kindOf(path: string): 'file' | 'folder' | 'none' {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat === undefined ? 'none' : stat.isDirectory() ? 'folder' : 'file';
}

/** A path or word as a POSIX shell reads it back unchanged: for commands printed to be pasted. */
export function shellQuote(s: string): string {
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
