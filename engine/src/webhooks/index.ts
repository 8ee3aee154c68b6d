// Outbound webhooks for task events. Administrators subscribe a URL to event types (optionally one pillar's
// tasks); every change of a task (its history event, read from the task event feed) becomes one outbox
// message per matching subscription, POSTed as JSON and signed with the subscription's secret
// (X-DonDoc-Signature, plugins/signing.ts), retried with exponential backoff, each attempt in the
// delivery log (GET /api/webhooks/{id}/deliveries).
//
// Event types: task.created, task.transitioned, task.updated, task.attachment_added (and webhook.ping).
// Body: { id, type, occurredAt, task: {…the task now…}, event: {…the history event…} }.
import type { Knex } from 'knex';
import { unseal } from '../config/seal.js';
import { readJson } from '../db/json.js';
import { fromDbTime } from '../db/time.js';
import type { FeedEvent } from '../plugins/types.js';
import type { Services } from '../services.js';
import type { PluginHost } from '../plugins/host.js';
import { request, resultOf } from '../plugins/http.js';
import { WEBHOOK_CHANNEL, eventPayload, eventTypeOf } from './events.js';

interface Subscription {
  id: number;
  events: string[];
  pillar: string | null;
  /** Events from before the subscription are not sent (the feed re-reads a window of recent events). */
  since: number;
}

async function activeSubscriptions(db: Knex): Promise<Subscription[]> {
  const rows = await db('webhook_subscriptions').where({ active: true }).select('id', 'events', 'pillar', 'created_at');
  return rows.map((r: any) => ({ id: Number(r.id), events: readJson<string[]>(r.events) ?? [], pillar: r.pillar ?? null, since: fromDbTime(r.created_at)?.getTime() ?? 0 }));
}

const wants = (sub: Subscription, type: string, e: FeedEvent) =>
  (sub.events.includes('*') || sub.events.includes(type)) && (!sub.pillar || sub.pillar === e.task.pillar) && Date.parse(e.at) >= sub.since;

export function installWebhooks(host: PluginHost, s: Services): void {
  host.feed.add({
    name: 'webhooks',
    async handle(trx, events) {
      const subs = await activeSubscriptions(trx);
      if (!subs.length) return;
      const messages = [];
      for (const e of events) {
        const type = eventTypeOf(e.action);
        for (const sub of subs) if (wants(sub, type, e)) messages.push({ channel: WEBHOOK_CHANNEL, target: String(sub.id), key: `${sub.id}:evt_${e.id}`, payload: eventPayload(e) });
      }
      await host.outbox.add(trx, messages);
    },
  });
  host.outbox.register({
    name: WEBHOOK_CHANNEL,
    attempts: 8,
    async deliver(m) {
      const sub = await s.knex('webhook_subscriptions').where({ id: Number(m.target) }).first();
      if (!sub) return { ok: false, permanent: true, error: 'đăng ký webhook đã bị xóa' };
      if (!sub.active) return { ok: false, permanent: true, error: 'đăng ký webhook đang tắt' };
      const body = JSON.stringify(m.payload);
      const res = await request(
        {
          method: 'POST',
          url: sub.url,
          body,
          secret: unseal(s.secrets.keySecret, sub.sealed_secret),
          idempotencyKey: `dondoc-webhook-${m.key}`,
          headers: { 'x-dondoc-event': String(m.payload?.type ?? ''), 'x-dondoc-delivery': String(m.id) },
          timeoutMs: 10_000,
        },
        s.clock,
      );
      return resultOf(res);
    },
  });
}

export { webhookRoutes } from './routes.js';
export { EVENT_TYPES, WEBHOOK_CHANNEL, eventPayload, eventTypeOf } from './events.js';
