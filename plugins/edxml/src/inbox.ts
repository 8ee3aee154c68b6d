// The drop folder (EDXML_INBOX_DIR): document-management systems (or a transfer agent) drop *.xml / *.edxml
// files; each scan is one import with progress. A file is claimed by renaming it into processing/ (only one
// engine wins the rename), then moved to done/ or to rejected/ with <name>.error.json beside it saying why.
// Files still being written are left alone: a file must end with the closing tag and be at least two
// seconds old. The folder is watched (fs.watch) and also scanned every EDXML_POLL_SECONDS.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { EdxmlContext } from './index.js';

const MESSAGE = /\.(xml|edxml)$/i;
const SETTLE_MS = 2000;

async function claimable(file: string, now: number): Promise<boolean> {
  const st = await fsp.stat(file).catch(() => null);
  return !!st && st.isFile() && now - st.mtimeMs >= SETTLE_MS;
}

export async function readInbox(ctx: EdxmlContext, dir: string) {
  const api = ctx.api;
  for (const sub of ['processing', 'done', 'rejected']) await fsp.mkdir(path.join(dir, sub), { recursive: true });
  const names = (await fsp.readdir(dir)).filter((n) => MESSAGE.test(n)).sort();
  const now = Date.now();
  const ready: string[] = [];
  for (const n of names) if (await claimable(path.join(dir, n), now)) ready.push(n);
  if (!ready.length) return { files: 0 };
  const acting = await ctx.account();
  const importId = await api.imports.start({ source: 'folder', name: dir, total: ready.length });
  const counts = { processed: 0, imported: 0, duplicates: 0, rejected: 0 };
  try {
    for (const name of ready) {
      const claimed = path.join(dir, 'processing', `${importId}-${name}`);
      try {
        await fsp.rename(path.join(dir, name), claimed);
      } catch {
        continue; // another engine took it
      }
      const bytes = await fsp.readFile(claimed);
      const { result, rejected } = bytes.length > ctx.maxBytes ? { result: undefined, rejected: new Error(`Tệp lớn hơn ${ctx.maxBytes} byte`) } : await ctx.importOne(bytes, name, importId, acting);
      if (bytes.length > ctx.maxBytes) await api.imports.reject(importId, { item: name, reason: `Tệp lớn hơn giới hạn ${ctx.maxBytes} byte` });
      counts.processed++;
      if (result) counts[result.outcome === 'duplicate' ? 'duplicates' : 'imported']++;
      else counts.rejected++;
      const target = path.join(dir, result ? 'done' : 'rejected', name);
      await fsp.rename(claimed, target);
      if (rejected) await fsp.writeFile(`${target}.error.json`, JSON.stringify({ reason: rejected.message, details: (rejected as any).details ?? [] }, null, 2));
      await api.imports.progress(importId, counts);
    }
    await api.imports.finish(importId, 'done');
  } catch (err: any) {
    await api.imports.progress(importId, counts);
    await api.imports.finish(importId, 'failed', String(err?.message ?? err));
    throw err;
  }
  return { importId, ...counts };
}

/** Calls `onChange` when files appear in `dir`; returns a stop function. */
export function watchInbox(dir: string, onChange: () => void, log: Logger): () => void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const w = fs.watch(dir, { persistent: false }, (_event, name) => {
      if (name && MESSAGE.test(String(name))) setTimeout(onChange, SETTLE_MS + 100).unref();
    });
    w.on('error', (err) => log.warn({ err, dir }, 'edxml: inbox watcher stopped; the periodic scan goes on'));
    return () => w.close();
  } catch (err) {
    log.warn({ err, dir }, 'edxml: cannot watch the inbox; the periodic scan goes on');
    return () => undefined;
  }
}
