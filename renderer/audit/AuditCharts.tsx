// The three figures above the Audit log, for the period its date filter sets:
// what happened each day, whose bookings moved most, and who changed most.
// Loaded on its own (recharts is large): the log itself never waits for it.
import { useApi } from '../api/useApi';
import { plural } from '../format';
import { routeHref } from '../router';
import { hasFilters, OUTSIDE, type HistoryFilters } from '../history/filters';
import { ActivityChart } from './ActivityChart';
import { ChartCard } from './ChartCard';
import { barTitle, countBars, DEFAULT_DAYS, periodText, type ChartPeriod } from './period';
import { RankChart, type RankRow } from './RankChart';

const BAR_UNIT = { day: 'day', week: 'week', month: 'month' } as const;
const BAR_HEAD = { day: 'Day', week: 'Week', month: 'Month' } as const;

export function AuditCharts({ period, filters, onFilters }: { period: ChartPeriod | null; filters: HistoryFilters; onFilters: (f: HistoryFilters) => void }) {
  const stats = useApi('audit.stats', { from: period?.from ?? '', to: period?.to ?? '' }, period === null);
  const data = period ? stats.data : undefined;
  const state = {
    loading: stats.loading && period !== null,
    error: period ? stats.error : 'From is after To: there is nothing to chart.',
    hasData: data !== undefined,
  };
  const { granularity, bars } = data && period ? countBars(data, period) : { granularity: 'day' as const, bars: [] };
  const total = bars.reduce((n, b) => n + b.total, 0);
  const narrowed = hasFilters({ ...filters, from: '', to: '' });

  const customers: RankRow[] = (data?.topRescheduled ?? []).map((c) => ({
    key: String(c.customerId),
    name: c.name,
    value: c.reschedules,
    href: routeHref('customers', c.customerId),
    hint: 'Click to open the customer',
  }));
  const pickActor = (id: string) => onFilters({ ...filters, actor: filters.actor === id ? '' : id });
  const editors: RankRow[] = (data?.topEditors ?? []).map((e) =>
    e.actorId === null
      ? {
          key: OUTSIDE,
          name: e.name,
          value: e.actions,
          warn: true,
          onPick: () => pickActor(OUTSIDE),
          hint: filters.actor === OUTSIDE ? 'Click again to show everyone' : 'Written by a program other than JobTrail: click to see only those',
        }
      : {
          key: String(e.actorId),
          name: e.name,
          value: e.actions,
          onPick: () => pickActor(String(e.actorId)),
          hint: filters.actor === String(e.actorId) ? 'Click again to show everyone' : 'Click to show only their changes',
        },
  );

  return (
    <div className="audit-charts" aria-label="Audit log charts" role="region">
      <p className="chart-period">
        {period ? (
          <>
            Charts for <strong>{periodText(period)}</strong>
            {period.fallback ? (
              <span className="muted"> — the last {DEFAULT_DAYS} days. Set From and To in the log below to chart another period.</span>
            ) : (
              <span className="muted"> — the dates set in the log below.</span>
            )}
            {narrowed && <span className="muted"> The charts count every kind of change by everyone; the log is narrowed further.</span>}
          </>
        ) : (
          <span className="muted">Set a From date on or before the To date to see the charts.</span>
        )}
      </p>
      <div className="chart-row">
        <ChartCard
          id="chart-activity"
          title={`Changes per ${BAR_UNIT[granularity]}`}
          {...state}
          aside={data && plural(total, 'change')}
          empty={total === 0 ? 'No changes in this period.' : null}
          table={{
            columns: [BAR_HEAD[granularity], 'User actions', 'Financial', 'Data edits', 'All'],
            rows: bars.map((b) => [barTitle(b.key, granularity), b.user_action, b.financial, b.data_edit, b.total]),
          }}
          note="One action counts once, however many fields it changed (a move of start and end is one change); the log below lists each field."
        >
          <ActivityChart bars={bars} granularity={granularity} />
        </ChartCard>
        <ChartCard
          id="chart-reschedules"
          title="Most rescheduled customers"
          {...state}
          empty={customers.length === 0 ? 'No booking was rescheduled in this period.' : null}
          table={{ columns: ['Customer', 'Reschedules'], rows: customers.map((c) => [c.name, c.value]) }}
          note="Bookings moved, per customer. Click a name to open the customer."
        >
          <RankChart rows={customers} unit="reschedule" label="Customers with the most reschedules" />
        </ChartCard>
        <ChartCard
          id="chart-editors"
          title="Most changes by"
          {...state}
          empty={editors.length === 0 ? 'Nobody changed anything in this period.' : null}
          table={{ columns: ['Person', 'Actions'], rows: editors.map((e) => [e.name, e.value]) }}
          note="Actions per person; one save of several fields counts once. Click a name to see only their changes."
        >
          <RankChart rows={editors} unit="action" label="People who made the most changes" selected={filters.actor || undefined} />
        </ChartCard>
      </div>
    </div>
  );
}
