// edXML import (plugins/edxml) over HTTP against a real engine: the directive with two attachments is
// stored with both files byte-identical, the same DocumentId again creates nothing, update and revoke
// messages change the document, malformed messages are refused with the element path and the reason and
// write nothing; the variants (flat, default namespace, other prefixes, dd/MM/yyyy, missing parts,
// replacement, ResponseFor) import; the drop folder imports with progress and logs what it rejects;
// status messages go to the outbox folder. Every answer is checked against the OpenAPI document.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPlatform } from '../support/engine.js';
import { openapiStats } from '../support/openapi.js';
import { apiFetch } from '../support/openapi.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/edxml');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const TWO = '000.00.00.H26,2026/10/06,4600/UBND-ĐT';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let clerk: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-edxml-'));
const inbox = path.join(work, 'inbox');
const outbox = path.join(work, 'outbox');

beforeAll(async () => {
  platform = await startTestPlatform({ env: { ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), JOBS_SCHEDULE: 'off', PLUGINS: 'edxml', EDXML_ACCOUNT: 'ubnd.clerk', EDXML_ASSIGNER: 'ubnd.leader', EDXML_INBOX_DIR: inbox, EDXML_OUTBOX_DIR: outbox, EDXML_ORGAN_ID: '000.00.01.H26' } });
  clerk = await platform.api.login('ubnd.clerk');
}, 120_000);
afterAll(async () => {
  await platform?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const post = (file: string | Buffer, token = clerk) =>
  platform.api.request('POST', '/api/integrations/edxml', { token, raw: typeof file === 'string' ? fixture(file) : file, headers: { 'content-type': 'application/xml' } });
const knex = () => platform.engine.services.knex;
const counts = async () => {
  const n = async (t: string) => Number((await knex()(t).count({ n: '*' }).first())!.n);
  return { documents: await n('documents'), attachments: await n('attachments'), tasks: await n('tasks'), messages: await n('edxml_messages'), outbox: await n('outbox_messages') };
};
const waitFor = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

let twoId: number;

test('a directive with two attachments becomes a document with both files byte-identical, and draft tasks for the addressed units', async () => {
  const r = await post('directive-two-attachments.edxml');
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ documentId: expect.any(Number), outcome: 'created' });
  twoId = r.body.documentId;
  const doc = (await platform.api.request('GET', `/api/documents/${twoId}`, { token: clerk })).body;
  expect(doc).toMatchObject({ externalId: TWO, number: '4600', notation: 'UBND-ĐT', issuedDate: '2026-10-06', dueDate: '2026-10-30', type: 'cong-van', urgency: 'khan', issuerCode: '000.00.00.H26', status: 'active' });
  expect(doc.recipients.map((x: any) => x.code)).toEqual(['000.00.05.H26', '000.00.02.H26']);
  expect(doc.attachments).toHaveLength(2);
  const originals = [fixture('main.pdf'), fixture('appendix.png')];
  for (const [i, a] of doc.attachments.entries()) {
    const res = await apiFetch(platform.url, a.url, { headers: { authorization: `Bearer ${clerk}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(originals[i]!)).toBe(true);
  }
  expect(doc.attachments.map((a: any) => a.contentType)).toEqual(['application/pdf', 'image/png']);
  // one draft task per addressed unit, matched by organisation code, in the draft state
  const tasks = await knex()('tasks as t').join('units as u', 'u.id', 't.lead_unit_id').where('t.source_document_id', twoId).orderBy('u.code').select('u.code', 't.state');
  expect(tasks).toEqual([
    { code: '000.00.02.H26', state: 'du-thao' },
    { code: '000.00.05.H26', state: 'du-thao' },
  ]);
  // status 03 (received) to the sender, in the outbox folder
  await waitFor(() => fs.existsSync(outbox) && fs.readdirSync(outbox).some((f) => f.endsWith('-03.xml')));
  const status = fs.readFileSync(path.join(outbox, fs.readdirSync(outbox).find((f) => f.endsWith('-03.xml'))!), 'utf8');
  expect(status).toContain('<edXML:StatusCode>03</edXML:StatusCode>');
  expect(status).toContain(`<edXML:DocumentId>${TWO}</edXML:DocumentId>`);
});

test('the same DocumentId again creates nothing new: 200 with the same id', async () => {
  const before = await counts();
  const r = await post('directive-two-attachments.edxml');
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ documentId: twoId, outcome: 'duplicate' });
  expect(await counts()).toEqual(before);
});

test('an update message updates the document (the same files are not added twice); a revoke message marks it revoked', async () => {
  const up = await post('update-two-attachments.edxml');
  expect(up.status).toBe(200);
  expect(up.body).toMatchObject({ documentId: twoId, outcome: 'updated' });
  let doc = (await platform.api.request('GET', `/api/documents/${twoId}`, { token: clerk })).body;
  expect(doc.subject).toContain('cập nhật hạn báo cáo');
  expect(doc.dueDate).toBe('2026-11-05');
  expect(doc.attachments).toHaveLength(2);

  const rv = await post('revoke-two-attachments.edxml');
  expect(rv.status).toBe(200);
  expect(rv.body).toMatchObject({ documentId: twoId, outcome: 'revoked' });
  doc = (await platform.api.request('GET', `/api/documents/${twoId}`, { token: clerk })).body;
  expect(doc.status).toBe('revoked');
  expect((await post('revoke-two-attachments.edxml')).body).toMatchObject({ documentId: twoId, outcome: 'duplicate' });
  await waitFor(() => fs.readdirSync(outbox).some((f) => f.endsWith('-13.xml')));
});

test('malformed messages are refused with the element path and the reason, and nothing is written', async () => {
  const before = await counts();
  const unclosed = await post('malformed-unclosed.edxml');
  expect(unclosed.status).toBe(422);
  expect(unclosed.body.error.details[0].path).toMatch(/^\/edXML\/edXMLEnvelope\/edXMLHeader\/MessageHeader\/Subject/);
  expect(unclosed.body.error.details[0].message).toMatch(/dòng \d+, cột \d+/);

  const invalid = await post('malformed-invalid-values.edxml');
  expect(invalid.status).toBe(422);
  const byPath = Object.fromEntries(invalid.body.error.details.map((d: any) => [d.path, d.message]));
  const h = '/edXML/edXMLEnvelope/edXMLHeader/MessageHeader';
  expect(byPath[`${h}/PromulgationInfo/PromulgationDate`]).toMatch(/31\/02\/2026/);
  expect(byPath[`${h}/DueDate`]).toMatch(/2026\/13\/01/);
  expect(byPath[`${h}/Subject`]).toMatch(/trích yếu/);
  expect(byPath['/edXML/AttachmentEncoded/Attachment[2]/ContentTransferEncoded']).toMatch(/base64/);

  const mismatch = await post('malformed-type-mismatch.edxml');
  expect(mismatch.status).toBe(422);
  expect(mismatch.body.error.details).toEqual([{ path: '/edXML/AttachmentEncoded/Attachment[2]', message: expect.stringMatching(/PNG/) }]);

  const notEdxml = await post('malformed-not-edxml.xml');
  expect(notEdxml.status).toBe(422);
  expect(notEdxml.body.error.details[0]).toEqual({ path: '/Document', message: expect.stringMatching(/edXML/) });

  expect(await counts()).toEqual(before);
  // each refusal is in the log of rejected messages, with its paths
  const rejections = (await platform.api.as('admin', 'GET', '/api/integrations/rejections?plugin=edxml')).body.items;
  expect(rejections.length).toBeGreaterThanOrEqual(4);
  expect(rejections.some((r: any) => r.details.some((d: any) => d.path === `${h}/DueDate`))).toBe(true);
});

test('variants: flat with a default namespace and dd/MM/yyyy, another prefix, missing optional parts, the shared sample', async () => {
  const flat = await post('flat-default-namespace.edxml');
  expect(flat.status).toBe(201);
  expect(flat.body.warnings.join()).toContain('999.99.99.X99');
  const flatDoc = (await platform.api.request('GET', `/api/documents/${flat.body.documentId}`, { token: clerk })).body;
  expect(flatDoc).toMatchObject({ issuedDate: '2026-10-07', dueDate: '2026-11-15', number: '4601', notation: 'UBND-KT', signerName: null, urgency: 'thuong' });
  expect(flat.body.taskIds).toHaveLength(1); // Sở Y tế only: the other recipient matches no unit

  const other = await post('other-prefix-ddmmyyyy.edxml');
  expect(other.status).toBe(201);
  const otherDoc = (await platform.api.request('GET', `/api/documents/${other.body.documentId}`, { token: clerk })).body;
  expect(otherDoc).toMatchObject({ issuedDate: '2026-10-08', dueDate: '2026-10-31' });
  expect(otherDoc.attachments[0].contentType).toBe('application/pdf');

  const minimal = await post('minimal-no-optional.edxml');
  expect(minimal.status).toBe(201);
  expect((await platform.api.request('GET', `/api/documents/${minimal.body.documentId}`, { token: clerk })).body).toMatchObject({ issuedDate: '2026-10-09', number: '4603', attachments: [] });

  const sample = await post('sample-directive.edxml');
  expect(sample.status).toBe(201);
  expect((await platform.api.request('GET', `/api/documents/${sample.body.documentId}`, { token: clerk })).body.attachments).toHaveLength(1);

  // a replacement marks the replaced document; ResponseFor links to the earlier document
  const replace = await post('replace-flat.edxml');
  expect(replace.status).toBe(201);
  expect((await platform.api.request('GET', `/api/documents/${flat.body.documentId}`, { token: clerk })).body.status).toBe('replaced');
  const answer = await post('response-for.edxml');
  expect(answer.status).toBe(201);
  const answerDoc = (await platform.api.request('GET', `/api/documents/${answer.body.documentId}`, { token: clerk })).body;
  expect(answerDoc.responseFor).toEqual([expect.objectContaining({ documentId: twoId, externalId: TWO })]);
});

test('assigning a draft task from an imported document sends status 04 to the sender', async () => {
  const taskId = (await knex()('tasks').where({ source_document_id: (await knex()('documents').where({ external_id: '000.00.00.H26,2026/10/12,4620/UBND-ĐT' }).first('id')).id }).first('id')).id;
  const r = await platform.api.as('ubnd.leader', 'POST', `/api/tasks/${taskId}/transitions/giao`, {});
  expect(r.status).toBe(200);
  await waitFor(() => fs.readdirSync(outbox).some((f) => f.includes('4620') && f.endsWith('-04.xml')));
});

test('the drop folder: each scan is an import with progress, rejected files are logged and moved aside', async () => {
  fs.mkdirSync(inbox, { recursive: true });
  const old = new Date(Date.now() - 60_000);
  for (const [name, file] of [
    ['a.xml', 'other-prefix-ddmmyyyy.edxml'],
    ['b.edxml', 'malformed-invalid-values.edxml'],
  ]) {
    fs.writeFileSync(path.join(inbox, name), fixture(file));
    fs.utimesSync(path.join(inbox, name), old, old);
  }
  const result: any = await platform.engine.services.jobs.runNow('edxml.inbox');
  expect(result).toMatchObject({ processed: 2, imported: 0, duplicates: 1, rejected: 1 });
  expect(fs.existsSync(path.join(inbox, 'done', 'a.xml'))).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(inbox, 'rejected', 'b.edxml.error.json'), 'utf8')).details.length).toBeGreaterThan(0);
  const imp = (await platform.api.as('admin', 'GET', `/api/integrations/imports/${result.importId}`)).body;
  expect(imp).toMatchObject({ source: 'folder', status: 'done', total: 2, processed: 2, duplicates: 1, rejected: 1 });
  expect(imp.rejections[0]).toMatchObject({ item: 'b.edxml', reason: expect.any(String) });
});

test('an integration with a client-credentials token (scope edxml:import) imports as EDXML_ACCOUNT; other scopes are refused', async () => {
  const token = async (scope: string) => {
    const reg = await platform.api.as('admin', 'POST', '/api/oidc/clients', { name: `QLVB ${scope}`, grantTypes: ['client_credentials'], scopes: [scope] });
    expect(reg.status).toBe(201);
    const res = await fetch(`${platform.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${reg.body.clientId}:${reg.body.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
    });
    return ((await res.json()) as any).access_token as string;
  };
  const xml = fixture('minimal-no-optional.edxml').toString('utf8').replace('4603/UBND-TH', '4650/UBND-TH');
  expect((await post(Buffer.from(xml), await token('units:read'))).status).toBe(403);
  const r = await post(Buffer.from(xml), await token('edxml:import'));
  expect(r.status).toBe(201);
  const row = await knex()('documents').where({ id: r.body.documentId }).first('created_by');
  expect(Number(row.created_by)).toBe(Number((await knex()('users').where({ username: 'ubnd.clerk' }).first('id')).id));
});

test('every answer above matches the OpenAPI document', () => {
  expect(openapiStats().validated).toBeGreaterThan(20); // every answer of the ApiClient is checked (test/support/openapi.ts)
  expect(openapiStats().mismatches).toEqual([]);
});
