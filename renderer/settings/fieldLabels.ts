// How Settings names the records a custom field belongs to, and its types.
import type { ApiOutput } from '../../electron/api/contract';

export type FieldDefinition = ApiOutput<'customFields.list'>[number];
export type FieldType = FieldDefinition['type'];

export const ENTITY_LABELS: Record<FieldDefinition['entity'], string> = { booking: 'Bookings', customer: 'Customers' };
export const TYPE_LABELS: Record<FieldType, string> = { text: 'Text', number: 'Number', date: 'Date', boolean: 'Yes / No' };
