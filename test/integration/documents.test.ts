// Directive documents and attachments over HTTP, on this run's database (SQLite, or MariaDB with
// DATABASE_URL=mysql://…).
import fs from 'node:fs';
import path from 'node:path';
import { startTestPlatform, type ApiResponse } from '../support/engine.js';
import { tinyPdf, tinyPng } from '../../engine/src/documents/__tests__/fixtures.js';
import { apiFetch } from '../support/openapi.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const countRows = async (table: string) => Number((await platform.db.knex(table).count({ n: '*' }).first())!.n);

/** Raw upload as an outside client would do it: the bytes as the body, the name in ?name= (or headers). */
async function upload(user: string, bytes: Buffer | string, name?: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const token = await platform.api.login(user);
  const q = name === undefined ? '' : `?name=${encodeURIComponent(name)}`;
  return platform.api.request('POST', `/api/attachments${q}`, { token, raw: bytes, headers: { 'content-type': 'application/octet-stream', ...headers } });
}

async function download(user: string, id: number) {
  const token = await platform.api.login(user);
  const res = await apiFetch(platform.url, `/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

let seq = 0;
const base = (over: Record<string, unknown> = {}) => ({
  number: String(++seq),
  notation: 'KH-UBND',
  issuedDate: '2026-03-02',
  type: 'ke-hoach',
  issuerName: 'UBND thành phố Hà Nội',
  issuerCode: '000.00.00.H26',
  subject: `Kế hoạch triển khai số ${seq}`,
  signerPosition: 'Phó Chủ tịch',
  signerName: 'Nguyễn Văn A',
  ...over,
});

function blobFiles(): string[] {
  const root = path.join(platform.engine.services.config.dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true })
    .map((p) => String(p).split(path.sep).join('/'))
    .filter((p) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(p));
}

test('a clerk registers a document with a PDF and a PNG; both download byte-identical, as attachments', async () => {
  const pdf = tinyPdf('Ke hoach so 12');
  const png = tinyPng(3, 2);
  const a = await upload('ubnd.clerk', pdf, 'Kế hoạch số 12.pdf');
  expect(a.status).toBe(201);
  expect(a.body).toMatchObject({ id: expect.any(Number), size: pdf.length, contentType: 'application/pdf', name: 'Kế hoạch số 12.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  // the name may also come percent-encoded in X-File-Name
  const b = await upload('ubnd.clerk', png, undefined, { 'x-file-name': encodeURIComponent('Sơ đồ tổ chức.png'), 'content-type': 'image/png' });
  expect(b.status).toBe(201);
  expect(b.body).toMatchObject({ contentType: 'image/png', name: 'Sơ đồ tổ chức.png', size: png.length });

  const created = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', {
    ...base({ urgency: 'khan', dueDate: '2026-04-30', recipients: [{ code: '000.00.02.H26', name: 'Sở Nội vụ' }] }),
    attachmentIds: [a.body.id, b.body.id],
  });
  expect(created.status).toBe(201);
  const doc = created.body;
  expect(doc).toMatchObject({ pillar: 'ubnd', unitName: 'Văn phòng UBND thành phố', issuedDate: '2026-03-02', dueDate: '2026-04-30', urgency: 'khan', classification: 'thuong', status: 'active', version: 1 });
  expect(doc.attachments.map((x: any) => [x.id, x.name])).toEqual([
    [a.body.id, 'Kế hoạch số 12.pdf'],
    [b.body.id, 'Sơ đồ tổ chức.png'],
  ]);
  const audit = await platform.db.knex('audit_log').where({ action: 'document.create', subject_id: String(doc.id) });
  expect(audit).toHaveLength(1);

  // a leader of the pillar reads it and downloads both files
  const read = await platform.api.as('ubnd.leader', 'GET', `/api/documents/${doc.id}`);
  expect(read.status).toBe(200);
  expect(read.body.attachments).toHaveLength(2);
  const d1 = await download('ubnd.leader', a.body.id);
  expect(d1.status).toBe(200);
  expect(d1.bytes.equals(pdf)).toBe(true);
  expect(d1.headers.get('content-type')).toBe('application/pdf');
  expect(d1.headers.get('content-disposition')).toBe(`attachment; filename="Ke hoach so 12.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%2012.pdf`);
  expect(d1.headers.get('x-content-type-options')).toBe('nosniff');
  const d2 = await download('ubnd.leader', b.body.id);
  expect(d2.bytes.equals(png)).toBe(true);
  expect(d2.headers.get('content-type')).toBe('image/png');

  // an upload links once: reusing it for another document is refused, nothing is written
  const before = await countRows('documents');
  const again = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', { ...base(), attachmentIds: [a.body.id] });
  expect(again.status).toBe(422);
  expect(again.body.error.details).toEqual([{ path: '/attachmentIds/0', message: expect.any(String) }]);
  expect(await countRows('documents')).toBe(before);
});

