// The customers and what happens on their profiles: created by the office (a third
// of them in the first two weeks, when the old customer list was typed in), then
// now and then a move, a new phone, a preference, a note, an inquiry, a quote that
// came to nothing.
import { CONTACT_TIMES, INQUIRY_SUBJECTS, NOTES, QUOTE_ITEMS, priceOf, type Line } from './catalog';
import { FIELDS, trackedCount, type DemoAction, type FieldValues } from './events';
import { businessEmail, businessName, personName, personalEmail, phone, place } from './names';
import { anyOf, type Office } from './script';
import { DAY, HOUR, MINUTE, officeHours } from './time';
import { firstLine, firstProperties, type PlannedPlace } from './properties';

export interface CustomerPlan {
  index: number;
  created: number;
  line: Line;
  business: boolean;
  /** How much this customer books, relative to the others. */
  weight: number;
  /** Reschedules again and again: the customers a no-show fee is argued about. */
  chronic: boolean;
  /** Their properties, in the order they came (properties.ts). */
  places: PlannedPlace[];
}

export function planCustomers(o: Office, count: number): CustomerPlan[] {
  const { rng } = o;
  const customers: CustomerPlan[] = [];
  for (let index = 0; index < count; index++) {
    const business = rng.chance(0.12);
    const line: Line = business ? rng.weighted({ property: 0.8, hvac: 0.2 }) : rng.weighted({ hvac: 0.45, health: 0.25, property: 0.3 });
    const latest = o.now - 2 * DAY;
    const rough = rng.chance(0.3) ? o.start + rng.between(0, 14 * DAY) : rng.between(o.start, latest);
    const created = officeHours(rough, rng, o.start, latest);
    const weight = Math.exp(rng.normal() * 0.7) * (business ? 3 : 1);
    customers.push({ index, created, line, business, weight, chronic: false, places: [] });
  }
  const early = rng.shuffle(customers.filter((c) => !c.business && c.created < o.now - 200 * DAY));
  for (const c of early.slice(0, Math.max(1, Math.round(count * 0.02)))) {
    c.chronic = true;
    c.weight *= 2;
  }
  const deal = (rate: number) => new Set(rng.shuffle(customers.map((c) => c.index)).slice(0, Math.max(1, Math.round(count * rate))));
  const changes: Changes = {
    move: deal(0.06),
    phone: deal(0.04),
    contactTime: deal(0.08),
    rating: deal(0.1),
    note: deal(0.12),
    declined: deal(0.05),
  };
  for (const c of customers) customerStory(o, c, changes);
  return customers;
}

/** Which customers get which later change: dealt, not rolled, so a small demo still has each. */
type Changes = Record<'move' | 'phone' | 'contactTime' | 'rating' | 'note' | 'declined', Set<number>>;

type Step = { actor: number; action: DemoAction; rows: number };

