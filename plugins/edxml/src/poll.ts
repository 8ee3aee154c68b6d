// Polling an HTTP endpoint for messages (EDXML_POLL_URL), for document-management systems that keep an
// outgoing queue instead of pushing. The exchange (each call HMAC-signed when EDXML_POLL_SECRET is set):
//   GET  {url}                → 200 {"items": [{"id": "…", "url": "…"}]}  messages waiting (url: absolute or relative)
//   GET  {item.url}           → 200 the edXML message
//   POST {url}/{id}/ack       ← {"outcome": "created|duplicate|updated|replaced|revoked|rejected", "documentId"?, "reason"?, "details"?}
// A message is acknowledged after it is imported or rejected, so a crash in between only re-reads it
// (DocumentId makes that harmless). One poll is one import with progress.
import type { EdxmlContext } from './index.js';

export async function pollEndpoint(ctx: EdxmlContext, url: string, secret?: string) {
  const api = ctx.api;
  const list = await api.http.request({ method: 'GET', url, secret });
  if (list.status !== 200) throw new Error(`edxml poll: ${url} answered ${list.status}`);
  const items = (JSON.parse(list.text)?.items ?? []) as Array<{ id: string; url: string }>;
  if (!items.length) return { messages: 0 };
  const acting = await ctx.account();
  const importId = await api.imports.start({ source: 'poll', name: url, total: items.length });
  const counts = { processed: 0, imported: 0, duplicates: 0, rejected: 0 };
  for (const item of items) {
    const id = String(item.id);
    const res = await api.http.request({ method: 'GET', url: new URL(item.url, url).toString(), secret });
    let ack: Record<string, unknown>;
    if (res.status !== 200) {
      await api.imports.reject(importId, { item: id, reason: `Không tải được văn bản (HTTP ${res.status})` });
      counts.rejected++;
      ack = { outcome: 'rejected', reason: `HTTP ${res.status}` };
    } else {
      const bytes = Buffer.from(res.text, 'utf8');
      const { result, rejected } = await ctx.importOne(bytes, id, importId, acting);
      if (result) counts[result.outcome === 'duplicate' ? 'duplicates' : 'imported']++;
      else counts.rejected++;
      ack = result ? { outcome: result.outcome, documentId: result.documentId } : { outcome: 'rejected', reason: rejected?.message, details: (rejected as any)?.details ?? [] };
    }
    counts.processed++;
    await api.imports.progress(importId, counts);
    await api.http.request({ method: 'POST', url: `${url.replace(/\/+$/, '')}/${encodeURIComponent(id)}/ack`, body: JSON.stringify(ack), secret });
  }
  await api.imports.finish(importId, 'done');
  return { importId, ...counts };
}
