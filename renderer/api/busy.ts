// When another program holds the database's write lock, a write is refused with
// 'busy' and nothing is saved. Rather than a dead end in each form, the refused call
// waits here while the person decides: try it again, or leave it (the form then
// shows the refusal as any other). One question covers every call refused meanwhile.
import { useSyncExternalStore } from 'react';

export interface BusyQuestion {
  message: string;
  /** How many calls wait on the answer. */
  waiting: number;
  answer(retry: boolean): void;
}

let waiting: ((retry: boolean) => void)[] = [];
let message = '';
let current: BusyQuestion | null = null;
const listeners = new Set<() => void>();

function publish(): void {
  current = waiting.length ? { message, waiting: waiting.length, answer } : null;
  listeners.forEach((l) => l());
}

function answer(retry: boolean): void {
  const decided = waiting;
  waiting = [];
  publish();
  decided.forEach((d) => d(retry));
}

/** Settles true when the person asks to try again, false when they leave it. */
export function askToRetry(busyMessage: string): Promise<boolean> {
  message = busyMessage;
  return new Promise((resolve) => {
    waiting = [...waiting, resolve];
    publish();
  });
}

export function useBusyQuestion(): BusyQuestion | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
