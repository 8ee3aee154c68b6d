// A task-like table for the access tests, on SQLite and (when reachable) MariaDB.
import { subject } from '@casl/ability';
import type { Knex } from 'knex';
import {
  createMysqlDatabase,
  createSqliteDatabase,
  requireMysql,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import type { AppAbility } from '../ability.js';
import { applyAccessFilter, type FieldMap } from '../sql.js';

export interface Row {
  id: number;
  pillar: string | null;
  unitId: number | null;
  unitPath: string | null;
  handlerId: number | null;
  score: number | null;
}

export const FIELDS: FieldMap = {
  id: 't.id',
  pillar: 't.pillar',
  unitId: 't.unit_id',
  unitPath: 't.unit_path',
  handlerId: 't.handler_id',
  score: 't.score',
};

// On MariaDB the string columns keep the database's case-insensitive default collation on purpose:
// the filter must be exact whatever the collation (production paths are ascii_bin, see 001_core).
export async function createTable(knex: Knex): Promise<void> {
  await knex.schema.createTable('acl_rows', (t) => {
    t.integer('id').primary();
    t.string('pillar', 32).nullable().index();
    t.integer('unit_id').nullable();
    t.string('unit_path', 100).nullable().index();
    t.integer('handler_id').nullable();
    t.integer('score').nullable();
  });
}

export const toDb = (r: Row) => ({
  id: r.id,
  pillar: r.pillar,
  unit_id: r.unitId,
  unit_path: r.unitPath,
  handler_id: r.handlerId,
  score: r.score,
});

/** Ids the SQL filter selects, in ascending order. */
export async function sqlIds(knex: Knex, ability: AppAbility, action = 'read'): Promise<number[]> {
  const qb = applyAccessFilter(knex('acl_rows as t').select('t.id'), ability, action, 'Task', FIELDS);
  return (await qb.orderBy('t.id')).map((r: { id: number }) => Number(r.id));
}

/** Ids CASL allows one by one, in ascending order. */
export const caslIds = (rows: readonly Row[], ability: AppAbility, action = 'read') =>
  rows
    .filter((r) => ability.can(action, subject('Task', { ...r })))
    .map((r) => r.id)
    .sort((a, b) => a - b);

export interface Engine {
  name: string;
  open(): Promise<TestDatabase | undefined>;
}

export const ENGINES: Engine[] = [
  { name: 'SQLite', open: () => createSqliteDatabase() },
  {
    name: 'MariaDB',
    open: async () => ((await requireMysql('access filter on MariaDB')) ? createMysqlDatabase() : undefined),
  },
];
