// The tasks capability's service: what route handlers and other capabilities call.
import type { Knex } from 'knex';
import { subject } from '@casl/ability';
import { conditionsMatcher } from '@dondoc/metadata';
import type { Services } from '../services.js';
import type { Principal } from '../org/principal.js';
import type { AppAbility } from '../access/ability.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { HttpError } from '../api/errors.js';
import { isoTime, toDbTime } from '../db/time.js';
import { writeJson } from '../db/json.js';
import { Definitions } from './definitions.js';
import { linkAttachments } from '../documents/index.js';
import { insertTask, prepareTask, type CreateTaskInput, type PreparedTask } from './create.js';
import { availableTransitions, fireTransition, partiesOf, refsOf, type TransitionInput } from './transition.js';
import { abilityFields, normaliseRow, taskToApi, type TaskRow } from './rows.js';
import { FieldAccessCache, redact, rolesOf, type TaskFieldAccess } from './field-access.js';
import { taskHistory } from './timeline.js';

export class TaskService {
  readonly definitions: Definitions;
  /** Field permissions of forms (read/edit roles), per form version and roles. */
  readonly fieldAccess: FieldAccessCache;
  private matchers = new Map<string, (o: Record<string, unknown>) => boolean>();

  constructor(
    private s: () => Services,
    private metadata: MetadataRegistry,
  ) {
    this.definitions = new Definitions(metadata);
    this.fieldAccess = new FieldAccessCache(metadata, () => s().knex);
  }

  /** Holders of a role marked `leader` are their unit's leader (workflow party "leadLeader", escalations). */
  isLeaderRole(roleKey: string, pillar: string): boolean {
    return this.metadata.snapshot.resolve('role', roleKey, pillar)?.body?.leader === true;
  }

  conditionMatches(condition: Record<string, unknown>, object: Record<string, unknown>): boolean {
    const key = JSON.stringify(condition);
    let m = this.matchers.get(key);
    if (!m) {
      m = conditionsMatcher(condition as any) as (o: Record<string, unknown>) => boolean;
      this.matchers.set(key, m);
    }
    return m(object);
  }

  async create(principal: Principal, ability: AppAbility, input: CreateTaskInput) {
    return (await this.createMany(principal, ability, [input], ''))[0]!;
  }

  /** Several tasks in one transaction: all are created or none (e.g. from a directive document). */
  async createMany(principal: Principal, ability: AppAbility, inputs: CreateTaskInput[], pathPrefix = '/tasks') {
    const s = this.s();
    const prepared: PreparedTask[] = [];
    for (const [i, input] of inputs.entries()) prepared.push(await prepareTask(s, principal, ability, input, pathPrefix === '' ? '' : `${pathPrefix}/${i}`));
    return s.knex.transaction(async (trx) => {
      const out: TaskRow[] = [];
      for (const p of prepared) out.push(await insertTask(s, trx, p));
      return out;
    });
  }

  async transition(principal: Principal, ability: AppAbility, taskId: number, key: string, body: TransitionInput) {
    return fireTransition(this.s(), principal, ability, taskId, key, body);
  }

  /** What the caller may see and change of the fields of a task (cached per form versions and roles). */
  async fieldAccessFor(principal: Principal, t: TaskRow): Promise<TaskFieldAccess> {
    return this.fieldAccess.forTask(await this.definitions.load(refsOf(t)), t.pillar, rolesOf(principal));
  }

  /** The task as the API shows it to this caller: without the fields they may not read. */
  async toApiFor(principal: Principal, t: TaskRow, extra: Record<string, unknown> = {}) {
    const access = await this.fieldAccessFor(principal, t);
    return taskToApi({ ...t, data: redact(t.data, access.hidden) }, extra);
  }

