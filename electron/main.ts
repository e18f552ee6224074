// The Electron shell, and one of only two files that import 'electron': it starts
// the core worker, makes the window, and routes IPC to the core. It holds no
// database: a long statement or a locked file never freezes the window. Every
// decision worth testing lives in electron/shell/ and electron/core/, in plain Node.
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell, type WebContents } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCoreWorker, type CoreHost } from './core/host';
import { databaseFile, parseShellArgs, USER_DATA_FOLDER } from './shell/args';
import { EVENT_CHANNELS, INVOKE_CHANNEL } from './shell/channel';
import { handleInvoke } from './shell/ipc';
import { SPLASH_PREFERENCES, splashPage } from './shell/splash';
import { appLocation, secureWebPreferences } from './shell/security';
import { guardContents, hardenSession } from './shell/hardening';
import { appKeyPlace } from './shell/keyVault';
import { pdfSaver, SAVE_PDF_CHANNEL } from './shell/savePdf';
import { bindMenu, menuPlatform, menuTemplate } from './shell/menu';
import { claimSingleInstance } from './shell/singleInstance';
import { jsonFileStore, SHELL_STATE_FILE } from './shell/shellState';
import { placeWindow, saveWindow } from './shell/windowState';
import { lastFolder, type LastFolder } from './shell/lastFolder';

const here = dirname(fileURLToPath(import.meta.url));
const indexFile = join(here, '..', 'renderer', 'index.html');
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const location = appLocation(pathToFileURL(indexFile).href, devServerUrl);

let core: CoreHost | null = null;
let window: BrowserWindow | null = null;

app.enableSandbox();
app.setPath('userData', join(app.getPath('appData'), USER_DATA_FOLDER));
const shellStore = jsonFileStore(join(app.getPath('userData'), SHELL_STATE_FILE));
const WINDOW_SIZES = { width: 1280, height: 800, minWidth: 900, minHeight: 600 };
const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

if (claimSingleInstance(app, () => window)) {
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
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
  const splash = args.demo && !existsSync(file) ? await showSplash() : null;
  let started: CoreHost;
  try {
    // The core worker opens the file (making the demo first, if asked), then checks the
    // audit trail and takes the day's backup on its own thread, beside the window.
    started = await startCoreWorker(file, {
      keys: appKeyPlace(app.getPath('userData'), safeStorage),
      lockHolder: 'the JobTrail app',
      seedDemo: args.demo,
    });
  } finally {
    splash?.destroy();
  }
  core = started;
  const saveFolder = lastFolder({ store: shellStore, firstFolder: app.getPath('documents'), isFolder, join, dirname });
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) =>
    handleInvoke(started, location, { frameUrl: event.senderFrame?.url ?? null, webContentsId: event.sender.id }, name, input),
  );
  const savePdf = pdfSaver<WebContents>(location, {
    askWhere: async (sender, defaultPath) => {
      const owner = BrowserWindow.fromWebContents(sender);
      const options = { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    printToPdf: (sender, options) => sender.printToPDF(options),
    writeFile: (path, data) => writeFile(path, data),
    folder: saveFolder,
  });
  ipcMain.handle(SAVE_PDF_CHANNEL, (event, input: unknown) => savePdf(event.sender, event.senderFrame?.url ?? null, input));
  rememberDownloads(saveFolder);
  setMenu(file);

  createWindow();
}

/** Making the demo takes a while; a static splash page stays painted meanwhile. */
async function showSplash(): Promise<BrowserWindow> {
  const splash = new BrowserWindow({
    width: 440,
    height: 170,
    frame: false,
    resizable: false,
    backgroundColor: '#1d2733',
    webPreferences: SPLASH_PREFERENCES,
  });
  await splash.loadURL(splashPage("Preparing the demo database: eighteen months of an office's work…"));
  return splash;
}

/** The menu of menu.ts; its commands go to the window, which does them as its own keys would. */
function setMenu(databaseFile: string): void {
  const template = bindMenu(menuTemplate(menuPlatform(process.platform), { productName: 'JobTrail', devTools: !app.isPackaged }), {
    command: (command) => window?.webContents.send(EVENT_CHANNELS.command, command),
    action: () => {
      void shell.openPath(dirname(databaseFile));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** An export or report downloaded by the window gets a save dialog opening where the last file went. */
function rememberDownloads(folder: LastFolder): void {
  session.defaultSession.on('will-download', (_event, item) => {
    item.setSaveDialogOptions({ defaultPath: folder.suggest(item.getFilename()) });
    item.once('done', (_done, state) => {
      if (state === 'completed') folder.savedTo(item.getSavePath());
    });
  });
}

function createWindow(): void {
  // Where it was closed, brought onto a display that is still there; the primary display first.
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const { maximized, ...place } = placeWindow(shellStore, displays, WINDOW_SIZES);
  // The title follows the page's document.title ("Booking #1951 · Furnace repair · JobTrail"): Electron's default.
  window = new BrowserWindow({
    ...WINDOW_SIZES,
    ...place,
    title: 'JobTrail',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(join(here, '..', 'preload', 'preload.cjs')),
  });
  if (maximized) window.maximize();
  window.once('ready-to-show', () => window?.show());
  window.on('close', () => {
    if (window) saveWindow(shellStore, window);
  });
  window.on('closed', () => {
    window = null;
  });
  if (location.kind === 'dev' && devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(indexFile);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  // The core lets a running backup, check or job finish (or stop) before the database closes under it.
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});
