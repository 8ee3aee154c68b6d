/**
 * Being offline: whether the browser thinks it is, and the data a service worker keeps for offline use
 * (Cache Storage `dondoc-data-*`), which must go when the user signs out.
 */
import { useSyncExternalStore } from 'react';

/** Caches whose names start with this hold API answers (see runtime-ui's service worker). */
export const DATA_CACHE_PREFIX = 'dondoc-data';
/** Set by the service worker on an API answer it served from its cache because the network failed. */
export const OFFLINE_HEADER = 'X-Dondoc-Offline';

function subscribe(callback: () => void): () => void {
  window.addEventListener('online', callback);
  window.addEventListener('offline', callback);
  return () => {
    window.removeEventListener('online', callback);
    window.removeEventListener('offline', callback);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}

/** Removes every offline copy of API answers and every form draft of this tab. */
export async function clearOfflineData(): Promise<void> {
  try {
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('dondoc.draft.')) sessionStorage.removeItem(key);
  } catch {
    // storage unavailable
  }
  try {
    if (typeof caches === 'undefined') return;
    for (const name of await caches.keys()) if (name.startsWith(DATA_CACHE_PREFIX)) await caches.delete(name);
  } catch {
    // Cache Storage unavailable (insecure origin, private mode)
  }
}
