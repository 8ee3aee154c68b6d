import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { attachmentMaxBytes, BlobStore, DEFAULT_MAX_BYTES } from './blobs.js';
import { cfbHeader, storedZip, tinyDocx, tinyPdf, tinyPng } from './__tests__/fixtures.js';

let root: string;
let store: BlobStore;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-blobs-'));
  store = new BlobStore(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** The bytes as a stream of small chunks, so multi-chunk paths (hash, UTF-8 across chunks) run. */
const chunked = (b: Buffer, size = 7) => Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)));
const blobFiles = () =>
  fs.readdirSync(root, { recursive: true }).map(String).filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p.split(path.sep).join('/')));
const tmpFiles = () => (fs.existsSync(path.join(root, 'tmp')) ? fs.readdirSync(path.join(root, 'tmp')) : []);
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

test('stores under ab/cd/<sha256>, with the size, sniffed type and name; bytes read back identical', async () => {
  const pdf = tinyPdf();
  const b = await store.put(chunked(pdf), { name: 'Kế hoạch số 12.pdf' });
  expect(b).toEqual({ sha256: sha256(pdf), size: pdf.length, contentType: 'application/pdf', name: 'Kế hoạch số 12.pdf' });
  expect(store.pathFor(b.sha256)).toBe(path.join(root, b.sha256.slice(0, 2), b.sha256.slice(2, 4), b.sha256));
  const back = Buffer.concat(await (await store.open(b.sha256))!.toArray());
  expect(back.equals(pdf)).toBe(true);
  expect(tmpFiles()).toEqual([]);
});

test('the same bytes twice leave one blob (dedup), also when uploaded concurrently', async () => {
  const png = tinyPng();
  const [a, b] = await Promise.all([store.put(chunked(png), { name: 'a.png' }), store.put(chunked(png), { name: 'b.png' })]);
  const c = await store.put(chunked(png), { name: 'c.png' });
  expect(new Set([a.sha256, b.sha256, c.sha256]).size).toBe(1);
  expect(blobFiles()).toHaveLength(1);
  expect(tmpFiles()).toEqual([]);
});

test('past the size limit: 413, nothing stored; the source is drained, not destroyed (the HTTP reply still goes out)', async () => {
  const source = chunked(Buffer.alloc(5000, 0x61), 512);
  await expect(store.put(source, { name: 'lon.txt', maxBytes: 1000 })).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
  if (!source.readableEnded) await new Promise((r) => source.once('end', r));
  expect(source.readableEnded).toBe(true);
  expect(source.errored).toBeNull();
  expect(blobFiles()).toEqual([]);
  expect(tmpFiles()).toEqual([]);
  // exactly at the limit is fine
  await expect(store.put(chunked(Buffer.alloc(1000, 0x61)), { name: 'vua.txt', maxBytes: 1000 })).resolves.toMatchObject({ size: 1000 });
});

test('a PNG named .pdf is refused with 415 and a Vietnamese message; nothing stored', async () => {
  const err = await store.put(chunked(tinyPng()), { name: 'Báo cáo.pdf' }).catch((e) => e);
  expect(err).toMatchObject({ status: 415, code: 'unsupported_file_type' });
  expect(err.message).toMatch(/PNG.*không phải PDF.*\.pdf/);
  expect(blobFiles()).toEqual([]);
  expect(tmpFiles()).toEqual([]);
});

