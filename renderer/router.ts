// Where the office is looking, kept in the address's hash (#/bookings/12?tab=timeline):
// Back and Forward work, a filtered list survives opening a booking and coming
// back, and a screen can link to another one already filtered.
import { useEffect, useState } from 'react';
import type { ApiName } from '../electron/api/contract';

export type Section = 'bookings' | 'customers' | 'audit' | 'reports' | 'settings' | 'equipment';

/**
 * The sections of the menu, each with the contract entries its screen is for: the
 * menu offers a section when the signed-in role may call one of them (the session's
 * allowed entries), so nobody is offered a screen that would only refuse them.
 */
export const SECTIONS: { key: Section; label: string; for: ApiName[]; /** Reached by links only, not listed in the menu. */ menu?: false }[] = [
  { key: 'bookings', label: 'Bookings', for: ['bookings.list'] },
  { key: 'customers', label: 'Customers', for: ['customers.list'] },
  { key: 'audit', label: 'Audit log', for: ['history.search'] },
  // A booking's proof prints here (staff); the period reports and the check of the trail are managers'.
  { key: 'reports', label: 'Reports', for: ['reports.booking', 'reports.period', 'jobs.start'] },
  // Below an administrator, read-only: which fields the Audit log tracks, and who manages users. For those who read the log.
  { key: 'settings', label: 'Settings', for: ['customFields.define', 'users.create', 'history.search'] },
  // Opened from a property or a job card, never from the menu: a unit's details, readings and History.
  { key: 'equipment', label: 'Equipment', for: ['equipment.get'], menu: false },
];

export interface Route {
  section: Section;
  /** The record opened in the section (a booking, a customer), if any. */
  id: number | null;
  params: Record<string, string>;
}

const DEFAULT: Route = { section: 'bookings', id: null, params: {} };

export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z]+)(?:\/(\d+))?(?:\?(.*))?$/.exec(hash);
  if (!m || !SECTIONS.some((s) => s.key === m[1])) return DEFAULT;
  return {
    section: m[1] as Section,
    id: m[2] ? Number(m[2]) : null,
    params: Object.fromEntries(new URLSearchParams(m[3] ?? '')),
  };
}

/** The hash for a route; empty parameters are left out so addresses stay short. */
export function routeHref(section: Section, id: number | null = null, params: Record<string, string | number | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const q = query.toString();
  return `#/${section}${id === null ? '' : `/${id}`}${q ? `?${q}` : ''}`;
}

export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The current route, following Back, Forward and navigate(). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Changes some parameters of the current route in place (filters, tabs) without a new Back step. */
export function setParams(route: Route, changes: Record<string, string | number | undefined | null>, push = false): void {
  navigate(routeHref(route.section, route.id, { ...route.params, ...changes }), !push);
}
