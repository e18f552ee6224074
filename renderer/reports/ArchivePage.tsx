// An archive opened to be read (Reports › Archive old History › Read the archive):
// what the file is and whether it verified when it was opened, then its History in
// the grid every History uses: searched, filtered, printed and exported as the
// log's is. Nothing here writes to the archive.
import type { ArchiveListing } from '../../electron/services/archiveViews';
import { useApi } from '../api/useApi';
import { PageHead } from '../components/PageHead';
import { ErrorNote, Loading } from '../components/states';
import { formatCount, formatDate } from '../format';
import { filtersFromParams, filtersToParams } from '../history/filters';
import { HistoryGrid } from '../history/HistoryGrid';
import { routeHref, setParams, type Route } from '../router';

export function ArchivePage({ route }: { route: Route }) {
  const fileName = route.params.file ?? '';
  const list = useApi('archives.list', {});
  const archive = list.data?.find((a) => a.fileName === fileName);
  const filters = filtersFromParams(route.params);
  return (
    <section className="archive-page" aria-labelledby="archive-page-title">
      <PageHead
        id="archive-page-title"
        crumbs={
          <>
            <a href={routeHref('reports')}>Reports</a> › Archive
          </>
        }
        title={
          <>
            Archive <code>{fileName}</code>
          </>
        }
        lead="History moved out of the database into this file, read as it is in the file: nothing here changes it."
      />
      {!list.data ? (
        list.error ? (
          <ErrorNote message={list.error} />
        ) : (
          <Loading what="Reading the archive" />
        )
      ) : !archive?.opened ? (
        <NotOpen fileName={fileName} known={Boolean(archive)} />
      ) : (
        <>
          <Facts archive={archive} />
          <section className="card audit-grid" aria-label="The archive's History">
            <HistoryGrid
              scope={{ archive: fileName }}
              showRecord
              filters={filters}
              onFilters={(f) => setParams(route, filtersToParams(f))}
              idPrefix="archive"
              exportName={`archive-${fileName.replace(/\.jtarchive$/, '')}`}
              emptyText="This archive holds no History rows."
              maxHeight="max(420px, calc(100vh - 300px))"
            />
          </section>
        </>
      )}
    </section>
  );
}

function Facts({ archive: a }: { archive: ArchiveListing }) {
  const o = a.opened!;
  return (
    <div className={`card verdict ${o.verified ? 'intact' : 'broken'}`} role="status">
      <h2>
        <span className="mark" aria-hidden="true">
          {o.verified ? '✓' : '✗'}
        </span>
        {o.verified ? 'The archive verified when it was opened' : 'The archive does NOT verify'}
      </h2>
      {!o.verified && <p>{o.problem}. What it holds is shown below, but cannot be relied on: keep the file as it is and tell whoever keeps your backups.</p>}
      <p>
        Audit rows {formatCount(o.firstId)}–{formatCount(o.lastId)} ({formatCount(o.rows)} rows)
        {o.from && o.to ? (
          <>
            , written from {formatDate(o.from)} to {formatDate(o.to)}
          </>
        ) : null}
        ; its last row's hash is <code>{o.lastHash.slice(0, 16)}</code>. A customer's access report includes this archive's rows while it is open.
      </p>
    </div>
  );
}

function NotOpen({ fileName, known }: { fileName: string; known: boolean }) {
  return (
    <div className="card" role="note">
      <p>
        {known ? `The archive ${fileName} is not open.` : `There is no archive called ${fileName}.`} Open it under{' '}
        <a href={routeHref('reports')}>Reports › Archive old History</a>, then read it here.
      </p>
    </div>
  );
}
