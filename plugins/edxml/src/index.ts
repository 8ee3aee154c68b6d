// The edXML plugin (PLUGINS=edxml): documents from the document-management systems (QLVB) as directive
// documents with their attachments and draft tasks for the units they are addressed to, and status
// messages back to their senders. Settings (environment):
//   EDXML_ACCOUNT        user name the imports act as when no person does (client tokens, folder, poll):
//                        a clerk (văn thư) who may register documents and draft tasks — required for those
//   EDXML_ASSIGNER       user name the draft tasks are prepared for (the leader who will assign them;
//                        default: whoever imports)
//   EDXML_TASK_TYPE      task type of the drafts (default nhiem-vu-van-ban)
//   EDXML_MAX_BYTES      largest message accepted (default 64 MB; each attachment also ≤ ATTACHMENT_MAX_BYTES)
//   EDXML_INBOX_DIR      a drop folder watched for *.xml / *.edxml files (moved to done/ or rejected/ after)
//   EDXML_POLL_URL       an HTTP endpoint polled for messages (see README.md); EDXML_POLL_SECRET signs the calls
//   EDXML_POLL_SECONDS   how often the folder and the endpoint are read (default 60)
//   EDXML_OUTBOX_DIR / EDXML_STATUS_URL (+ EDXML_STATUS_SECRET)  where status messages go
//   EDXML_ORGAN_ID / EDXML_ORGAN_NAME  our organisation in status messages
import type { Acting, DondocPlugin, PluginApi } from '@dondoc/engine/plugins';
import { EdxmlRejected, importMessage, type ImportResult } from './import.js';
import { installStatusMessages, statusSettings } from './outbound.js';
import { readInbox, watchInbox } from './inbox.js';
import { pollEndpoint } from './poll.js';
import { messagesDataset, organCodeType } from './extensions.js';

export { parseEdxml, type EdxmlMessage, type ParseResult, type Problem } from './parse.js';
export { statusXml, STATUS_TEXT } from './status.js';
export { parseEdxmlDate } from './dates.js';
export { ORGAN_CODE, organCodeType, messagesDataset } from './extensions.js';

const DEFAULT_MAX = 64 * 1024 * 1024;

export interface EdxmlContext {
  api: PluginApi;
  taskType: string;
  maxBytes: number;
  status: ReturnType<typeof statusSettings>;
  /** The configured account, or a 503 saying what to set. */
  account(): Promise<Acting>;
  /** Import one message as part of import `importId`, logging a rejection; never throws for a bad message. */
  importOne(bytes: Buffer, item: string, importId: number, acting: Acting): Promise<{ result?: ImportResult; rejected?: EdxmlRejected | Error }>;
}

