// One progress line on stderr: redrawn in place on a terminal; in a log (CI, a
// pipe) a plain line at most every few seconds, so the log stays readable.
export interface ProgressWriter {
  update(msg: string): void;
  /** Ends the line; in a log, prints the last message if it was held back. */
  done(): void;
}

const LOG_EVERY_MS = 5000;

export function progressWriter(prefix: string, stream: NodeJS.WriteStream = process.stderr): ProgressWriter {
  let drawn = false;
  let lastLogged = -Infinity;
  let held: string | null = null;
  const line = (msg: string) => `${prefix}: ${msg}`;
  if (stream.isTTY) {
    return {
      update(msg) {
        stream.write(`\r${line(msg)}\x1b[K`);
        drawn = true;
      },
      done() {
        if (drawn) stream.write('\n');
        drawn = false;
      },
    };
  }
  return {
    update(msg) {
      const t = performance.now();
      if (t - lastLogged < LOG_EVERY_MS) {
        held = msg;
        return;
      }
      lastLogged = t;
      held = null;
      stream.write(`${line(msg)}\n`);
    },
    done() {
      if (held !== null) stream.write(`${line(held)}\n`);
      held = null;
    },
  };
}
