// Encryption of backup files: AES-256-GCM, one random 96-bit IV per file, the set id and file name as
// associated data (a file moved to another set, or renamed, does not decrypt). The key comes from
// BACKUP_KEY_FILE or BACKUP_KEY, or is generated once under $DATA_DIR/keys/ — never inside a backup
// target: a stolen removable disk holds nothing readable.
//
// File layout: "DDBK" | version (1 byte) | IV (12 bytes) | ciphertext | tag (16 bytes).
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { BackupConfig } from './config.js';

const MAGIC = Buffer.from('DDBK');
const VERSION = 1;
const HEADER = MAGIC.length + 1 + 12;
const TAG = 16;

export interface BackupKey {
  /** The 256-bit key of AES-256-GCM (derived, so the raw key is used for nothing else). */
  enc: Buffer;
  /** The HMAC key of manifests. */
  mac: Buffer;
  /** A short public fingerprint: which key a set needs, without revealing it. */
  id: string;
  source: string;
}

function parseKey(text: string, where: string): Buffer {
  const t = text.trim();
  let k: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(t)) k = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t))
    k = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!k || k.length !== 32) throw new Error(`${where}: expected a 256-bit key, 64 hex digits or base64`);
  return k;
}

function derive(raw: Buffer, source: string): BackupKey {
  const hk = (info: string) => Buffer.from(crypto.hkdfSync('sha256', raw, Buffer.alloc(0), info, 32));
  return {
    enc: hk('dondoc-backup/enc'),
    mac: hk('dondoc-backup/mac'),
    id: hk('dondoc-backup/id').toString('hex').slice(0, 16),
    source,
  };
}

const inside = (file: string, dir: string | undefined) =>
  !!dir &&
  !path.relative(path.resolve(dir), path.resolve(file)).startsWith('..') &&
  !path.isAbsolute(path.relative(path.resolve(dir), path.resolve(file)));

/** The backup key; generates and stores one (mode 0600) at first use when none is configured. */
export function loadBackupKey(
  c: BackupConfig,
  opts: { create?: boolean; log?: (msg: string) => void } = {},
): BackupKey {
  const keyFile = c.keyFile ?? (c.keyEnv ? undefined : c.generatedKeyFile);
  for (const dir of [c.dir, c.copyDir])
    if (keyFile && inside(keyFile, dir))
      throw new Error(`the backup key ${keyFile} must not be inside a backup target (${dir})`);
  if (c.keyFile) {
    if (!fs.existsSync(c.keyFile)) throw new Error(`BACKUP_KEY_FILE ${c.keyFile} does not exist`);
    return derive(parseKey(fs.readFileSync(c.keyFile, 'utf8'), `BACKUP_KEY_FILE ${c.keyFile}`), c.keyFile);
  }
  if (c.keyEnv) return derive(parseKey(c.keyEnv, 'BACKUP_KEY'), 'BACKUP_KEY');
  const file = c.generatedKeyFile;
  if (!fs.existsSync(file)) {
    if (opts.create === false)
      throw new Error(`no backup key: set BACKUP_KEY_FILE or BACKUP_KEY (${file} does not exist)`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      opts.log?.(
        `generated a new backup key at ${file} — keep a copy of it somewhere safe, apart from the backups: without it no backup can be restored`,
      );
    } catch (err: any) {
      if (err?.code !== 'EEXIST') throw err; // another process generated it first
    }
  }
  return derive(parseKey(fs.readFileSync(file, 'utf8'), file), file);
}

export interface WrittenFile {
  /** Bytes and sha-256 of the encrypted file as it lies on the target. */
  size: number;
  sha256: string;
  /** Bytes and sha-256 of the content. */
  plainSize: number;
  plainSha256: string;
}

const aad = (setId: string, name: string) => Buffer.from(`${setId}\0${name}`);

/** Encrypts `source` into `file`; hashes both the content and the file on the way. */
export async function encryptTo(
  key: BackupKey,
  setId: string,
  name: string,
  source: Readable,
  file: string,
  onBytes?: (n: number) => void,
): Promise<WrittenFile> {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.enc, iv);
  cipher.setAAD(aad(setId, name));
  const plainHash = crypto.createHash('sha256');
  const fileHash = crypto.createHash('sha256');
  let plainSize = 0;
  let size = 0;
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), iv]);
  fileHash.update(header);
  size += header.length;
  const countPlain = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      plainHash.update(chunk);
      plainSize += chunk.length;
      onBytes?.(chunk.length);
      cb(null, chunk);
    },
  });
  const countFile = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      fileHash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      const tag = cipher.getAuthTag();
      fileHash.update(tag);
      size += tag.length;
      cb(null, tag);
    },
  });
  const out = fs.createWriteStream(file, { mode: 0o600 });
  out.write(header);
  await pipeline(source, countPlain, cipher, countFile, out);
  return { size, sha256: fileHash.digest('hex'), plainSize, plainSha256: plainHash.digest('hex') };
}

/** The sha-256 of a file as stored. */
export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), h);
  return h.digest('hex');
}

/**
 * Decrypts `file` into `out` (a path). The tag is checked at the end, so `out` is trusted only when this
 * resolves; on failure `out` is removed.
 */
export async function decryptTo(
  key: BackupKey,
  setId: string,
  name: string,
  file: string,
  out: string,
  onBytes?: (n: number) => void,
): Promise<{ plainSha256: string; plainSize: number }> {
  const st = await fsp.stat(file);
  if (st.size < HEADER + TAG) throw new Error(`${name}: too short to be a backup file`);
  const fh = await fsp.open(file, 'r');
  const head = Buffer.alloc(HEADER);
  const tag = Buffer.alloc(TAG);
  try {
    await fh.read(head, 0, HEADER, 0);
    await fh.read(tag, 0, TAG, st.size - TAG);
  } finally {
    await fh.close();
  }
  if (!head.subarray(0, 4).equals(MAGIC) || head[4] !== VERSION)
    throw new Error(`${name}: not a backup file of this format`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key.enc, head.subarray(5, HEADER));
  decipher.setAAD(aad(setId, name));
  decipher.setAuthTag(tag);
  const h = crypto.createHash('sha256');
  let plainSize = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      plainSize += chunk.length;
      onBytes?.(chunk.length);
      cb(null, chunk);
    },
  });
  try {
    if (st.size === HEADER + TAG) {
      decipher.final();
      await fsp.writeFile(out, Buffer.alloc(0), { mode: 0o600 });
    } else {
      await pipeline(
        fs.createReadStream(file, { start: HEADER, end: st.size - TAG - 1 }),
        decipher,
        count,
        fs.createWriteStream(out, { mode: 0o600 }),
      );
    }
  } catch (err) {
    await fsp.rm(out, { force: true });
    const msg = String((err as Error)?.message ?? err);
    throw new Error(
      /auth|unable to authenticate/i.test(msg)
        ? `${name}: does not decrypt (altered, or another key)`
        : `${name}: ${msg}`,
      { cause: err },
    );
  }
  return { plainSha256: h.digest('hex'), plainSize };
}

/** HMAC of a manifest's canonical JSON (without its `mac`). */
export function manifestMac(key: BackupKey, body: unknown): string {
  return crypto.createHmac('sha256', key.mac).update(canonicalJson(body)).digest('hex');
}

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
