// Periodic task types: when a period begins, the next instance of each series is created — exactly once
// across engine instances, by the primary key (series, period) of task_series written in the same
// transaction as the task (the engine that loses the race rolls back its whole instance). A series is
// the first instance and its successors; it stops when its newest instance is cancelled (revoked) or
// its task type is no longer periodic. An engine that was down catches up period by period.
import type { Services } from '../../services.js';
import type { Principal, Position } from '../../org/principal.js';
import { readJson } from '../../db/json.js';
import { hanoiDate, toDbTime } from '../../db/time.js';
import { addDays } from '../../calendar/days.js';
import { nextPeriod, periodFromKey, type Period, type PeriodKind, type PeriodScheme } from '../../calendar/periods.js';
import { insertTask } from '../../tasks/create.js';
import { normaliseRow, type TaskRow } from '../../tasks/rows.js';
import type { TaskDefinition } from '../../tasks/definitions.js';
import { Sql } from '../../notify/sql.js';
import { defineJob } from '../types.js';
import { notifyConfigOf } from '../../notify/config.js';

const PERIOD_KINDS: Record<string, PeriodKind> = { month: 'month', quarter: 'quarter', halfYear: 'half', year: 'year' };
const CATCH_UP = 24;

export default defineJob({
  name: 'tasks.periodic',
  everyMs: (s) => notifyConfigOf(s.config).periodicEveryMs,
  async run({ s }) {
    const today = hanoiDate(s.clock.now());
    await registerFirstInstances(s);
    const latest = s.knex('task_series').groupBy('series_id').select('series_id').max({ pk: 'period_key' }).as('l');
    const heads = await s
      .knex('task_series as ts')
      .join(latest, function () {
        this.on('ts.series_id', 'l.series_id').andOn('ts.period_key', 'l.pk');
      })
      .join('tasks as t', 't.id', 'ts.task_id')
      .select('ts.series_id', 't.*');
    const created: number[] = [];
    for (const h of heads) {
      const head = normaliseRow(h);
      if (head.state_category === 'cancelled' || !head.period_key) continue;
      const def = await s.tasks.definitions.current(head.type_key, head.pillar).catch(() => null);
      const rule = def?.type.deadline;
      if (!def || rule?.kind !== 'periodic') continue;
      const kind = PERIOD_KINDS[rule.period ?? 'month']!;
      const scheme: PeriodScheme = (rule as any).calendar === 'nd09' ? 'nd09' : 'calendar';
      let p: Period | null = periodFromKey(head.period_key, scheme);
      for (let i = 0; p && i < CATCH_UP; i++) {
        const next = nextPeriod(kind, p, scheme);
        if (next.from > today) break;
        const id = await createInstance(s, def, head, Number(h.series_id), next, (rule as any).dueDayOfPeriod);
        if (id) created.push(id);
        p = next;
      }
    }
    return { created };
  },
});

/** A periodic task created by a person starts its own series. */
async function registerFirstInstances(s: Services) {
  const sql = new Sql(s.knex);
  await s.knex.raw(
    sql.insertOnce(
      'task_series',
      ['series_id', 'period_key', 'task_id', 'created_at'],
      `SELECT t.id, t.period_key, t.id, ? FROM tasks t LEFT JOIN task_series ts ON ts.task_id = t.id ` +
        `WHERE t.deadline_kind = 'periodic' AND t.period_key IS NOT NULL AND t.parent_id IS NULL AND ts.task_id IS NULL`,
      'task_id',
    ),
    [toDbTime(s.clock.now())],
  );
}

const duplicate = (err: any) => err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint|PRIMARY KEY constraint|Duplicate entry/i.test(String(err?.message));

async function createInstance(s: Services, def: TaskDefinition, prev: TaskRow, seriesId: number, period: Period, dueDay?: number): Promise<number | null> {
  const dueBase = dueDay ? [addDays(period.from, dueDay - 1), period.to].sort()[0]! : period.to;
  const due = await s.calendar.nextWorkingDay(dueBase);
  await s.metadata.snapshot.ensureFresh();
  const lead = await s.knex('units').where({ id: prev.lead_unit_id }).first('id', 'path');
  const coordinators = (await s.knex('task_parties').where({ task_id: prev.id, party: 'coordinator' }).pluck('unit_id')).map(Number);
  const pos = await s.knex('positions as p').join('units as u', 'u.id', 'p.unit_id').where({ 'p.user_id': prev.assigner_id, 'p.unit_id': prev.assigner_unit_id }).first('p.id', 'p.role_key', 'p.title', 'u.path', 'u.name', 'u.pillar');
  const position: Position = { id: pos?.id ?? 0, unitId: prev.assigner_unit_id, unitPath: pos?.path ?? '', unitName: pos?.name ?? '', pillar: pos?.pillar ?? prev.pillar, roleKey: pos?.role_key ?? '', title: pos?.title ?? null };
  try {
    return await s.knex.transaction(async (trx) => {
      const task = await insertTask(s, trx, {
        def,
        pillar: prev.pillar,
        title: prev.title,
        data: readJson(prev.data) ?? {},
        lead: { id: lead.id, path: lead.path },
        assigner: { id: prev.assigner_id } as Principal,
        assignerPosition: position,
        handlerId: prev.handler_id,
        monitorId: prev.monitor_id,
        coordinatorUnitIds: coordinators,
        due,
        period: period.key,
        parentId: null,
        sourceDocumentId: prev.source_document_id,
        state: def.workflow.initial,
        note: `Tạo tự động cho kỳ ${period.key} (nhiệm vụ định kỳ, tiếp theo ${prev.code})`,
      });
      await trx('task_series').insert({ series_id: seriesId, period_key: period.key, task_id: task.id, created_at: toDbTime(s.clock.now()) });
      const users = await s.tasks.recipients(trx, task, ['lead', 'leadLeader', 'handler', 'coordinator', 'monitor']);
      await s.tasks.storeNotifications(trx, users, task, { kind: 'transition', template: 'giao-dinh-ky', title: `Nhiệm vụ định kỳ kỳ ${period.key}: ${task.code} — ${task.title}`.slice(0, 500) });
      return task.id;
    });
  } catch (err) {
    if (duplicate(err)) return null; // another engine created this period's instance
    throw err;
  }
}
