// The flows of flows.ts in the real desktop app: Electron starts the built main
// process on a fresh demo database, and the test drives its window. It needs the
// Electron binary, which our machines cannot download (ELECTRON_SKIP_BINARY_DOWNLOAD);
// there it is skipped, saying so, and the web project runs the same flows.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary, ELECTRON_SKIPPED } from './electronBinary';
import { changeAnAddress, signInToBookings } from './flows';
import { DEMO } from './office';

const repo = join(import.meta.dirname, '..', '..');

const binary = electronBinary();
test.skip(binary === null, ELECTRON_SKIPPED);

test("the desktop app: signs in, changes a booking's address and reads the change in its History", async () => {
  test.setTimeout(180_000);
  const home = mkdtempSync(join(tmpdir(), 'jobtrail-electron-'));
  const file = join(home, 'demo.db');
  // Its own user-data folder (and with it its own key and witness), its own demo database.
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(repo, 'out', 'main', 'main.js'), '--demo', '--db', file],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), APPDATA: join(home, 'appdata') },
    timeout: 120_000,
  });
  try {
    const window = await app.firstWindow();
    await window.getByLabel('User').waitFor({ timeout: 120_000 });
    await signInToBookings(window, DEMO.staff);
    const { bookingId } = await changeAnAddress(window, DEMO.staff, '14 Orchard Row');
    await app.close();
    const db = new Database(file, { readonly: true });
    expect(
      db
        .prepare(
          `SELECT actor_name, new_value, origin FROM audit_log
      WHERE booking_id = ? AND field = 'address' ORDER BY id DESC LIMIT 1`,
        )
        .all(bookingId),
    ).toEqual([{ actor_name: DEMO.staff, new_value: '14 Orchard Row', origin: 'app' }]);
    db.close();
  } finally {
    await app.close().catch(() => {});
  }
});
