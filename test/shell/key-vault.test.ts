// The desktop app's key vault over Electron's safeStorage, with a stand-in for
// it: the key file holds only what the protected storage made of the key, and
// where there is no real protected storage the app says so by using none.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFile, loadOrCreateKey, rawPublicKey } from '../../db/chainKeys';
import { appKeyPlace, osKeyVault, type ProtectedStorage } from '../../electron/shell/keyVault';
import { tempDir } from '../helpers/core';

const dir = tempDir('jobtrail-vault-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in that really transforms what it stores, and counts what it was asked. */
function storage(available = true, backend?: string): ProtectedStorage & { calls: string[] } {
  const calls: string[] = [];
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    calls,
    isEncryptionAvailable: () => available,
    encryptString: (plain) => (calls.push('encrypt'), flip(Buffer.from(`sealed:${plain}`))),
    decryptString: (sealed) => (
      calls.push('decrypt'),
      flip(sealed)
        .toString()
        .replace(/^sealed:/, '')
    ),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  };
}

describe('the key vault', () => {
  it('stores the private key only as the protected storage wrapped it, and reads the same key back', () => {
    const os = storage();
    const place = appKeyPlace(dir, os, 'darwin');
    const made = loadOrCreateKey(place, 'db-one');
    expect(keyFile(place, 'db-one')).toBe(`${dir}/keys/db-one.key.safe`);
    const stored = readFileSync(keyFile(place, 'db-one'));
    const der = made.export({ format: 'der', type: 'pkcs8' }) as Buffer;
    expect(stored.includes(der.subarray(-32))).toBe(false);
    const again = loadOrCreateKey(place, 'db-one');
    expect(rawPublicKey(again)).toEqual(rawPublicKey(made));
    expect(os.calls).toEqual(['encrypt', 'decrypt']);
  });

  it('uses no vault where the OS offers no real protected storage', () => {
    expect(osKeyVault(storage(false), 'win32')).toBeUndefined();
    expect(osKeyVault(storage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(osKeyVault(storage(true, 'gnome_libsecret'), 'linux')?.suffix).toBe('.safe');
  });
});
