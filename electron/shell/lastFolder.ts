// Save dialogs (a report's PDF, an export's CSV) open in the folder the person
// saved into last, across restarts; the first time, or when that folder is gone
// (an unplugged USB stick), in their Documents folder.
import type { ShellStore } from './shellState';

const KEY = 'lastSaveFolder';

export interface FolderDeps {
  store: ShellStore;
  /** Documents: where the first dialog opens. */
  firstFolder: string;
  isFolder(path: string): boolean;
  dirname(path: string): string;
  join(folder: string, name: string): string;
}

export interface LastFolder {
  /** The folder a dialog opens in now. */
  folder(): string;
  /** The path a dialog suggests for `fileName`. */
  suggest(fileName: string): string;
  /** Called with the path the person chose. */
  savedTo(path: string): void;
}

export function lastFolder(deps: FolderDeps): LastFolder {
  const folder = () => {
    const kept = deps.store.get(KEY);
    return typeof kept === 'string' && kept !== '' && deps.isFolder(kept) ? kept : deps.firstFolder;
  };
  return {
    folder,
    suggest: (fileName) => deps.join(folder(), fileName),
    savedTo: (path) => deps.store.set(KEY, deps.dirname(path)),
  };
}
