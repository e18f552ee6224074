/** The zone the browser runs in: not UTC, so that local and UTC times differ on screen. */
export const ZONE = 'America/Chicago';
