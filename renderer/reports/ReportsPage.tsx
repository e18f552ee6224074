// Reports: the printable reports come with their own issue; the chain check an
// auditor asks for first is here already.
import { PageHead } from '../components/PageHead';
import { routeHref } from '../router';
import { useMay } from '../session';
import { VerifyCard } from './VerifyCard';

export function ReportsPage() {
  const may = useMay();
  return (
    <section className="reports" aria-labelledby="reports-title">
      <PageHead id="reports-title" crumbs="Reports" title="Reports"
        lead="Proof for an auditor, a customer or a dispute: that the log is complete and untouched." />
      <div className="report-cards">
        <VerifyCard />
        <section className="card" aria-labelledby="printable-title">
          <h2 id="printable-title">Printable reports</h2>
          <p><strong>Printable audit reports arrive with their own issue.</strong> They will print:</p>
          <ul className="placeholder-list">
            <li>the History of a booking or a customer, for a dispute;</li>
            <li>the whole log of a period, for an auditor;</li>
            <li>each with the chain head at its foot, so the paper can later be checked against the database.</li>
          </ul>
          {may('jobs.start') && (
            <p className="muted">Until then, <a href={routeHref('audit')}>Export CSV</a> in any History gives the same rows, with the chain head.</p>
          )}
        </section>
      </div>
    </section>
  );
}
