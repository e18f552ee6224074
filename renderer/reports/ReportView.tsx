// A report on screen, as it prints: the window's own chrome and this toolbar are
// left off the paper (styles/print.css). Each visit produces the report once, and
// producing it is an audit row, so it is never re-asked behind the person's back.
import { useEffect, useRef, useState } from 'react';
import type { AnyReport } from '../../electron/reports/types';
import { call, messageOf } from '../api/client';
import { downloadText } from '../components/download';
import { ErrorNote, Loading } from '../components/states';
import { ReportDocument } from './print/ReportDocument';
import { reportFileName } from './reportFiles';
import type { ReportRequest } from './reportRoutes';
import { VisitFileButtons } from './VisitFileButtons';
import { useCommand } from '../shell/commands';

const KIND: Record<ReportRequest['name'], AnyReport['kind']> = {
  'reports.booking': 'booking',
  'reports.customer': 'customer',
  'reports.period': 'period',
  'reports.person': 'person',
  'reports.equipment': 'history',
  'reports.history': 'history',
  'reports.visits': 'visits',
};

export function ReportView({ request }: { request: ReportRequest }) {
  const key = JSON.stringify(request);
  const [report, setReport] = useState<AnyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const savePdf = window.api?.savePdf;

  useEffect(() => {
    if (asked.current === key) return;
    asked.current = key;
    setReport(null);
    setError(null);
    (call(request.name, request.input as never) as Promise<AnyReport['report']>)
      .then((r) => setReport({ kind: KIND[request.name], report: r } as AnyReport))
      .catch((e: unknown) => setError(messageOf(e)));
  }, [key, request]);

  useEffect(() => {
    if (report) document.title = `${report.report.header.title} · ${report.report.header.subject} · JobTrail`;
  }, [report]);

  const saveAsPdf = () => {
    if (!report || !savePdf) return;
    void savePdf({ fileName: reportFileName(report, 'pdf') }).then((r) => {
      if (r.ok) setSaved(r.value.savedTo ? `Saved as ${r.value.savedTo}` : null);
      else setError(r.error.message);
    });
  };
  // In a browser tab, its print dialog is where a PDF is saved.
  useCommand('file.savePdf', () => (savePdf ? saveAsPdf() : window.print()), report !== null);

  return (
    <section className="report-view" aria-label="Report">
      <div className="report-toolbar" role="toolbar" aria-label="Report">
        <button type="button" className="quiet" onClick={() => history.back()}>
          ← Back
        </button>
        <span className="grow" />
        {report?.kind === 'customer' && (
          <button type="button" onClick={() => downloadText(reportFileName(report, 'json'), JSON.stringify(report.report, null, 2), 'application/json')}>
            Download as JSON
          </button>
        )}
        {report?.kind === 'visits' && request.name === 'reports.visits' && <VisitFileButtons input={request.input} report={report} onError={setError} />}
        {savePdf && report && (
          <button type="button" onClick={saveAsPdf}>
            Save as PDF…
          </button>
        )}
        <button type="button" className="primary" disabled={!report} onClick={() => window.print()}>
          Print…
        </button>
      </div>
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      {error && <ErrorNote message={error} />}
      {!report && !error && <Loading what="Preparing the report" />}
      {report && <ReportDocument report={report} />}
    </section>
  );
}