  /**
   * One task as the caller may see it, with the transitions they may fire now. A task they may not read
   * answers 404 like an unknown one (ids cannot be probed); the refusal is audited.
   */
  async get(principal: Principal, ability: AppAbility, taskId: number, written?: TaskRow) {
    const s = this.s();
    // `written`: the row as this request's committed write left it (read in its transaction): not read again.
    const r = written ?? (await s.knex('tasks').where({ id: taskId }).first());
    if (!r) throw new HttpError(404, 'not_found', 'Không tìm thấy nhiệm vụ');
    const t = written ?? normaliseRow(r);
    if (!ability.can('read', subject('Task', abilityFields(t)) as any)) {
      await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: principal.id, actor: principal.username, subjectType: 'Task', subjectId: t.id, pillar: t.pillar, detail: { action: 'read' } });
      throw new HttpError(404, 'not_found', 'Không tìm thấy nhiệm vụ');
    }
    const def = await this.definitions.load(refsOf(t));
    const access = this.fieldAccess.forTask(def, t.pillar, rolesOf(principal));
    const parties = await partiesOf(s.knex, t);
    const units = await s.knex('units').whereIn('id', [t.lead_unit_id, t.assigner_unit_id, ...parties.coordinatorUnitIds]).select('id', 'name');
    const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? null;
    const children = await s.knex('tasks').where({ parent_id: t.id }).orderBy('id').select('id', 'code', 'title', 'state', 'state_category', 'lead_unit_id', 'due_date', 'progress');
    const state = def.workflow.states.find((x) => x.key === t.state);
    const attachments = await s.knex('attachments as a')
      .leftJoin('users as u', 'u.id', 'a.created_by')
      .where({ 'a.owner_type': 'task', 'a.owner_id': t.id })
      .orderBy('a.id')
      .select('a.id', 'a.name', 'a.size', 'a.content_type', 'a.created_by', 'a.created_at', 'u.full_name');
    return taskToApi({ ...t, data: redact(t.data, access.hidden) }, {
      stateLabel: state?.label ?? t.state,
      leadUnitName: unitName(t.lead_unit_id),
      assignerUnitName: unitName(t.assigner_unit_id),
      coordinatorUnits: parties.coordinatorUnitIds.map((id) => ({ id, name: unitName(id) })),
      children: children.map((c) => ({ id: Number(c.id), code: c.code, title: c.title, state: c.state, stateCategory: c.state_category, leadUnitId: c.lead_unit_id, dueDate: normaliseRow({ ...c, data: '{}' }).due_date, progress: c.progress })),
      transitions: availableTransitions(s, def, t, parties, principal, ability),
      attachments: attachments.map((a) => ({
        id: Number(a.id),
        name: a.name,
        size: Number(a.size),
        contentType: a.content_type,
        createdBy: { id: Number(a.created_by), fullName: a.full_name ?? null },
        createdAt: isoTime(a.created_at),
        url: `/api/attachments/${a.id}`,
      })),
    });
  }

  /**
   * The task's timeline as the caller may see it (404 as get() for a task they may not read). The events of
   * its sub-tasks (the delegated part of this task, listed in its tree as well) come with it on request;
   * every event's changed fields that the caller may not read under its task's form are removed.
   */
  async history(principal: Principal, ability: AppAbility, taskId: number, withSubtasks: boolean) {
    const s = this.s();
    await this.get(principal, ability, taskId);
    const events = await taskHistory(s, taskId, withSubtasks);
    const ids = [...new Set(events.map((e) => e.taskId))];
    const hiddenOf = new Map<number, ReadonlySet<string>>();
    for (const r of await s.knex('tasks').whereIn('id', ids)) {
      const t = normaliseRow(r);
      hiddenOf.set(t.id, (await this.fieldAccessFor(principal, t)).hidden);
    }
    return events.map((e) => {
      const hidden = hiddenOf.get(e.taskId);
      if (!e.changes || !hidden?.size) return e;
      const changes = redact(e.changes as Record<string, unknown>, hidden);
      return { ...e, changes: Object.keys(changes).length ? changes : null };
    });
  }

  async storeNotifications(trx: Knex, userIds: number[], t: TaskRow, n: { kind: string; template?: string; title: string; body?: string }) {
    const s = this.s();
    const ids = [...new Set(userIds)];
    if (!ids.length) return;
    await trx('notifications').insert(
      ids.map((user_id) => ({
        user_id,
        task_id: t.id,
        kind: n.kind,
        template: n.template ?? null,
        title: n.title,
        body: n.body ?? null,
        payload: writeJson({ code: t.code, dueDate: t.due_date }),
        created_at: toDbTime(s.clock.now()),
      })),
    );
    s.notify.kickAfter(trx); // delivered once committed: not before (the delivery run would not see them), not on rollback
  }

  /** User ids behind party names of a task. */
  async recipients(trx: Knex, t: TaskRow, parties: string[]): Promise<number[]> {
    const out = new Set<number>();
    const unitMembers = async (unitIds: number[], leadersOnly: boolean) => {
      if (!unitIds.length) return;
      const rows = await trx('positions as p').join('users as u', 'u.id', 'p.user_id').whereIn('p.unit_id', unitIds).where({ 'p.active': true, 'u.active': true }).select('p.user_id', 'p.role_key', 'p.unit_id');
      const pillarOf = new Map((await trx('units').whereIn('id', unitIds).select('id', 'pillar')).map((u) => [u.id, u.pillar]));
      for (const r of rows) if (!leadersOnly || this.isLeaderRole(r.role_key, pillarOf.get(r.unit_id))) out.add(r.user_id);
    };
    for (const p of parties) {
      if (p === 'lead') await unitMembers([t.lead_unit_id], false);
      else if (p === 'leadLeader') await unitMembers([t.lead_unit_id], true);
      else if (p === 'coordinator') await unitMembers((await trx('task_parties').where({ task_id: t.id, party: 'coordinator' }).pluck('unit_id')).map(Number), true);
      else if (p === 'handler' && t.handler_id) out.add(t.handler_id);
      else if (p === 'assigner') out.add(t.assigner_id);
      else if (p === 'monitor' && t.monitor_id) out.add(t.monitor_id);
    }
    return [...out];
  }

  /** A parent's progress is derived from its children (cancelled ones do not count; done ones count 100). */
  async deriveParentProgress(trx: Knex, parentId: number): Promise<void> {
    const kids = await trx('tasks').where({ parent_id: parentId }).whereNot('state_category', 'cancelled').select('progress', 'state_category');
    if (!kids.length) return;
    const avg = Math.round(kids.reduce((a, k) => a + (k.state_category === 'done' ? 100 : Number(k.progress)), 0) / kids.length);
    await trx('tasks').where({ id: parentId }).update({ progress: avg });
    const parent = await trx('tasks').where({ id: parentId }).first('parent_id');
    if (parent?.parent_id) await this.deriveParentProgress(trx, Number(parent.parent_id));
  }

  /** Links the caller's own unlinked uploads to a task (inside the transition's transaction). */
  async linkAttachments(trx: Knex, principal: Principal, taskId: number, ids: number[]): Promise<void> {
    await linkAttachments(trx, ids, { type: 'task', id: taskId }, principal.id);
  }
}

export type { CreateTaskInput, TransitionInput };
