// The installers' configuration (package.json's "build"), checked without building
// anything (no Electron binary here): electron-builder's own schema accepts it, and it
// asks for what we promise: a per-user Windows installer needing no administrator,
// macOS DMGs for Intel and Apple silicon with the hardened runtime, Linux AppImage and
// deb, and icons that are really made from build/icon.svg at the sizes each OS wants.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, ICO_SIZES, packIco } from '../../build/scripts/icons.mjs';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const config = pkg.build;
// electron-builder's own validation, from the copy npm installed with it.
const fromBuilder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config');
const { DebugLogger } = fromBuilder('builder-util');

/** A PNG's width and height, from its IHDR. */
const pngSize = (png: Buffer) => ({ png: png.subarray(1, 4).toString('ascii'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe("the installers' configuration", () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // A misspelt option is caught by the same check, so the check is really run.
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: false } }, new DebugLogger(false))).rejects.toThrow(
      /configuration\.nsis/,
    );
  });

  it("packs the built app and nothing of the sources, rebuilding better-sqlite3 for each target's Electron and architecture", () => {
    expect(config.files).toEqual(['out/**/*', 'package.json']);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(true);
    expect(pkg.scripts.dist).toBe('node build/scripts/native.mjs electron && electron-vite build && electron-builder');
    expect(pkg.main).toBe('out/main/main.js');
  });

  it('Windows: an assisted NSIS installer that installs for the person by default, without an administrator', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, selectPerMachineByDefault: false, createStartMenuShortcut: true });
    expect(config.win.icon).toBe('build/icon.ico');
  });

  it("macOS: DMGs for x64 and arm64, hardened runtime, with entitlements for V8's JIT and nothing more", () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
  });

  it('Linux: AppImage and deb, in the Office category, with a maintainer (the deb needs one)', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    // Its icons come out of the .icns (electron-builder's default): no PNGs of their own to keep.
    expect(config.linux.icon).toBeUndefined();
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('has every icon Windows and macOS ask for, at its size, drawn from build/icon.svg', () => {
    expect(readFileSync(join(root, 'build', 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
    const ico = readFileSync(join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    ICO_SIZES.forEach((size, i) => {
      const at = 6 + 16 * i;
      const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      expect(pngSize(png)).toEqual({ png: 'PNG', width: size, height: size });
    });
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    let at = 8;
    for (const [type, size] of ICNS_TYPES) {
      expect(icns.subarray(at, at + 4).toString('ascii')).toBe(type);
      expect(pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)))).toEqual({ png: 'PNG', width: size, height: size });
      at += icns.readUInt32BE(at + 4);
    }
  });

  it('writes a 256-pixel ICO entry as 0, as the format says', () => {
    const png = Buffer.from('89504e47', 'hex');
    const ico = packIco([
      { size: 256, png },
      { size: 16, png },
    ]);
    expect([ico.readUInt8(6), ico.readUInt8(22)]).toEqual([0, 16]);
    expect(ico.readUInt32LE(6 + 12)).toBe(6 + 32);
  });
});
