import type { Route } from '../router';

export function AuditLogPage(_: { route: Route }) { return <h1>Audit log</h1>; }
