// Field permissions of forms (`fields.<name>.read` / `.edit`: role keys), enforced by the engine, not only
// drawn by the UI. A caller's roles are the role keys of their positions (the same union access control
// builds abilities from; an integration client holds none, so it sees no restricted field). A field whose
// `read` roles the caller holds none of is hidden: absent from the task's data, from its history, from
// report drill-downs, and lists never filter on it for them. A field they may not read or whose `edit`
// roles they hold none of cannot be set on create or changed by a transition (403 naming /data/<field>).
//
// What a task shows runs under fixed versions (its form; its workflow's transition forms as its pillar
// publishes them), so the sets are computed once per (those versions, roles) and cached until the next
// publish — never per row.
import type { Knex } from 'knex';
import type { Form } from '@dondoc/metadata';
import type { MetadataRegistry } from '../metadata/registry.js';
import type { Principal } from '../org/principal.js';
import { readJson } from '../db/json.js';
import { canonicalJson } from '../metadata/canonical.js';
import type { TaskDefinition } from './definitions.js';
import type { TaskRow } from './rows.js';
import type { Services } from '../services.js';

type FieldOptions = { read?: string[]; edit?: string[] };

export interface FormAccess {
  /** Fields the caller may not see. */
  hidden: ReadonlySet<string>;
  /** Fields the caller may see but not change. */
  readOnly: ReadonlySet<string>;
}

export interface TaskFieldAccess extends FormAccess {
  /** Hidden fields of the task's form and of its workflow's transition forms (all end up in data/history). */
  hidden: ReadonlySet<string>;
  /** The task's own form alone. */
  own: FormAccess;
  /** The access of a transition's own form, by form key. */
  transitionForms: ReadonlyMap<string, FormAccess>;
}

const EMPTY: ReadonlySet<string> = new Set();
const MAX_CACHED = 2000;

/** The caller's role keys, sorted and unique (a cache key part). */
export function rolesOf(p: Principal): string[] {
  return [...new Set(p.positions.map((x) => x.roleKey))].sort();
}

const holds = (roles: readonly string[], allowed: string[] | undefined) => !allowed || allowed.some((r) => roles.includes(r));

export function formAccess(form: Pick<Form, 'fields'> | undefined, roles: readonly string[]): FormAccess {
  let hidden: Set<string> | undefined;
  let readOnly: Set<string> | undefined;
  for (const [name, opt] of Object.entries((form?.fields ?? {}) as Record<string, FieldOptions>)) {
    if (!holds(roles, opt?.read)) (hidden ??= new Set()).add(name);
    else if (!holds(roles, opt?.edit)) (readOnly ??= new Set()).add(name);
  }
  return { hidden: hidden ?? EMPTY, readOnly: readOnly ?? EMPTY };
}

/** `data` without the hidden fields (the same object when nothing is hidden). */
export function redact<T extends Record<string, unknown> | null | undefined>(data: T, hidden: ReadonlySet<string>): T {
  if (!data || !hidden.size || !Object.keys(data).some((k) => hidden.has(k))) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !hidden.has(k))) as T;
}

export class FieldAccessCache {
  private entries = new Map<string, TaskFieldAccess>();
  private versions: { generation: number; forms: Promise<StoredForm[]> } | undefined;
  private generation = -1;

  constructor(
    private metadata: MetadataRegistry,
    private knex: () => Knex,
  ) {}

  private fresh(): void {
    const g = this.metadata.snapshot.generation;
    if (g !== this.generation) {
      this.entries.clear();
      this.generation = g;
    }
  }