test('accepted kinds: docx, zip, doc/xls (CFB), UTF-8 text; the extension decides within CFB and text', async () => {
  expect((await store.put(chunked(tinyDocx()), { name: 'Dự thảo.docx' })).contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect((await store.put(chunked(storedZip({ 'a.txt': 'x' })), { name: 'ho-so.zip' })).contentType).toBe('application/zip');
  expect((await store.put(chunked(cfbHeader()), { name: 'cu.xls' })).contentType).toBe('application/vnd.ms-excel');
  expect((await store.put(chunked(cfbHeader()), { name: 'cu.doc' })).contentType).toBe('application/msword');
  const txt = await store.put(chunked(Buffer.from('Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm\n')), { name: 'ghi chu.TXT' });
  expect(txt).toMatchObject({ contentType: 'text/plain; charset=utf-8', name: 'ghi chu.TXT' });
  // signatures are short: a text starting with "BM" is still text
  expect((await store.put(chunked(Buffer.from('BMW, báo cáo quý')), { name: 'bao-cao.csv' })).contentType).toBe('text/csv; charset=utf-8');
});

test('refused: a docx named .zip, Latin-1 text, text with NUL, HTML named .html, an executable, an empty file', async () => {
  await expect(store.put(chunked(tinyDocx()), { name: 'x.zip' })).rejects.toMatchObject({ status: 415 });
  await expect(store.put(chunked(Buffer.from('K\xe9 ho\xe0ch', 'latin1')), { name: 'x.txt' })).rejects.toMatchObject({ status: 415 });
  await expect(store.put(chunked(Buffer.from('abc\0def')), { name: 'x.txt' })).rejects.toMatchObject({ status: 415 });
  await expect(store.put(chunked(Buffer.from('<script>alert(1)</script>')), { name: 'x.html' })).rejects.toMatchObject({ status: 415 });
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
  await expect(store.put(chunked(exe), { name: 'x.pdf' })).rejects.toMatchObject({ status: 415 });
  await expect(store.put(Readable.from([]), { name: 'rong.txt' })).rejects.toMatchObject({ status: 400 });
  expect(blobFiles()).toEqual([]);
  expect(tmpFiles()).toEqual([]);
});

test('a UTF-8 sequence split across chunks is still text; a truncated one at the end is not', async () => {
  const b = Buffer.from('ệệệệệệệ', 'utf8'); // 3 bytes each, chunks of 2 split every one
  await expect(store.put(chunked(b, 2), { name: 'a.txt' })).resolves.toMatchObject({ contentType: 'text/plain; charset=utf-8' });
  await expect(store.put(chunked(b.subarray(0, b.length - 1), 2), { name: 'b.txt' })).rejects.toMatchObject({ status: 415 });
});

test('a name without extension gets the sniffed one; a path in the name is never a path', async () => {
  const b = await store.put(chunked(Buffer.from('root:x:0:0')), { name: '../../etc/passwd' });
  expect(b.name).toBe('etc_passwd.txt');
  expect((await store.put(chunked(tinyPng()), {})).name).toBe('tep-dinh-kem.png');
  await expect(store.put(chunked(cfbHeader()), { name: 'khong-duoi' })).rejects.toMatchObject({ status: 415 });
  expect(fs.existsSync(path.join(root, '..', 'etc'))).toBe(false);
});

test('pathFor accepts only a sha-256 digest', () => {
  for (const bad of ['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/.`]) expect(() => store.pathFor(bad)).toThrow();
});

test('a source that errors midway (client gone) is a 400 and leaves no temp file', async () => {
  let reads = 0;
  // The second read happens only once the store is consuming: the failure lands mid-upload.
  const source = new Readable({
    read() {
      if (reads++ === 0) this.push(Buffer.from('một phần'));
      else this.destroy(new Error('aborted'));
    },
  });
  await expect(store.put(source, { name: 'a.txt' })).rejects.toMatchObject({ status: 400, code: 'request_aborted' });
  expect(tmpFiles()).toEqual([]);
});

test('a source already gone before the store reads it is a 400, not a hang', async () => {
  const source = new Readable({ read() {} });
  source.on('error', () => {}); // as http.IncomingMessage: no crash without listeners
  source.destroy(new Error('aborted'));
  await expect(store.put(source, { name: 'a.txt' })).rejects.toMatchObject({ status: 400, code: 'request_aborted' });
  expect(tmpFiles()).toEqual([]);
});

test('ATTACHMENT_MAX_BYTES configures the limit; nonsense falls back to 50 MB', () => {
  expect(attachmentMaxBytes({})).toBe(DEFAULT_MAX_BYTES);
  expect(DEFAULT_MAX_BYTES).toBe(50 * 1024 * 1024);
  expect(attachmentMaxBytes({ ATTACHMENT_MAX_BYTES: '1048576' })).toBe(1048576);
  expect(attachmentMaxBytes({ ATTACHMENT_MAX_BYTES: '-5' })).toBe(DEFAULT_MAX_BYTES);
  expect(attachmentMaxBytes({ ATTACHMENT_MAX_BYTES: 'abc' })).toBe(DEFAULT_MAX_BYTES);
});
