// The working copy of one document in one scope: loaded from its draft, else from what the scope sees
// now (its own published version or the platform default), else from a template. Every change is
// validated by the engine (structure and meaning) after a short pause; saving writes the draft,
// publishing makes it the next version — refused while any issue remains.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '@shared/api';
import { getDoc, publishDoc, resolveDoc, saveDraft, validateDoc } from './api';
import { templateOf } from './templates';
import type { MetadataKind, StoredDoc, ValidationIssue } from './types';

export type Origin = 'draft' | 'own' | 'platform' | 'template';

export interface DocEditor {
  loading: boolean;
  error: unknown;
  body: Record<string, unknown> | null;
  setBody(body: Record<string, unknown>): void;
  origin: Origin;
  /** The stored version the working copy started from. */
  base: StoredDoc | null;
  dirty: boolean;
  issues: ValidationIssue[];
  validating: boolean;
  saving: boolean;
  save(): Promise<boolean>;
  /** Resolves to the new version, or null when refused (issues are then set). */
  publish(): Promise<number | null>;
  revert(): void;
  refusal: ValidationIssue[] | null;
}

const noDocument = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 403);

export function useDocEditor(kind: MetadataKind, key: string, scope: string): DocEditor {
  const client = useQueryClient();
  const draft = useQuery({
    queryKey: ['doc', kind, key, scope, 'draft'],
    queryFn: async ({ signal }) => {
      try {
        return await getDoc(kind, key, scope, 'draft', signal);
      } catch (e) {
        if (noDocument(e)) return null;
        throw e;
      }
    },
    staleTime: 0,
  });
  const current = useQuery({
    queryKey: ['doc', kind, key, scope, 'resolved'],
    queryFn: async ({ signal }) => {
      try {
        return await resolveDoc(kind, key, scope, signal);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: 0,
  });

  const loading = draft.isPending || current.isPending;
  const base = draft.data ?? current.data ?? null;
  const origin: Origin = draft.data ? 'draft' : current.data ? ((current.data.pillar ?? '') === scope ? 'own' : 'platform') : 'template';
  const [body, setBodyState] = useState<Record<string, unknown> | null>(null);
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [validating, setValidating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ValidationIssue[] | null>(null);

  // (Re)start from the stored document whenever it is (re)loaded and nothing is being edited.
  const baseBody = useMemo(() => (loading ? undefined : (base?.body ?? templateOf(kind, key))), [loading, base, kind, key]);
  const loadedFor = useRef<unknown>(undefined);
  useEffect(() => {
    if (baseBody === undefined || loadedFor.current === baseBody || dirty) return;
    loadedFor.current = baseBody;
    setBodyState(structuredClone(baseBody));
  }, [baseBody, dirty]);

  // Validate every change after a pause; the newest answer wins.
  const seq = useRef(0);
  useEffect(() => {
    if (!body) return;
    const mine = ++seq.current;
    const ctl = new AbortController();
    setValidating(true);
    const timer = window.setTimeout(() => {
      validateDoc(kind, key, scope, body, ctl.signal)
        .then((found) => {
          if (mine !== seq.current) return;
          setIssues(found);
          if (found.length === 0) setRefusal(null);
        })
        .catch(() => undefined)
        .finally(() => {
          if (mine === seq.current) setValidating(false);
        });
    }, 350);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [body, kind, key, scope]);

  const setBody = useCallback((next: Record<string, unknown>) => {
    setBodyState(next);
    setDirty(true);
  }, []);

  const refresh = useCallback(async () => {
    await client.invalidateQueries({ queryKey: ['doc', kind, key, scope] });
    await client.invalidateQueries({ queryKey: ['versions', kind, key, scope] });
    await client.invalidateQueries({ queryKey: ['metadata', kind] });
  }, [client, kind, key, scope]);

  const refuse = (found: ValidationIssue[]) => {
    setIssues(found);
    setRefusal(found);
  };

  const save = useCallback(async () => {
    if (!body) return false;
    setSaving(true);
    try {
      await saveDraft(kind, key, scope, body);
      setDirty(false);
      setRefusal(null);
      await refresh();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        refuse(e.details.map((d) => ({ path: d.path ?? '', message: d.message })));
        return false;
      }
      throw e;
    } finally {
      setSaving(false);
    }
  }, [body, kind, key, scope, refresh]);

  const publish = useCallback(async () => {
    if (!body) return null;
    setSaving(true);
    try {
      const found = await validateDoc(kind, key, scope, body);
      if (found.length) {
        refuse(found);
        return null;
      }
      await saveDraft(kind, key, scope, body);
      const { version } = await publishDoc(kind, key, scope);
      setDirty(false);
      setRefusal(null);
      loadedFor.current = undefined;
      await refresh();
      return version;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        refuse(e.details.map((d) => ({ path: d.path ?? '', message: d.message })));
        return null;
      }
      throw e;
    } finally {
      setSaving(false);
    }
  }, [body, kind, key, scope, refresh]);

  const revert = useCallback(() => {
    setDirty(false);
    loadedFor.current = undefined;
    setBodyState(baseBody ? structuredClone(baseBody) : null);
  }, [baseBody]);

  return {
    loading,
    error: draft.error ?? current.error,
    body,
    setBody,
    origin,
    base,
    dirty,
    issues,
    validating,
    saving,
    save,
    publish,
    revert,
    refusal,
  };
}
