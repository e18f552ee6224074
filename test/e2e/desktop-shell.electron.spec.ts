// The desktop shell in the real app: a fresh database's first start (Start empty,
// then the first administrator), the application menu's commands reaching the
// window (Go › Customers, Help › Keyboard shortcuts), the title naming what is
// shown, and the window's place kept at closing. It needs the Electron binary, which
// our machines cannot download: there it is skipped, saying so; first-start.spec.ts
// runs the same first start in the web project.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary, ELECTRON_SKIPPED } from './electronBinary';
import { startEmpty } from './flows';

const repo = join(import.meta.dirname, '..', '..');
const binary = electronBinary();
test.skip(binary === null, ELECTRON_SKIPPED);

/** Clicks a menu item as the person would, by its menu's and its own label. */
function clickMenu(app: ElectronApplication, menu: string, item: string): Promise<void> {
  return app.evaluate(
    ({ Menu }, [menuLabel, itemLabel]) => {
      const top = Menu.getApplicationMenu()!.items.find((m) => m.label.replace('&', '') === menuLabel)!;
      top.submenu!.items.find((i) => i.label === itemLabel)!.click();
    },
    [menu, item] as const,
  );
}

test("first start, the menu's commands and the window's title in the desktop app", async () => {
  test.setTimeout(180_000);
  const home = mkdtempSync(join(tmpdir(), 'jobtrail-electron-shell-'));
  const file = join(home, 'office.db');
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(repo, 'out', 'main', 'main.js'), '--db', file],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), APPDATA: join(home, 'appdata') },
    timeout: 120_000,
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Welcome to JobTrail' })).toBeVisible({ timeout: 120_000 });
    await expect(window.locator('.setup-place code')).toHaveText(file);
    await startEmpty(window, 'Olive Owner', 'a-long-password');

    const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.items.map((m) => m.label.replace('&', '')));
    expect(labels).toEqual(
      process.platform === 'darwin' ? ['JobTrail', 'File', 'Edit', 'View', 'Go', 'Window', 'Help'] : ['File', 'Edit', 'View', 'Go', 'Help'],
    );
    await clickMenu(app, 'Go', 'Customers');
    await expect(window.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
    // The window's title follows the page's.
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getTitle())).toBe('Customers · JobTrail');
    await clickMenu(app, 'Help', 'Keyboard shortcuts');
    await expect(window.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    await app.close();
    // Closed: its place is kept for the next start, beside the app's other files.
    const kept = join(userData, 'shell-state.json');
    expect(existsSync(kept)).toBe(true);
    expect(JSON.parse(readFileSync(kept, 'utf8')).window).toMatchObject({ bounds: { width: expect.any(Number) }, maximized: false });
  } finally {
    await app.close().catch(() => {});
  }
});
