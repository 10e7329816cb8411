/**
 * A value many components watch, changed often (the active segment, ~60 times a second
 * while playing): rows subscribe with useSyncExternalStore and select only whether the
 * value concerns them, so a change re-renders the one or two rows it touches and not
 * the whole transcript.
 */
export interface ValueStore<T> {
  get: () => T;
  set: (value: T) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createValueStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
