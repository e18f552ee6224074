// A web-mode tab keeps its session as a window does: a reload keeps it signed in,
// another tab or browser window has its own, and a tab left without calls for half
// an hour is signed out, which the next click shows as the sign-in screen.
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { contract } from '../../electron/api/contract';
import { createDispatcher } from '../../electron/api/dispatch';
import { Sessions, WEB_SESSION_IDLE_MS } from '../../electron/api/sessions';
import { RENDERER_DIR } from '../../electron/bench/browser';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { routerOf } from '../helpers/core';
import { DEMO, openOffice, screenshot, signIn, squash, watchProblems, type Office } from './office';

let office: Office;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  office = await openOffice(browser);
});
test.afterAll(async () => {
  await office?.dispose();
});

const signedInAs = (page: Page) => page.locator('.topbar .user-name').textContent().then(squash);
const atSignIn = (page: Page) => page.getByRole('heading', { name: 'Sign in to JobTrail' }).waitFor();
const tabClientId = (page: Page) => page.evaluate<string | null>("sessionStorage.getItem('jobtrail.client')");

test.describe('web mode: a tab keeps its session', () => {
  test('stays signed in through a reload, while a new tab and another window sign in on their own', async () => {
    const page = await office.signedIn(DEMO.staff);
    const problems = watchProblems(page);
    const id = await tabClientId(page);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,100}$/);

    await page.reload();
    await page.locator('.topbar .user-name', { hasText: DEMO.staff }).waitFor();
    expect(await tabClientId(page)).toBe(id);
    // Not only the header: calls after the reload are the signed-in person's.
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();

    // A second tab of the same browser window: its own id, so nobody is signed in there.
    const tab = await page.context().newPage();
    await tab.goto(office.web.url);
    await atSignIn(tab);
    expect(await tabClientId(tab)).not.toBe(id);
    // Signing in there as someone else leaves the first tab as it was.
    await signIn(tab, DEMO.fieldworker);
    const other = await office.fresh();
    await atSignIn(other);

    await page.reload();
    await page.locator('.topbar .user-name', { hasText: DEMO.staff }).waitFor();
    expect(await signedInAs(page)).toContain(DEMO.staff);
    expect(await signedInAs(tab)).toContain(DEMO.fieldworker);
    expect(problems).toEqual([]);
    await Promise.all([page.context().close(), other.context().close()]);
  });
});

test.describe('web mode: a tab left alone', () => {
  let now = 0;
  let web: WebServer;

  test.beforeAll(async () => {
    // The office's database behind a second server whose session clock the test turns: half an hour in a line.
    const dispatcher = createDispatcher(office.core.db, contract, new Sessions({ now: () => now }), () => {});
    web = await startWebServer({ router: routerOf(dispatcher), staticDir: process.env.JOBTRAIL_RENDERER_DIR ?? RENDERER_DIR });
  });
  test.afterAll(async () => {
    await web?.close();
  });

  test('is signed out after half an hour without a call, and the next call shows the sign-in screen', async () => {
    const context = await office.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchProblems(page);
    await page.goto(web.url);
    await signIn(page, DEMO.manager);

    now += WEB_SESSION_IDLE_MS - 1000;
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();

    now += WEB_SESSION_IDLE_MS;
    // The next call ends it: the person's going to the Audit log, or a poll of the window's own (the integrity banner's)
    // if one comes first, which takes the menu away before a click could land: go by the address, which is always there.
    await page.evaluate("location.hash = '#/audit'");
    await atSignIn(page);
    expect(squash(await page.locator('.notice').textContent())).toBe('Your session ended; please sign in again.');
    await screenshot(page, 'web-session-ended');

    // A reload does not bring it back; signing in again does.
    await page.reload();
    await atSignIn(page);
    await signIn(page, DEMO.manager);
    expect(problems).toEqual([]);
    await context.close();
  });
});
