// Above every History (a booking's, a customer's, the Audit log): once older rows
// have been archived, say that History before a date is in an archive file, so an
// empty or short History is not read as nothing having happened before it.
import { useApi } from '../api/useApi';
import { formatDate, utcTitle } from '../format';
import { routeHref } from '../router';
import { useMay } from '../session';

export function ArchivedNotice() {
  const may = useMay();
  const allowed = may('archives.status');
  const status = useApi('archives.status', {}, !allowed);
  const from = status.data?.keptFrom;
  if (!allowed || !from) return null;
  return (
    <p className="notice archived-note" role="note">
      Rows before{' '}
      <time dateTime={from} title={utcTitle(from)}>
        {formatDate(from)}
      </time>{' '}
      are in an archive: they were moved out of the database into an archive file
      {may('archives.start') ? (
        <>
          {' '}
          (Reports › <a href={routeHref('reports')}>Archive old History</a>)
        </>
      ) : null}
      .
    </p>
  );
}
