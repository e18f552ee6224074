// `npm test` builds the renderer before the browser tests; a run of
// `playwright test` on its own builds it when it is missing. Said once, here: why
// the desktop app's project is skipped on this machine.
import { buildRenderer } from '../../electron/bench/browser';
import { electronBinary, ELECTRON_SKIPPED } from './electronBinary';

export default function globalSetup(): void {
  if (!process.env.JOBTRAIL_RENDERER_DIR) buildRenderer();
  if (electronBinary() === null) console.log(`\n${ELECTRON_SKIPPED}\n`);
}
