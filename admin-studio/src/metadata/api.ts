// The metadata registry's HTTP API (CONTRACT.md "Metadata"), typed for the Studio.
import { api } from '@shared/api';
import type { ListResponse } from '@shared/types';
import type { MetadataKind, MetadataSummary, StoredDoc, ValidationIssue, VersionInfo } from './types';

const path = (kind: MetadataKind, key?: string, tail = '') =>
  `/api/metadata/${encodeURIComponent(kind)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}${tail}`;

/** '' (platform) is sent as no parameter. */
const scopeQuery = (scope: string) => (scope ? { pillar: scope } : {});

export function listDocs(kind: MetadataKind, scope: string | undefined, signal?: AbortSignal) {
  return api<ListResponse<MetadataSummary>>(path(kind), { signal, query: scope === undefined ? undefined : { pillar: scope } });
}

/** One version of one scope; 'draft' for the draft; undefined for the newest published as `scope` sees it. */
export function getDoc<T = Record<string, unknown>>(kind: MetadataKind, key: string, scope: string, version?: number | 'draft', signal?: AbortSignal) {
  return api<StoredDoc<T>>(path(kind, key), { signal, query: { ...scopeQuery(scope), version } });
}

/** The newest published document of a pillar's view (the override, else the platform default). */
export function resolveDoc<T = Record<string, unknown>>(kind: MetadataKind, key: string, scope: string, signal?: AbortSignal) {
  return api<StoredDoc<T>>(path(kind, key), { signal, query: scope ? { pillar: scope } : { pillar: '' } });
}

export function listVersions(kind: MetadataKind, key: string, scope: string, signal?: AbortSignal) {
  return api<ListResponse<VersionInfo>>(path(kind, key, '/versions'), { signal, query: scopeQuery(scope) });
}

export function saveDraft(kind: MetadataKind, key: string, scope: string, body: unknown) {
  return api<StoredDoc>(path(kind, key), { method: 'PUT', body, query: scopeQuery(scope) });
}

export async function validateDoc(kind: MetadataKind, key: string, scope: string, body: unknown, signal?: AbortSignal) {
  return (await api<{ issues: ValidationIssue[] }>(path(kind, key, '/validate'), { method: 'POST', body, signal, query: scopeQuery(scope) })).issues;
}

/** Publishes the draft, or `body` directly (a rollback publishes an old version's body). */
export function publishDoc(kind: MetadataKind, key: string, scope: string, body?: unknown) {
  return api<{ version: number }>(path(kind, key, '/publish'), {
    method: 'POST',
    body: body === undefined ? {} : { body },
    query: scopeQuery(scope),
  });
}
