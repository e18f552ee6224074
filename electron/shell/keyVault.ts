// The desktop app keeps the chain's private key in the OS's protected storage
// (Keychain on macOS, DPAPI on Windows, the Secret Service on Linux), through
// Electron's safeStorage: the key file then holds only what that storage can
// open for this OS account. Written against the few methods it uses, so the
// tests give it a stand-in (see hardening.ts for the same idea).
import { join } from 'node:path';
import type { KeyPlace, KeyVault } from '../../db/chainKeys';

/** What the vault uses of Electron's safeStorage. */
export interface ProtectedStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means a password built into Chromium, which protects nothing. */
  getSelectedStorageBackend?(): string;
}

/**
 * A vault over the OS's protected storage, or none where there is no real one
 * (Linux without a keyring): the key file is then owner-only, as in the web
 * mode, rather than wrapped with a password every copy of Chromium knows.
 */
export function osKeyVault(storage: ProtectedStorage, platform = process.platform): KeyVault | undefined {
  if (!storage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return undefined;
  return {
    suffix: '.safe',
    protect: (secret) => storage.encryptString(secret.toString('base64')),
    reveal: (stored) => Buffer.from(storage.decryptString(stored), 'base64'),
  };
}

/** Where the desktop app keeps its keys and witnesses: the user-data folder's keys/, as the web mode and the CLI do. */
export function appKeyPlace(userData: string, storage: ProtectedStorage, platform = process.platform): KeyPlace {
  return { dir: join(userData, 'keys'), vault: osKeyVault(storage, platform) };
}
