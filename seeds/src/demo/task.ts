// One generated task: its row, its parties and its history, consistent with each other the way the engine
// would have written them (state ↔ category, completion ↔ due date, progress ↔ tienDo, version ↔ events).
import { formatTaskCode } from '@dondoc/metadata';
import { eventHash } from '../../../engine/src/tasks/history.js';
import { hanoiDate, hanoiFieldsDate, toDbTime } from '../../../engine/src/db/time.js';
import type { DemoContext, DemoUnit, Person } from './context.js';
import { between, NOTES, pick, taskContent, taskTitle, weighted, type Rng } from './vocab.js';

const DAY = 86_400_000;

/** Each state the generator produces, with the transitions that lead there from the initial state. */
const STORIES: Record<string, { path: string[]; by: ('lead' | 'assigner')[] }> = {
  'du-thao': { path: [], by: [] },
  'cho-tiep-nhan': { path: [], by: [] },
  'dang-thuc-hien': { path: ['tiep-nhan', 'cap-nhat-tien-do'], by: ['lead', 'lead'] },
  'cho-duyet-gia-han': { path: ['tiep-nhan', 'xin-gia-han'], by: ['lead', 'lead'] },
  'cho-duyet-ket-qua': { path: ['tiep-nhan', 'bao-cao-hoan-thanh'], by: ['lead', 'lead'] },
  'tam-dung': { path: ['tam-dung'], by: ['assigner'] },
  'hoan-thanh': { path: ['tiep-nhan', 'bao-cao-hoan-thanh', 'duyet-ket-qua'], by: ['lead', 'lead', 'assigner'] },
  'tra-lai': { path: ['tra-lai'], by: ['lead'] },
  'thu-hoi': { path: ['thu-hoi'], by: ['assigner'] },
};
const OPEN_MIX = { 'cho-tiep-nhan': 25, 'dang-thuc-hien': 50, 'cho-duyet-gia-han': 7, 'cho-duyet-ket-qua': 10, 'tam-dung': 4, 'du-thao': 4 };
const PRIORITY_WEIGHTS: Record<string, number> = { thap: 20, 'trung-binh': 50, cao: 22, 'rat-cao': 8 };

export interface Generated {
  task: Record<string, unknown>;
  parties: Record<string, unknown>[];
  events: Record<string, unknown>[];
}
/** A task that may receive sub-tasks (kept in a small pool of recent ones per pillar). */
export interface ParentCandidate {
  id: number;
  createdAt: number;
  unit: DemoUnit;
  state: string;
  due: string | null;
  completedAt: number | null;
}

function addWorkingDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The state of a task created `ageDays` ago: old tasks are mostly finished, recent ones mostly open. */
function chooseState(r: Rng, ageDays: number): string {
  const [done, cancelled] = ageDays > 120 ? [82, 6] : ageDays > 30 ? [55, 5] : [15, 3];
  const x = r() * 100;
  if (x < done) return 'hoan-thanh';
  if (x < done + cancelled) return r() < 0.5 ? 'tra-lai' : 'thu-hoi';
  return weighted(r, OPEN_MIX);
}

export interface PlanInput {
  id: number;
  createdAt: number;
  now: number;
  pillar: string;
  /** Next code sequence per `${pillar}:${year}`, advanced here. */
  seqs: Map<string, number>;
  parent: ParentCandidate | null;
}

