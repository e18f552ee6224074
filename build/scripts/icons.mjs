#!/usr/bin/env node
// The installers' icons, all from one source image (build/icon.svg): Chromium (Debian's,
// as the browser tests use it, or Playwright's) draws the SVG at each size, and this
// script packs the PNGs into the Windows .ico and the macOS .icns, which both hold PNGs
// as they are. No image tool and no network needed.
//
//   node build/scripts/icons.mjs     writes build/icon.ico and build/icon.icns
//
// Linux needs no file of its own: electron-builder takes the AppImage's and the deb's
// icons out of the .icns.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const build = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Windows picks among these for the taskbar, Explorer and the installer. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** The .icns types that hold a PNG, by its size. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

/** ICONDIR, then one ICONDIRENTRY per image (a width or height of 256 is written 0), then the PNGs. */
export function packIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.png)]);
}

/** "icns", the file's length, then per image its type, its length with the 8-byte header, and the PNG. */
export function packIcns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function render(svg, sizes) {
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const out = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
      );
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function main() {
  const svg = readFileSync(join(build, 'icon.svg'), 'utf8');
  const sizes = [...new Set([...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s)])].sort((a, b) => a - b);
  const png = await render(svg, sizes);
  writeFileSync(join(build, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: png.get(size) }))));
  writeFileSync(join(build, 'icon.icns'), packIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png.get(size) }))));
  console.log(`icons written in ${build}: icon.ico (${ICO_SIZES.join(', ')}), icon.icns (${ICNS_TYPES.map(([, s]) => s).join(', ')})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
