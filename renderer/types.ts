// Shapes the screens pass around, read off the contract so they cannot drift from it.
import type { ApiOutput } from '../electron/api/contract';

export type User = ApiOutput<'auth.signIn'>;
export type Booking = ApiOutput<'bookings.get'>;
export type BookingRow = ApiOutput<'bookings.list'>['rows'][number];
export type HistoryRow = ApiOutput<'history.booking'>['rows'][number];
export type Timeline = ApiOutput<'timeline.get'>;
