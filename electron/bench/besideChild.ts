// The beside figures in a process of their own, shaped like the app's main process:
// it only routes calls to the core worker. Measured in the bench's own process, its
// event loop would pay for the garbage the other figures left (a collection of a
// few hundred megabytes is a pause of its own), which the app's main process never holds.
import { besideFigures, type BesideOptions } from './beside';

const options = JSON.parse(process.argv[2]) as Omit<BesideOptions, 'say'>;
const figures = await besideFigures({ ...options, say: (line) => process.send!({ say: line }) });
// maxRSS is in kilobytes: this process and its workers (the core's, the jobs').
process.send!({ figures, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
process.disconnect();
