// "Save as PDF" of a report in the desktop app: the main process asks where (a
// save dialog opening in the folder used last), prints the window's page with the
// report's own page rules, and writes the file. Electron is passed in, so that all
// of this runs, and is tested, as plain Node.
import type { Result } from '../api/dispatch';
import type { LastFolder } from './lastFolder';
import { isAppUrl, type AppLocation } from './security';

/** The preload's second function: save the report shown as a PDF. */
export const SAVE_PDF_CHANNEL = 'jobtrail:save-pdf';

/** What the window may ask for: only a suggested file name; the main process decides everything else. */
export interface SavePdfRequest {
  fileName: string;
}
export interface SavePdfAnswer {
  savedTo: string | null;
}

/** What the desktop window has beside the contract; web mode has no such thing (the browser prints). */
export interface DesktopClient {
  savePdf(request: SavePdfRequest): Promise<Result<SavePdfAnswer>>;
}

/** As the report's CSS sets them (@page size and margins), with its backgrounds; no header of Chromium's own. */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false } as const;

/** Electron's side; `W` is the window's webContents that asked. */
export interface SavePdfDeps<W> {
  /** The save dialog over that window: the chosen path, or null when the person cancelled. */
  askWhere(window: W, defaultPath: string): Promise<string | null>;
  printToPdf(window: W, options: typeof PDF_OPTIONS): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Where the dialog opens: the folder saved into last, kept across starts (lastFolder.ts). */
  folder: LastFolder;
}

const NAME = /^[\w .,()-]{1,120}\.pdf$/;

/** A file name the dialog may suggest: a plain name ending in .pdf, no folders, nothing a file system treats specially. */
export function suggestedName(input: unknown): string | null {
  const name = typeof input === 'object' && input !== null ? (input as { fileName?: unknown }).fileName : undefined;
  return typeof name === 'string' && NAME.test(name) && !name.startsWith('.') ? name : null;
}

export function pdfSaver<W>(app: AppLocation, deps: SavePdfDeps<W>) {
  return async (window: W, frameUrl: string | null, input: unknown): Promise<Result<SavePdfAnswer>> => {
    if (!isAppUrl(frameUrl, app)) {
      return { ok: false, error: { code: 'forbidden', message: 'This call did not come from the JobTrail window.' } };
    }
    const name = suggestedName(input);
    if (!name) {
      return { ok: false, error: { code: 'invalid_input', field: 'fileName', message: 'The file name must be a plain name ending in .pdf.' } };
    }
    const path = await deps.askWhere(window, deps.folder.suggest(name));
    if (!path) return { ok: true, value: { savedTo: null } };
    try {
      await deps.writeFile(path, await deps.printToPdf(window, PDF_OPTIONS));
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: `The PDF could not be saved to ${path}: ${e instanceof Error ? e.message : String(e)}` } };
    }
    deps.folder.savedTo(path);
    return { ok: true, value: { savedTo: path } };
  };
}
