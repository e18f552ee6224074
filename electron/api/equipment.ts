import { z } from 'zod';
import { entry, serviceContext } from './entry';
import { historyFilters, historyPage, id, input, optionalText, text } from './fields';
import { addEquipment, getEquipment, listBookingEquipment, listPropertyEquipment, updateEquipment } from '../services/equipment';
import { listEquipmentReadings } from '../services/readings';
import { queryHistory } from '../services/history';
import { readableBooking } from '../services/fieldworkerScope';
import { historyReport } from '../reports/historyReport';
import { personById } from '../reports/person';

/** A day as on a warranty card, YYYY-MM-DD; empty clears it. */
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), 'is not a real date')
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

const fields = {
  kind: text(60),
  makeModel: optionalText(120),
  serialNumber: optionalText(80),
  installedOn: day,
  warrantyUntil: day,
};

export const equipmentApi = {
  'equipment.list': entry({
    summary: "List a property's equipment",
    access: 'staff',
    input: input({ propertyId: id }),
    run: (ctx, i) => listPropertyEquipment(ctx.db, i.propertyId),
  }),
  'equipment.forBooking': entry({
    // What the job's readings may be read from: a fieldworker, at their own bookings only.
    summary: "List the equipment at a booking's property",
    access: 'fieldworker',
    input: input({ bookingId: id }),
    run: (ctx, i) => {
      readableBooking(ctx.db, serviceContext(ctx).user, i.bookingId, 'see its equipment', 'bookingId');
      return listBookingEquipment(ctx.db, i.bookingId);
    },
  }),
  'equipment.get': entry({
    summary: 'Open equipment',
    access: 'staff',
    input: input({ id }),
    run: (ctx, i) => getEquipment(ctx.db, i.id),
  }),
  'equipment.add': entry({
    summary: 'Add equipment to properties',
    access: 'staff',
    input: input({ propertyId: id, ...fields }),
    run: (ctx, i) => addEquipment(serviceContext(ctx), i),
  }),
  'equipment.update': entry({
    summary: 'Edit equipment',
    access: 'staff',
    input: input(fields).partial().extend({ id }),
    run: (ctx, i) => updateEquipment(serviceContext(ctx), i),
  }),
  'equipment.readings': entry({
    summary: "Read a unit's readings across visits",
    access: 'staff',
    input: input({ equipmentId: id }),
    run: (ctx, i) => {
      getEquipment(ctx.db, i.equipmentId, 'equipmentId');
      return listEquipmentReadings(ctx.db, i.equipmentId);
    },
  }),
  'history.equipment': entry({
    // Its own rows and its readings' rows, across every visit: the warranty-dispute view.
    summary: "Read a unit's History",
    access: 'staff',
    input: input({ equipmentId: id, ...historyFilters, ...historyPage }),
    run: (ctx, i) => {
      getEquipment(ctx.db, i.equipmentId, 'equipmentId');
      return queryHistory(ctx.db, i);
    },
  }),
  'reports.equipment': entry({
    // As open as reading the unit's History; recorded in its customer's History like every report.
    summary: "Print a unit's History across every visit (recorded in its customer's History)",
    access: 'staff',
    input: input({ equipmentId: id, ...historyFilters }),
    run: (ctx, i) =>
      historyReport(
        serviceContext(ctx),
        {
          ...i,
          person: i.actorId === undefined ? null : personById(ctx.db, i.actorId, 'actorId'),
        },
        'screen',
      ),
  }),
};
