// Bookings and everything that happens to one: booked by the office, assigned,
// accepted by the fieldworker, moved, worked, invoiced, paid, approved — or
// cancelled, missed, refunded. Each booking's story is told in time order and cut
// at "now", so past jobs are finished, this month's invoices are still open and
// next week's jobs are merely scheduled.
import type { Reason } from '../../electron/services/reasons';
import { LINES, NOTES, QUOTE_ITEMS, SERIAL_PREFIXES, pickService, priceOf, type Line } from './catalog';
import type { CustomerPlan } from './customers';
import { FIELDS, trackedCount, type FieldValues, type PaymentMethod } from './events';
import { anyOf, type Office, type Story } from './script';
import { isLandlord, placeOf } from './properties';
import { DAY, HOUR, MINUTE, appointment, localDay, localMonth, officeHours } from './time';

type Special = 'refund' | 'noShow' | 'cancel' | 'deleteRestore' | 'duplicate';

interface BookingPlan {
  index: number;
  customer: CustomerPlan;
  line: Line;
  start: number;
  created: number;
  service: string;
  minutes: number;
  priceCents: number;
  quote: { title: string; linkLater: boolean } | null;
  reschedules: number;
  special: Special | null;
}

export function planBookings(o: Office, customers: CustomerPlan[], count: number): void {
  const { rng } = o;
  const plans: BookingPlan[] = [];
  // Each chronic rescheduler gets one well-documented case, far enough in the past to be finished.
  for (const c of customers.filter((x) => x.chronic)) {
    if (plans.length >= count) break;
    const b = skeleton(o, plans.length, c, rng.between(c.created + 10 * DAY, o.now - 90 * DAY));
    b.reschedules = rng.int(4, 7);
    b.quote = null;
    plans.push(b);
  }
  const forced = plans.length;
  // The rest: appointments spread evenly over the months; each goes to a customer who
  // existed by then, busy customers more often.
  const byAge = [...customers].sort((x, y) => x.created - y.created);
  const createdTimes = byAge.map((c) => c.created);
  const cumulative: number[] = [];
  byAge.reduce((sum, c, i) => (cumulative[i] = sum + c.weight), 0);
  const first = o.start + 2 * DAY;
  while (plans.length < count) {
    const when = rng.between(Math.max(first, byAge[0].created + DAY), o.horizon);
    const known = Math.max(1, lowerBound(createdTimes, when - DAY));
    const c = byAge[Math.min(known - 1, lowerBound(cumulative, rng.next() * cumulative[known - 1]))];
    const b = skeleton(o, plans.length, c, when);
    b.reschedules = c.chronic ? (rng.chance(0.25) ? rng.int(4, 7) : rng.int(0, 2)) : Number(rng.weighted({ 0: 0.89, 1: 0.09, 2: 0.02 }));
    plans.push(b);
  }
  assignSpecials(o, plans.slice(forced));
  for (const b of plans) bookingStory(o, b);
}

const CUSTOMER_ASKS = ['running late', 'away that week', 'wants a morning slot', 'no one home to let us in'];

/**
 * Who asked for a reschedule: a chronic rescheduler's are their own (the late-change
 * fee evidence); the others, mostly the customer, sometimes the office or the
 * fieldworker. Chosen from the booking and the step, not drawn: drawing would move
 * every later random choice, and with it the whole demo office.
 */
function rescheduleReason(b: BookingPlan, k: number): Reason {
  if (b.customer.chronic) return { code: 'customer', note: CUSTOMER_ASKS[(b.index + k) % CUSTOMER_ASKS.length] };
  const pick = (b.index * 7 + k) % 10;
  return pick < 6 ? { code: 'customer' } : pick < 8 ? { code: 'office' } : { code: 'fieldworker', note: 'previous job ran over' };
}

