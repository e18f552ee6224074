// One chart of the Audit log: a small card with its title, what it counts, and
// the state of its figures (loading, refused, nothing in the period).
import type { ReactNode } from 'react';
import { Empty, ErrorNote, Loading } from '../components/states';
import { formatCount } from '../format';

/** The plot area of every card, so the three sit in one even row. */
export const CHART_HEIGHT = 172;

/** SVG attributes take colours, not CSS variables: the palette of base.css, spelled out. */
export const INK = { text: '#1c2733', muted: '#5f6b78', line: '#dde2e8', grid: '#edf0f3', accent: '#1f6f8b', faded: '#b9d3dd', warn: '#d99a00' };

/** The chart's figures as a table: its text alternative, for a screen reader and for whoever wants the numbers. */
export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export function ChartCard({
  id,
  title,
  aside,
  note,
  loading,
  error,
  empty,
  hasData,
  table,
  children,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  note: ReactNode;
  loading: boolean;
  error: string | null;
  empty: ReactNode | null;
  hasData: boolean;
  table: ChartTable;
  children: ReactNode;
}) {
  let body: ReactNode = children;
  if (error) body = <ErrorNote message={error} />;
  else if (!hasData) body = <Loading what="Counting" />;
  else if (empty) body = <Empty>{empty}</Empty>;
  return (
    <section className="card chart-card" aria-labelledby={`${id}-title`} aria-busy={loading}>
      <header>
        <h2 id={`${id}-title`}>{title}</h2>
        {aside && <span className="chart-aside">{aside}</span>}
      </header>
      <div className={loading ? 'chart-body stale' : 'chart-body'} style={{ height: CHART_HEIGHT }}>
        {body}
      </div>
      <p className="chart-note">{note}</p>
      {hasData && !error && !empty && <FiguresTable title={title} table={table} />}
    </section>
  );
}

function FiguresTable({ title, table }: { title: string; table: ChartTable }) {
  return (
    <details className="chart-table">
      <summary>The figures as a table</summary>
      <table className="grid">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, row) => (
            <tr key={row}>
              {r.map((v, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {v}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {typeof v === 'number' ? formatCount(v) : v}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
