/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// A report as one self-contained HTML file (styles inlined, nothing fetched): what
// `cli report --format html` writes, and what prints the same as the window's page.
import { renderToStaticMarkup } from 'react-dom/server';
import type { AnyReport } from '../../../electron/reports/types';
import { ReportDocument } from './ReportDocument';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function reportHtml(report: AnyReport): string {
  const h = report.report.header;
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(`${h.title} · ${h.subject}`)}</title>` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>' +
    renderToStaticMarkup(<ReportDocument report={report} />) +
    '</body></html>\n'
  );
}
