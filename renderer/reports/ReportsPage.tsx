// Reports: proof to hand over. The chain check an auditor asks for first, the
// period and person reports, and the check of a digest printed on any report. An
// address naming a report (#/reports?view=…) shows that report, ready to print.
import { PageHead } from '../components/PageHead';
import type { Route } from '../router';
import { useMay } from '../session';
import { ActivityReportCard } from './ActivityReportCard';
import { ArchiveCard } from './ArchiveCard';
import { ArchivePage } from './ArchivePage';
import { CheckDigestCard } from './CheckDigestCard';
import { reportRequest } from './reportRoutes';
import { ReportView } from './ReportView';
import { VerifyCard } from './VerifyCard';
import { VisitReportCard } from './VisitReportCard';

export function ReportsPage({ route }: { route: Route }) {
  const may = useMay();
  const request = reportRequest(route);
  if (request) return <ReportView request={request} />;
  if (route.params.view === 'archive' && may('archives.list')) return <ArchivePage route={route} />;
  return (
    <section className="reports" aria-labelledby="reports-title">
      <PageHead
        id="reports-title"
        crumbs="Reports"
        title="Reports"
        lead="Proof for an auditor, a customer or a dispute: that the log is complete and untouched, and what it holds, on paper."
      />
      <div className="report-cards">
        <VerifyCard />
        {may('reports.period') ? (
          <ActivityReportCard />
        ) : (
          <section className="card" aria-labelledby="activity-report-title">
            <h2 id="activity-report-title">Period and person reports</h2>
            <p className="notice">
              A manager or an administrator can produce period and person reports. A booking's proof prints from its job card (“Print proof”).
            </p>
          </section>
        )}
        {may('reports.visits') && <VisitReportCard />}
        {may('jobs.start') && <CheckDigestCard />}
        {may('archives.start') && <ArchiveCard />}
      </div>
    </section>
  );
}
