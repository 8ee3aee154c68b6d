// Content-addressed attachment store on disk: `<root>/ab/cd/<sha256>`. An upload streams to a temp
// file while it is hashed, counted and checked for UTF-8; its type is sniffed from the bytes; then it
// moves into place under its hash (an existing blob with that hash is kept: dedup). Paths are derived
// from the hash alone, so nothing a client sends can reach the file system.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { badRequest, HttpError } from '../api/errors.js';
import { acceptUpload, TextCheck } from './filetypes.js';
import { DEFAULT_NAME, extensionOf, sanitizeFileName } from './filename.js';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/** ATTACHMENT_MAX_BYTES, read per call so an operator's change needs no code path of its own. */
export function attachmentMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ATTACHMENT_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

export const tooLarge = (max: number) =>
  new HttpError(413, 'payload_too_large', `Tệp vượt quá dung lượng cho phép (${formatBytes(max)})`);

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} byte`;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  contentType: string;
  /** Sanitised name, with the extension of the sniffed type added when the client gave none. */
  name: string;
}

export interface PutOptions {
  /** The client's file name, raw; it is sanitised here. */
  name?: string;
  maxBytes?: number;
}

export class BlobStore {
  constructor(readonly root: string) {}

  /** Where the blob of `sha256` lives; throws on anything but 64 lower-case hex digits. */
  pathFor(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha-256 hex digest: ${JSON.stringify(sha256).slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return fsp.access(this.pathFor(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** A read stream of the blob, or undefined when the file is missing. */
  async open(sha256: string): Promise<Readable | undefined> {
    const file = this.pathFor(sha256);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (err: any) {
      if (err?.code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Store one upload: 413 past `maxBytes`, 400 when empty, 415 for a refused or mismatched type. */
  async put(source: Readable, opts: PutOptions = {}): Promise<StoredBlob> {
    const maxBytes = opts.maxBytes ?? attachmentMaxBytes();
    const tmpDir = path.join(this.root, 'tmp');
    await fsp.mkdir(tmpDir, { recursive: true, mode: 0o700 });
    const tmp = path.join(tmpDir, `${crypto.randomUUID()}.part`);
    try {
      const { sha256, size, isText } = await writeCounted(source, tmp, maxBytes);
      if (size === 0) throw badRequest('Tệp rỗng, không có nội dung', [{ path: '', message: 'tệp rỗng' }]);
      const detected = await fileTypeFromFile(tmp);
      const name = sanitizeFileName(opts.name);
      const accepted = acceptUpload({ detected, isText }, name, extensionOf(name), DEFAULT_NAME);
      await this.moveIntoPlace(tmp, sha256);
      return { sha256, size, contentType: accepted.contentType, name: accepted.name };
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  // link() refuses to replace an existing file, so two uploads of the same bytes racing each other
  // both succeed and leave one blob; the temp file is removed by the caller either way.
  private async moveIntoPlace(tmp: string, sha256: string): Promise<void> {
    const final = this.pathFor(sha256);
    if (await this.has(sha256)) return;
    await fsp.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
    try {
      await fsp.link(tmp, final);
    } catch (err: any) {
      if (err?.code === 'EEXIST') return;
      // File systems without hard links: rename replaces atomically, and the bytes are the same.
      if (['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(err?.code)) await fsp.rename(tmp, final);
      else throw err;
    }
  }
}

/**
 * Copy `source` to a new file at `file`, hashing and counting as it goes. Past `maxBytes` the source
 * is unpiped, not destroyed, so the HTTP layer can still answer 413 on the same connection.
 */
function writeCounted(source: Readable, file: string, maxBytes: number): Promise<{ sha256: string; size: number; isText: boolean }> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    const text = new TextCheck();
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let ended = false;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', aborted);
      source.off('close', aborted);
      source.resume(); // drain what is left; nothing more is written
      // Settle once the temp file is closed, so the caller's cleanup cannot race its creation.
      if (out.closed) reject(err);
      else {
        out.once('close', () => reject(err));
        out.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge(maxBytes));
      hash.update(chunk);
      text.push(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    };
    const onEnd = () => {
      ended = true;
      out.end();
    };
    const aborted = () => {
      if (!ended) fail(new HttpError(400, 'request_aborted', 'Tải tệp lên bị gián đoạn'));
    };
    out.once('error', fail);
    // A source that ended or died before we got here would never signal again: settle now.
    if (source.destroyed && !source.readableEnded) return aborted();
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', aborted);
    source.once('close', aborted);
    if (source.readableEnded) onEnd();
    // Flushed to disk before it is linked under its hash: a crash must not leave a truncated blob.
    out.once('finish', () => {
      fsp
        .open(file, 'r+')
        .then(async (h) => {
          try {
            await h.sync();
          } finally {
            await h.close();
          }
        })
        .then(() => {
          if (settled) return;
          settled = true;
          resolve({ sha256: hash.digest('hex'), size, isText: text.finish() });
        }, fail);
    });
  });
}
