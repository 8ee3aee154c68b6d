/**
 * Drafts of typed work, kept in sessionStorage (this tab only, gone when it closes) as the user types,
 * so that an expired session, the idle timeout or a reload loses nothing: after signing in again the
 * same page finds the draft and restores it. Cleared once the work is submitted, and on sign-out.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'dondoc.draft.';

export interface Draft<T> {
  value: T;
  savedAt: number;
}

export function readDraft<T>(key: string): Draft<T> | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Draft<T>) : null;
  } catch {
    return null;
  }
}

export function writeDraft<T>(key: string, value: T): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify({ value, savedAt: Date.now() } satisfies Draft<T>));
  } catch {
    // full or unavailable: the work is still on screen
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // unavailable
  }
}

/** Keys of the stored drafts that start with `prefix` (without the storage prefix). */
export function draftKeys(prefix: string): string[] {
  try {
    return Object.keys(sessionStorage)
      .filter((k) => k.startsWith(PREFIX + prefix))
      .map((k) => k.slice(PREFIX.length));
  } catch {
    return [];
  }
}

/**
 * State that is also a draft: initialised from the stored draft when there is one (`restored` is then
 * true), saved on every change (debounced), removed by `discard` (later changes are saved again).
 */
export function useDraft<T>(key: string, initial: T | (() => T)) {
  const [restored] = useState(() => readDraft<T>(key) !== null);
  const [value, setValue] = useState<T>(() => {
    const d = readDraft<T>(key);
    if (d) return d.value;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  // The value at the last discard: not saved again (a pending save of the sent work must not revive it).
  const discarded = useRef<{ value: T } | null>(null);
  useEffect(() => {
    if (discarded.current && discarded.current.value === value) return;
    const t = window.setTimeout(() => writeDraft(key, value), 200);
    return () => window.clearTimeout(t);
  }, [key, value]);
  // Save at once when the page goes away (a redirect to sign-in).
  useEffect(() => {
    const flush = () => {
      if (!discarded.current || discarded.current.value !== value) writeDraft(key, value);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [key, value]);
  const discard = useCallback(() => {
    setValue((v) => {
      discarded.current = { value: v };
      return v;
    });
    clearDraft(key);
  }, [key]);
  return { value, setValue, restored, discard };
}