test('the same bytes uploaded twice: two attachments, one blob on disk', async () => {
  const bytes = tinyPng(5, 5, [1, 2, 3]);
  const before = blobFiles().length;
  const x = await upload('ubnd.clerk', bytes, 'lan-1.png');
  const y = await upload('ubnd.staff', bytes, 'lan-2.png');
  expect([x.status, y.status]).toEqual([201, 201]);
  expect(x.body.id).not.toBe(y.body.id);
  expect(x.body.sha256).toBe(y.body.sha256);
  expect(blobFiles().length).toBe(before + 1);
  expect(blobFiles()).toContain(`${x.body.sha256.slice(0, 2)}/${x.body.sha256.slice(2, 4)}/${x.body.sha256}`);
});

test('a file named .pdf that is really a PNG is refused with 415 and a clear message; nothing is kept', async () => {
  const rows = await countRows('attachments');
  const files = blobFiles().length;
  const r = await upload('ubnd.clerk', tinyPng(4, 4, [9, 9, 9]), 'Quyết định.pdf');
  expect(r.status).toBe(415);
  expect(r.body.error.code).toBe('unsupported_file_type');
  expect(r.body.error.message).toMatch(/PNG.*không phải PDF/);
  expect(await countRows('attachments')).toBe(rows);
  expect(blobFiles().length).toBe(files);
  // a JSON body is not an upload
  const json = await platform.api.as('ubnd.clerk', 'POST', '/api/attachments', { name: 'x.pdf' });
  expect(json.status).toBe(415);
  // and nobody uploads anonymously
  expect((await platform.api.request('POST', '/api/attachments?name=a.txt', { raw: 'abc' })).status).toBe(401);
});

