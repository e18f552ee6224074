// The one list of tables and columns, as drizzle sees them. The SQL migrations in
// ./migrations create them; test/db/schema.test.ts checks the two never drift.
import { sqliteTable, integer, text, blob, primaryKey } from 'drizzle-orm/sqlite-core';

export const ROLES = ['administrator', 'manager', 'staff', 'fieldworker'] as const;
export type Role = (typeof ROLES)[number];

export const BOOKING_STATUSES = ['quote', 'pending', 'scheduled', 'accepted', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'void'] as const;
export const PAYMENT_STATUSES = ['pending', 'approved', 'rejected', 'refunded'] as const;
/** What an invoice bills for: the booking's price, a part of it, or a fee (migration 0017). */
export const INVOICE_PURPOSES = ['full', 'part', 'no_show_fee', 'late_change_fee'] as const;
export const PAYMENT_METHODS = ['cash', 'card', 'check', 'bank_transfer'] as const;
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined'] as const;
/** How a customer gave their answer to a quote (migration 0022). */
export const DECISION_CHANNELS = ['phone', 'email', 'in_person'] as const;
export const INQUIRY_CHANNELS = ['phone', 'email', 'web'] as const;
export const CUSTOM_FIELD_ENTITIES = ['booking', 'customer'] as const;
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export const AUDIT_CATEGORIES = ['user_action', 'financial', 'data_edit'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  /** The hash's signature by a chain key (db/passwordSignatures.ts): a hash set outside JobTrail signs nobody in. */
  passwordSig: blob('password_sig', { mode: 'buffer' }),
  passwordKey: integer('password_key'),
});

export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  address: text('address'),
  notes: text('notes'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
  /** When the recycle bin may purge it (migration 0019): set on delete, cleared on restore. */
  purgeAfter: text('purge_after'),
});

