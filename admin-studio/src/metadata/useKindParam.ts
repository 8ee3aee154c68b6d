import { useCallback, useSyncExternalStore } from 'react';
import { isMetadataKind, METADATA_KINDS, type MetadataKind } from './types';

const PARAM = 'kind';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

function read(): MetadataKind {
  const value = new URLSearchParams(window.location.search).get(PARAM);
  return isMetadataKind(value) ? value : METADATA_KINDS[0];
}

/** The selected kind lives in the address (?kind=form): reload, back and forward keep it. */
export function useKindParam(): [MetadataKind, (kind: MetadataKind) => void] {
  const kind = useSyncExternalStore(subscribe, read);
  const setKind = useCallback((next: MetadataKind) => {
    if (next === read()) return;
    const url = new URL(window.location.href);
    url.searchParams.set(PARAM, next);
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [kind, setKind];
}
