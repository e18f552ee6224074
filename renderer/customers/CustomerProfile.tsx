import type { Route } from '../router';

export function CustomerProfile(_: { id: number; route: Route }) { return <h1>Customer</h1>; }