/** The first index whose value is at least x (the length if none is). */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function skeleton(o: Office, index: number, customer: CustomerPlan, roughStart: number): BookingPlan {
  const { rng } = o;
  let start = appointment(localDay(roughStart), rng);
  const line: Line = rng.chance(0.88) ? customer.line : rng.pick(LINES.filter((l) => l !== customer.line && !(customer.business && l === 'health')));
  let service: string, minutes: number, priceCents: number;
  let quote: BookingPlan['quote'] = null;
  if (rng.chance(0.1)) {
    const item = rng.pick(QUOTE_ITEMS[line]);
    ({ service, minutes } = item);
    priceCents = priceOf(rng, item.amount);
    quote = { title: item.title, linkLater: rng.chance(0.3) };
  } else {
    const item = pickService(rng, line, localMonth(start));
    ({ name: service, minutes } = item);
    priceCents = priceOf(rng, item.price);
  }
  const r = rng.next();
  const lead = quote
    ? rng.between(7 * DAY, 30 * DAY)
    : r < 0.15
      ? rng.between(3 * HOUR, DAY)
      : r < 0.75
        ? rng.between(DAY, 14 * DAY)
        : rng.between(14 * DAY, 35 * DAY);
  let created = Math.max(start - lead, customer.created + rng.between(10 * MINUTE, 2 * HOUR));
  if (created > start - 3 * HOUR) start = appointment(localDay(created) + rng.int(1, 3), rng);
  if (created > o.now) created = Math.max(customer.created + 10 * MINUTE, o.now - rng.between(10 * MINUTE, 5 * DAY));
  created = officeHours(created, rng, customer.created, Math.min(start - 3 * HOUR, o.now));
  return { index, customer, line, start, created, service, minutes, priceCents, quote, reschedules: 0, special: null };
}

/** Rare outcomes are dealt out, not rolled, so that even a small demo has each of them. */
function assignSpecials(o: Office, plans: BookingPlan[]): void {
  const n = plans.length;
  const deal = (special: Special, want: number, fits: (b: BookingPlan) => boolean) => {
    const candidates = o.rng.shuffle(plans.filter((b) => b.special === null && fits(b)));
    for (const b of candidates.slice(0, want)) {
      b.special = special;
      b.reschedules = 0;
      b.quote = null;
    }
  };
  deal('refund', Math.max(1, Math.round(n * 0.012)), (b) => b.start < o.now - 80 * DAY && !b.customer.chronic);
  deal('noShow', Math.max(2, Math.round(n * 0.025)), (b) => b.start < o.now - 2 * DAY);
  deal('cancel', Math.max(2, Math.round(n * 0.05)), (b) => b.start < o.now);
  deal('deleteRestore', Math.max(2, Math.round(n * 0.002)), (b) => b.created < o.now - DAY);
  deal('duplicate', Math.max(1, Math.round(n * 0.001)), (b) => b.created < o.now - DAY);
}

function otherFieldworker(o: Office, line: Line, not: number | null): number {
  const pool = o.fieldworkers[line].filter((f) => f !== not);
  return o.rng.pick(pool);
}

