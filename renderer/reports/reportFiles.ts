// What a saved report is called: its kind, its subject and the day, so a folder of
// them reads as a list of what was handed over.
import type { AnyReport } from '../../electron/reports/types';

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);

export function reportFileName(report: AnyReport, extension: 'json' | 'pdf' | 'html' | 'csv'): string {
  const h = report.report.header;
  return `${slug(h.title)}-${slug(h.subject)}-${h.generatedAt.slice(0, 10)}.${extension}`;
}