function customerStory(o: Office, c: CustomerPlan, changes: Changes): void {
  const { rng } = o;
  const who = c.business ? null : personName(rng);
  const name = who ? who.full : businessName(rng);
  let where = place(rng);
  const email = who ? (rng.chance(0.8) ? personalEmail(rng, who) : null) : businessEmail(rng, name);
  let tel = rng.chance(0.95) ? phone(rng, where.area) : null;
  const fields: FieldValues = {};
  let contactTime: string | null = null;
  let rating: string | null = null;
  if (rng.chance(0.4)) fields[FIELDS.contactTime] = contactTime = rng.pick(CONTACT_TIMES);
  if (rng.chance(0.3)) fields[FIELDS.internalRating] = rating = String(rng.int(2, 5));
  const story = o.script.story(c.created - 1);
  const creator = anyOf(o, o.staff);
  story.add(
    c.created,
    creator,
    {
      kind: 'customer.create',
      customer: c.index,
      name,
      email,
      phone: tel,
      address: where.address,
      fields,
    },
    1 + trackedCount(fields),
  );
  // Entered with the customer: where they live or work, and a landlord's buildings.
  for (const p of firstProperties(c, where.address)) addPlace(o, c, story, creator, p);

  // Later changes happen at random moments of the customer's life; each decides its
  // content when its turn comes, so "old" values are right.
  const later: { at: number; step: () => Step | Step[] | null }[] = [];
  const sometime = () => officeHours(rng.between(c.created + HOUR, o.now), rng, c.created, o.now);
  const staff = () => anyOf(o, o.staff);
  const customer = c.index;
  if (changes.move.has(customer))
    later.push({
      at: sometime(),
      step: () => {
        const moved = place(rng);
        if (moved.address === where.address) return null;
        where = moved;
        const by = staff();
        return [
          { actor: by, action: { kind: 'customer.update', customer, patch: { address: moved.address }, fields: {} }, rows: 1 },
          {
            actor: by,
            rows: 1,
            action: { kind: 'property.create', property: -1, customer, name: firstLine(moved.address), address: moved.address, units: [] },
          },
        ];
      },
    });
  if (changes.phone.has(customer))
    later.push({
      at: sometime(),
      step: () => {
        const next = phone(rng, where.area);
        if (next === tel) return null;
        tel = next;
        return { actor: staff(), action: { kind: 'customer.update', customer, patch: { phone: next }, fields: {} }, rows: 1 };
      },
    });
  if (changes.contactTime.has(customer))
    later.push({
      at: sometime(),
      step: () => {
        const next = rng.pick(CONTACT_TIMES.filter((t) => t !== contactTime));
        contactTime = next;
        const fields = { [FIELDS.contactTime]: next };
        return { actor: staff(), action: { kind: 'customer.update', customer, patch: {}, fields }, rows: 1 };
      },
    });
  // Untracked: the change is made, and on purpose leaves no History row.
  if (changes.rating.has(customer))
    later.push({
      at: sometime(),
      step: () => {
        const next = String(rng.int(1, 5));
        if (next === rating) return null;
        rating = next;
        const fields = { [FIELDS.internalRating]: next };
        return { actor: anyOf(o, o.managers), action: { kind: 'customer.update', customer, patch: {}, fields }, rows: 0 };
      },
    });
  if (changes.note.has(customer))
    later.push({ at: sometime(), step: () => ({ actor: staff(), action: { kind: 'note.customer', customer, body: rng.pick(NOTES.customer) }, rows: 1 }) });
  const inquiries = rng.weighted({ 0: 0.5, 1: 0.3, 2: 0.15, 3: 0.05 });
  for (let i = 0; i < Number(inquiries); i++)
    later.push({
      at: sometime(),
      step: () => ({
        actor: staff(),
        rows: 1,
        action: { kind: 'inquiry.record', customer, channel: rng.weighted({ phone: 0.5, email: 0.3, web: 0.2 }), subject: rng.pick(INQUIRY_SUBJECTS[c.line]) },
      }),
    });
  if (changes.declined.has(customer)) later.push({ at: sometime(), step: () => declinedQuote(o, c) });

  later.sort((a, b) => a.at - b.at);
  for (const { at, step } of later) {
    const made = step();
    const steps = made === null ? [] : Array.isArray(made) ? made : [made];
    let t = at;
    for (const s of steps) {
      if (s.action.kind === 'property.create') {
        // Right after the move that brought it: no draw of its own, so the steps after it are drawn as before.
        if (!addPlace(o, c, story, s.actor, s.action)) return;
        continue;
      }
      if (s.action.kind === 'quote.create') {
        if (!story.add(t, s.actor, s.action, s.rows)) return;
        o.script.take('quote');
      } else if (story.add(t, s.actor, s.action, s.rows) === null) return;
      t = story.last + rng.between(10 * MINUTE, 3 * DAY);
    }
  }
}

/**
 * Adds a property's creation in the same millisecond as the story's last step (the
 * customer's creation, a move), after it, and notes it as one of the customer's
 * places: a booking made right after the customer is then made at it.
 */
function addPlace(
  o: Office,
  c: CustomerPlan,
  story: ReturnType<Office['script']['story']>,
  actor: number,
  p: Extract<DemoAction, { kind: 'property.create' }>,
): boolean {
  // Its index is the next one when it is added (the seed names properties by it).
  const action = { ...p, property: o.script.peek('property') };
  const made = story.last;
  if (!o.script.add(made, actor, action, 1 + p.units.length)) return false;
  o.script.take('property');
  c.places.push({ at: made, property: action.property, units: p.units.length });
  return true;
}

/** A quote sent and turned down (or, if recent, still waiting for an answer). */
function declinedQuote(o: Office, c: CustomerPlan): Step[] {
  const { rng } = o;
  const item = rng.pick(QUOTE_ITEMS[c.line]);
  const quote = o.script.peek('quote');
  const staff = anyOf(o, o.staff);
  return [
    { actor: staff, rows: 1, action: { kind: 'quote.create', quote, customer: c.index, title: item.title, amountCents: priceOf(rng, item.amount) } },
    { actor: staff, rows: 1, action: { kind: 'quote.status', quote, status: 'sent' } },
    // The customer's answer is three rows more: how they gave it, who did, when (migration 0022).
    { actor: anyOf(o, o.staff), rows: 4, action: { kind: 'quote.status', quote, status: 'declined' } },
  ];
}
