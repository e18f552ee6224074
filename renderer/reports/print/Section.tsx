/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// Small pieces every report uses: a titled section, a two-column fact list, and a
// plain table of records that says so when there is nothing to list.
import type { ReactNode } from 'react';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Facts({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([label, value]) => [
        <dt key={`${label}-t`}>{label}</dt>,
        <dd key={`${label}-d`}>{value === '' || value === null ? <span className="empty">(empty)</span> : value}</dd>,
      ])}
    </dl>
  );
}

export interface Column<T> {
  title: string;
  cell: (row: T) => ReactNode;
  num?: boolean;
  width?: string;
}

export function RecordTable<T extends { id: number }>({ rows, columns, none }: { rows: readonly T[]; columns: Column<T>[]; none: string }) {
  if (rows.length === 0) return <p className="empty">{none}</p>;
  return (
    <table>
      <colgroup>
        {columns.map((c) => (
          <col key={c.title} style={c.width ? { width: c.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.title} className={c.num ? 'num' : undefined}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            {columns.map((c) => (
              <td key={c.title} className={c.num ? 'num' : undefined}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
