import type { ShellStore } from '../../electron/shell/shellState';

/** A ShellStore in memory, for tests that are not about the file. */
export function memoryStore(values: Record<string, unknown> = {}): ShellStore & { values: Record<string, unknown> } {
  return {
    values,
    get: (key) => values[key],
    set: (key, value) => {
      values[key] = value;
    },
  };
}
