// The running header and footer of every printed page, as @page margin boxes
// (Chromium 131+): business, title, subject, page N of M, when and by whom, and the
// chain head with its row count. Written per report, since the text is the report's.
import type { ReportHeader } from '../../../electron/reports/types';
import { generatedText } from './when';

/**
 * Text as a CSS string: quotes and backslashes escaped, line breaks as \\A, and
 * "<" as \\3C so that no value can close the <style> element it sits in.
 */
export function cssString(s: string): string {
  return `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, '\\A ')
    .replace(/</g, '\\3C ')}"`;
}

export function pageRules(h: ReportHeader): string {
  const box = 'font: 8pt system-ui, "DejaVu Sans", sans-serif; color: #333;';
  return `@page {
  size: A4; margin: 20mm 12mm 22mm;
  @top-left { content: ${cssString(`${h.businessName} · ${h.title}`)}; ${box} vertical-align: bottom; }
  @top-right { content: ${cssString(h.subject)}; ${box} vertical-align: bottom; text-align: right; }
  @bottom-left { content: ${cssString(`Generated ${generatedText(h.generatedAt)} by ${h.generatedBy.name}`)}; ${box} vertical-align: top; }
  @bottom-center { content: ${cssString(`Chain head ${h.chain.short} · ${h.chain.rows.toLocaleString('en')} rows`)}; ${box} vertical-align: top; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} vertical-align: top; text-align: right; }
}`;
}
