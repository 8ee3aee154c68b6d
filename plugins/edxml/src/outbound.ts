// Status messages back to the sender of an imported document, through the outbox (channel edxml-status):
// written as files to EDXML_OUTBOX_DIR, or POSTed (application/xml, HMAC-signed with EDXML_STATUS_SECRET
// when set) to EDXML_STATUS_URL. 03 when the document is taken in, 04 when a task from it is assigned
// (leaves the workflow's draft state), 05 when one is taken up, 06 when all of them are done, 13 when a
// revocation is applied. Each (document, code) is sent once.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { FeedEvent, OutboxMessage, PluginApi } from '@dondoc/engine/plugins';
import type { EdxmlMessage } from './parse.js';
import { statusXml } from './status.js';

export const STATUS_CHANNEL = 'edxml-status';

export interface StatusSettings {
  /** Our organisation as senders know it. */
  organId: string;
  organName: string;
  outboxDir: string | null;
  url: string | null;
  secret: string | null;
}

export function statusSettings(env: Record<string, string | undefined>): StatusSettings | null {
  const outboxDir = env.EDXML_OUTBOX_DIR || null;
  const url = env.EDXML_STATUS_URL || null;
  if (!outboxDir && !url) return null;
  return { organId: env.EDXML_ORGAN_ID || '000.00.00.H26', organName: env.EDXML_ORGAN_NAME || 'UBND thành phố Hà Nội', outboxDir, url, secret: env.EDXML_STATUS_SECRET || null };
}

interface Sender {
  documentId: string;
  organId: string | null;
  organName: string | null;
  codeNumber: string | null;
  codeNotation: string | null;
  promulgationDate: string | null;
}

function message(st: StatusSettings, d: Sender, documentId: number, code: string, at: Date): OutboxMessage {
  const xml = statusXml({ code, from: { organId: st.organId, organName: st.organName }, to: { organId: d.organId, organName: d.organName }, documentId: d.documentId, codeNumber: d.codeNumber, codeNotation: d.codeNotation, promulgationDate: d.promulgationDate, at });
  return { channel: STATUS_CHANNEL, key: `${documentId}:${code}`, target: d.organId, payload: { code, documentId, externalId: d.documentId, xml } };
}

export function statusMessages(st: StatusSettings, m: EdxmlMessage, documentId: number, code: string, at: Date): OutboxMessage[] {
  return [message(st, { documentId: m.documentId, organId: m.from?.organId ?? null, organName: m.from?.organName ?? null, codeNumber: m.codeNumber, codeNotation: m.codeNotation, promulgationDate: m.promulgationDate }, documentId, code, at)];
}

const safeName = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);

export function installStatusMessages(api: PluginApi, st: StatusSettings): void {
  const s = api.services;
  api.outboxChannel({
    name: STATUS_CHANNEL,
    attempts: 10,
    async deliver(m) {
      const xml = String(m.payload?.xml ?? '');
      if (st.outboxDir) {
        await fs.mkdir(st.outboxDir, { recursive: true });
        const file = path.join(st.outboxDir, `status-${safeName(String(m.payload?.externalId ?? m.id))}-${m.payload?.code}.xml`);
        await fs.writeFile(`${file}.part`, xml, { mode: 0o640 });
        await fs.rename(`${file}.part`, file); // readers never see half a file
        if (!st.url) return { ok: true };
      }
      const res = await api.http.request({ method: 'POST', url: st.url!, body: xml, headers: { 'content-type': 'application/xml; charset=utf-8' }, secret: st.secret ?? undefined, idempotencyKey: `dondoc-edxml-status-${m.key}` });
      const ok = res.status >= 200 && res.status < 300;
      return { ok, status: res.status, permanent: !ok && res.status >= 400 && res.status < 500 && ![408, 425, 429].includes(res.status), response: res.text.slice(0, 500) };
    },
  });

  const drafts = new Map<string, { draft: string | null; initial: string }>();
  const workflowOf = async (e: FeedEvent, trx: Knex) => {
    const id = `${e.task.workflow.key}/${e.task.workflow.scope}/${e.task.workflow.version}`;
    let w = drafts.get(id);
    if (!w) {
      const doc = await s.metadata.get('workflow', e.task.workflow.key, e.task.workflow.scope, e.task.workflow.version, trx);
      w = { draft: (doc?.body as any)?.draft ?? null, initial: (doc?.body as any)?.initial ?? '' };
      drafts.set(id, w);
    }
    return w;
  };

  api.onTaskEvents({
    name: 'edxml-status',
    async handle(trx, events) {
      const docIds = [...new Set(events.map((e) => e.task.sourceDocumentId).filter((x): x is number => x !== null))];
      if (!docIds.length) return;
      const latest = new Map<number, any>();
      for (const r of await trx('edxml_messages').whereIn('document_id', docIds).orderBy('id')) latest.set(Number(r.document_id), r);
      const out: OutboxMessage[] = [];
      for (const e of events) {
        const docId = e.task.sourceDocumentId;
        const sender = docId === null ? undefined : latest.get(docId);
        if (!sender || e.task.parentId !== null) continue;
        const wf = await workflowOf(e, trx);
        const at = new Date(e.at);
        const d: Sender = { documentId: sender.external_id, organId: sender.sender_code, organName: sender.sender_name, codeNumber: sender.code_number, codeNotation: sender.code_notation, promulgationDate: sender.promulgation_date };
        const assigned = (e.action === 'transition' && e.fromState === wf.draft && e.toState !== wf.draft) || (e.action === 'create' && e.toState !== wf.draft);
        if (assigned) out.push(message(st, d, docId!, '04', at));
        if (e.action !== 'create' && e.toState && e.toState !== wf.draft && e.toState !== wf.initial && e.fromState !== e.toState) out.push(message(st, d, docId!, '05', at));
        if (e.toState && e.fromState !== e.toState) {
          const open = await trx('tasks').where({ source_document_id: docId, parent_id: null }).whereNotIn('state_category', ['done', 'cancelled']).count({ n: '*' }).first();
          const done = await trx('tasks').where({ source_document_id: docId, parent_id: null, state_category: 'done' }).count({ n: '*' }).first();
          if (Number(open?.n ?? 0) === 0 && Number(done?.n ?? 0) > 0) out.push(message(st, d, docId!, '06', at));
        }
      }
      if (out.length) await api.send(trx, out);
    },
  });
}