function bookingStory(o: Office, b: BookingPlan): void {
  const { rng, script } = o;
  const staff = () => anyOf(o, o.staff);
  const manager = () => anyOf(o, o.managers);
  const booking = b.index;
  const quote = b.quote ? quoteStory(o, b) : null;
  if (quote === null) b.quote = null;

  const story = script.story(b.created - 1);
  const later = (lo: number, hi: number) => story.last + rng.between(lo, hi);
  const note = (at: number, by: number, body: string) => story.add(at, by, { kind: 'note.booking', booking, body });
  let fieldworker: number | null = rng.chance(0.85) ? otherFieldworker(o, b.line, null) : null;
  const fields: FieldValues = {};
  let gate: string | null = null;
  if (rng.chance(0.18)) fields[FIELDS.gateCode] = gate = `#${rng.digits(4)}`;
  if (
    !story.add(
      b.created,
      staff(),
      {
        kind: 'booking.create',
        booking,
        customer: b.customer.index,
        service: b.service,
        start: b.start,
        end: b.start + b.minutes * MINUTE,
        fieldworker,
        priceCents: b.priceCents,
        quote: b.quote?.linkLater ? null : quote,
        fields,
        ...placeOf(b.customer.places, isLandlord(b.customer), b.created, booking),
      },
      1 + trackedCount(fields),
    )
  )
    return;

  if (b.special === 'duplicate') {
    const by = manager();
    note(later(3 * MINUTE, 30 * MINUTE), by, NOTES.duplicate[0]);
    story.add(later(MINUTE, 5 * MINUTE), by, { kind: 'booking.delete', booking, reason: { code: 'duplicate' } });
    return;
  }

  // Before the appointment: the office's and the fieldworker's steps, in this order,
  // at random moments between booking and appointment.
  const before: ((t: number) => unknown)[] = [];
  if (b.special === 'deleteRestore') {
    const by = manager();
    before.push((t) => story.add(t, by, { kind: 'booking.delete', booking, reason: { code: 'entered_in_error' } }));
    before.push((t) => story.add(t, by, { kind: 'booking.restore', booking }));
  }
  if (fieldworker === null)
    before.push((t) => {
      fieldworker = otherFieldworker(o, b.line, null);
      story.add(t, staff(), { kind: 'booking.assign', booking, fieldworker });
    });
  if (rng.chance(0.07))
    before.push((t) => {
      fieldworker = otherFieldworker(o, b.line, fieldworker);
      story.add(t, staff(), { kind: 'booking.assign', booking, fieldworker });
    });
  if (b.quote?.linkLater && quote !== null) {
    const linked = quote;
    before.push((t) => story.add(t, staff(), { kind: 'booking.linkQuote', booking, quote: linked }));
  }
  if (rng.chance(0.04))
    before.push((t) => {
      let next: string;
      do next = `#${rng.digits(4)}`;
      while (next === gate);
      gate = next;
      story.add(t, staff(), { kind: 'booking.fields', booking, fields: { [FIELDS.gateCode]: next } });
    });
  if (rng.chance(0.08)) before.push((t) => note(t, staff(), rng.pick(NOTES.booking)));
  const acceptsAhead = rng.chance(0.93);
  if (acceptsAhead) before.push((t) => story.add(t, fieldworker!, { kind: 'booking.accept', booking }));
  const moments = before.map(() => rng.between(b.created, b.start - HOUR)).sort((x, y) => x - y);
  let previous = b.created;
  before.forEach((step, i) => step((previous = officeHours(moments[i], rng, previous, b.start - HOUR))));

  let start = b.start;
  for (let k = 1; k <= b.reschedules; k++) {
    const lo = story.last,
      hi = start - 2 * HOUR;
    if (hi - lo < 10 * MINUTE) break;
    const when = officeHours(lo + (hi - lo) * rng.between(0.1, 0.7), rng, lo, hi);
    let moved = appointment(localDay(start) + rng.int(1, 10), rng);
    if (b.reschedules === 1 && rng.chance(0.25)) {
      const earlier = appointment(localDay(start) - rng.int(1, 3), rng);
      if (earlier > when + DAY && earlier < start) moved = earlier;
    }
    const end = moved + b.minutes * MINUTE;
    if (!story.add(when, staff(), { kind: 'booking.reschedule', booking, start: moved, end, reason: rescheduleReason(b, k) }, 2)) return;
    start = moved;
    if (k === 3) note(later(MINUTE, 10 * MINUTE), staff(), rng.pick(NOTES.rescheduler));
  }

  const cancels = b.special === 'cancel' || (b.special === null && rng.chance(0.025));
  if (cancels) {
    const by = staff();
    const when = officeHours(Math.max(story.last, rng.between(story.last, start - HOUR)), rng, story.last, start - HOUR);
    if (rng.chance(0.5)) note(when, by, rng.pick(NOTES.cancelled));
    story.add(when + MINUTE, by, { kind: 'booking.cancel', booking, reason: { code: 'customer_cancelled' } });
    return;
  }
  // Every path above assigned someone; a story cut at "now" simply ends here.
  const fw = fieldworker as number | null;
  if (fw === null) return;
  const noShow = b.special === 'noShow' || (b.special === null && rng.chance(b.customer.chronic ? 0.1 : 0.008));
  if (noShow) {
    story.add(start + rng.between(15 * MINUTE, 40 * MINUTE), fw, { kind: 'booking.status', booking, status: 'no_show' });
    if (rng.chance(0.7)) note(later(MINUTE, 5 * MINUTE), fw, rng.pick(NOTES.noShow));
    return;
  }
  // Work starts from an accepted job (the status table): one not accepted ahead is accepted on arrival.
  if (!acceptsAhead) story.add(start, fw, { kind: 'booking.accept', booking });
  // Start work and Mark completed record the visit's time-in and time-out too (a second row each). Home-health
  // visits run later than the trades' (the visit before overran, traffic): some arrive late, a few early.
  const arrives = b.line === 'health' ? rng.between(-5 * MINUTE, 25 * MINUTE) : rng.between(0, 12 * MINUTE);
  story.add(start + arrives, fw, { kind: 'booking.status', booking, status: 'in_progress' }, 2);
  const worked = b.minutes * MINUTE * rng.between(0.8, 1.3);
  const done = story.add(start + worked, fw, { kind: 'booking.status', booking, status: 'completed' }, 2);
  if (done === null) return;
  // One time-in tapped late and corrected by the office with its reason: what the visit report lists as a correction.
  if (b.line === 'health' && script.visitCorrections === 0 && done < o.now - 7 * DAY) {
    script.visitCorrections++;
    // Beside the story, not in it: the visit's later steps (its invoice) keep their times.
    script.add(done + 2 * HOUR, o.staff[0], {
      kind: 'visit.correct',
      booking,
      time: 'time_in',
      minutes: -9,
      reason: { code: 'not_recorded_on_time', note: 'Tapped Start work after taking the client’s blood pressure' },
    });
  }
  if (rng.chance(0.25)) note(later(MINUTE, 20 * MINUTE), fw, rng.pick(NOTES.completed[b.line]));
  if (b.line === 'hvac' && rng.chance(0.4)) {
    const serial = `${rng.pick(SERIAL_PREFIXES)}-${rng.digits(2)}-${rng.digits(7)}`;
    story.add(officeHours(done + rng.between(2 * HOUR, 2 * DAY), rng, story.last, Infinity), staff(), {
      kind: 'booking.fields',
      booking,
      fields: { [FIELDS.equipmentSerial]: serial },
    });
  }
  money(o, b, story);
}

