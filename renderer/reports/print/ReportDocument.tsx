/** @jsxRuntime automatic */ // also when the CLI runs this file through tsx with the root tsconfig, which has no "jsx" (see electron/cli/report.ts)
// Any report, by its kind: what the window mounts and the CLI renders to a file.
import type { AnyReport } from '../../../electron/reports/types';
import { ActivityReport } from './ActivityReport';
import { BookingReport } from './BookingReport';
import { CustomerReport } from './CustomerReport';
import { VisitReport } from './VisitReport';

export function ReportDocument({ report }: { report: AnyReport }) {
  switch (report.kind) {
    case 'booking':
      return <BookingReport report={report.report} />;
    case 'customer':
      return <CustomerReport report={report.report} />;
    case 'visits':
      return <VisitReport report={report.report} />;
    default:
      return <ActivityReport report={report.report} />; // period, person, and a History as filtered
  }
}
