// What keeps a record from being deleted, each with a link to where it can be
// settled: the refusal of a deletion says the first; this lists them all.
import type { Refusal } from '../api/useApi';

export function BlockerList({ refusal }: { refusal: Refusal | null }) {
  if (!refusal?.blockers?.length) return null;
  return (
    <div className="blockers" role="alert">
      <p>It cannot be deleted while money or work hangs on it. Settle {refusal.blockers.length === 1 ? 'this' : 'these'} first:</p>
      <ul>
        {refusal.blockers.map((b) => (
          <li key={b.what}>
            <a href={b.href}>{b.what}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
