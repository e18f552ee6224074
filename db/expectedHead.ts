// A chain head printed earlier (on a report, after an export), checked against the
// log: the one reading of verify's expectHead that `cli verify --expect-head` and
// Reports › "Check a printed report" (a verify job given the printed head) both say.
import type { VerifyReport } from './chain';

/** 16 to 64 hex digits: the short digest a page shows, or the full one. */
export const PRINTED_DIGEST = /^[0-9a-f]{16,64}$/i;

export type DigestVerdict = 'at_head' | 'contained' | 'not_in_log' | 'altered' | 'row_mismatch';

export interface DigestCheck {
  /** True when the log still holds the digest, intact up to and after it. */
  ok: boolean;
  verdict: DigestVerdict;
  /** The row sealed with that digest; null when the log does not hold it. */
  atRow: number | null;
  /** Rows added after it (0 when it is still the head). */
  rowsSince: number | null;
  /** The log's head now: its row and short digest. */
  headRow: number;
  head: string;
  /** One sentence for a person: what the screen and the CLI print. */
  message: string;
}

const n = (x: number) => x.toLocaleString('en');

/**
 * What a verify report run with `expectHead` says about that digest. `rows`, when
 * given, is the row count printed beside it: the digest must be that row's.
 */
export function digestVerdict(chain: VerifyReport, digest: string, rows?: number): DigestCheck {
  const at = chain.expectedHeadAt ?? null;
  const base = { atRow: at, rowsSince: at === null ? null : chain.headId - at, headRow: chain.headId, head: chain.headShort };
  const wanted = digest.toLowerCase();
  if (at === null) {
    const why =
      chain.firstBroken && !chain.firstBroken.problem.startsWith('the expected head')
        ? `; the log is also broken at row ${n(chain.firstBroken.id)}: ${chain.firstBroken.problem}`
        : '';
    return {
      ...base,
      ok: false,
      verdict: 'not_in_log',
      message:
        `The chain head ${wanted} is not in this log: rows were removed or the chain was rewritten since it was printed, ` +
        `or it comes from another database${why}`,
    };
  }
  if (chain.firstBroken) {
    return {
      ...base,
      ok: false,
      verdict: 'altered',
      message: `The log held ${wanted} at row ${n(at)}, but it was altered since: row ${n(chain.firstBroken.id)}: ${chain.firstBroken.problem}`,
    };
  }
  if (rows !== undefined && rows !== at) {
    return {
      ...base,
      ok: false,
      verdict: 'row_mismatch',
      message: `The chain head ${wanted} is row ${n(at)} of this log, not row ${n(rows)} as printed: the rows were renumbered, or the number was misread`,
    };
  }
  return at === chain.headId
    ? { ...base, ok: true, verdict: 'at_head', message: 'ends at the expected head' }
    : { ...base, ok: true, verdict: 'contained', message: `contains the expected head at row ${n(at)}; ${n(chain.headId - at)} rows were added after it` };
}
