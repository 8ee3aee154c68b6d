// The central-sync plugin (PLUGINS=central-sync): the documented JSON exchange with the central
// resolution-tracking system (README.md) — pull the resolutions and tasks the centre assigns to the city,
// push the progress and results of those tasks back, receive its webhooks. Signed with HMAC both ways,
// retried with backoff through the outbox, idempotent by key, units mapped by organisation code.
import type { Knex } from 'knex';
import type { Acting, DondocPlugin, PluginApi } from '@dondoc/engine/plugins';

export interface Resolution {
  id: string;
  number?: string | null;
  notation?: string | null;
  title: string;
  issuedDate: string;
  issuer?: { code?: string | null; name?: string | null } | null;
  signer?: { name?: string | null; position?: string | null } | null;
  dueDate?: string | null;
  status?: 'active' | 'revoked';
  version?: string | number | null;
}

export interface CentralTask {
  id: string;
  resolutionId?: string | null;
  title: string;
  content?: string | null;
  dueDate?: string | null;
  unitCode: string;
  coordinatorUnitCodes?: string[];
  status?: 'active' | 'revoked';
  version?: string | number | null;
}

export interface Page {
  cursor?: number;
  resolutions?: Resolution[];
  tasks?: CentralTask[];
}

export const PUSH_CHANNEL = 'central-sync';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Settings {
  url: string;
  secret: string;
  account: string;
  organId: string;
  taskType: string;
  draft: boolean;
}

function settingsOf(env: Record<string, string | undefined>): Settings | null {
  if (!env.CENTRAL_SYNC_URL || !env.CENTRAL_SYNC_SECRET || !env.CENTRAL_SYNC_ACCOUNT) return null;
  return {
    url: env.CENTRAL_SYNC_URL.replace(/\/+$/, ''),
    secret: env.CENTRAL_SYNC_SECRET,
    account: env.CENTRAL_SYNC_ACCOUNT,
    organId: env.CENTRAL_SYNC_ORGAN_ID || '000.00.00.H26',
    taskType: env.CENTRAL_SYNC_TASK_TYPE || 'nhiem-vu-van-ban',
    draft: env.CENTRAL_SYNC_DRAFT === 'true',
  };
}

const version = (v: unknown) => (v === undefined || v === null ? '' : String(v).slice(0, 100));

async function link(db: Knex, kind: 'resolution' | 'task', centralId: string) {
  return db('central_links').where({ kind, central_id: centralId }).first();
}

