// Which report a Reports address asks for (#/reports?view=booking&id=12), and the
// addresses other screens link to: the job card's "Print proof", the profile's
// "Access report", the period and person forms.
import type { ApiInput } from '../../electron/api/contract';
import { localDayStart } from '../format';
import { filterInput, filtersFromParams, filtersToParams, type HistoryFilters } from '../history/filters';
import type { HistoryScope } from '../history/useHistoryRows';
import { routeHref, type Route } from '../router';

export type ReportRequest =
  | { name: 'reports.booking'; input: ApiInput<'reports.booking'> }
  | { name: 'reports.customer'; input: ApiInput<'reports.customer'> }
  | { name: 'reports.period'; input: ApiInput<'reports.period'> }
  | { name: 'reports.person'; input: ApiInput<'reports.person'> }
  | { name: 'reports.history'; input: ApiInput<'reports.history'> }
  | { name: 'reports.equipment'; input: ApiInput<'reports.equipment'> }
  | { name: 'reports.visits'; input: ApiInput<'reports.visits'> };

/** A period as the form's calendar days (the address stays readable), the last day included. */
export interface ActivityParams {
  from: string;
  to: string;
  person?: string;
  category?: string;
  event?: string;
}

export const bookingProofHref = (bookingId: number) => routeHref('reports', null, { view: 'booking', id: bookingId });
export const accessReportHref = (customerId: number) => routeHref('reports', null, { view: 'customer', id: customerId });
/** An open archive's History, to read, search, print and export (ArchivePage). */
export const archiveHref = (fileName: string) => routeHref('reports', null, { view: 'archive', file: fileName });
/** A History printed as it is filtered on screen: the grid's own filter parameters, and whose History it is. */
export const historyReportHref = (scope: HistoryScope, f: HistoryFilters) =>
  routeHref('reports', null, {
    view: 'history',
    booking: 'bookingId' in scope ? scope.bookingId : undefined,
    customer: 'customerId' in scope ? scope.customerId : undefined,
    property: 'propertyId' in scope ? scope.propertyId : undefined,
    archive: 'archive' in scope ? scope.archive : undefined,
    equipment: 'equipmentId' in scope ? scope.equipmentId : undefined,
    ...filtersToParams(f),
  });
export const periodReportHref = (p: ActivityParams) => routeHref('reports', null, { view: 'period', ...p });
export const personReportHref = (p: ActivityParams & { person: string }) => routeHref('reports', null, { view: 'person', ...p });
/** The visit verification report of a period, for one customer or fieldworker if given (ids as text). */
export const visitReportHref = (p: { from: string; to: string; customer?: string; fieldworker?: string }) =>
  routeHref('reports', null, { view: 'visits', ...p });

const optionalId = (s: string | undefined) => (s ? Number(s) : undefined);
/** Local days as the instants the contract takes; a day that is not one is sent as typed, for the contract to refuse in words. */
const period = (p: Record<string, string>) => ({ from: localDayStart(p.from ?? '') ?? p.from ?? '', to: localDayStart(p.to ?? '', 1) ?? p.to ?? '' });

/** The contract call behind a report address; null when the address names no report (the Reports page itself). */
export function reportRequest(route: Route): ReportRequest | null {
  const p = route.params;
  switch (p.view) {
    case 'booking':
      return { name: 'reports.booking', input: { bookingId: Number(p.id) } };
    case 'customer':
      return { name: 'reports.customer', input: { customerId: Number(p.id) } };
    case 'period':
      return {
        name: 'reports.period',
        input: { ...period(p), personId: optionalId(p.person), category: (p.category || undefined) as never, event: p.event || undefined },
      };
    case 'person':
      return { name: 'reports.person', input: { ...period(p), personId: Number(p.person) } };
    // A unit's History prints with its own subject (electron/reports/equipment.ts).
    case 'history':
      return p.equipment
        ? { name: 'reports.equipment', input: { equipmentId: Number(p.equipment), ...filterInput(filtersFromParams(p)) } }
        : {
            name: 'reports.history',
            input: {
              bookingId: optionalId(p.booking),
              customerId: optionalId(p.customer),
              propertyId: optionalId(p.property),
              ...filterInput(filtersFromParams(p)),
              archive: p.archive || undefined,
            },
          };
    case 'visits':
      return {
        name: 'reports.visits',
        input: { ...period(p), customerId: optionalId(p.customer), fieldworkerId: optionalId(p.fieldworker) },
      };
    default:
      return null;
  }
}
