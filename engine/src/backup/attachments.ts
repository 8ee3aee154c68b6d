// The attachment store in backups: content-addressed ($DATA_DIR/attachments/ab/cd/<sha256>), so a blob
// never changes once written and an incremental holds only the blobs its chain does not have yet. The
// blobs of a set travel as one pack: per blob a JSON header line {"sha256", "size"} and its bytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const SHA = /^[0-9a-f]{64}$/;

/** Every blob of the store: sha-256 → size. */
export async function listBlobs(root: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const level = async (dir: string) =>
    (await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])).filter(
      (d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name),
    );
  for (const a of await level(root))
    for (const b of await level(path.join(root, a.name)))
      for (const f of await fsp.readdir(path.join(root, a.name, b.name), { withFileTypes: true })) {
        if (!f.isFile() || !SHA.test(f.name) || !f.name.startsWith(a.name + b.name)) continue;
        out.set(f.name, (await fsp.stat(path.join(root, a.name, b.name, f.name))).size);
      }
  return out;
}

export const blobPath = (root: string, sha: string) => path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);

/** The pack of `shas`, as a stream. */
export function packStream(root: string, shas: string[]): Readable {
  async function* gen() {
    for (const sha of shas) {
      const file = blobPath(root, sha);
      const st = await fsp.stat(file);
      yield Buffer.from(`${JSON.stringify({ sha256: sha, size: st.size })}\n`);
      let n = 0;
      for await (const chunk of fs.createReadStream(file)) {
        n += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (n !== st.size) throw new Error(`attachment ${sha} changed size while it was read`);
    }
  }
  return Readable.from(gen());
}

/**
 * Unpacks a (decrypted) pack into `root`: every blob is checked against its name while written; a blob
 * already there is kept. Returns the number of blobs.
 */
export async function unpack(
  packFile: string,
  root: string | null,
  onBlob?: (n: number) => void,
): Promise<string[]> {
  const fh = await fsp.open(packFile, 'r');
  const shas: string[] = [];
  try {
    const size = (await fh.stat()).size;
    let pos = 0;
    const buf = Buffer.alloc(1 << 16);
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(512, size - pos), pos);
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      if (nl < 0) throw new Error('attachments pack: damaged header');
      const head = JSON.parse(buf.subarray(0, nl).toString('utf8')) as { sha256: string; size: number };
      if (!SHA.test(head.sha256) || !Number.isSafeInteger(head.size) || head.size < 0)
        throw new Error('attachments pack: damaged header');
      pos += nl + 1;
      const h = crypto.createHash('sha256');
      const target = root ? blobPath(root, head.sha256) : null;
      const keep = target
        ? await fsp.access(target).then(
            () => true,
            () => false,
          )
        : true;
      let out: fs.WriteStream | null = null;
      const tmp = target ? `${target}.${crypto.randomBytes(4).toString('hex')}.restoring` : null;
      if (!keep && target && tmp) {
        await fsp.mkdir(path.dirname(target), { recursive: true });
        out = fs.createWriteStream(tmp, { mode: 0o640 });
      }
      let left = head.size;
      while (left > 0) {
        const { bytesRead: n } = await fh.read(buf, 0, Math.min(buf.length, left), pos);
        if (n <= 0) throw new Error(`attachments pack: ${head.sha256} is cut short`);
        const chunk = buf.subarray(0, n);
        h.update(chunk);
        if (out && !out.write(Buffer.from(chunk)))
          await new Promise<void>((r) => out!.once('drain', () => r()));
        pos += n;
        left -= n;
      }
      if (out)
        await new Promise<void>((resolve, reject) =>
          out!.end((err?: Error | null) => (err ? reject(err) : resolve())),
        );
      if (h.digest('hex') !== head.sha256) {
        if (tmp) await fsp.rm(tmp, { force: true });
        throw new Error(`attachments pack: the content of ${head.sha256} does not match its name`);
      }
      if (out && tmp && target) await fsp.rename(tmp, target);
      shas.push(head.sha256);
      onBlob?.(shas.length);
    }
  } finally {
    await fh.close();
  }
  return shas;
}
