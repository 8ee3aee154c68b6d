/** The inbox's filters live in the URL (shareable, back button, drill-down links from dashboards). */
import type { Category, Party } from '../app/types';

export interface InboxFilters {
  party: Party | 'all';
  category: Category | null;
  q: string;
  state: string[];
  type: string[];
  leadUnit: number | null;
  dueFrom: string | null;
  dueTo: string | null;
  document: number | null;
  sort: string;
  /** Indexed custom fields: f.<name> = value. */
  fields: Record<string, string>;
}

export const PARTIES: (Party | 'all')[] = ['handler', 'myUnit', 'monitor', 'assigner', 'coordinator', 'all'];
export const SORTS = ['-createdAt', 'dueDate', '-dueDate', '-updatedAt', 'code'] as const;
const CATEGORY_SET = new Set([
  'doneOnTime',
  'doneLate',
  'openOnTime',
  'openOverdue',
  'noDeadline',
  'dueSoon',
  'cancelled',
]);

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : null);
const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

export function parseFilters(search: URLSearchParams, defaultParty: Party | 'all'): InboxFilters {
  const party = search.get('party');
  const category = search.get('category');
  const fields: Record<string, string> = {};
  for (const [k, v] of search) if (k.startsWith('f.') && v) fields[k.slice(2)] = v;
  return {
    party: PARTIES.includes(party as Party) ? (party as Party) : defaultParty,
    category: category && CATEGORY_SET.has(category) ? (category as Category) : null,
    q: search.get('q') ?? '',
    state: search
      .getAll('state')
      .flatMap((s) => s.split(','))
      .filter(Boolean),
    type: search
      .getAll('type')
      .flatMap((s) => s.split(','))
      .filter(Boolean),
    leadUnit: num(search.get('leadUnit')),
    dueFrom: date(search.get('dueFrom')),
    dueTo: date(search.get('dueTo')),
    document: num(search.get('document')),
    sort: (SORTS as readonly string[]).includes(search.get('sort') ?? '')
      ? search.get('sort')!
      : '-createdAt',
    fields,
  };
}

/** The filters as the inbox URL's query string (defaults left out). */
export function filtersToSearch(f: InboxFilters): string {
  const p = new URLSearchParams();
  p.set('party', f.party);
  if (f.category) p.set('category', f.category);
  if (f.q) p.set('q', f.q);
  if (f.state.length) p.set('state', f.state.join(','));
  if (f.type.length) p.set('type', f.type.join(','));
  if (f.leadUnit) p.set('leadUnit', String(f.leadUnit));
  if (f.dueFrom) p.set('dueFrom', f.dueFrom);
  if (f.dueTo) p.set('dueTo', f.dueTo);
  if (f.document) p.set('document', String(f.document));
  if (f.sort !== '-createdAt') p.set('sort', f.sort);
  for (const [k, v] of Object.entries(f.fields)) if (v) p.set(`f.${k}`, v);
  return p.toString();
}

/** The query of GET /api/tasks for these filters (without category and paging). */
export function apiQuery(f: InboxFilters): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {
    party: f.party === 'all' ? undefined : f.party,
    q: f.q.trim() || undefined,
    state: f.state.length ? f.state.join(',') : undefined,
    type: f.type.length ? f.type.join(',') : undefined,
    leadUnit: f.leadUnit ? String(f.leadUnit) : undefined,
    dueFrom: f.dueFrom ?? undefined,
    dueTo: f.dueTo ?? undefined,
    document: f.document ? String(f.document) : undefined,
    sort: f.sort,
  };
  for (const [k, v] of Object.entries(f.fields)) if (v) q[`f.${k}`] = v;
  return q;
}

export function activeFilterCount(f: InboxFilters): number {
  return (
    (f.state.length ? 1 : 0) +
    (f.type.length ? 1 : 0) +
    (f.leadUnit ? 1 : 0) +
    (f.dueFrom || f.dueTo ? 1 : 0) +
    (f.document ? 1 : 0) +
    Object.values(f.fields).filter(Boolean).length
  );
}
