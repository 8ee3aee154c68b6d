// GET /api/backups: what the Admin Studio backup page shows — sets, last success, next run, failures
// (platform administrators: subject Backup). GET /api/backups/:id: one set's manifest. POST /api/backups
// {"kind": "full" | "incremental"}: a backup now, in the background (202).
import { defineRoutes } from '../api/routes.js';
import { invalid, notFound } from '../api/errors.js';
import { fromDbTime, isoTime } from '../db/time.js';
import { backupConfigOf } from './config.js';
import { describeSchedule, nextSlot } from './schedule.js';
import { listSets, type Manifest } from './catalog.js';
import type { Services } from '../services.js';

// The shapes, for the OpenAPI document (and the Admin Studio backup page).
const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer' };
const runSchema = {
  type: 'object',
  required: [
    'slot',
    'kind',
    'trigger',
    'status',
    'setId',
    'scheduledFor',
    'startedAt',
    'finishedAt',
    'error',
    'late',
  ],
  properties: {
    late: { type: 'boolean' },
    slot: str,
    kind: { enum: ['full', 'incremental'] },
    trigger: str,
    status: { enum: ['running', 'ok', 'failed', 'missed'] },
    setId: strOrNull,
    scheduledFor: strOrNull,
    startedAt: strOrNull,
    finishedAt: strOrNull,
    error: strOrNull,
  },
};
const setSchema = {
  type: 'object',
  required: [
    'id',
    'kind',
    'chain',
    'parent',
    'trigger',
    'createdAt',
    'snapshotAt',
    'finishedAt',
    'dialect',
    'bytes',
    'files',
    'tables',
    'rows',
    'attachments',
  ],
  properties: {
    id: str,
    kind: { enum: ['full', 'incremental'] },
    chain: str,
    parent: strOrNull,
    trigger: str,
    note: strOrNull,
    createdAt: str,
    snapshotAt: str,
    finishedAt: str,
    dialect: { enum: ['sqlite', 'mysql'] },
    database: str,
    bytes: int,
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'role', 'bytes', 'sha256'],
        properties: { name: str, role: str, bytes: int, sha256: str },
      },
    },
    tables: int,
    rows: int,
    attachments: {
      type: 'object',
      required: ['added', 'bytes', 'total'],
      properties: { added: int, bytes: int, total: int },
    },
    copied: { type: 'boolean' },
  },
};
const lastSchema = {
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['setId', 'at', 'snapshotAt'],
      properties: { setId: str, at: str, snapshotAt: str },
    },
  ],
};
const overviewSchema = {
  type: 'object',
  required: ['target', 'schedule', 'nextRun', 'lastSuccess', 'failures', 'runs', 'sets', 'problems'],
  properties: {
    target: { type: 'object', required: ['dir', 'copyDir'], properties: { dir: str, copyDir: strOrNull } },
    schedule: {
      type: 'object',
      required: ['enabled', 'full', 'incremental', 'timeZone', 'retention', 'verifyAfterBackup'],
      properties: {
        enabled: { type: 'boolean' },
        full: str,
        incremental: str,
        timeZone: str,
        retention: { type: 'object', properties: { fulls: int, days: { type: 'number' } } },
        verifyAfterBackup: { type: 'boolean' },
      },
    },
    nextRun: {
      type: 'object',
      required: ['full', 'incremental'],
      properties: { full: strOrNull, incremental: strOrNull },
    },
    lastSuccess: {
      type: 'object',
      required: ['full', 'incremental'],
      properties: { full: lastSchema, incremental: lastSchema },
    },
    failures: { type: 'array', items: runSchema },
    runs: { type: 'array', items: runSchema },
    sets: { type: 'array', items: setSchema },
    problems: { type: 'array', items: str },
  },
};

export function setSummary(m: Manifest, copied?: boolean) {
  return {
    id: m.id,
    kind: m.kind,
    chain: m.chain,
    parent: m.parent,
    trigger: m.trigger,
    note: m.note ?? null,
    createdAt: m.createdAt,
    snapshotAt: m.snapshotAt,
    finishedAt: m.finishedAt,
    dialect: m.source.dialect,
    database: m.source.database,
    bytes: m.files.reduce((n, f) => n + f.size, 0),
    files: m.files.map((f) => ({ name: `${f.name}.enc`, role: f.role, bytes: f.size, sha256: f.sha256 })),
    tables: Object.keys(m.tables).length,
    rows: Object.values(m.tables).reduce((n, t) => n + t.rows, 0),
    attachments: {
      added: m.attachments.added.length,
      bytes: m.attachments.bytes,
      total: m.attachments.total,
    },
    ...(copied === undefined ? {} : { copied }),
  };
}

