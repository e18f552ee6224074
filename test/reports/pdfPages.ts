// Reading a printed report back: each page's text (pdftotext, poppler-utils), and
// a few pages as images in test/output/ to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/cli';

export function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** Every page's text in reading order, white space collapsed (a wrapped margin box reads as one line). */
export function pageTexts(pdf: string): string[] {
  const all = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return all
    .split('\f')
    .slice(0, pageCount(pdf))
    .map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Pages first..last as PNGs at 60 dpi, named test/output/<name>-N.png (never committed). */
export function pagePictures(pdf: string, name: string, first: number, last: number): void {
  const out = join(ROOT, 'test', 'output');
  mkdirSync(out, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(last), pdf, join(out, name)]);
}

/** What every page of a report must show, whatever its content. */
export function missingFromPage(
  text: string,
  page: number,
  pages: number,
  h: {
    businessName: string;
    title: string;
    subject: string;
    chain: { short: string; rows: number };
    generatedBy: { name: string };
  },
): string[] {
  const wanted = [
    h.businessName,
    h.title,
    h.subject,
    `Page ${page} of ${pages}`,
    `Chain head ${h.chain.short}`,
    `${h.chain.rows.toLocaleString('en')} rows`,
    'Generated',
    `by ${h.generatedBy.name}`,
  ];
  return wanted.filter((w) => !text.includes(w)).map((w) => `page ${page}: ${w}`);
}
