import type { Route } from '../router';

export function CustomersPage(_: { route: Route }) { return <h1>Customers</h1>; }
