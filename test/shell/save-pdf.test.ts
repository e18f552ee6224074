// "Save as PDF" in the desktop app, with Electron's dialog and printToPDF stood in
// for (no Electron binary here): only our page may ask, only a plain file name is
// taken from it, the dialog opens where the last PDF went, and a failed write says
// where it could not save.
import { mkdtempSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_OPTIONS, pdfSaver, suggestedName } from '../../electron/shell/savePdf';
import { lastFolder } from '../../electron/shell/lastFolder';
import { memoryStore } from './memoryStore';
import { appLocation } from '../../electron/shell/security';

const app = appLocation('file:///opt/JobTrail/out/renderer/index.html', undefined);
const ours = 'file:///opt/JobTrail/out/renderer/index.html';

function saver(answers: (string | null)[]) {
  const asked: string[] = [];
  const printed: unknown[] = [];
  const save = pdfSaver<string>(app, {
    askWhere: async (_window, path) => {
      asked.push(path);
      return answers.shift() ?? null;
    },
    printToPdf: async (window, options) => {
      printed.push([window, options]);
      return new TextEncoder().encode('%PDF-1.7 test');
    },
    writeFile: (path, data) => writeFile(path, data),
    folder: lastFolder({ store: memoryStore(), firstFolder: '/home/dana/Documents', isFolder: () => true, join, dirname }),
  });
  return { save, asked, printed };
}

describe('Save as PDF', () => {
  it("asks where, prints the asking window with the report's page rules, writes the file, and opens the next dialog there", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobtrail-pdf-'));
    const { save, asked, printed } = saver([join(dir, 'proof.pdf'), null]);
    expect(await save('window-1', ours, { fileName: 'booking-dispute-report-booking-74-2026-12-02.pdf' })).toEqual({
      ok: true,
      value: { savedTo: join(dir, 'proof.pdf') },
    });
    expect(readFileSync(join(dir, 'proof.pdf'), 'utf8')).toBe('%PDF-1.7 test');
    expect(printed).toEqual([['window-1', PDF_OPTIONS]]);
    expect(PDF_OPTIONS.preferCSSPageSize).toBe(true);
    // Cancelled: nothing printed, nothing saved, and no error to show.
    expect(await save('window-1', ours, { fileName: 'next.pdf' })).toEqual({ ok: true, value: { savedTo: null } });
    expect(asked).toEqual(['/home/dana/Documents/booking-dispute-report-booking-74-2026-12-02.pdf', join(dir, 'next.pdf')]);
    expect(printed).toHaveLength(1);
  });

  it('refuses a frame that is not our page, and a name that is a path or not a PDF', async () => {
    const { save, asked } = saver(['/tmp/x.pdf']);
    expect(await save('w', 'https://example.com/', { fileName: 'a.pdf' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const fileName of ['../../etc/passwd.pdf', '/tmp/a.pdf', 'a.exe', '.pdf', 'C:\\\\a.pdf', 42]) {
      expect(await save('w', ours, { fileName })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'fileName' } });
    }
    expect(suggestedName(null)).toBeNull();
    expect(asked).toEqual([]);
  });

  it('says where it could not save when the write fails', async () => {
    const { save } = saver(['/nonexistent-folder/proof.pdf']);
    const r = await save('w', ours, { fileName: 'proof.pdf' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!r.ok && r.error.message).toMatch(/^The PDF could not be saved to \/nonexistent-folder\/proof\.pdf: ENOENT/);
  });
});
