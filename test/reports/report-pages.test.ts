// A booking with 5,000 History rows, printed: the header on every page, the
// History's column headings repeated on each page it runs over, and no row split
// across two pages (each row's number and its value are on one page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeCore, type TestCore } from '../helpers/core';
import { makeBooking, makeCustomer } from '../helpers/audit';
import { htmlToPdf } from '../../electron/bench/reports';
import { loadReportHtml } from '../../electron/cli/report';
import type { BookingReport } from '../../electron/reports/types';
import { missingFromPage, pagePictures, pageTexts } from './pdfPages';

const CHANGES = 5000;
let core: TestCore;
let report: BookingReport;
let pages: string[];

beforeAll(async () => {
  core = makeCore();
  const c = makeCustomer(core, { name: 'Harriet Longhistory' });
  const b = makeBooking(core, c.id);
  const staff = core.as('staff');
  // Each address a token of its own, so a page's text shows whether that row's value is on it.
  for (let k = 1; k <= CHANGES; k++) staff('bookings.update', { id: b.id, address: `Unit-${k}-end, a long street name that wraps in its cell` });
  report = staff('reports.booking', { bookingId: b.id });
  const pdf = join(core.dir, 'booking-5000.pdf');
  await htmlToPdf((await loadReportHtml())({ kind: 'booking', report }), pdf);
  pages = pageTexts(pdf);
  pagePictures(pdf, 'report-5000', 1, 3);
  pagePictures(pdf, 'report-5000-last', pages.length, pages.length);
}, 300_000);
afterAll(() => core.dispose());

describe('a booking report of 5,000 History rows, printed', () => {
  it('runs over many pages, each with the business, title, subject, page N of M, when, by whom and the chain head', () => {
    expect(report.history.length).toBeGreaterThan(CHANGES);
    expect(pages.length).toBeGreaterThan(50);
    expect(pages.flatMap((t, i) => missingFromPage(t, i + 1, pages.length, report.header))).toEqual([]);
  });

  it("repeats the History's column headings on every page it runs over", () => {
    const first = pages.findIndex((t) => t.includes('Complete History'));
    expect(first).toBeGreaterThanOrEqual(0);
    // Word by word: pdftotext reads a right-aligned "Row" in a different order where the numbers below it are short.
    const headings = ['Row', 'When', 'Who', 'Event', 'Field', 'Before', 'After'];
    const headless = pages
      .slice(first)
      .map((t, i) => (headings.every((w) => t.includes(` ${w} `)) ? null : first + i + 1))
      .filter((p) => p !== null);
    expect(headless).toEqual([]);
  });

  it('never splits a row: each value is on exactly one page, with its row number', () => {
    const split: string[] = [];
    for (const r of report.history) {
      const m = /^Unit-(\d+)-end/.exec(r.newValue ?? '');
      if (!m) continue;
      const token = `Unit-${m[1]}-end,`;
      const on = pages.flatMap((t, i) => (t.includes(token) ? [i] : []));
      // A row's old value is the previous row's new one: it shows on that row's page too.
      const own = on.filter((i) => new RegExp(`(^| )${r.id} `).test(pages[i]));
      if (own.length !== 1) split.push(`row ${r.id} (${token}) on pages ${on.map((i) => i + 1).join(', ')}`);
    }
    expect(split).toEqual([]);
  });
});