  /** What `roles` may see and change of a task running under `def` in `pillar`. */
  forTask(def: TaskDefinition, pillar: string, roles: readonly string[]): TaskFieldAccess {
    this.fresh();
    const { form, workflow } = def.refs;
    const key = `${form.key}/${form.scope}/${form.version}|${workflow.key}/${workflow.scope}/${workflow.version}|${pillar}|${roles.join(',')}`;
    let access = this.entries.get(key);
    if (!access) {
      const own = formAccess(def.form, roles);
      const hidden = new Set(own.hidden);
      const transitionForms = new Map<string, FormAccess>();
      for (const tr of def.workflow.transitions) {
        if (!tr.form || transitionForms.has(tr.form)) continue;
        const fa = formAccess(this.metadata.snapshot.resolve('form', tr.form, pillar)?.body as Form | undefined, roles);
        transitionForms.set(tr.form, fa);
        for (const f of fa.hidden) hidden.add(f);
      }
      access = { hidden, readOnly: own.readOnly, own, transitionForms };
      if (this.entries.size >= MAX_CACHED) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, access);
    }
    return access;
  }

  /**
   * The published form versions (key, scope, version) in which `roles` may not read `field`: a list filter
   * on that field leaves their tasks out, so a value the caller cannot see cannot be probed by filtering.
   */
  async formsHiding(field: string, roles: readonly string[]): Promise<Array<{ key: string; scope: string; version: number }>> {
    const g = this.metadata.snapshot.generation;
    if (!this.versions || this.versions.generation !== g) this.versions = { generation: g, forms: this.loadForms() };
    const forms = await this.versions.forms;
    return forms.filter((f) => f.fields[field] && !holds(roles, f.fields[field]!.read)).map(({ key, scope, version }) => ({ key, scope, version }));
  }

  private async loadForms(): Promise<StoredForm[]> {
    const rows = await this.knex()('metadata_documents').where({ kind: 'form', status: 'published' }).select('key', 'pillar', 'version', 'body');
    return rows
      .map((r) => ({ key: r.key as string, scope: (r.pillar ?? '') as string, version: Number(r.version), fields: ((readJson(r.body) as Form | null)?.fields ?? {}) as Record<string, FieldOptions> }))
      .filter((f) => Object.values(f.fields).some((o) => o?.read));
  }
}

interface StoredForm {
  key: string;
  scope: string;
  version: number;
  fields: Record<string, FieldOptions>;
}

export interface EditDenial {
  path: string;
  message: string;
}

/**
 * Fields of `input` the caller may not set (create: `before` undefined) or change (transition). A field
 * they may read but not edit may be sent unchanged; a field they may not read may not be sent at all
 * (otherwise an accepted "unchanged" value would reveal it).
 */
export function editDenials(input: Record<string, unknown>, before: Record<string, unknown> | undefined, ...forms: FormAccess[]): EditDenial[] {
  const out: EditDenial[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (forms.some((f) => f.hidden.has(k))) out.push({ path: `/data/${k}`, message: 'bạn không có quyền nhập trường này' });
    else if (forms.some((f) => f.readOnly.has(k)) && (before === undefined || canonicalJson(before[k] ?? null) !== canonicalJson(v ?? null)))
      out.push({ path: `/data/${k}`, message: 'bạn không có quyền sửa trường này' });
  }
  return out;
}

/** Rows of a list (any forms, versions, pillars) without the fields the caller may not read: one lookup per distinct form. */
export async function redactRows(s: Services, principal: Principal, rows: TaskRow[]): Promise<TaskRow[]> {
  const hiddenBy = new Map<string, ReadonlySet<string>>();
  const out: TaskRow[] = [];
  for (const t of rows) {
    const key = `${t.form_key}/${t.form_scope}/${t.form_version}|${t.workflow_key}/${t.workflow_scope}/${t.workflow_version}|${t.type_key}/${t.meta_scope}/${t.type_version}|${t.pillar}`;
    let hidden = hiddenBy.get(key);
    if (!hidden) hiddenBy.set(key, (hidden = (await s.tasks.fieldAccessFor(principal, t)).hidden));
    out.push(hidden.size ? { ...t, data: redact(t.data, hidden) } : t);
  }
  return out;
}
