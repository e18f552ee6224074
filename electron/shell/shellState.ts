// What the desktop shell remembers between starts that is the person's, not the
// office's: where the window was, which folder they last saved into. One small JSON
// file in the app's data folder, never the database: it is not audited business
// data, and it differs per PC. Written whole to a temporary file and renamed, so a
// crash mid-write leaves the old file, not half of one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ShellStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const SHELL_STATE_FILE = 'shell-state.json';

/** A store over `file`; an unreadable or damaged file reads as empty (the defaults), and is replaced at the next write. */
export function jsonFileStore(file: string): ShellStore {
  let values: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) values = parsed as Record<string, unknown>;
  } catch {
    // Missing on the first start; damaged: the window opens where it would the first time.
  }
  return {
    get: (key) => (Object.hasOwn(values, key) ? values[key] : undefined),
    set(key, value) {
      values = { ...values, [key]: value };
      const temp = `${file}.${process.pid}.tmp`;
      mkdirSync(dirname(file), { recursive: true }); // the app's data folder, on the very first start
      writeFileSync(temp, JSON.stringify(values, null, 2));
      renameSync(temp, file);
    },
  };
}
