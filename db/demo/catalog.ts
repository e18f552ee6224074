// What the demo business sells, at prices a small office in 2024–2026 would charge,
// and the things people write in notes and inquiries. Prices in cents.
import type { Rng } from './random';

export const LINES = ['hvac', 'health', 'property'] as const;
export type Line = (typeof LINES)[number];

export interface ServiceItem {
  name: string;
  /** Lowest and highest price; fixed-price services have both the same. */
  price: [number, number];
  minutes: number;
  /** Months (1–12) when the service is in demand; empty means all year. */
  season?: number[];
}

export const SERVICES: Record<Line, ServiceItem[]> = {
  hvac: [
    { name: 'Furnace tune-up', price: [12900, 12900], minutes: 90, season: [9, 10, 11, 12, 1] },
    { name: 'AC maintenance', price: [13900, 13900], minutes: 90, season: [4, 5, 6, 7] },
    { name: 'AC repair', price: [24500, 68500], minutes: 120, season: [5, 6, 7, 8, 9] },
    { name: 'Furnace repair', price: [22000, 59500], minutes: 120, season: [10, 11, 12, 1, 2, 3] },
    { name: 'No-heat emergency call', price: [29500, 29500], minutes: 90, season: [12, 1, 2] },
    { name: 'Heat pump service', price: [17900, 17900], minutes: 90 },
    { name: 'Thermostat installation', price: [18900, 24900], minutes: 60 },
    { name: 'Duct cleaning', price: [39900, 54900], minutes: 180 },
    { name: 'Water heater flush', price: [14900, 14900], minutes: 60 },
    { name: 'Indoor air quality check', price: [9900, 9900], minutes: 60 },
  ],
  health: [
    { name: 'Skilled nursing visit', price: [16500, 16500], minutes: 60 },
    { name: 'Wound care visit', price: [14000, 14000], minutes: 45 },
    { name: 'Medication management', price: [9500, 9500], minutes: 45 },
    { name: 'Physical therapy session', price: [12000, 12000], minutes: 60 },
    { name: 'Post-surgery check', price: [15000, 15000], minutes: 60 },
    { name: 'Personal care aide (4 h)', price: [12800, 12800], minutes: 240 },
    { name: 'Vitals and blood pressure check', price: [7500, 7500], minutes: 30 },
    { name: 'Home safety assessment', price: [11000, 11000], minutes: 90 },
  ],
  property: [
    { name: 'Gutter cleaning', price: [16000, 26000], minutes: 120, season: [4, 5, 10, 11] },
    { name: 'Drywall repair', price: [18000, 45000], minutes: 180 },
    { name: 'Faucet replacement', price: [14500, 19500], minutes: 90 },
    { name: 'Unit turnover inspection', price: [11000, 11000], minutes: 60 },
    { name: 'Pressure washing', price: [27500, 39500], minutes: 180, season: [4, 5, 6, 7, 8, 9] },
    { name: 'Smoke detector check', price: [8500, 8500], minutes: 45 },
    { name: 'Leaf cleanup', price: [19000, 29000], minutes: 180, season: [10, 11] },
    { name: 'Handyman visit (2 h)', price: [17000, 17000], minutes: 120 },
    { name: 'Door and lock repair', price: [12500, 22500], minutes: 90 },
    { name: 'Snow removal', price: [9500, 14500], minutes: 60, season: [12, 1, 2] },
  ],
};

/** Big jobs that start with a quote; the booking then carries the quote's price. */
export interface QuoteItem {
  title: string;
  service: string;
  amount: [number, number];
  minutes: number;
}

export const QUOTE_ITEMS: Record<Line, QuoteItem[]> = {
  hvac: [
    { title: 'Replace 3-ton AC condenser', service: 'AC replacement', amount: [420000, 580000], minutes: 360 },
    { title: 'New 80k BTU gas furnace', service: 'Furnace replacement', amount: [360000, 520000], minutes: 420 },
    { title: 'Ductless mini-split, two zones', service: 'Mini-split installation', amount: [510000, 690000], minutes: 480 },
    { title: 'Whole-home humidifier', service: 'Humidifier installation', amount: [89000, 129000], minutes: 180 },
  ],
  health: [
    { title: 'Home care plan, 12 visits', service: 'Home care plan visit', amount: [168000, 198000], minutes: 60 },
    { title: 'Post-discharge care package', service: 'Post-discharge visit', amount: [95000, 125000], minutes: 90 },
  ],
  property: [
    { title: 'Replace 120 ft of gutters', service: 'Gutter replacement', amount: [165000, 245000], minutes: 360 },
    { title: 'Bathroom grab bars and rails', service: 'Grab bar installation', amount: [38000, 62000], minutes: 180 },
    { title: 'Deck repair and staining', service: 'Deck repair', amount: [210000, 340000], minutes: 480 },
    { title: 'Repaint stairwells, building B', service: 'Interior painting', amount: [280000, 420000], minutes: 480 },
  ],
};

