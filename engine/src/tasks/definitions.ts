// What a task runs under: its task type, form and workflow at fixed versions. Published versions are
// immutable, so they are cached forever once read; form validators are compiled once per version.
import type { ValidateFunction } from 'ajv';
import type { Knex } from 'knex';
import { ajvIssue, createFormAjv, type Form, type TaskType, type Workflow } from '@dondoc/metadata';
import type { MetadataRegistry } from '../metadata/registry.js';
import { HttpError, invalid } from '../api/errors.js';

export interface Ref {
  key: string;
  scope: string; // '' = platform default
  version: number;
}

export interface TaskDefinition {
  type: TaskType;
  form: Form;
  workflow: Workflow;
  refs: { type: Ref; form: Ref; workflow: Ref };
  validateData: ValidateFunction;
}

export class Definitions {
  private versions = new Map<string, unknown>();
  private validators = new Map<string, ValidateFunction>();
  private ajv = createFormAjv({ useDefaults: true });

  constructor(private metadata: MetadataRegistry) {}

  /** `db`: the connection to read through (a transaction's, on SQLite's single connection). */
  private async exact<T>(kind: 'taskType' | 'form' | 'workflow', ref: Ref, db?: Knex): Promise<T> {
    const id = `${kind}/${ref.key}/${ref.scope}/${ref.version}`;
    let body = this.versions.get(id);
    if (body === undefined) {
      const doc = await this.metadata.get(kind, ref.key, ref.scope, ref.version, db);
      if (!doc) throw new HttpError(500, 'metadata_missing', `Thiếu metadata ${id}`);
      body = doc.body;
      this.versions.set(id, body);
    }
    return body as T;
  }

  /** The newest published definition of a task type as a pillar sees it (for new tasks). */
  async current(typeKey: string, pillar: string, pathPrefix = ''): Promise<TaskDefinition> {
    const t = await this.metadata.resolve('taskType', typeKey, pillar);
    if (!t) throw invalid([{ path: `${pathPrefix}/type`, message: `Loại nhiệm vụ "${typeKey}" không tồn tại` }]);
    const type = t.body as TaskType;
    const f = await this.metadata.resolve('form', type.form, pillar);
    const w = await this.metadata.resolve('workflow', type.workflow, pillar);
    if (!f || !w) throw new HttpError(500, 'metadata_missing', `Loại nhiệm vụ "${typeKey}" thiếu biểu mẫu hoặc quy trình`);
    return this.load({
      type: { key: typeKey, scope: t.pillar ?? '', version: t.version },
      form: { key: type.form, scope: f.pillar ?? '', version: f.version },
      workflow: { key: type.workflow, scope: w.pillar ?? '', version: w.version },
    });
  }

  async load(refs: TaskDefinition['refs'], db?: Knex): Promise<TaskDefinition> {
    const type = await this.exact<TaskType>('taskType', refs.type, db);
    const form = await this.exact<Form>('form', refs.form, db);
    const workflow = await this.exact<Workflow>('workflow', refs.workflow, db);
    return { type, form, workflow, refs, validateData: this.validator(`form/${refs.form.key}/${refs.form.scope}/${refs.form.version}`, form.schema) };
  }

  /** A transition's own form, as the task's pillar sees it now. */
  async transitionForm(formKey: string, pillar: string): Promise<{ form: Form; validate: ValidateFunction }> {
    const f = await this.metadata.resolve('form', formKey, pillar);
    if (!f) throw new HttpError(500, 'metadata_missing', `Thiếu biểu mẫu "${formKey}"`);
    return { form: f.body as Form, validate: this.validator(`form/${formKey}/${f.pillar ?? ''}/${f.version}`, (f.body as Form).schema) };
  }

  /** A plugin's form field type (a string format); before any form is compiled. Refuses a standard format's name. */
  addFieldType(name: string, validate: (value: string) => boolean): void {
    if (this.ajv.formats[name]) throw new Error(`field type "${name}" is already a format`);
    this.ajv.addFormat(name, { type: 'string', validate });
  }

  private validator(id: string, schema: unknown): ValidateFunction {
    let v = this.validators.get(id);
    if (!v) {
      v = this.ajv.compile(schema as object);
      this.validators.set(id, v);
    }
    return v;
  }
}

/** ajv errors → CONTRACT.md details with JSON Pointers under `prefix` (e.g. "/data"). */
export function ajvDetails(v: ValidateFunction, prefix: string) {
  return (v.errors ?? []).map((e) => ajvIssue(e, prefix));
}
