// Workers whose starter may block. The checks of the log run step by step, and a
// driver without an event loop (the CLI, the jobs worker) blocks in Atomics.wait
// between steps, so it never hears a Worker's 'message', 'error' or 'exit' event.
// Such a worker answers on a port its starter reads with receiveMessageOnPort,
// counts each answer in a shared Int32Array the starter can wait on, and says first
// of all that it is ready, or why it cannot be: the starter learns that it failed
// from the worker itself. Only a module that fails as it loads cannot say so: a
// blocked starter knows it by its silence (START_TIMEOUT_MS), one with an event
// loop by its 'error'.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker, type WorkerName } from './workerModule';

/** Where a worker answers: its port, and the counter (control[index]) each answer adds one to. */
export interface Answers {
  port: MessagePort;
  control: Int32Array;
  index: number;
}

/** What the worker finds in its workerData, beside what its starter gave it. */
export interface SyncJob {
  answers: Answers;
}

/** The worker's first message. */
export type Hello = { ready: true } | { failed: string };

/** How long a starter waits for its worker to say it is ready: from the sources, tsx compiles the worker first. */
const START_TIMEOUT_MS = 30_000;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The worker's side: sends a message and counts it, waking whoever waits on the counter. */
export function answer(to: Answers, message: unknown): void {
  to.port.postMessage(message);
  Atomics.add(to.control, to.index, 1);
  Atomics.notify(to.control, to.index);
}

/**
 * The worker's side: gets ready (`start`: opening the file, preparing statements),
 * then says so and returns what it made; or says what went wrong, closes its port
 * and returns null.
 */
export function hello<T>(to: Answers, start: () => T): T | null {
  let made: T;
  try {
    made = start();
  } catch (e) {
    answer(to, { failed: messageOf(e) } satisfies Hello);
    to.port.close();
    return null;
  }
  answer(to, { ready: true } satisfies Hello);
  return made;
}

/** The starter's side of one such worker. */
export class SyncWorker {
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly startedAt = Date.now();
  private ready = false;
  private failure: Error | null = null;
  /** What its events said: heard only while the starter's event loop turns, and judged in receive(). */
  private error: string | null = null;
  private exitCode: number | null = null;
  /** Settles once the worker has ended, and with it its connection. */
  readonly exited: Promise<void>;

  /**
   * Starts worker `name` with `job` and an Answers on control[index]. `who` names
   * the starter in errors ("The chain check" could not start its worker: …).
   * Throws at once if the worker cannot even be started (no such module).
   */
  constructor(
    name: WorkerName,
    private readonly who: string,
    job: object,
    control: Int32Array,
    index: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const answers: Answers = { port: port2, control, index };
    try {
      this.worker = startWorker(name, { workerData: { ...job, answers } satisfies SyncJob, transferList: [port2] });
    } catch (e) {
      port1.close();
      throw this.couldNotStart(messageOf(e));
    }
    // Waking the counter sends a waiting starter back to receive(), which reports it.
    const wake = () => {
      Atomics.add(control, index, 1);
      Atomics.notify(control, index);
    };
    this.worker.on('error', (e) => {
      this.error ??= messageOf(e);
      wake();
    });
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.exitCode = code;
        wake();
        resolve();
      }),
    );
  }

  /** Whether it has said it is ready. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Whether it has ended (known only once the starter's event loop has turned since). */
  get ended(): boolean {
    return this.exitCode !== null;
  }

  /**
   * Its next answer, or undefined while there is none. Throws why it could not
   * start (what it said, or its error or exit, or that it stayed silent too long),
   * or, once its answers so far are read, why it failed later.
   */
  receive(): unknown {
    for (let m; (m = receiveMessageOnPort(this.port));) {
      if (this.ready) return m.message;
      const first = m.message as Hello;
      if ('failed' in first) throw (this.failure = this.couldNotStart(first.failed));
      this.ready = true;
    }
    if (this.failure) throw this.failure;
    // Judged only now, with every message it posted before it ended read: a worker
    // that said it was ready, did its work and ended is no failure.
    if (this.error !== null) {
      throw (this.failure = this.ready ? new Error(`${this.who}'s worker failed: ${this.error}`) : this.couldNotStart(this.error));
    }
    if (this.exitCode !== null && !this.ready) throw (this.failure = this.couldNotStart(`it ended before it was ready (exit code ${this.exitCode})`));
    if (!this.ready && Date.now() - this.startedAt > START_TIMEOUT_MS) {
      this.failure = this.couldNotStart(`it did not say it was ready within ${START_TIMEOUT_MS / 1000} s`);
      void this.worker.terminate();
      throw this.failure;
    }
    return undefined;
  }

  /** Sends it a message (queued until it listens). */
  send(message: unknown): void {
    this.port.postMessage(message);
  }

  /** Lets the process end while it still runs. */
  unref(): void {
    this.worker.unref();
  }

  /**
   * Closes the starter's end: a ready worker ends once it notices (its port's
   * 'close', or its own stop flag); one that is not ready yet is ended now.
   */
  close(): void {
    this.port.close();
    if (!this.ready) void this.worker.terminate();
  }

  private couldNotStart(why: string): Error {
    return new Error(`${this.who} could not start its worker: ${why}`);
  }
}
