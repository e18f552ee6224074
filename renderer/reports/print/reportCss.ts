// The report's styles, as a string: the window mounts it with the components and
// the CLI inlines it into a self-contained file, so screen, paper and PDF read alike.
// Print rules: A4 with margins that hold the running header and footer (the @page
// margin boxes of pageRules.ts), table headers repeated on every page, no row split
// across pages, long values wrapped instead of cut.
export const REPORT_CSS = `
.report { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #111; max-width: 190mm; margin: 0 auto; }
.report h1 { font-size: 15pt; margin: 0 0 2mm; }
.report h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 0.3mm solid #444; padding-bottom: 1mm; break-after: avoid; }
.report h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
.report .report-head { border: 0.3mm solid #444; padding: 3mm 4mm; margin-bottom: 4mm; break-inside: avoid; }
.report .report-head .business { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em; color: #444; }
.report .report-head .subject { font-size: 11pt; font-weight: 600; margin-bottom: 2mm; }
.report dl.facts { display: grid; grid-template-columns: minmax(34mm, max-content) 1fr; gap: 0.8mm 4mm; margin: 0; }
.report dl.facts dt { color: #555; }
.report dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.report .digest { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
.report table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 3mm; }
.report thead { display: table-header-group; }
.report tfoot { display: table-footer-group; }
.report tr { break-inside: avoid; page-break-inside: avoid; }
.report th, .report td { text-align: left; vertical-align: top; padding: 0.8mm 1.5mm; border-bottom: 0.2mm solid #bbb; overflow-wrap: anywhere; word-break: normal; }
.report table { font-size: 9pt; }
.report th { overflow-wrap: normal; hyphens: auto; background: #eee; font-weight: 600; border-bottom: 0.3mm solid #444; }
.report td.num, .report th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report .history { margin: 1mm 0 3mm; }
.report table.history-log { font-size: 8.5pt; margin: 0; }
.report table.history-log .utc { display: block; }
.report .utc { color: #555; font-size: 0.9em; }
.report .outside { background: #fff4c2; }
.report .empty { color: #666; font-style: italic; }
.report .note-body { white-space: pre-wrap; overflow-wrap: anywhere; }
.report .changed { font-weight: 600; }
.report .bars { display: flex; align-items: stretch; gap: 0.4mm; height: 30mm; border-bottom: 0.3mm solid #444; margin: 2mm 0 1mm; break-inside: avoid; }
.report .bars .day { flex: 1; display: flex; flex-direction: column-reverse; min-width: 0.5mm; }
.report .bars .day > div { flex: none; }
.report .bars .user_action { background: #3b6fb6; }
.report .bars .financial { background: #2f9a5f; }
.report .bars .data_edit { background: #c98a1a; }
.report .legend { font-size: 8.5pt; color: #333; }
.report .legend span::before { content: ""; display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 3mm; vertical-align: -0.5mm; }
.report .legend .user_action::before { background: #3b6fb6; }
.report .legend .financial::before { background: #2f9a5f; }
.report .legend .data_edit::before { background: #c98a1a; }
@media print {
  html, body { margin: 0; background: #fff; }
  .report { max-width: none; }
  .report .bars, .report .legend span::before { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