export const quotes = sqliteTable('quotes', {
  id: integer('id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  number: text('number').notNull(),
  title: text('title').notNull(),
  amountCents: integer('amount_cents').notNull(),
  status: text('status', { enum: QUOTE_STATUSES }).notNull(),
  createdAt: text('created_at').notNull(),
  // Migration 0022: the property it is for, and how, by whom and when the customer accepted or declined it.
  propertyId: integer('property_id').references(() => properties.id),
  decisionChannel: text('decision_channel', { enum: DECISION_CHANNELS }),
  decidedBy: text('decided_by'),
  decidedAt: text('decided_at'),
});

/** A customer's site (migration 0022; electron/services/properties.ts): kept across a change of owner or tenant. */
export const properties = sqliteTable('properties', {
  id: integer('id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  name: text('name').notNull(),
  address: text('address').notNull(),
  accessNotes: text('access_notes'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
});

/** A unit of a property (a flat, a suite): a booking may name it (migration 0022). */
export const propertyUnits = sqliteTable('property_units', {
  id: integer('id').primaryKey(),
  propertyId: integer('property_id')
    .notNull()
    .references(() => properties.id),
  name: text('name').notNull(),
  notes: text('notes'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
});

export const bookings = sqliteTable('bookings', {
  id: integer('id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  service: text('service').notNull(),
  address: text('address').notNull(),
  scheduledStart: text('scheduled_start').notNull(),
  scheduledEnd: text('scheduled_end').notNull(),
  status: text('status', { enum: BOOKING_STATUSES }).notNull(),
  fieldworkerId: integer('fieldworker_id').references(() => users.id),
  priceCents: integer('price_cents').notNull(),
  quoteId: integer('quote_id').references(() => quotes.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deletedAt: text('deleted_at'),
  /** When the recycle bin may purge it (migration 0019): set on delete, cleared on restore. */
  purgeAfter: text('purge_after'),
  /** Where it happens (migration 0022). */
  propertyId: integer('property_id').references(() => properties.id),
  unitId: integer('unit_id').references(() => propertyUnits.id),
});

export const customFieldDefinitions = sqliteTable('custom_field_definitions', {
  id: integer('id').primaryKey(),
  entity: text('entity', { enum: CUSTOM_FIELD_ENTITIES }).notNull(),
  label: text('label').notNull(),
  type: text('type', { enum: CUSTOM_FIELD_TYPES }).notNull(),
  trackChanges: integer('track_changes', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  /** Holds personal data: cleared when its customer is erased (migration 0021). */
  personal: integer('personal', { mode: 'boolean' }).notNull().default(false),
  /** The assigned fieldworker sets it and records readings of it on their job card (migration 0024). */
  fieldworkerFills: integer('fieldworker_fills', { mode: 'boolean' }).notNull().default(false),
});

export const customFieldValues = sqliteTable(
  'custom_field_values',
  {
    definitionId: integer('definition_id')
      .notNull()
      .references(() => customFieldDefinitions.id),
    entityId: integer('entity_id').notNull(),
    value: text('value'),
  },
  (t) => [primaryKey({ columns: [t.definitionId, t.entityId] })],
);

export const notes = sqliteTable('notes', {
  id: integer('id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  bookingId: integer('booking_id').references(() => bookings.id),
  authorId: integer('author_id').references(() => users.id),
  body: text('body').notNull(),
  createdAt: text('created_at').notNull(),
});

export const invoices = sqliteTable('invoices', {
  id: integer('id').primaryKey(),
  bookingId: integer('booking_id')
    .notNull()
    .references(() => bookings.id),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  number: text('number').notNull(),
  amountCents: integer('amount_cents').notNull(),
  status: text('status', { enum: INVOICE_STATUSES }).notNull(),
  sentAt: text('sent_at'),
  createdAt: text('created_at').notNull(),
  purpose: text('purpose', { enum: INVOICE_PURPOSES }).notNull().default('full'),
  line: text('line'),
});

export const payments = sqliteTable('payments', {
  id: integer('id').primaryKey(),
  invoiceId: integer('invoice_id')
    .notNull()
    .references(() => invoices.id),
  bookingId: integer('booking_id')
    .notNull()
    .references(() => bookings.id),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  amountCents: integer('amount_cents').notNull(),
  method: text('method', { enum: PAYMENT_METHODS }).notNull(),
  status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
  overpayment: integer('overpayment', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

export const inquiries = sqliteTable('inquiries', {
  id: integer('id').primaryKey(),
  customerId: integer('customer_id')
    .notNull()
    .references(() => customers.id),
  channel: text('channel', { enum: INQUIRY_CHANNELS }).notNull(),
  subject: text('subject').notNull(),
  body: text('body'),
  createdAt: text('created_at').notNull(),
});

/** Office settings an administrator changes (migration 0019), audited; a key without a row has its default. */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Restores from a backup (migration 0019): each insert writes its "restored from a backup" audit row. */
export const restores = sqliteTable('restores', {
  id: integer('id').primaryKey(),
  backup: text('backup').notNull(),
  backupHead: text('backup_head').notNull(),
  keptAside: text('kept_aside'),
  restoredAt: text('restored_at').notNull(),
});

export const sessionActor = sqliteTable('session_actor', {
  id: integer('id').primaryKey(),
  userId: integer('user_id'),
  userName: text('user_name').notNull(),
  tx: integer('tx').notNull(),
  at: text('at'),
  reason: text('reason'),
});

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey(),
  at: text('at').notNull(),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
  entity: text('entity').notNull(),
  entityId: integer('entity_id').notNull(),
  bookingId: integer('booking_id'),
  customerId: integer('customer_id'),
  field: text('field'),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  oldRef: integer('old_ref'),
  newRef: integer('new_ref'),
  category: text('category', { enum: AUDIT_CATEGORIES }).notNull(),
  event: text('event').notNull(),
  label: text('label'),
  tx: integer('tx'),
  origin: text('origin', { enum: ['app', 'outside'] }),
  hash: blob('hash', { mode: 'buffer' }),
  // Chain v2 (migration 0011, db/chain.ts): the values' salted digest and the head's signature.
  salt: blob('salt', { mode: 'buffer' }),
  vdigest: blob('vdigest', { mode: 'buffer' }),
  sig: blob('sig', { mode: 'buffer' }),
  sigKey: integer('sig_key'),
  // Why the change was made, and who asked (migration 0016): in the chain through the value digest.
  reason: text('reason'),
});

/** The public keys that signed the chain (db/chainKeys.ts). */
export const chainKeys = sqliteTable('chain_keys', {
  id: integer('id').primaryKey(),
  publicKey: blob('public_key', { mode: 'buffer' }).notNull().unique(),
  addedAt: text('added_at').notNull(),
});

/** The database's identity, named by its key and witness outside the file, and where chain v2 begins. */
export const chainMeta = sqliteTable('chain_meta', {
  id: integer('id').primaryKey(),
  databaseId: text('database_id').notNull(),
  v2From: integer('v2_from').notNull(),
});

export const auditCheckpoint = sqliteTable('audit_checkpoint', {
  id: integer('id').primaryKey(),
  lastId: integer('last_id').notNull(),
  lastHash: blob('last_hash', { mode: 'buffer' }).notNull(),
  at: text('at').notNull(),
});

/** How far the full-text index has read the audit log (db/historyText.ts). */
export const auditSearchProgress = sqliteTable('audit_search_progress', {
  id: integer('id').primaryKey(),
  indexedTo: integer('indexed_to').notNull(),
});

/** The batches each CSV import committed, by file fingerprint (migration 0013; electron/services/importBatches.ts). */
export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey(),
  fileSha256: text('file_sha256').notNull(),
  fileName: text('file_name').notNull(),
  firstLine: integer('first_line').notNull(),
  lastLine: integer('last_line').notNull(),
  rows: integer('rows').notNull(),
  importedBy: text('imported_by').notNull(),
  importedAt: text('imported_at').notNull(),
});

/** Reports produced (migration 0015): each insert writes its "report generated" audit row. */
export const reportsIssued = sqliteTable('reports_issued', {
  id: integer('id').primaryKey(),
  kind: text('kind', { enum: ['booking', 'customer', 'period', 'person', 'history', 'visits', 'export'] }).notNull(),
  subject: text('subject').notNull(),
  format: text('format', { enum: ['html', 'json', 'screen'] }).notNull(),
  bookingId: integer('booking_id').references(() => bookings.id),
  customerId: integer('customer_id').references(() => customers.id),
  chainHead: text('chain_head').notNull(),
  chainRows: integer('chain_rows').notNull(),
  issuedAt: text('issued_at').notNull(),
});

/** Customers erased (migration 0021): each insert writes its "customer erased" audit row. */
export const erasures = sqliteTable('erasures', {
  id: integer('id').primaryKey(),
  customerId: integer('customer_id').notNull().unique(),
  reference: text('reference').notNull(),
  rowsErased: integer('rows_erased').notNull(),
  stillHeld: text('still_held').notNull(),
  erasedAt: text('erased_at').notNull(),
});

/** A unit at a property (migration 0024; electron/services/equipment.ts): its fields audited by triggers. */
export const equipment = sqliteTable('equipment', {
  id: integer('id').primaryKey(),
  propertyId: integer('property_id')
    .notNull()
    .references(() => properties.id),
  kind: text('kind').notNull(),
  makeModel: text('make_model'),
  serialNumber: text('serial_number'),
  installedOn: text('installed_on'),
  warrantyUntil: text('warranty_until'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A value of a fieldworker-filled field read at a visit, maybe from a unit (migration 0024; electron/services/readings.ts). */
export const readings = sqliteTable('readings', {
  id: integer('id').primaryKey(),
  bookingId: integer('booking_id')
    .notNull()
    .references(() => bookings.id),
  definitionId: integer('definition_id')
    .notNull()
    .references(() => customFieldDefinitions.id),
  equipmentId: integer('equipment_id').references(() => equipment.id),
  value: text('value').notNull(),
  note: text('note'),
  takenAt: text('taken_at').notNull(),
  recordedBy: integer('recorded_by').references(() => users.id),
  recordedAt: text('recorded_at').notNull(),
});

/** A visit's actual time-in or time-out (migration 0023; electron/services/visitTimes.ts): recorded once, corrected with a reason. */
export const VISIT_TIME_KINDS = ['time_in', 'time_out'] as const;
export const visitTimes = sqliteTable('visit_times', {
  id: integer('id').primaryKey(),
  bookingId: integer('booking_id')
    .notNull()
    .references(() => bookings.id),
  kind: text('kind', { enum: VISIT_TIME_KINDS }).notNull(),
  at: text('at').notNull(),
  fieldworkerId: integer('fieldworker_id')
    .notNull()
    .references(() => users.id),
});

export const schema = {
  properties,
  propertyUnits,
  users,
  customers,
  quotes,
  bookings,
  customFieldDefinitions,
  customFieldValues,
  notes,
  invoices,
  payments,
  inquiries,
  sessionActor,
  auditLog,
  auditCheckpoint,
  chainKeys,
  chainMeta,
  auditSearchProgress,
  importBatches,
  reportsIssued,
  appSettings,
  restores,
  erasures,
  visitTimes,
  equipment,
  readings,
};
