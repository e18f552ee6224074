// A unit's History printed: the warranty-dispute report. Its own rows (added,
// serial number or warranty changed) and every reading taken from it at every
// visit, oldest first, under the header every report carries (the chain head on
// each page). A History report (reports_issued's kind 'history'), whose subject names the unit.
import type { ServiceContext } from '../services/context';
import { getEquipment, type EquipmentView } from '../services/equipment';
import type { HistoryFilter } from '../services/history';
import { activityFigures, periodText } from './activity';
import { reportHeader } from './header';
import { reportHistory } from './history';
import { recordIssued } from './issue';
import type { ActivityReport, ReportFormat } from './types';

/** "Furnace Carrier 59SC5 · SN 1001 · Harbour View, 1 Harbour St · Rita Lane". */
export function equipmentSubject(u: EquipmentView): string {
  return [[u.kind, u.makeModel].filter(Boolean).join(' '), u.serialNumber ? `SN ${u.serialNumber}` : null,
    placeOf(u), u.customerName].filter(Boolean).join(' · ');
}

/** The property's name and address, once when the name is the address's first line (as the upgrade names them). */
export function placeOf(u: Pick<EquipmentView, 'propertyName' | 'propertyAddress'>): string {
  return u.propertyAddress.startsWith(u.propertyName) ? u.propertyAddress : `${u.propertyName}, ${u.propertyAddress}`;
}

export type EquipmentReportFilter = Pick<HistoryFilter, 'text' | 'from' | 'to' | 'actorId' | 'outside' | 'category' | 'event'>;

export function equipmentReport(ctx: ServiceContext, equipmentId: number, f: EquipmentReportFilter, format: ReportFormat): ActivityReport {
  const unit = getEquipment(ctx.db, equipmentId, 'equipmentId');
  const history = reportHistory(ctx.db, { ...f, equipmentId });
  const record = equipmentSubject(unit);
  const period = f.from || f.to ? periodText(f.from ?? '1970-01-01T00:00:00Z', f.to ?? new Date().toISOString()) : null;
  const header = reportHeader(ctx.db, 'history', [record, period, f.event, f.text ? `“${f.text}”` : null].filter(Boolean).join(' · '), ctx.user);
  const report: ActivityReport = {
    header,
    scope: { from: f.from ?? null, to: f.to ?? null, person: null, category: f.category ?? null, event: f.event ?? null,
      record, text: f.text ?? null, outside: f.outside ?? false },
    ...activityFigures(history), history,
  };
  // Recorded with the customer whose property holds the unit: "who printed the furnace's History?" is asked there.
  recordIssued(ctx, header, format, { customerId: unit.customerId });
  return report;
}