export function priceOf(rng: Rng, [lo, hi]: [number, number]): number {
  return lo === hi ? lo : Math.round(rng.between(lo, hi) / 500) * 500;
}

/** A service of the line, favouring what is in season in that month (1–12). */
export function pickService(rng: Rng, line: Line, month: number): ServiceItem {
  const items = SERVICES[line];
  for (let tries = 0; tries < 4; tries++) {
    const s = rng.pick(items);
    if (!s.season || s.season.includes(month)) return s;
  }
  return items.find((s) => !s.season) ?? items[0];
}

export const NOTES = {
  completed: {
    hvac: [
      'Replaced the filter; system running normally.',
      'Found a cracked inducer hose, replaced it.',
      'Cleaned the condenser coils. Refrigerant charge OK.',
      'Capacitor was weak, replaced with a 45/5 µF.',
      'Customer asked about a maintenance plan; left a brochure.',
      'Flame sensor cleaned. Recommend replacement next visit.',
    ],
    health: [
      'Vitals stable. Patient in good spirits.',
      'Dressing changed; wound healing well.',
      'Reviewed medication schedule with the family.',
      'Patient reports less pain than last week.',
      'Recommended a shower chair; family will buy one.',
      'BP slightly high, 148/92. Asked the family to log it daily.',
    ],
    property: [
      'Done. Old fixture left with the tenant at their request.',
      'Took photos before and after; in the shared folder.',
      'Needs a second visit for paint once the patch has dried.',
      'Found a slow leak under the sink; tightened the trap.',
      'Gate was locked; the tenant let us in.',
      'Replaced two smoke detector batteries as well.',
    ],
  },
  booking: [
    'Customer asks for a call 30 minutes before arrival.',
    'Dog in the back yard; use the front door.',
    'Park in the driveway, not on the street.',
    'Customer will be at work; a neighbour has the key.',
    'Please bring shoe covers; new carpet.',
    'Second floor unit, no elevator.',
  ],
  noShow: [
    'Nobody home. Left a door hanger and called twice.',
    'No answer at the door or on the phone after 20 minutes.',
    'Customer not home; gate locked. Left a voicemail.',
  ],
  cancelled: [
    'Customer called to cancel; will rebook later.',
    'Cancelled: customer found another company.',
    "Cancelled at the customer's request (travelling).",
  ],
  refund: [
    'Refund approved: customer was overcharged for parts.',
    'Refunded after a complaint about the repair; goodwill.',
    "Refunded: duplicate payment by the customer's bank.",
  ],
  duplicate: ['Entered twice by mistake; removing this one.'],
  customer: [
    'Prefers text messages over calls.',
    'Pays by check on the day of service.',
    'Has a maintenance plan since spring.',
    'Elderly; speak with the daughter for scheduling.',
    'Tenant-occupied; the owner pays the invoices.',
    'Asked not to be called before 9 am.',
  ],
  rescheduler: ['Rescheduled again. Told the customer about our late-change fee.', 'Third change this month; no-show fee discussed.'],
};

export const INQUIRY_SUBJECTS: Record<Line, string[]> = {
  hvac: [
    'AC not cooling upstairs',
    'Furnace making a banging noise',
    'Price for a maintenance plan',
    'Question about a thermostat upgrade',
    'Quote for a new furnace',
    'Strange smell when the heat comes on',
  ],
  health: [
    'Care visits after a hip replacement',
    'Does insurance cover home visits?',
    'Change of visiting days',
    'Question about the last invoice',
    'Nurse availability on weekends',
  ],
  property: [
    'Leaking gutter over the porch',
    'Quote for painting a stairwell',
    'Lock replacement after a tenant moved out',
    'Question about the last invoice',
    'Snow removal contract for the winter',
  ],
};

export const CONTACT_TIMES = ['Mornings', 'Afternoons', 'After 5 pm', 'Weekdays 9–12', 'Any time', 'Text first'];

export const SERIAL_PREFIXES = ['CAR', 'TRN', 'LNX', 'RHM', 'GDM', 'BRY'];
