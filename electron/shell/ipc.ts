// The IPC side of the contract: routed to the same core worker the web server calls,
// keyed by the window's webContents id, behind a check that the call comes from our page.
import type { Result } from '../api/dispatch';
import type { CallRouter } from '../core/host';
import { isAppUrl, type AppLocation } from './security';

export interface IpcSender {
  /** event.senderFrame?.url: null when the frame is gone (navigated away, destroyed). */
  frameUrl: string | null;
  /** event.sender.id */
  webContentsId: number;
}

/**
 * Handles one `jobtrail:invoke`. A frame that is not our page (an iframe, a page
 * navigated elsewhere despite the guards) gets nothing: the preload's API must not
 * become anyone else's.
 */
export async function handleInvoke(router: CallRouter, app: AppLocation, sender: IpcSender, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isAppUrl(sender.frameUrl, app)) {
    return { ok: false, error: { code: 'forbidden', message: 'This call did not come from the JobTrail window.' } };
  }
  if (typeof name !== 'string') {
    return { ok: false, error: { code: 'unknown_call', message: 'The operation name must be text.' } };
  }
  return router.call(name, input, `ipc:${sender.webContentsId}`);
}
