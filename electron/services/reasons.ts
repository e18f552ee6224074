// The reasons an office records with a change, and the words they are stored as.
// A no-show or late-change fee rests on who asked for a reschedule and why a
// booking was cancelled, so those actions ask, and each audit row of the change
// carries the answer (migration 0016). Stored as words, not codes: the log is read
// by auditors, exported and searched, long after this list has grown. The renderer
// offers the same choices from this file, which has no dependencies for that reason.

/** Who asked for a new time: what a late-change fee depends on. */
export const ASKED_BY = ['customer', 'office', 'fieldworker'] as const;
/** Why a booking was cancelled. */
export const CANCEL_REASONS = ['customer_cancelled', 'no_show', 'weather', 'fieldworker_unavailable', 'duplicate', 'other'] as const;
/** Why a record was deleted. */
export const DELETE_REASONS = ['duplicate', 'entered_in_error', 'customer_request', 'test_record', 'other'] as const;
/** Why money or a price was corrected: a price after the invoice went out, a pending payment rejected, a draft invoice voided. */
export const CORRECTION_REASONS = ['customer_agreed', 'entered_in_error', 'duplicate', 'discount', 'other'] as const;
/** Why a recorded visit time (time-in, time-out) was corrected: the insurer reads it beside the original. */
export const VISIT_CORRECTION_REASONS = ['not_recorded_on_time', 'device_problem', 'entered_in_error', 'other'] as const;
/** Why a tracked value was overwritten by a save made over a newer change. */
export const OVERRIDE_REASONS = ['override'] as const;

export type ReasonCode = (
  typeof ASKED_BY | typeof CANCEL_REASONS | typeof DELETE_REASONS | typeof CORRECTION_REASONS | typeof OVERRIDE_REASONS | typeof VISIT_CORRECTION_REASONS
)[number];

/** How each reason reads in the History, the exports and the reports. */
export const REASON_WORDS: Record<ReasonCode, string> = {
  customer: 'Asked by the customer',
  office: 'Asked by the office',
  fieldworker: 'Asked by the fieldworker',
  customer_cancelled: 'Customer cancelled',
  no_show: 'Customer not there (no-show)',
  weather: 'Weather',
  fieldworker_unavailable: 'Fieldworker unavailable',
  duplicate: 'Duplicate',
  entered_in_error: 'Entered in error',
  customer_request: 'At the customer’s request',
  test_record: 'Test record',
  customer_agreed: 'Agreed with the customer',
  discount: 'Discount',
  override: 'Saved over a newer change',
  not_recorded_on_time: 'Not recorded at the time',
  device_problem: 'Phone or app problem',
  other: 'Other',
};

export interface Reason {
  code: ReasonCode;
  /** What the person typed beside the choice; required for "other". */
  note?: string | null;
}

/** The words a reason is stored as: "Asked by the customer: running late". */
export function reasonText(r: Reason): string {
  return r.note ? `${REASON_WORDS[r.code]}: ${r.note}` : REASON_WORDS[r.code];
}

/** Whether a reason's code is one of an action's choices (none given is none of them). */
export const isOneOf = (codes: readonly ReasonCode[], code: ReasonCode | '' | undefined): boolean => (codes as readonly string[]).includes(code ?? '');

/** The choices as a refusal lists them: "Customer cancelled, Weather, …". */
export const reasonWords = (codes: readonly ReasonCode[]): string => codes.map((c) => REASON_WORDS[c]).join(', ');

/** Whether a stored reason says the customer asked for the change (the no-show-fee evidence). */
export const askedByCustomer = (stored: string | null): boolean =>
  stored !== null && (stored === REASON_WORDS.customer || stored.startsWith(`${REASON_WORDS.customer}:`));
