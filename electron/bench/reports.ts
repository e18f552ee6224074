// The reports' benchmark figures (issue 14): a 5,000-row booking report to HTML
// (target ≤ 1 s) and a 20,000-row period report to PDF in headless Chromium
// (target ≤ 30 s). Exported for the bench command to run; the tests print with
// the same htmlToPdf.
import { writeFileSync } from 'node:fs';
import type { Db } from '../../db/open';
import type { SessionUser } from '../services/context';
import { assembleBookingReport } from '../reports/booking';
import { assembleActivityReport } from '../reports/activity';
import { loadReportHtml } from '../cli/report';
import { launchChromium } from './browser';

export const BOOKING_HTML_TARGET_MS = 1000;
export const PERIOD_PDF_TARGET_MS = 30_000;

/**
 * Hides the page on screen in the headless browser, where nobody looks at it: Chromium
 * then lays the report out once, for paper, instead of also for the window before
 * printing and again after it. Print styles are untouched.
 */
const NOT_ON_SCREEN = '<style media="screen">body { display: none; }</style>';

/** Prints a report's HTML as the browser's Save as PDF does: its own @page size and margins, backgrounds kept. */
export async function htmlToPdf(html: string, pdfFile: string, htmlFile = `${pdfFile}.html`): Promise<void> {
  writeFileSync(htmlFile, html.replace('</head>', `${NOT_ON_SCREEN}</head>`));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${htmlFile}`);
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

export interface ReportFigure {
  ms: number;
  rows: number;
  targetMs: number;
}

/** A booking's report assembled from the log and rendered to HTML (nothing recorded: the bench writes nothing). */
export async function benchBookingReportHtml(db: Db, bookingId: number, by: SessionUser): Promise<ReportFigure & { bytes: number }> {
  const render = await loadReportHtml();
  const started = performance.now();
  const report = assembleBookingReport(db, bookingId, by);
  const html = render({ kind: 'booking', report });
  return { ms: performance.now() - started, rows: report.history.length, bytes: html.length, targetMs: BOOKING_HTML_TARGET_MS };
}

/** A period's report assembled, rendered and printed to `pdfFile` by headless Chromium. */
export async function benchPeriodReportPdf(db: Db, period: { from: string; to: string }, by: SessionUser, pdfFile: string): Promise<ReportFigure> {
  const render = await loadReportHtml();
  const started = performance.now();
  const report = assembleActivityReport(db, 'period', period, by);
  await htmlToPdf(render({ kind: 'period', report }), pdfFile);
  return { ms: performance.now() - started, rows: report.history.length, targetMs: PERIOD_PDF_TARGET_MS };
}