/** Applies one page (pulled or pushed by webhook). Returns what happened, for the import log. */
export async function applyPage(api: PluginApi, st: Settings, acting: Acting, page: Page, importId: number) {
  const g = api.gateway;
  const knex = api.services.knex;
  const now = () => api.services.clock.now().toISOString().slice(0, 23).replace('T', ' ');
  const out = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const reject = async (item: string, reason: string, path: string) => {
    out.rejected++;
    await api.imports.reject(importId, { item, reason, details: [{ path, message: reason }] });
  };
  for (const [i, r] of (page.resolutions ?? []).entries()) {
    const p = `/resolutions/${i}`;
    if (!r?.id || !r.title || !DATE.test(String(r.issuedDate ?? ''))) {
      await reject(String(r?.id ?? `#${i}`), 'Nghị quyết thiếu id, title hoặc issuedDate (YYYY-MM-DD)', p);
      continue;
    }
    const existing = await link(knex, 'resolution', r.id);
    const input = {
      externalId: `central:resolution:${r.id}`.slice(0, 200),
      number: r.number ? String(r.number).slice(0, 11) : null,
      notation: r.notation ? String(r.notation).slice(0, 30) : null,
      issuedDate: r.issuedDate,
      typeName: 'nghi-quyet',
      issuerName: String(r.issuer?.name ?? 'Trung ương').slice(0, 300),
      issuerCode: r.issuer?.code ? String(r.issuer.code).slice(0, 32) : null,
      subject: String(r.title).slice(0, 500),
      signerPosition: r.signer?.position ? String(r.signer.position).slice(0, 200) : null,
      signerName: r.signer?.name ? String(r.signer.name).slice(0, 200) : null,
      dueDate: r.dueDate && DATE.test(r.dueDate) ? r.dueDate : null,
      recipients: [{ code: st.organId, name: 'Thành phố Hà Nội' }],
      responseFor: [],
      attachments: [],
    };
    if (!existing) {
      const created = await g.createDocument(acting, input, {
        extra: async (trx, documentId) => {
          await trx('central_links').insert({ kind: 'resolution', central_id: r.id, local_type: 'document', local_id: documentId, unit_code: null, central_version: version(r.version), created_at: now(), updated_at: now() });
          if (r.status === 'revoked') await trx('documents').where({ id: documentId }).update({ status: 'revoked' });
        },
      }).catch(async (err) => {
        if (err?.constructor?.name === 'DuplicateExternalId') return null; // another engine took it
        throw err;
      });
      if (created) out.created++;
    } else if (existing.central_version !== version(r.version)) {
      await g.updateDocument(acting, Number(existing.local_id), { subject: input.subject, issuedDate: input.issuedDate, dueDate: input.dueDate, status: r.status === 'revoked' ? 'revoked' : 'active' }, {
        extra: async (trx) => {
          await trx('central_links').where({ id: existing.id }).update({ central_version: version(r.version), updated_at: now() });
        },
      });
      out.updated++;
    } else out.unchanged++;
  }

  const tasks = page.tasks ?? [];
  const units = await g.unitsByCode(tasks.flatMap((t) => [t?.unitCode, ...(t?.coordinatorUnitCodes ?? [])]).filter((c): c is string => typeof c === 'string'));
  for (const [i, t] of tasks.entries()) {
    const p = `/tasks/${i}`;
    if (!t?.id || !t.title || !t.unitCode) {
      await reject(String(t?.id ?? `#${i}`), 'Nhiệm vụ thiếu id, title hoặc unitCode', p);
      continue;
    }
    const existing = await link(knex, 'task', t.id);
    if (existing) {
      if (existing.central_version !== version(t.version)) {
        await knex('central_links').where({ id: existing.id }).update({ central_version: version(t.version), updated_at: now() });
        api.log.info({ centralTask: t.id, localTask: existing.local_id, version: t.version }, 'central-sync: a task changed at the centre (recorded; the local workflow decides)');
        out.updated++;
      } else out.unchanged++;
      continue;
    }
    if (t.status === 'revoked') {
      out.unchanged++;
      continue;
    }
    const lead = units.get(t.unitCode);
    if (!lead) {
      await reject(t.id, `Mã định danh đơn vị "${t.unitCode}" không có trong hệ thống`, `${p}/unitCode`);
      continue;
    }
    const resolution = t.resolutionId ? await link(knex, 'resolution', t.resolutionId) : undefined;
    const data = await g.taskData(st.taskType, lead.pillar, { noiDung: t.content || t.title, nguonGiao: 'nghi-quyet-trung-uong' });
    try {
      await g.createTasks(
        acting,
        [{ type: st.taskType, title: t.title, data, leadUnitId: lead.id, coordinatorUnitIds: (t.coordinatorUnitCodes ?? []).map((c) => units.get(c)?.id).filter((x): x is number => !!x), dueDate: t.dueDate && DATE.test(t.dueDate) ? t.dueDate : null, sourceDocumentId: resolution ? Number(resolution.local_id) : null, draft: st.draft }],
        async (trx, [taskId]) => {
          await trx('central_links').insert({ kind: 'task', central_id: t.id, local_type: 'task', local_id: taskId, unit_code: t.unitCode, central_version: version(t.version), created_at: now(), updated_at: now() });
        },
      );
      out.created++;
    } catch (err: any) {
      if (/unique|duplicate/i.test(String(err?.message))) {
        out.unchanged++; // another engine created it first: the link's unique key decided
        continue;
      }
      if (err?.status >= 400 && err?.status < 500) await reject(t.id, String(err.message), p);
      else throw err;
    }
  }
  return out;
}