/** The quote a big job starts from: created, sent, accepted before the booking is made. Returns its index. */
function quoteStory(o: Office, b: BookingPlan): number | null {
  const { rng, script } = o;
  const lo = Math.max(b.customer.created + 10 * MINUTE, b.created - 14 * DAY);
  const hi = b.created - 2 * HOUR;
  if (hi - lo < 3 * HOUR) return null;
  const [made, sent, accepted] = [0, 1, 2]
    .map(() => rng.between(lo, hi))
    .sort((x, y) => x - y)
    .map((t) => officeHours(t, rng, lo, hi));
  const story = script.story(lo - 1);
  const quote = script.peek('quote');
  const by = anyOf(o, o.staff);
  const customer = b.customer.index;
  if (!story.add(made, by, { kind: 'quote.create', quote, customer, title: b.quote!.title, amountCents: b.priceCents })) return null;
  script.take('quote');
  story.add(sent, by, { kind: 'quote.status', quote, status: 'sent' });
  // With the customer's answer: how they gave it, who did, when (three rows more, migration 0022).
  story.add(accepted, anyOf(o, o.staff), { kind: 'quote.status', quote, status: 'accepted' }, 4);
  return quote;
}

const METHODS: Record<PaymentMethod, number> = { card: 0.55, check: 0.2, bank_transfer: 0.15, cash: 0.1 };

/** Invoice, payments, a manager's approval, and now and then a refund. */
function money(o: Office, b: BookingPlan, story: Story): void {
  const { rng, script } = o;
  const refund = b.special === 'refund';
  const staff = () => anyOf(o, o.staff);
  const manager = () => anyOf(o, o.managers);
  if (!refund && rng.chance(0.02)) return; // never invoiced: someone forgot
  const invoice = script.peek('invoice');
  // Office work after a pause, in office hours.
  const later = (lo: number, hi: number) => officeHours(story.last + rng.between(lo, hi), rng, story.last, Infinity);
  if (!story.add(later(HOUR, 2 * DAY), staff(), { kind: 'invoice.create', invoice, booking: b.index })) return;
  script.take('invoice');
  if (!refund && rng.chance(0.07)) return; // left as a draft
  if (!story.add(later(10 * MINUTE, 3 * DAY), staff(), { kind: 'invoice.send', invoice })) return;
  if (!refund && rng.chance(0.05)) return; // sent, never paid
  const split = !refund && b.priceCents >= 20000 && rng.chance(0.07);
  const first = split ? Math.round(b.priceCents / 2) : b.priceCents;
  const amounts = split ? [first, b.priceCents - first] : [first];
  let payment = -1;
  for (const [i, amountCents] of amounts.entries()) {
    payment = script.peek('payment');
    const paid = i === 0 ? later(DAY, 30 * DAY) : later(7 * DAY, 30 * DAY);
    const method = rng.weighted(METHODS);
    if (!story.add(paid, staff(), { kind: 'payment.add', payment, invoice, amountCents, method })) return;
    script.take('payment');
    if (!refund && rng.chance(0.02)) return; // still waiting for a manager
    const settles = i === amounts.length - 1;
    // Approving the last payment also marks the invoice paid: a second audit row.
    if (!story.add(later(2 * HOUR, 4 * DAY), manager(), { kind: 'payment.approve', payment }, settles ? 2 : 1)) return;
  }
  if (refund) {
    const by = manager();
    // The refund reopens the invoice (paid → sent): two audit rows.
    if (!story.add(later(3 * DAY, 30 * DAY), by, { kind: 'payment.refund', payment }, 2)) return;
    const body = rng.pick(NOTES.refund);
    story.add(story.last + rng.between(MINUTE, 10 * MINUTE), by, { kind: 'note.booking', booking: b.index, body });
  }
}
