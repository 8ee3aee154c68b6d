// Form fields marked `indexed` become generated columns of `tasks` with an index, added at runtime when
// the form is published: virtual columns are instant on MySQL 8 / MariaDB and SQLite adds them without a
// rewrite, so a custom field filters and reports at the speed of a core column. The expressions only
// yield a value of the column's type (a form of another pillar may use the same name differently), so an
// insert can never fail on them.
import type { Knex } from 'knex';
import type { Form } from '@dondoc/metadata';
import { dialectOf } from '../db/connect.js';
import { toDbTime } from '../db/time.js';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;
export type IndexType = 'string' | 'number' | 'date';

export interface IndexedField {
  field: string;
  type: IndexType;
  column: string;
}

function typeOf(form: Form, field: string): IndexType {
  const declared = (form.fields as any)?.[field]?.indexType as IndexType | undefined;
  if (declared) return declared;
  const prop = (form.schema as any)?.properties?.[field] ?? {};
  if (prop.type === 'number' || prop.type === 'integer') return 'number';
  if (prop.format === 'date') return 'date';
  return 'string';
}

function expression(dialect: 'sqlite' | 'mysql', field: string, type: IndexType): string {
  const path = `'$."${field}"'`;
  if (dialect === 'sqlite')
    return type === 'number'
      ? `CASE WHEN json_type(data, ${path}) IN ('integer', 'real') THEN json_extract(data, ${path}) END`
      : `CASE WHEN json_type(data, ${path}) = 'text' THEN substr(json_extract(data, ${path}), 1, 191) END`;
  return type === 'number'
    ? `CASE WHEN JSON_TYPE(JSON_EXTRACT(data, ${path})) IN ('INTEGER', 'DOUBLE', 'DECIMAL', 'UNSIGNED INTEGER') THEN JSON_VALUE(data, ${path}) END`
    : `CASE WHEN JSON_TYPE(JSON_EXTRACT(data, ${path})) = 'STRING' THEN LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, ${path})), 191) END`;
}

function columnType(dialect: 'sqlite' | 'mysql', type: IndexType): string {
  if (dialect === 'sqlite') return type === 'number' ? 'REAL' : 'TEXT';
  return type === 'number' ? 'DECIMAL(24,6)' : 'VARCHAR(191)';
}

export async function indexedFields(knex: Knex): Promise<IndexedField[]> {
  return (await knex('task_indexed_fields').select('field', 'type', 'column_name')).map((r) => ({ field: r.field, type: r.type, column: r.column_name }));
}

const known = new WeakMap<Knex, { generation: number; fields: IndexedField[] }>();

/**
 * `indexedFields` for a request that filters on `wanted`, without a query when every one of them was
 * among the fields read before under the same metadata generation. Fields are only ever added (by any
 * engine), so a name not seen yet reads the table again: a field indexed by another engine is found.
 */
export async function indexedFieldsFor(knex: Knex, wanted: string[], generation: number): Promise<IndexedField[]> {
  const cached = known.get(knex);
  if (cached?.generation === generation && wanted.every((w) => cached.fields.some((f) => f.field === w))) return cached.fields;
  const fields = await indexedFields(knex);
  known.set(knex, { generation, fields });
  return fields;
}

/** Adds the generated column and index of every indexed field of `form` that has none yet. */
export async function ensureIndexedColumns(knex: Knex, form: Form, now: Date): Promise<IndexedField[]> {
  const dialect = dialectOf(knex);
  const added: IndexedField[] = [];
  const existing = await indexedFields(knex);
  for (const [field, opts] of Object.entries(form.fields ?? {})) {
    if (!(opts as any)?.indexed || !NAME.test(field)) continue;
    const type = typeOf(form, field);
    if (existing.some((e) => e.field === field && e.type === type)) continue;
    const column = `f_${field}_${type[0]}`.toLowerCase();
    const ddl =
      dialect === 'sqlite'
        ? `ALTER TABLE tasks ADD COLUMN "${column}" ${columnType(dialect, type)} GENERATED ALWAYS AS (${expression(dialect, field, type)}) VIRTUAL`
        : `ALTER TABLE tasks ADD COLUMN \`${column}\` ${columnType(dialect, type)} AS (${expression(dialect, field, type)}) VIRTUAL`;
    try {
      await knex.raw(ddl);
      // (field, state, created_at): a filtered count reads the index alone; the default sort follows it.
      await knex.raw(dialect === 'sqlite' ? `CREATE INDEX "tasks_${column}_idx" ON tasks ("${column}", state, created_at)` : `CREATE INDEX \`tasks_${column}_idx\` ON tasks (\`${column}\`, state, created_at)`);
      await knex('task_indexed_fields').insert({ field, type, column_name: column, created_at: toDbTime(now) });
    } catch (err) {
      // Another engine added it at the same moment: the registry row or the column exists now.
      if (!/duplicate|exists|UNIQUE/i.test(String((err as Error).message))) throw err;
    }
    added.push({ field, type, column });
  }
  return added;
}
