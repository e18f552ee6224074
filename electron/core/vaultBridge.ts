// The OS's protected storage (Electron's safeStorage) exists only in the main
// process, but the signing key is read and written by the core worker, synchronously,
// while it opens the database. So the worker asks the main process over a port and
// waits on a shared counter that the main process bumps once it has answered. The
// main process never waits for the worker: only the worker blocks, briefly, and
// only when it opens the key.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { KeyVault } from '../../db/chainKeys';

type Ask = { op: 'protect' | 'reveal'; bytes: Uint8Array };
type Answer = { bytes: Uint8Array } | { error: string };

/** How long the worker waits for the main process before it says the vault does not answer. */
const ANSWER_WITHIN_MS = 30_000;

export interface ServedVault {
  /** Transferred to the worker. */
  port: MessagePort;
  control: Int32Array;
  suffix: string;
  close(): void;
}

/** The main process's side: answers the worker's asks with the real vault. */
export function serveVault(vault: KeyVault): ServedVault {
  const { port1, port2 } = new MessageChannel();
  const control = new Int32Array(new SharedArrayBuffer(4));
  port1.on('message', ({ op, bytes }: Ask) => {
    let answer: Answer;
    try {
      const out = op === 'protect' ? vault.protect(Buffer.from(bytes)) : vault.reveal(Buffer.from(bytes));
      answer = { bytes: new Uint8Array(out) };
    } catch (e) {
      answer = { error: e instanceof Error ? e.message : String(e) };
    }
    port1.postMessage(answer);
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
  });
  return { port: port2, control, suffix: vault.suffix, close: () => port1.close() };
}

/** The worker's side: a vault whose every use is one round trip to the main process. */
export function vaultOverPort(port: MessagePort, control: Int32Array, suffix: string): KeyVault {
  const ask = (op: Ask['op'], bytes: Buffer): Buffer => {
    const seen = Atomics.load(control, 0);
    port.postMessage({ op, bytes: new Uint8Array(bytes) } satisfies Ask);
    if (Atomics.wait(control, 0, seen, ANSWER_WITHIN_MS) === 'timed-out') {
      throw new Error('The protected storage of this computer did not answer: the signing key cannot be opened.');
    }
    const answer = receiveMessageOnPort(port)?.message as Answer | undefined;
    if (!answer) throw new Error('The protected storage of this computer gave no answer: the signing key cannot be opened.');
    if ('error' in answer) throw new Error(`The protected storage of this computer refused: ${answer.error}`);
    return Buffer.from(answer.bytes);
  };
  return { suffix, protect: (secret) => ask('protect', secret), reveal: (stored) => ask('reveal', stored) };
}
