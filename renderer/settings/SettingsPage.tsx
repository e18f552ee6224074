import type { Route } from '../router';

export function SettingsPage(_: { route: Route }) { return <h1>Settings</h1>; }
