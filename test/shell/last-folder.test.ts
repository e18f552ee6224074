// Save dialogs open where the person saved last, across starts; Documents the first
// time, or when that folder is gone.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastFolder } from '../../electron/shell/lastFolder';
import { jsonFileStore, SHELL_STATE_FILE } from '../../electron/shell/shellState';

const isFolder = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

describe('the remembered save folder', () => {
  it('opens in Documents first, then where the last file went, also after a restart, and in Documents again once that folder is gone', () => {
    const home = mkdtempSync(join(tmpdir(), 'jobtrail-folder-'));
    const documents = join(home, 'Documents');
    const stick = join(home, 'usb-stick', 'audit');
    mkdirSync(documents);
    mkdirSync(stick, { recursive: true });
    const file = join(home, SHELL_STATE_FILE);
    const open = () => lastFolder({ store: jsonFileStore(file), firstFolder: documents, isFolder, join, dirname });

    const first = open();
    expect(first.suggest('audit-log.csv')).toBe(join(documents, 'audit-log.csv'));
    first.savedTo(join(stick, 'audit-log.csv'));
    expect(first.suggest('report.pdf')).toBe(join(stick, 'report.pdf'));
    expect(open().folder()).toBe(stick);
    rmSync(join(home, 'usb-stick'), { recursive: true });
    expect(open().folder()).toBe(documents);
  });
});
