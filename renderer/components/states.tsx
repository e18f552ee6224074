// What a screen shows while it waits, when there is nothing, and when it was refused.
import type { ReactNode } from 'react';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function ErrorNote({ message }: { message: string | null | undefined }) {
  return message ? (
    <p className="error" role="alert">
      {message}
    </p>
  ) : null;
}

/** A bar for work that takes a while: how far it has got, in words and as a bar. */
export function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={label}>
      <div className="progress-bar" style={{ width: `${total ? Math.min(100, (100 * done) / total) : 0}%` }} />
      <span>{label}</span>
    </div>
  );
}
