// Where Electron's binary is, or null. The npm package installs without it when its
// download is blocked or skipped: then require('electron') throws, or names a file
// that is not there.
import { existsSync } from 'node:fs';

export function electronBinary(require) {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
