// Where the office is looking, kept in the address's hash (#/bookings/12?tab=timeline):
// Back and Forward work, a filtered list survives opening a booking and coming
// back, and a screen can link to another one already filtered.
import { useEffect, useState } from 'react';

export type Section = 'bookings' | 'customers' | 'audit' | 'reports' | 'settings';
export const SECTIONS: { key: Section; label: string }[] = [
  { key: 'bookings', label: 'Bookings' },
  { key: 'customers', label: 'Customers' },
  { key: 'audit', label: 'Audit log' },
  { key: 'reports', label: 'Reports' },
  { key: 'settings', label: 'Settings' },
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