test('over the size limit: 413, before reading when the length is declared, and while streaming', async () => {
  const previous = process.env.ATTACHMENT_MAX_BYTES;
  process.env.ATTACHMENT_MAX_BYTES = '1000';
  try {
    const rows = await countRows('attachments');
    const r = await upload('ubnd.clerk', Buffer.alloc(4000, 0x61), 'lon.txt');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
    // no Content-Length: the stream is counted
    const token = await platform.api.login('ubnd.clerk');
    const chunks = [Buffer.alloc(600, 0x62), Buffer.alloc(600, 0x62)];
    const stream = new ReadableStream({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    const res = await apiFetch(platform.url, `/api/attachments?name=lon.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe('payload_too_large');
    expect(await countRows('attachments')).toBe(rows);
  } finally {
    if (previous === undefined) delete process.env.ATTACHMENT_MAX_BYTES;
    else process.env.ATTACHMENT_MAX_BYTES = previous;
  }
  expect((await platform.api.request('GET', '/healthz')).status).toBe(200);
});

test('422 with JSON Pointers: missing subject, unknown urgency, bad date, unknown type; nothing written', async () => {
  const before = await countRows('documents');
  const { subject: _s, ...noSubject } = base();
  const r = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', { ...noSubject, urgency: 'rat-gap', issuedDate: '2026-02-30', notation: 'X'.repeat(31) });
  expect(r.status).toBe(422);
  expect(r.body.error.code).toBe('validation_failed');
  const paths = r.body.error.details.map((d: any) => d.path).sort();
  expect(paths).toEqual(['/issuedDate', '/notation', '/subject']);
  // the schema passes, the catalogs do not
  const c = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base({ urgency: 'rat-gap', type: 'khong-co', classification: 'mat' }));
  expect(c.status).toBe(422);
  expect(c.body.error.details.map((d: any) => d.path).sort()).toEqual(['/type', '/urgency']);
  expect(c.body.error.details[0].message).toMatch(/không có trong danh mục/);
  const blank = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base({ subject: '   ' }));
  expect(blank.body.error.details).toEqual([{ path: '/subject', message: 'Không được để trống' }]);
  expect(await countRows('documents')).toBe(before);
});

test('another pillar neither reads nor lists nor downloads it (404, denial logged); a clerk cannot file into another unit', async () => {
  const png = await upload('ubnd.clerk', tinyPng(1, 1, [0, 0, 0]), 'anh.png');
  const doc = (await platform.api.as('ubnd.clerk', 'POST', '/api/documents', { ...base({ subject: 'Văn bản nội bộ UBND' }), attachmentIds: [png.body.id] })).body;
  const denied = await platform.api.as('hdnd.leader', 'GET', `/api/documents/${doc.id}`);
  expect(denied.status).toBe(404);
  expect(denied.body.error.code).toBe('not_found');
  expect((await platform.api.as('hdnd.leader', 'GET', `/api/documents/999999`)).status).toBe(404);
  const list = await platform.api.as('hdnd.leader', 'GET', '/api/documents?limit=100');
  expect(list.status).toBe(200);
  expect(list.body.items.map((d: any) => d.id)).not.toContain(doc.id);
  expect(list.body.items.every((d: any) => d.pillar === 'hdnd')).toBe(true);
  expect((await download('hdnd.leader', png.body.id)).status).toBe(404);
  expect((await platform.api.as('hdnd.clerk', 'PATCH', `/api/documents/${doc.id}`, { version: 1, subject: 'x' })).status).toBe(404);
  const logged = await platform.db.knex('audit_log').where({ action: 'access.denied', actor: 'hdnd.leader' });
  expect(logged.length).toBeGreaterThanOrEqual(2);

  const soNoiVu = await platform.db.knex('units').where({ code: '000.00.02.H26' }).first('id');
  const other = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base({ unitId: soNoiVu.id }));
  expect(other.status).toBe(403);
});

test('an unlinked upload is its uploader’s alone', async () => {
  const u = await upload('ubnd.clerk', 'Ghi chú riêng\n', 'ghi-chu.txt');
  expect(u.status).toBe(201);
  expect(u.body.contentType).toBe('text/plain; charset=utf-8');
  expect((await download('ubnd.clerk', u.body.id)).status).toBe(200);
  expect((await download('ubnd.leader', u.body.id)).status).toBe(404);
  expect((await download('ubnd.admin', u.body.id)).status).toBe(404);
  // and someone else cannot link it
  const r = await platform.api.as('ubnd.admin', 'POST', '/api/documents', { ...base(), attachmentIds: [u.body.id] });
  expect(r.status).toBe(422);
  expect(r.body.error.details[0].path).toBe('/attachmentIds/0');
});

test('list: filters, subtree, sort, offset and cursor pagination with an exact total', async () => {
  const soNoiVu = await platform.db.knex('units').where({ code: '000.00.02.H26' }).first('id', 'path');
  const make = (user: string, over: Record<string, unknown>) => platform.api.as(user, 'POST', '/api/documents', base(over));
  const tag = 'LOC-' + Date.now();
  const made = [
    await make('ubnd.clerk', { subject: `${tag} chỉ thị về phòng cháy`, type: 'chi-thi', urgency: 'hoa-toc', issuedDate: '2026-01-10' }),
    await make('ubnd.clerk', { subject: `${tag} kế hoạch chuyển đổi số`, type: 'ke-hoach', issuedDate: '2026-02-10' }),
    await make('ubnd.clerk', { subject: `${tag} thông báo kết luận`, type: 'thong-bao', urgency: 'khan', issuedDate: '2026-02-20', notation: 'TB-VP' }),
    await make('ubnd.admin', { subject: `${tag} kế hoạch của Sở Nội vụ`, type: 'ke-hoach', issuedDate: '2026-03-05', unitId: soNoiVu.id }),
    await make('ubnd.admin', { subject: `${tag} kế hoạch cũ`, type: 'ke-hoach', issuedDate: '2025-12-31', unitId: soNoiVu.id, status: 'revoked' }),
  ];
  expect(made.map((m) => m.status)).toEqual([201, 201, 201, 201, 201]);
  const ids = made.map((m) => m.body.id);
  const get = async (user: string, qs: string) => {
    const r = await platform.api.as(user, 'GET', `/api/documents?q=${encodeURIComponent(tag)}&${qs}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  const all = await get('ubnd.leader', 'limit=100');
  expect(all.total).toBe(5);
  expect(all.items.map((d: any) => d.issuedDate)).toEqual(['2026-03-05', '2026-02-20', '2026-02-10', '2026-01-10', '2025-12-31']);
  expect((await get('ubnd.leader', 'type=ke-hoach')).total).toBe(3);
  expect((await get('ubnd.leader', 'type=ke-hoach,chi-thi&status=active')).total).toBe(3);
  expect((await get('ubnd.leader', 'urgency=hoa-toc')).items.map((d: any) => d.id)).toEqual([ids[0]]);
  expect((await get('ubnd.leader', 'from=2026-02-01&to=2026-02-28')).items.map((d: any) => d.id).sort()).toEqual([ids[1], ids[2]].sort());
  expect((await get('ubnd.leader', `unitId=${soNoiVu.id}`)).total).toBe(2);
  expect((await get('ubnd.leader', 'status=revoked')).items.map((d: any) => d.id)).toEqual([ids[4]]);
  expect((await get('ubnd.leader', 'sort=issuedDate&limit=1')).items[0].id).toBe(ids[4]);
  // q also searches the notation; LIKE wildcards in q are literal
  expect((await platform.api.as('ubnd.leader', 'GET', `/api/documents?q=TB-VP`)).body.items.map((d: any) => d.id)).toContain(ids[2]);
  expect((await platform.api.as('ubnd.leader', 'GET', `/api/documents?q=${encodeURIComponent(tag.replace('-', '_'))}`)).body.total).toBe(0);

  // the clerk of the office sees its own unit's subtree only
  const clerk = await get('ubnd.clerk', 'limit=100');
  expect(clerk.total).toBe(3);
  expect(clerk.items.every((d: any) => d.unitName === 'Văn phòng UBND thành phố')).toBe(true);

  // offset pages and cursor pages walk the same rows, the total stays exact
  const p1 = await get('ubnd.leader', 'limit=2');
  const p2 = await get('ubnd.leader', 'limit=2&offset=2');
  const p3 = await get('ubnd.leader', 'limit=2&offset=4');
  expect([p1.total, p2.total, p3.total]).toEqual([5, 5, 5]);
  const byOffset = [...p1.items, ...p2.items, ...p3.items].map((d: any) => d.id);
  const byCursor: number[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await get('ubnd.leader', `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.total).toBe(5);
    byCursor.push(...page.items.map((d: any) => d.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(byCursor).toEqual(byOffset);
  expect(new Set(byCursor).size).toBe(5);
  // a timestamp sort (DATETIME on MariaDB, text on SQLite) pages the same way, newest first
  const byCreated: number[] = [];
  cursor = null;
  do {
    const page: any = await get('ubnd.leader', `sort=-createdAt&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    byCreated.push(...page.items.map((d: any) => d.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(byCreated).toEqual([...ids].reverse());
  // a cursor belongs to its sort
  const first: any = await get('ubnd.leader', 'limit=1');
  expect((await platform.api.as('ubnd.leader', 'GET', `/api/documents?sort=createdAt&cursor=${first.nextCursor}`)).status).toBe(400);
  expect(p1.items[0].attachmentCount).toBe(0);

  const bad = await platform.api.as('ubnd.leader', 'GET', '/api/documents?from=2026-13-01&limit=0&sort=subject&cursor=xyz');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['/cursor', '/from', '/limit', '/sort']);
});

test('optimistic locking: a stale version gets 409; the right one saves and bumps the version', async () => {
  const doc = (await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base())).body;
  const ok = await platform.api.as('ubnd.clerk', 'PATCH', `/api/documents/${doc.id}`, { version: 1, subject: 'Trích yếu đã sửa', dueDate: '2026-05-15' });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ version: 2, subject: 'Trích yếu đã sửa', dueDate: '2026-05-15', number: doc.number });
  const stale = await platform.api.as('ubnd.clerk', 'PATCH', `/api/documents/${doc.id}`, { version: 1, subject: 'Ghi đè' });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('conflict');
  expect((await platform.api.as('ubnd.clerk', 'GET', `/api/documents/${doc.id}`)).body.subject).toBe('Trích yếu đã sửa');
  // a later upload can be added; clearing the due date with null works
  const att = await upload('ubnd.clerk', tinyPdf('Phu luc'), 'Phụ lục.pdf');
  const more = await platform.api.as('ubnd.clerk', 'PATCH', `/api/documents/${doc.id}`, { version: 2, dueDate: null, attachmentIds: [att.body.id] });
  expect(more.status).toBe(200);
  expect(more.body).toMatchObject({ version: 3, dueDate: null });
  expect(more.body.attachments.map((a: any) => a.name)).toEqual(['Phụ lục.pdf']);
  // a leader reads but may not edit; a patch without a version is invalid
  expect((await platform.api.as('ubnd.leader', 'PATCH', `/api/documents/${doc.id}`, { version: 3, subject: 'x' })).status).toBe(403);
  const noVersion = await platform.api.as('ubnd.clerk', 'PATCH', `/api/documents/${doc.id}`, { subject: 'x' });
  expect(noVersion.status).toBe(422);
  expect(noVersion.body.error.details[0].path).toBe('/version');
});

test('a file named ../../etc/passwd is stored under a harmless name and served with it', async () => {
  const r = await upload('ubnd.clerk', 'root:x:0:0:root:/root:/bin/bash\n', '../../etc/passwd');
  expect(r.status).toBe(201);
  expect(r.body.name).toBe('etc_passwd.txt');
  const d = await download('ubnd.clerk', r.body.id);
  expect(d.headers.get('content-disposition')).toBe(`attachment; filename="etc_passwd.txt"; filename*=UTF-8''etc_passwd.txt`);
  expect(d.bytes.toString()).toBe('root:x:0:0:root:/root:/bin/bash\n');
  const dataDir = platform.engine.services.config.dataDir;
  expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'attachments', 'etc'))).toBe(false);
});

test('an XSS payload in the subject is stored as is and returned as JSON data', async () => {
  const payload = `<script>alert('x')</script><img src=x onerror="alert(1)">"; DROP TABLE documents; --`;
  const created = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base({ subject: payload }));
  expect(created.status).toBe(201);
  const r = await platform.api.as('ubnd.clerk', 'GET', `/api/documents/${created.body.id}`);
  expect(r.body.subject).toBe(payload);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  expect(await countRows('documents')).toBeGreaterThan(0);
});

test('an edXML DocumentId is unique: the second registration is a 409', async () => {
  const externalId = '000.00.00.H26,2026/03/02,12/KH-UBND';
  expect((await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base({ externalId }))).status).toBe(201);
  const dup = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', base({ externalId }));
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe('conflict');
});
