import { createRequire } from 'node:module';

/** The Electron binary's path, or null where only the npm package is installed. */
export function electronBinary(): string | null {
  try {
    // The package's index throws "Electron failed to install correctly" when the binary was skipped.
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

export const ELECTRON_SKIPPED =
  'The Electron binary is not installed on this machine (npm ci ran with ' +
  'ELECTRON_SKIP_BINARY_DOWNLOAD), so the desktop app cannot start here: the "electron" project\'s tests are ' +
  'skipped, and the "web" project runs the same flows in Chromium.';
