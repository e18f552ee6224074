/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// The report as one document: its styles, its page rules, and the header block
// that opens the first page (every page repeats it in its margins).
import type { ReactNode } from 'react';
import type { ReportHeader } from '../../../electron/reports/types';
import type { OpenedArchive } from '../../../electron/services/archiveViews';
import { REPORT_CSS } from './reportCss';
import { pageRules } from './pageRules';
import { localText, utcText } from './when';

export function ReportFrame({ header, children }: { header: ReportHeader; children: ReactNode }) {
  return (
    <article className="report" data-report={header.kind}>
      {/* Ours alone: fixed CSS and the header's text escaped as CSS strings (pageRules.ts). */}
      <style dangerouslySetInnerHTML={{ __html: REPORT_CSS + pageRules(header) }} />
      <HeaderBlock header={header} />
      {children}
    </article>
  );
}

function HeaderBlock({ header: h }: { header: ReportHeader }) {
  return (
    <header className="report-head">
      <div className="business">{h.businessName}</div>
      <h1>{h.title}</h1>
      <div className="subject">{h.subject}</div>
      <dl className="facts">
        <dt>Generated</dt>
        <dd>
          {localText(h.generatedAt)} <span className="utc">({utcText(h.generatedAt)})</span>
        </dd>
        <dt>By</dt>
        <dd>
          {h.generatedBy.name}
          {h.generatedBy.role ? ` (${h.generatedBy.role})` : ''}
        </dd>
        <dt>Chain head</dt>
        <dd>
          <span className="digest">{h.chain.head}</span> — covers {h.chain.rows.toLocaleString('en')} rows; short form{' '}
          <span className="digest">{h.chain.short}</span>
        </dd>
        {h.signingKeys.length > 0 && (
          <>
            <dt>Signing key{h.signingKeys.length > 1 ? 's' : ''}</dt>
            <dd className="digest">{h.signingKeys.join(', ')}</dd>
          </>
        )}
        {h.archived && (
          <>
            <dt>Archived</dt>
            <dd>
              History written before {localText(h.archived.before)} (audit rows 1–{h.archived.lastId.toLocaleString('en')}) is in archive files,
              {h.archives?.length ? ' and only the rows of the archives named below are in this report as well' : ' not in this report'};{' '}
              <code>npm run cli -- verify --db FILE --archive FILE</code> checks them with the database.
            </dd>
          </>
        )}
        {h.archives?.map((a) => (
          <ArchiveIncluded key={a.fileName} archive={a} />
        ))}
        <dt>To check it</dt>
        <dd>
          Reports › Check a printed report, or <code>npm run cli -- verify --db FILE --expect-head {h.chain.short}</code>
        </dd>
      </dl>
    </header>
  );
}

/** An archive whose rows the report holds: named, with its own chain head, and whether it verified when it was opened. */
function ArchiveIncluded({ archive: a }: { archive: OpenedArchive }) {
  return (
    <>
      <dt>From an archive</dt>
      <dd>
        Audit rows {a.firstId.toLocaleString('en')}–{a.lastId.toLocaleString('en')}
        {a.from && a.to ? (
          <>
            {' '}
            ({localText(a.from)} to {localText(a.to)})
          </>
        ) : null}{' '}
        from the archive <code>{a.fileName}</code>, ending <span className="digest">{a.lastHash.slice(0, 16)}</span>;{' '}
        {a.verified ? 'it verified when it was opened' : <strong>it did NOT verify when it was opened ({a.problem})</strong>}.{' '}
        <code>npm run cli -- verify --archive {a.fileName}</code> checks it again.
      </dd>
    </>
  );
}
