// Reading from the contract inside a screen: the value, whether it is loading,
// the refusal if there was one, and a way to read it again after a change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, ApiName, ApiOutput } from '../../electron/api/contract';
import { ApiFailure, call, messageOf } from './client';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  /** Reads again; the old value stays on screen until the new one arrives. */
  reload: () => Promise<void>;
}

/**
 * Calls `name` with `input` whenever the input changes (compared by value), and
 * drops answers that arrive after a newer request: a slow first search never
 * overwrites the result of the one typed after it. `skip` waits (nothing to ask
 * yet, or not allowed to); a new `version` reads again (something changed).
 */
export function useApi<K extends ApiName>(name: K, input: ApiInput<K>, skip = false, version = 0): Loaded<ApiOutput<K>> {
  const key = JSON.stringify(input);
  const [data, setData] = useState<ApiOutput<K>>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(!skip);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await call(name, JSON.parse(key) as ApiInput<K>);
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (ticket === latest.current) setError(messageOf(e));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [name, key]);

  useEffect(() => {
    if (!skip) void load();
  }, [load, skip, version]);

  return { data, loading, error, reload: load };
}

/** What a form shows after a refused call: the message, and which field it is about. */
/** A refusal as a form shows it; a deletion's names what blocks it, each with its link. */
export interface Refusal {
  message: string;
  field?: string;
  blockers?: Blocker[];
}
type Blocker = NonNullable<NonNullable<ApiFailure['details']>['blockers']>[number];

/** A mistake the form itself can see before asking (a half-typed time or amount), shaped like the contract's refusals. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export function refusalOf(e: unknown): Refusal {
  if (e instanceof ApiFailure) return { message: e.message, field: e.field, ...(e.details?.blockers ? { blockers: e.details.blockers } : {}) };
  return e instanceof FormError ? { message: e.message, field: e.field } : { message: messageOf(e) };
}

/**
 * An action someone starts with a button: busy while it runs (so it cannot be
 * sent twice), and the refusal, kept next to the button that caused it.
 */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const go = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setBusy(true);
      setRefusal(null);
      try {
        return await run(...args);
      } catch (e) {
        setRefusal(refusalOf(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [run],
  );
  return { go, busy, refusal, clear: () => setRefusal(null) };
}

/**
 * Where a refusal shows in a form: under the field it names, if the form has
 * that field; otherwise as the form's own message.
 */
export function placeRefusal(refusal: Refusal | null, fields: readonly string[]) {
  const onField = refusal?.field !== undefined && fields.some((f) => refusal.field === f || refusal.field!.startsWith(`${f}.`));
  return {
    // Under the field itself, the contract's "email: " in front of its message says nothing new.
    errorFor: (field: string) => (refusal && refusal.field === field ? refusal.message.replace(`${field}: `, '') : undefined),
    general: refusal && !onField ? refusal.message : null,
  };
}
