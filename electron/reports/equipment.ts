// How a printed History names a unit (the warranty-dispute report: its own rows
// and every reading taken from it at every visit, printed by historyReport.ts)
// and the place it is at.
import type { EquipmentView } from '../services/equipment';

/** "Furnace Carrier 59SC5 · SN 1001 · Harbour View, 1 Harbour St · Rita Lane". */
export function equipmentSubject(u: EquipmentView): string {
  return [[u.kind, u.makeModel].filter(Boolean).join(' '), u.serialNumber ? `SN ${u.serialNumber}` : null, placeOf(u), u.customerName]
    .filter(Boolean)
    .join(' · ');
}

/** The property's name and address, once when the name is the address's first line (as the upgrade names them). */
export function placeOf(u: Pick<EquipmentView, 'propertyName' | 'propertyAddress'>): string {
  return u.propertyAddress.startsWith(u.propertyName) ? u.propertyAddress : `${u.propertyName}, ${u.propertyAddress}`;
}