const plugin: DondocPlugin = {
  name: 'edxml',
  description: 'Văn bản điện tử liên thông edXML (QCVN 102:2016): nhận văn bản chỉ đạo, lập dự thảo nhiệm vụ, gửi trạng thái xử lý',
  async setup(api) {
    const env = api.env;
    const httpError = api.error;
    const ctx: EdxmlContext = {
      api,
      taskType: env.EDXML_TASK_TYPE || 'nhiem-vu-van-ban',
      maxBytes: Number(env.EDXML_MAX_BYTES) > 0 ? Number(env.EDXML_MAX_BYTES) : DEFAULT_MAX,
      status: statusSettings(env),
      async account() {
        const name = env.EDXML_ACCOUNT;
        const acting = name ? await api.gateway.actingAs(name) : undefined;
        if (!acting) throw httpError(503, 'not_configured', name ? `Tài khoản nhận văn bản liên thông "${name}" không tồn tại hoặc đã bị khóa` : 'Chưa cấu hình tài khoản nhận văn bản liên thông (EDXML_ACCOUNT)');
        return acting;
      },
      async importOne(bytes, item, importId, acting) {
        try {
          const draftsAs = env.EDXML_ASSIGNER ? await api.gateway.actingAs(env.EDXML_ASSIGNER) : undefined;
          const result = await importMessage(api, bytes, { acting, draftsAs, importId, taskType: ctx.taskType, status: ctx.status });
          return { result };
        } catch (err: any) {
          const rejected = err instanceof EdxmlRejected ? err : null;
          const details = rejected?.details ?? (Array.isArray(err?.details) ? err.details : []);
          const reason = rejected?.reason ?? String(err?.message ?? err);
          if (!rejected && !(err?.status >= 400 && err?.status < 500)) api.log.error({ err, item }, 'edxml: import failed');
          await api.imports.reject(importId, { item, externalId: rejected?.externalId ?? null, reason, details });
          return { rejected: err };
        }
      },
    };
    if (ctx.status) installStatusMessages(api, ctx.status);
    api.fieldType(organCodeType);
    api.reportDataset(messagesDataset);

    api.routes([
      {
        method: 'post',
        path: '/api/integrations/edxml',
        summary:
          'Import one edXML message (body application/xml, QCVN 102:2016) → 201 {documentId} for a new document, 200 with the same id for one already imported (or an update, replacement, revocation of it), 422 with details[].path naming the offending element',
        tags: ['edxml'],
        action: 'create',
        subject: 'Document',
        body: { type: 'string', contentMediaType: 'application/xml', description: 'An edXML message (edXML/edXMLEnvelope/…, any namespace prefix)' },
        responses: {
          201: importAnswer,
          200: importAnswer,
        },
        async handler(kctx, s) {
          const type = (kctx.get('content-type') || '').split(';')[0]!.trim().toLowerCase();
          if (type && !['application/xml', 'text/xml', 'application/edxml+xml', 'application/octet-stream'].includes(type))
            throw httpError(415, 'unsupported_media_type', 'Nội dung phải là văn bản điện tử edXML (application/xml)');
          const bytes = await api.http.readRawBody(kctx, ctx.maxBytes);
          const p = kctx.state.principal!;
          // A person imports as themselves; an integration (client credentials) as EDXML_ACCOUNT.
          const acting: Acting = p.id > 0 ? { principal: p, ability: kctx.state.ability! } : await ctx.account();
          const importId = await api.imports.start({ source: 'upload', name: p.clientId ? `client:${p.clientId}` : p.username, total: 1, createdBy: p.id > 0 ? p.id : null });
          const { result, rejected } = await ctx.importOne(bytes, `upload by ${p.username}`, importId, acting);
          await api.imports.progress(importId, { processed: 1, imported: result && result.outcome !== 'duplicate' ? 1 : 0, duplicates: result?.outcome === 'duplicate' ? 1 : 0, rejected: rejected ? 1 : 0 });
          await api.imports.finish(importId, 'done');
          if (rejected) {
            const r = rejected as any;
            if (r instanceof EdxmlRejected) throw httpError(422, 'validation_failed', r.reason, r.details);
            throw rejected;
          }
          void s;
          kctx.status = result!.outcome === 'created' ? 201 : 200;
          kctx.body = { documentId: result!.documentId, outcome: result!.outcome, importId, taskIds: result!.taskIds, warnings: [...result!.warnings, ...result!.unmatchedRecipients.map((r) => `Nơi nhận chưa khớp đơn vị nào theo mã định danh: ${r}`)] };
        },
      },
    ]);

    const everyMs = () => (Number(env.EDXML_POLL_SECONDS) > 0 ? Number(env.EDXML_POLL_SECONDS) : 60) * 1000;
    if (env.EDXML_INBOX_DIR) {
      const dir = env.EDXML_INBOX_DIR;
      api.job({ name: 'edxml.inbox', everyMs, attempts: 1, run: () => readInbox(ctx, dir) });
      let stop: (() => void) | undefined;
      api.onStart(() => {
        stop = watchInbox(dir, () => void api.services.jobs.enqueue('edxml.inbox', {}, { dedupeId: 'edxml.inbox', delayMs: 300 }), api.log);
      });
      api.onClose(() => stop?.());
    }
    if (env.EDXML_POLL_URL) {
      const url = env.EDXML_POLL_URL;
      api.job({ name: 'edxml.poll', everyMs, attempts: 1, run: () => pollEndpoint(ctx, url, env.EDXML_POLL_SECRET || undefined) });
    }
    api.connector({
      id: 'edxml',
      name: 'Văn bản điện tử liên thông (edXML)',
      async status() {
        const knex = api.services.knex;
        const last = await knex('integration_imports').where({ plugin: 'edxml' }).orderBy('id', 'desc').first('created_at', 'status');
        const messages = Number((await knex('edxml_messages').count({ n: '*' }).first())?.n ?? 0);
        const pending = Number((await knex('outbox_messages').where({ channel: 'edxml-status' }).whereIn('status', ['pending', 'sending']).count({ n: '*' }).first())?.n ?? 0);
        return { account: env.EDXML_ACCOUNT ?? null, inbox: env.EDXML_INBOX_DIR ?? null, pollUrl: env.EDXML_POLL_URL ?? null, statusTo: ctx.status?.url ?? ctx.status?.outboxDir ?? null, messages, pendingStatus: pending, lastImport: last ?? null };
      },
    });
  },
};

const importAnswer = {
  type: 'object',
  required: ['documentId', 'outcome', 'importId', 'taskIds', 'warnings'],
  additionalProperties: false,
  properties: {
    documentId: { type: 'integer' },
    outcome: { enum: ['created', 'duplicate', 'updated', 'replaced', 'revoked'] },
    importId: { type: 'integer' },
    taskIds: { type: 'array', items: { type: 'integer' } },
    warnings: { type: 'array', items: { type: 'string' } },
  },
};

export default plugin;
