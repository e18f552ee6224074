// The head of a section's page: where it sits, its title, one line on what it is
// for, and its actions on the right.
import type { ReactNode } from 'react';

export function PageHead({
  id,
  crumbs,
  title,
  lead,
  children,
}: {
  /** The title's id, for the page's aria-labelledby. */
  id: string;
  crumbs: ReactNode;
  title: ReactNode;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        <div className="crumbs">{crumbs}</div>
        <h1 id={id}>{title}</h1>
        {lead && <p className="page-lead">{lead}</p>}
      </div>
      {children && <div className="head-actions">{children}</div>}
    </div>
  );
}