const plugin: DondocPlugin = {
  name: 'central-sync',
  description: 'Liên thông với hệ thống theo dõi nghị quyết của Trung ương: nhận nghị quyết, nhiệm vụ; gửi tiến độ, kết quả',
  setup(api) {
    const st = settingsOf(api.env);
    const s = api.services;
    if (!st) api.log.warn('central-sync: CENTRAL_SYNC_URL, CENTRAL_SYNC_SECRET and CENTRAL_SYNC_ACCOUNT are needed; the connector stays idle');
    const account = async () => {
      const acting = st ? await api.gateway.actingAs(st.account) : undefined;
      if (!acting) throw api.error(503, 'not_configured', st ? `Tài khoản ${st.account} không tồn tại hoặc đã bị khóa` : 'Chưa cấu hình kết nối Trung ương (CENTRAL_SYNC_*)');
      return acting;
    };

    /** Pull pages until the centre has nothing newer; the cursor moves after each applied page. */
    const pull = async (source = 'pull') => {
      if (!st) return { configured: false };
      const acting = await account();
      const importId = await api.imports.start({ source, name: `${st.url}/v1/assignments` });
      const totals = { pages: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
      try {
        for (let page = 0; page < 100; page++) {
          const cursorRow = await s.knex('integration_cursors').where({ consumer: 'central-sync:pull' }).first('last_id');
          const since = Number(cursorRow?.last_id ?? 0);
          const url = `${st.url}/v1/assignments?recipient=${encodeURIComponent(st.organId)}&since=${since}`;
          const res = await api.http.request({ method: 'GET', url, secret: st.secret });
          if (res.status !== 200) throw new Error(`Trung ương trả lời ${res.status} khi lấy danh sách giao việc`);
          const body = JSON.parse(res.text) as Page;
          const empty = !(body.resolutions?.length || body.tasks?.length);
          if (!empty) {
            const r = await applyPage(api, st, acting, body, importId);
            totals.pages++;
            for (const k of ['created', 'updated', 'unchanged', 'rejected'] as const) totals[k] += r[k];
            await api.imports.progress(importId, { total: totals.created + totals.updated + totals.unchanged + totals.rejected, processed: totals.created + totals.updated + totals.unchanged + totals.rejected, imported: totals.created + totals.updated, duplicates: totals.unchanged, rejected: totals.rejected });
          }
          const next = Number(body.cursor);
          if (Number.isSafeInteger(next) && next > since) {
            const at = s.clock.now().toISOString().slice(0, 23).replace('T', ' ');
            const n = await s.knex('integration_cursors').where({ consumer: 'central-sync:pull' }).update({ last_id: next, updated_at: at });
            if (!n) await s.knex('integration_cursors').insert({ consumer: 'central-sync:pull', last_id: next, updated_at: at }).onConflict('consumer').merge();
          }
          if (empty || !(Number.isSafeInteger(next) && next > since)) break;
        }
        await api.imports.finish(importId, 'done');
      } catch (err: any) {
        await api.imports.finish(importId, 'failed', String(err?.message ?? err));
        throw err;
      }
      return { importId, ...totals };
    };

    api.job({ name: 'central-sync.pull', everyMs: () => (st ? (Number(api.env.CENTRAL_SYNC_PULL_SECONDS) > 0 ? Number(api.env.CENTRAL_SYNC_PULL_SECONDS) : 300) * 1000 : undefined), attempts: 3, run: () => pull() });

    // Push: every history event of a linked task, once (the outbox key is the event id).
    api.outboxChannel({
      name: PUSH_CHANNEL,
      attempts: 10,
      async deliver(m) {
        if (!st) return { ok: false, error: 'chưa cấu hình CENTRAL_SYNC_*' };
        const body = JSON.stringify(m.payload);
        const res = await api.http.request({ method: 'POST', url: `${st.url}/v1/tasks/${encodeURIComponent(String(m.target))}/progress`, body, secret: st.secret, idempotencyKey: m.key });
        const ok = (res.status >= 200 && res.status < 300) || res.status === 409; // 409: the centre has it already
        return { ok, status: res.status, permanent: !ok && res.status >= 400 && res.status < 500 && ![408, 425, 429].includes(res.status), response: res.text.slice(0, 500) };
      },
    });
    api.onTaskEvents({
      name: 'central-sync',
      async handle(trx, events) {
        if (!st) return;
        const ids = [...new Set(events.map((e) => e.taskId))];
        const links = new Map<number, string>();
        for (const l of await trx('central_links').where({ kind: 'task', local_type: 'task' }).whereIn('local_id', ids).select('local_id', 'central_id')) links.set(Number(l.local_id), l.central_id);
        const messages = [];
        for (const e of events) {
          const centralId = links.get(e.taskId);
          if (!centralId || e.action === 'create') continue; // the centre made it: nothing to tell
          const progress = Array.isArray(e.changes?.progress) ? Number(e.changes!.progress[1]) : e.task.progress;
          const result = (Array.isArray(e.changes?.ketQua) ? e.changes!.ketQua[1] : null) ?? null;
          messages.push({
            channel: PUSH_CHANNEL,
            target: centralId,
            key: `dondoc-evt-${e.id}`,
            payload: {
              eventId: `dondoc-evt-${e.id}`,
              taskId: centralId,
              recipient: st.organId,
              localTaskId: e.taskId,
              localCode: e.task.code,
              at: e.at,
              action: e.action,
              transition: e.transition,
              state: e.toState ?? e.task.state,
              stateCategory: e.task.stateCategory,
              progress,
              dueDate: e.task.dueDate,
              note: e.note,
              result,
              completed: e.task.stateCategory === 'done',
            },
          });
        }
        await api.send(trx, messages);
      },
    });

    api.routes([
      {
        method: 'post',
        path: '/api/integrations/central-sync/webhook',
        summary: 'The centre’s webhook (HMAC-signed, Idempotency-Key required): {"type":"assignments.changed"} pulls now; {"type":"assignments", resolutions, tasks} applies them → 202; the same key again → the same answer',
        tags: ['central-sync'],
        public: true, // authenticated by the HMAC signature of the shared secret
        body: { type: 'object', required: ['type'], properties: { type: { enum: ['assignments.changed', 'assignments'] }, resolutions: { type: 'array' }, tasks: { type: 'array' } } },
        responses: { 202: { type: 'object', required: ['accepted'], properties: { accepted: { const: true }, replay: { type: 'boolean' }, pulled: { type: 'boolean' }, created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, rejected: { type: 'integer' } } } },
        async handler(ctx) {
          if (!st) throw api.error(503, 'not_configured', 'Chưa cấu hình kết nối Trung ương (CENTRAL_SYNC_*)');
          const raw = (await api.http.readRawBody(ctx, 5 * 1024 * 1024)).toString('utf8');
          if (!api.http.verify(st.secret, ctx.headers, 'POST', ctx.originalUrl, raw)) {
            await s.audit.write({ action: 'central-sync.signature_rejected', outcome: 'denied', ip: ctx.ip, detail: { path: ctx.path } });
            throw api.error(401, 'bad_signature', 'Chữ ký không hợp lệ hoặc đã quá hạn');
          }
          const key = ctx.get('idempotency-key');
          if (!key || key.length > 200) throw api.error(400, 'idempotency_key_required', 'Cần tiêu đề Idempotency-Key (tối đa 200 ký tự)');
          const seen = await s.knex('idempotency_keys').where({ scope: 'central-sync', idem_key: key }).first();
          if (seen) {
            ctx.status = Number(seen.status);
            ctx.body = { ...JSON.parse(seen.response), replay: true };
            return;
          }
          let body: any;
          try {
            body = JSON.parse(raw);
          } catch {
            throw api.error(400, 'malformed_json', 'Nội dung JSON không đúng cú pháp');
          }
          if (!body || !['assignments.changed', 'assignments'].includes(body.type)) throw api.error(422, 'validation_failed', 'Loại thông báo không hợp lệ', [{ path: '/type', message: 'cần "assignments.changed" hoặc "assignments"' }]);
          let answer: Record<string, unknown>;
          if (body.type === 'assignments.changed') {
            await s.jobs.enqueue('central-sync.pull', {}, { dedupeId: 'central-sync.pull' });
            answer = { accepted: true, pulled: true };
          } else {
            const acting = await account();
            const importId = await api.imports.start({ source: 'webhook', name: `webhook ${key}` });
            const r = await applyPage(api, st, acting, { resolutions: Array.isArray(body.resolutions) ? body.resolutions : [], tasks: Array.isArray(body.tasks) ? body.tasks : [] }, importId);
            await api.imports.progress(importId, { processed: r.created + r.updated + r.unchanged + r.rejected, imported: r.created + r.updated, duplicates: r.unchanged, rejected: r.rejected });
            await api.imports.finish(importId, 'done');
            answer = { accepted: true, ...r };
          }
          await s
            .knex('idempotency_keys')
            .insert({ scope: 'central-sync', idem_key: key, status: 202, response: JSON.stringify(answer), created_at: s.clock.now().toISOString().slice(0, 23).replace('T', ' ') })
            .onConflict(['scope', 'idem_key'])
            .ignore();
          ctx.status = 202;
          ctx.body = answer;
        },
      },
      {
        method: 'post',
        path: '/api/integrations/central-sync/pull',
        summary: 'Pull what the centre assigned since the last pull, now → 200 {created, updated, unchanged, rejected}',
        tags: ['central-sync'],
        action: 'sync',
        subject: 'Integration',
        admin: true,
        responses: { 200: { type: 'object', properties: { importId: { type: 'integer' }, pages: { type: 'integer' }, created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, rejected: { type: 'integer' }, configured: { type: 'boolean' } } } },
        async handler(ctx) {
          ctx.body = await pull('pull');
        },
      },
    ]);

    api.connector({
      id: 'central-sync',
      name: 'Hệ thống theo dõi nghị quyết của Trung ương',
      async status() {
        const knex = s.knex;
        const count = async (q: Knex.QueryBuilder) => Number((await q.count({ n: '*' }).first())?.n ?? 0);
        return {
          configured: !!st,
          url: st?.url ?? null,
          resolutions: await count(knex('central_links').where({ kind: 'resolution' })),
          tasks: await count(knex('central_links').where({ kind: 'task' })),
          cursor: Number((await knex('integration_cursors').where({ consumer: 'central-sync:pull' }).first('last_id'))?.last_id ?? 0),
          pushesWaiting: await count(knex('outbox_messages').where({ channel: PUSH_CHANNEL }).whereIn('status', ['pending', 'sending'])),
          pushesFailed: await count(knex('outbox_messages').where({ channel: PUSH_CHANNEL, status: 'failed' })),
        };
      },
    });
  },
};

export default plugin;