export function planTask(ctx: DemoContext, r: Rng, a: PlanInput): Generated & { candidate: ParentCandidate | null } {
  const defs = ctx.pillars.get(a.pillar)!;
  const units = ctx.unitsByPillar.get(a.pillar)!;
  const parentUnit = a.parent?.unit;
  // A sub-task goes to a sub-unit of its parent's lead unit (giao cấp dưới); others to any unit but the root.
  const lead = parentUnit ? ctx.units.get(pick(r, parentUnit.children))! : pick(r, units.length > 1 ? units.slice(1) : units);
  const assignerUnit = parentUnit ?? ctx.units.get(lead.parentId ?? lead.id)!;
  const assigner: Person = assignerUnit.leader;
  const handler = r() < 0.7 && lead.staff.length ? pick(r, lead.staff) : null;
  const monitor = r() < 0.4 && assignerUnit.staff.length ? pick(r, assignerUnit.staff) : null;
  const siblings = units.filter((u) => u.parentId === lead.parentId && u.id !== lead.id);
  const coordinators = r() < 0.2 && siblings.length ? [...new Set([pick(r, siblings).id, pick(r, siblings).id])] : [];

  let state = chooseState(r, (a.now - a.createdAt) / DAY);
  if (a.parent?.state === 'hoan-thanh') state = 'hoan-thanh'; // a closed parent's children are closed
  const wfState = defs.workflow.states.find((s) => s.key === state) ?? defs.workflow.states.find((s) => s.key === 'cho-tiep-nhan')!;
  state = wfState.key;

  const created = new Date(a.createdAt);
  const createdDay = hanoiDate(created);
  const noDeadline = r() < 0.07;
  let due = noDeadline ? null : addWorkingDays(createdDay, between(r, 5, 45));
  if (due && a.parent?.due && due > a.parent.due) due = a.parent.due < createdDay ? createdDay : a.parent.due;

  // When each step of the story happened: spread between creation and now (or the completion time).
  const story = STORIES[state] ?? { path: [], by: [] };
  let completedAt: number | null = null;
  if (state === 'hoan-thanh') {
    const late = due !== null && r() < 0.15;
    const dueEnd = due ? Date.parse(`${due}T10:00:00Z`) : a.createdAt + between(r, 5, 40) * DAY;
    const target = late ? dueEnd + between(r, 1, 20) * DAY : a.createdAt + r() * Math.max(dueEnd - a.createdAt, DAY / 2);
    completedAt = Math.min(Math.max(target, a.createdAt + 3_600_000), a.now - 60_000, a.parent?.completedAt ?? Infinity);
    completedAt = Math.max(completedAt, a.createdAt + story.path.length * 1000);
  }
  const lastAt = completedAt ?? a.createdAt + (a.now - a.createdAt) * (0.2 + 0.6 * r());
  const times = story.path.map((_, k) => Math.round(a.createdAt + ((lastAt - a.createdAt) * (k + 1)) / story.path.length));

  const progress = state === 'hoan-thanh' || state === 'cho-duyet-ket-qua' ? 100 : state === 'dang-thuc-hien' || state === 'cho-duyet-gia-han' ? between(r, 1, 9) * 10 : 0;
  const title = taskTitle(r);
  const data: Record<string, unknown> = { noiDung: taskContent(r, title), nguonGiao: pick(r, ctx.catalogs.nguonGiao), doUuTien: weighted(r, PRIORITY_WEIGHTS), tienDo: progress };
  if (progress === 100) data.ketQua = 'Đã hoàn thành, có báo cáo kèm theo';

  const year = createdDay.slice(0, 4);
  const scope = `${a.pillar}:${year}`;
  const seq = (a.seqs.get(scope) ?? 0) + 1;
  a.seqs.set(scope, seq);
  const code = formatTaskCode(defs.type.codePattern, { pillar: defs.code, type: 'NV', date: hanoiFieldsDate(created), seq });

  // History: the creation, then one event per step, chained by hash as history.ts does.
  const events: Record<string, any>[] = [];
  let prev = '';
  const push = (e: Record<string, any>) => {
    const row: Record<string, any> = { task_id: a.id, seq: events.length + 1, prev_hash: prev, transition: null, from_state: null, note: null, attachments: null, changes: null, ...e };
    row.hash = eventHash(row);
    prev = row.hash;
    events.push(row);
  };
  const initial = state === 'du-thao' ? 'du-thao' : 'cho-tiep-nhan';
  const createChanges = Object.fromEntries(Object.entries({ title, leadUnitId: lead.id, dueDate: due, ...data, tienDo: 0 }).map(([k, v]) => [k, [null, v]]));
  delete createChanges.ketQua;
  push({ at: toDbTime(created), actor_id: assigner.userId, position_id: assigner.positionId, unit_id: assigner.unitId, action: 'create', to_state: initial, changes: createChanges, note: a.parent ? 'Giao cấp dưới' : null });
  let from = initial;
  story.path.forEach((tr, k) => {
    const who = story.by[k] === 'assigner' ? assigner : (handler ?? lead.leader);
    const to = k === story.path.length - 1 ? state : tr === 'bao-cao-hoan-thanh' ? 'cho-duyet-ket-qua' : 'dang-thuc-hien';
    const changes = tr === 'cap-nhat-tien-do' || tr === 'xin-gia-han' ? { tienDo: [0, progress], progress: [0, progress] } : tr === 'bao-cao-hoan-thanh' ? { ketQua: [null, data.ketQua], tienDo: [0, 100], progress: [0, 100] } : null;
    push({ at: toDbTime(new Date(times[k]!)), actor_id: who.userId, position_id: who.positionId, unit_id: who.unitId, action: 'transition', transition: tr, from_state: from, to_state: to, changes, note: tr === 'tiep-nhan' || tr === 'duyet-ket-qua' ? null : pick(r, NOTES) });
    from = to;
  });

  const last = events[events.length - 1]!;
  const task = {
    id: a.id,
    code,
    pillar: a.pillar,
    type_key: defs.type.key,
    meta_scope: defs.type.scope,
    type_version: defs.type.version,
    form_key: defs.form.key,
    form_scope: defs.form.scope,
    form_version: defs.form.version,
    workflow_key: defs.workflow.key,
    workflow_scope: defs.workflow.scope,
    workflow_version: defs.workflow.version,
    state,
    state_category: wfState.category,
    title,
    lead_unit_id: lead.id,
    lead_unit_path: lead.path,
    assigner_id: assigner.userId,
    assigner_unit_id: assigner.unitId,
    handler_id: handler?.userId ?? null,
    monitor_id: monitor?.userId ?? null,
    deadline_kind: noDeadline ? 'none' : defs.type.deadlineKind,
    due_date: due,
    original_due_date: due,
    period_key: null,
    completed_at: completedAt === null ? null : toDbTime(new Date(completedAt)),
    completed_on: completedAt === null ? null : hanoiDate(new Date(completedAt)),
    parent_id: a.parent?.id ?? null,
    source_document_id: null,
    progress,
    data: JSON.stringify(data),
    version: events.length,
    history_seq: events.length,
    history_hash: last.hash,
    created_at: toDbTime(created),
    updated_at: last.at,
  };
  const parties = [
    { task_id: a.id, party: 'lead', unit_id: lead.id, user_id: null },
    { task_id: a.id, party: 'assigner', unit_id: assigner.unitId, user_id: assigner.userId },
    ...coordinators.map((u) => ({ task_id: a.id, party: 'coordinator', unit_id: u, user_id: null })),
    ...(handler ? [{ task_id: a.id, party: 'handler', unit_id: null, user_id: handler.userId }] : []),
    ...(monitor ? [{ task_id: a.id, party: 'monitor', unit_id: null, user_id: monitor.userId }] : []),
  ];
  const mayDelegate = lead.children.length > 0 && ['dang-thuc-hien', 'cho-duyet-ket-qua', 'cho-duyet-gia-han', 'hoan-thanh'].includes(state);
  const candidate = mayDelegate ? { id: a.id, createdAt: a.createdAt, unit: lead, state, due, completedAt } : null;
  return { task, parties, events: events.map((e) => ({ ...e, changes: e.changes === null ? null : JSON.stringify(e.changes) })), candidate };
}
