// The visit verification report as a file for the insurer: CSV (one line per
// visit) or JSON (the whole report). Each is produced again by the main process
// in that format, so that the file leaving JobTrail is itself recorded in the
// Audit log as a report issued, with the chain head it names.
import type { ApiInput } from '../../electron/api/contract';
import type { AnyReport } from '../../electron/reports/types';
import { call, messageOf } from '../api/client';
import { useAction } from '../api/useApi';
import { downloadText } from '../components/download';
import { reportFileName } from './reportFiles';

export function VisitFileButtons({ input, report, onError }: { input: ApiInput<'reports.visits'>; report: AnyReport; onError: (message: string) => void }) {
  const save = useAction(async (format: 'csv' | 'json') => {
    try {
      const { csv, ...data } = await call('reports.visits', { ...input, format });
      if (format === 'csv') downloadText(reportFileName(report, 'csv'), csv ?? '');
      else downloadText(reportFileName(report, 'json'), JSON.stringify(data, null, 2), 'application/json');
    } catch (e) {
      onError(messageOf(e));
    }
  });
  return (
    <>
      <button type="button" disabled={save.busy} onClick={() => void save.go('csv')}>
        Download as CSV
      </button>
      <button type="button" disabled={save.busy} onClick={() => void save.go('json')}>
        Download as JSON
      </button>
    </>
  );
}
