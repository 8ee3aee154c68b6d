/**
 * A small router over the address under /studio/: pages are paths (/studio/m/form/nhiem-vu), options
 * are query parameters (?pillar=ubnd). Reload, back and forward keep the page.
 */
import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const BASE = '/studio';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}
const snapshot = () => window.location.pathname + window.location.search;

export interface Route {
  /** Path segments below /studio/, decoded. */
  segments: string[];
  query: URLSearchParams;
}

export function parseRoute(href: string): Route {
  const url = new URL(href, window.location.origin);
  const rest = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
  return { segments: rest.split('/').filter(Boolean).map(decodeURIComponent), query: url.searchParams };
}

export function useRoute(): Route {
  const current = useSyncExternalStore(subscribe, snapshot);
  return parseRoute(current);
}

/** `/studio/` + path (segments are encoded by the caller with `href()`). */
export function navigate(to: string, replace = false): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Builds a Studio address from segments and query values (undefined and '' are left out). */
export function href(segments: (string | number)[], query: Record<string, string | number | undefined | null> = {}): string {
  const path = `${BASE}/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Changes query parameters of the current address, keeping the others. */
export function useSetQuery(): (changes: Record<string, string | undefined>, replace?: boolean) => void {
  return useCallback((changes, replace = true) => {
    const url = new URL(window.location.href);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') url.searchParams.delete(k);
      else url.searchParams.set(k, v);
    }
    navigate(url.pathname + url.search, replace);
  }, []);
}

/** An ordinary link (new tab, copy address work) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