function runToApi(r: any, lateMinutes: number) {
  const scheduled = fromDbTime(r.scheduled_for);
  const started = fromDbTime(r.started_at);
  return {
    slot: r.slot_key,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    setId: r.set_id ?? null,
    scheduledFor: isoTime(r.scheduled_for),
    startedAt: isoTime(r.started_at),
    finishedAt: isoTime(r.finished_at),
    error: r.error ?? null,
    /** A scheduled run that started more than BACKUP_LATE_MINUTES after its slot: the slot was missed. */
    late: !!scheduled && !!started && started.getTime() - scheduled.getTime() > lateMinutes * 60_000,
  };
}

export async function backupOverview(s: Services) {
  const c = backupConfigOf(s.config);
  // A target that cannot be read (the disk is not mounted) is a problem to show, not an error.
  const read = (root: string) =>
    listSets(root).catch((err) => ({
      sets: [] as Manifest[],
      problems: [`${root}: ${(err as Error).message}`],
    }));
  const { sets, problems } = await read(c.dir);
  const copy = c.copyDir ? await read(c.copyDir) : undefined;
  if (copy) problems.push(...copy.problems);
  const copies = copy ? new Set(copy.sets.map((x) => x.id)) : undefined;
  const now = s.clock.now();
  const newest = (kind: 'full' | 'incremental') => {
    const m = [...sets].reverse().find((x) => x.kind === kind);
    return m ? { setId: m.id, at: m.finishedAt, snapshotAt: m.snapshotAt } : null;
  };
  const runs = await s.knex('backup_runs').orderBy('id', 'desc').limit(20);
  const recent = await s.knex('backup_runs').orderBy('id', 'desc').limit(200);
  const failures = recent
    .map((r) => runToApi(r, c.lateMinutes))
    .filter((r) => r.status === 'failed' || r.status === 'missed' || r.late)
    .slice(0, 20);
  return {
    target: { dir: c.dir, copyDir: c.copyDir ?? null },
    schedule: {
      enabled: c.schedule,
      ...describeSchedule(c),
      retention: { fulls: c.keepFulls, days: c.keepDays },
      verifyAfterBackup: c.verifyScheduled,
    },
    nextRun: c.schedule
      ? {
          full: nextSlot('full', c, now)?.at.toISOString() ?? null,
          incremental: nextSlot('incremental', c, now)?.at.toISOString() ?? null,
        }
      : { full: null, incremental: null },
    lastSuccess: { full: newest('full'), incremental: newest('incremental') },
    failures,
    runs: runs.map((r) => runToApi(r, c.lateMinutes)),
    sets: [...sets].reverse().map((m) => setSummary(m, copies ? copies.has(m.id) : undefined)),
    problems,
  };
}

export const backupRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/backups',
    summary:
      'Backups (platform administrators): target, schedule, next runs, last successes, recent failures and runs, the sets newest first',
    tags: ['backups'],
    action: 'read',
    subject: 'Backup',
    responses: { 200: overviewSchema },
    async handler(ctx, s) {
      ctx.body = await backupOverview(s);
    },
  },
  {
    method: 'get',
    path: '/api/backups/:id',
    summary: 'One backup set with its manifest (files and their sha-256, table row counts and checksums)',
    tags: ['backups'],
    action: 'read',
    subject: 'Backup',
    responses: {
      200: {
        ...setSchema,
        required: [...setSchema.required, 'manifest'],
        properties: { ...setSchema.properties, manifest: { type: 'object' } },
      },
    },
    async handler(ctx, s) {
      const { sets } = await s.backup.list();
      const m = sets.find((x) => x.id === ctx.params.id);
      if (!m) throw notFound('Không có bản sao lưu này');
      ctx.body = { ...setSummary(m), manifest: m };
    },
  },
  {
    method: 'post',
    path: '/api/backups',
    summary:
      'Start a backup now in the background: {"kind": "full" | "incremental"} → 202; it appears in GET /api/backups when done',
    tags: ['backups'],
    action: 'create',
    subject: 'Backup',
    body: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['full', 'incremental'] } },
      additionalProperties: false,
    },
    responses: {
      202: {
        type: 'object',
        required: ['queued', 'kind'],
        properties: { queued: { const: true }, kind: { enum: ['full', 'incremental'] } },
      },
    },
    async handler(ctx, s) {
      const kind = (ctx.request.body as any)?.kind;
      if (kind !== 'full' && kind !== 'incremental')
        throw invalid([{ path: '/kind', message: 'Chỉ nhận "full" hoặc "incremental"' }]);
      const p = ctx.state.principal!;
      await s.audit.write({
        action: 'backup.start',
        actorId: p.id,
        actor: p.username,
        subjectType: 'Backup',
        subjectId: kind,
        ip: ctx.ip,
      });
      await s.jobs.enqueue('backup.scheduled', { kind });
      ctx.status = 202;
      ctx.body = { queued: true, kind };
    },
  },
]);
