// The Audit log: every change anyone made, searchable and filterable, with the
// period's figures above it. The filters live in the address, so a link (or the
// Back button) brings the same narrowed log back.
import { lazy, Suspense, type ReactNode } from 'react';
import { PageHead } from '../components/PageHead';
import { Loading } from '../components/states';
import { filtersFromParams, filtersToParams } from '../history/filters';
import { HistoryGrid } from '../history/HistoryGrid';
import { navigate, routeHref, setParams, type Route } from '../router';
import { roleInWords } from '../roles';
import { useMay, useSession } from '../session';
import { chartPeriod } from './period';

const AuditCharts = lazy(() => import('./AuditCharts').then((m) => ({ default: m.AuditCharts })));

export function AuditLogPage({ route }: { route: Route }) {
  const may = useMay();
  if (!may('history.search')) return <NotForYourRole />;
  const filters = filtersFromParams(route.params);
  const onFilters = (f: typeof filters) => setParams(route, filtersToParams(f));
  return (
    <section className="audit-log" aria-labelledby="audit-title">
      <AuditHead>
        {may('jobs.start') && (
          <button type="button" onClick={() => navigate(routeHref('reports'))}>
            Check the audit trail
          </button>
        )}
      </AuditHead>
      {may('audit.stats') && (
        <Suspense
          fallback={
            <div className="audit-charts">
              <Loading what="Loading the charts" />
            </div>
          }
        >
          <AuditCharts period={chartPeriod(filters)} filters={filters} onFilters={onFilters} />
        </Suspense>
      )}
      <section className="card audit-grid" aria-label="The log">
        <HistoryGrid
          scope={{}}
          showRecord
          filters={filters}
          onFilters={onFilters}
          idPrefix="audit"
          exportName="audit-log"
          emptyText="Nothing has been recorded yet: the first change anyone makes will be here."
          maxHeight="max(420px, calc(100vh - 240px))"
        />
      </section>
    </section>
  );
}

function AuditHead({ children }: { children?: ReactNode }) {
  return (
    <PageHead
      id="audit-title"
      crumbs="Audit log"
      title="Audit log"
      lead="Every change to bookings, customers, money, users and settings: who, when, and the value before and after."
    >
      {children}
    </PageHead>
  );
}

/** The main process refuses the log to this role; say so in words, and where to go instead. */
function NotForYourRole() {
  const { user } = useSession();
  return (
    <section className="audit-log" aria-labelledby="audit-title">
      <AuditHead />
      <div className="card not-allowed" role="note">
        <h3>The Audit log is for the office team</h3>
        <p>You are signed in as {roleInWords(user.role)}. The whole log, its search and its charts are open to staff, managers and administrators.</p>
        <p>The History of each booking assigned to you is on its job card, under Activity › History.</p>
        <button type="button" onClick={() => navigate(routeHref('bookings'))}>
          Go to my bookings
        </button>
      </div>
    </section>
  );
}
