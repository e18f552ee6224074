// The Electron shell, and one of only two files that import 'electron': it opens
// the core, makes the window, and forwards IPC to the contract. Every decision
// worth testing lives in electron/shell/, in plain Node.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCore, type Core } from './app';
import { nameLockHolder } from '../db/openLock';
import { seedDemo } from './cli/seed';
import { runStartupTasks, type StartupTasks } from './startup';
import { databaseFile, parseShellArgs, USER_DATA_FOLDER } from './shell/args';
import { INVOKE_CHANNEL } from './shell/channel';
import { handleInvoke } from './shell/ipc';
import { SPLASH_PREFERENCES, splashPage } from './shell/splash';
import { appLocation, secureWebPreferences } from './shell/security';
import { guardContents, hardenSession } from './shell/hardening';
import { appKeyPlace } from './shell/keyVault';

const here = dirname(fileURLToPath(import.meta.url));
const indexFile = join(here, '..', 'renderer', 'index.html');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const location = appLocation(pathToFileURL(indexFile).href, devServerUrl);

let core: Core | null = null;
let tasks: StartupTasks | null = null;
let window: BrowserWindow | null = null;

app.enableSandbox();
app.setPath('userData', join(app.getPath('appData'), USER_DATA_FOLDER));

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one audit trail would each believe they hold the chain head.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.whenReady().then(start).catch((e: unknown) => {
    // Start-up failures are mostly the file's (in use, not JobTrail's, disk full or
    // read-only, damaged): their messages say what to do, so the person sees them.
    console.error(e);
    dialog.showErrorBox('JobTrail cannot start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const args = parseShellArgs(process.argv.slice(1));
  const file = databaseFile(args, app.getPath('userData'));
  app.on('web-contents-created', (_event, contents) => guardContents(contents, location));
  hardenSession(session.defaultSession, location);
  if (args.demo && !existsSync(file)) await seedWithSplash(file);
  nameLockHolder('the JobTrail app');
  core = startCore(file, undefined, { keys: appKeyPlace(app.getPath('userData'), safeStorage) });
  const dispatcher = core.dispatcher;
  // The integrity check and the day's backup run beside the window; the check's
  // result stays available to the main process (integrityAtStart) for the banner.
  tasks = runStartupTasks(core.db, { info: (line) => console.log(line), warn: (line) => console.warn(line) });

  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) =>
    handleInvoke(dispatcher, location, { frameUrl: event.senderFrame?.url ?? null, webContentsId: event.sender.id }, name, input));

  createWindow();
}

/** The demo seed blocks the main process; a static splash page stays painted meanwhile. */
async function seedWithSplash(file: string): Promise<void> {
  const splash = new BrowserWindow({
    width: 440, height: 170, frame: false, resizable: false, backgroundColor: '#1d2733',
    webPreferences: SPLASH_PREFERENCES,
  });
  await splash.loadURL(splashPage('Preparing the demo database: eighteen months of an office\'s work…'));
  try {
    seedDemo(file, { onProgress: (msg: string) => console.log(`demo: ${msg}`) });
  } finally {
    splash.destroy();
  }
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280, height: 800, minWidth: 900, minHeight: 600,
    title: 'JobTrail', show: false, backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(join(here, '..', 'preload', 'preload.cjs')),
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => { window = null; });
  if (location.kind === 'dev' && devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(indexFile);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  // Let a running backup or check finish (or stop) before the database closes under it.
  event.preventDefault();
  const closing = core;
  core = null;
  void (tasks?.stop() ?? Promise.resolve()).finally(() => {
    closing.close();
    app.quit();
  });
});
