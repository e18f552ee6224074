// One list of the Activity tab: a heading with how many there are, and rows that
// open their record. The first cell is a button, so Tab and Enter reach every row.
import type { ReactNode } from 'react';
import { Empty } from '../components/states';

export interface ActivityColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

export function ActivitySection<T extends { id: number }>({
  id,
  title,
  rows,
  columns,
  onOpen,
  openLabel,
  empty,
  note,
}: {
  id: string;
  title: string;
  rows: T[];
  columns: ActivityColumn<T>[];
  onOpen: (row: T) => void;
  openLabel: (row: T) => string;
  empty: string;
  note?: ReactNode;
}) {
  const [first, ...rest] = columns;
  const num = (c: ActivityColumn<T>) => (c.numeric ? 'num' : undefined);
  return (
    <section className="activity-section" aria-labelledby={`${id}-title`} data-list={id}>
      <h2 id={`${id}-title`}>
        {title} <span className="count">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <div className="activity-scroll">
          <table className="grid compact">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.header} className={num(c)}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="clickable" onClick={() => onOpen(r)}>
                  <td className={num(first)}>
                    <button
                      type="button"
                      className="link"
                      aria-label={openLabel(r)}
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(r);
                      }}
                    >
                      {first.cell(r)}
                    </button>
                  </td>
                  {rest.map((c) => (
                    <td key={c.header} className={num(c)}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {note}
    </section>
  );
}
