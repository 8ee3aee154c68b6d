// Issue 4: common attacks against the API, over HTTP as an attacker would send them — SQL injection and
// XSS payloads in every string input of the main write routes (stored and returned as inert data, no
// 500, no SQL in any answer), CSRF on every unsafe route of a cookie session, oversized and deeply
// nested JSON, path traversal through attachment names and URLs, open redirects through returnTo,
// redirect_uri and post_logout_redirect_uri, and error answers without stack traces or SQL.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tinyPdf } from '../../engine/src/documents/__tests__/fixtures.js';
import { startTestPlatform, SEED_PASSWORD, type ApiResponse } from '../support/engine.js';
import { formAction, hiddenField, HttpBrowser } from '../support/http-browser.js';
import { apiFetch } from '../support/openapi.js';

const NO_LIMITS = { RATE_LIMIT_PER_IP_PER_MIN: '0', RATE_LIMIT_PER_ACCOUNT_PER_MIN: '0', RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '0' };
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let units: any[];
const unit = (code: string) => units.find((u) => u.code === code);

beforeAll(async () => {
  platform = await startTestPlatform({ env: NO_LIMITS });
  units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

export const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE tasks; --",
  '" OR 1=1 -- ',
  "1' UNION SELECT password_hash, username FROM users --",
  "x'); DELETE FROM audit_log; --",
  "\\'; SELECT SLEEP(5); --",
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  "javascript:alert('x')",
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7} #{7*7} <%= 7*7 %>',
  '%27%20OR%201%3D1--',
  '__proto__',
  'Đồng ý – “trích yếu” 😀',
];

/** No answer may carry database or stack-trace text. */
const LEAKS = /SQLITE_|sqlite3?|ER_[A-Z_]{3,}|syntax error|near "|mysql|mariadb|knex|node_modules|\bat .+\.[jt]s:\d+|Error: .+\n\s+at /i;
function inert(label: string, r: ApiResponse) {
  // (the payloads themselves, echoed back as data, are not leaks)
  let text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  for (const p of PAYLOADS) text = text.split(JSON.stringify(p).slice(1, -1)).join('').split(p).join('');
  expect([label, r.status < 500]).toEqual([label, true]);
  expect([label, LEAKS.test(text) ? text.slice(0, 300) : null]).toEqual([label, null]);
  if (r.status >= 400) expect([label, r.headers.get('content-type')]).toEqual([label, expect.stringContaining('application/json')]);
}

describe('SQL injection and XSS payloads are only data', () => {
  test('tasks: title, form fields and a transition comment are stored and returned byte for byte', async () => {
    const api = platform.api;
    const root = unit('000.00.00.H26');
    for (const p of PAYLOADS) {
      const created = await api.as('ubnd.admin', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: p, leadUnitId: root.id, data: { noiDung: p, nguonGiao: 'van-ban', yeuCau: p, ghiChu: p } });
      inert(`task ${p}`, created);
      expect([p, created.status]).toEqual([p, 201]);
      const read = await api.as('ubnd.admin', 'GET', `/api/tasks/${created.body.id}`);
      expect(read.headers.get('content-type')).toContain('application/json');
      expect([read.body.title, read.body.data.noiDung, read.body.data.yeuCau, read.body.data.ghiChu]).toEqual([p, p, p, p]);
      const back = await api.as('ubnd.admin', 'POST', `/api/tasks/${created.body.id}/transitions/tra-lai`, { comment: p });
      inert(`comment ${p}`, back);
      expect(back.status).toBe(200);
      const history = (await api.as('ubnd.admin', 'GET', `/api/tasks/${created.body.id}/history`)).body.items;
      expect(JSON.stringify(history)).toContain(JSON.stringify(p).slice(1, -1));
      // the payload as a task type, a unit id or a search is refused or finds nothing — never an error
      inert(`type ${p}`, await api.as('ubnd.admin', 'POST', '/api/tasks', { type: p, title: 'x', leadUnitId: root.id }));
      inert(`leadUnitId ${p}`, await api.as('ubnd.admin', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'x', leadUnitId: p }));
    }
    const found = await api.as('ubnd.admin', 'GET', `/api/tasks?q=${encodeURIComponent("' OR '1'='1")}`);
    expect(found.body.items.map((t: any) => t.title)).toEqual(["' OR '1'='1"]);
    expect(Number((await platform.db.knex('users').count({ n: '*' }).first())!.n)).toBeGreaterThan(20);
  }, 180_000);

  test('documents: every text field and the recipients are stored and returned byte for byte', async () => {
    const api = platform.api;
    for (const p of PAYLOADS) {
      const body = { number: p.slice(0, 11), notation: p.slice(0, 30), issuedDate: '2026-03-02', type: 'ke-hoach', issuerName: p, subject: p, signerPosition: p, signerName: p, recipients: [{ name: p }], externalId: p };
      const created = await api.as('ubnd.clerk', 'POST', '/api/documents', body);
      inert(`document ${p}`, created);
      expect([p, created.status]).toEqual([p, 201]);
      const read = (await api.as('ubnd.clerk', 'GET', `/api/documents/${created.body.id}`)).body;
      // (texts are stored trimmed)
      const t = p.trim();
      expect([read.number, read.notation, read.issuerName, read.subject, read.signerName, read.recipients[0].name]).toEqual([body.number.trim(), body.notation.trim(), t, t, t, t]);
      const patched = await api.as('ubnd.clerk', 'PATCH', `/api/documents/${created.body.id}`, { version: read.version, subject: `${p} (2)` });
      inert(`patch ${p}`, patched);
      expect(patched.body.subject).toBe(`${p} (2)`.trim());
    }
  }, 180_000);

  test('metadata: payloads in a form’s texts are stored as written; in a kind or key they are refused', async () => {
    const api = platform.api;
    const form = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
    const evil = structuredClone(form);
    evil.title = `<script>alert(1)</script>' OR '1'='1; DROP TABLE metadata_documents; --`;
    evil.schema.properties.ghiChu.title = '<script>alert(1)</script>';
    const saved = await api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu-thu?pillar=ubnd', evil);
    inert('form', saved);
    expect([saved.status, saved.body.error?.details]).toEqual([200, undefined]);
    const draft = await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu-thu?pillar=ubnd&version=draft');
    expect(draft.body.body.title).toBe(evil.title);
    expect(draft.body.body.schema.properties.ghiChu.title).toBe('<script>alert(1)</script>');
    for (const p of PAYLOADS) {
      const e = encodeURIComponent(p);
      inert(`key ${p}`, await api.as('ubnd.admin', 'PUT', `/api/metadata/form/${e}?pillar=ubnd`, evil));
      inert(`kind ${p}`, await api.as('ubnd.admin', 'GET', `/api/metadata/${e}/nhiem-vu`));
      inert(`pillar ${p}`, await api.as('ubnd.admin', 'GET', `/api/metadata/form/nhiem-vu?pillar=${e}`));
    }
  }, 180_000);

  test('sign-in: payloads as user name or password are a plain 401 (or 400), the same for everyone', async () => {
    for (const p of PAYLOADS) {
      const r = await platform.api.request('POST', '/api/auth/login', { body: { username: p, password: p } });
      inert(`login ${p}`, r);
      expect([p, r.status]).toEqual([p, 401]);
      expect(r.body.error.code).toBe('invalid_credentials');
      const admin = await platform.api.request('POST', '/api/auth/login', { body: { username: `admin${p}`, password: SEED_PASSWORD } });
      expect(admin.status).toBe(401);
    }
    for (const body of [{ username: ['admin'], password: SEED_PASSWORD }, { username: { $ne: null }, password: { $ne: null } }, { username: 'admin', password: { toString: 1 } }, { username: 'x'.repeat(5000), password: 'x' }])
      inert(`login ${JSON.stringify(body).slice(0, 40)}`, await platform.api.request('POST', '/api/auth/login', { body }));
  }, 180_000);

  test('list filters, sorts and cursors with payloads: refused or empty, never an error', async () => {
    const api = platform.api;
    const cursors = [Buffer.from(JSON.stringify([{ a: 1 }, [1, 2]])).toString('base64url'), Buffer.from('["x", "1 OR 1=1"]').toString('base64url'), 'not-base64!!'];
    for (const p of [...PAYLOADS, ...cursors]) {
      const e = encodeURIComponent(p);
      for (const q of [`q=${e}`, `sort=${e}`, `type=${e}`, `document=${e}`, `parent=${e}`, `cursor=${e}`, `f.nguonGiao=${e}`, `f.tienDo=${e}`, `f.${e}=1`, `dueFrom=${e}`, `party=${e}`, `limit=${e}`, `leadUnit=${e}`, `state=${e}`, `category=${e}`])
        inert(`tasks ?${q}`, await api.as('ubnd.admin', 'GET', `/api/tasks?${q}`));
      for (const q of [`q=${e}`, `sort=${e}`, `unitId=${e}`, `cursor=${e}`, `from=${e}`, `type=${e}`, `status=${e}`])
        inert(`documents ?${q}`, await api.as('ubnd.admin', 'GET', `/api/documents?${q}`));
      for (const q of [`actor=${e}`, `action=${e}`, `from=${e}`, `cursor=${e}`, `subjectId=${e}`])
        inert(`audit ?${q}`, await api.as('admin', 'GET', `/api/audit?${q}`));
      inert(`units ${p}`, await api.as('ubnd.admin', 'GET', `/api/tasks/${e}`));
    }
    for (const t of ['tasks', 'documents', 'users', 'audit_log']) expect([t, await platform.db.knex.schema.hasTable(t)]).toEqual([t, true]);
  }, 180_000);
});

/** Signs in to the web apps through the provider's pages, as a browser; returns where it landed. */
async function signIn(browser: HttpBrowser, username: string, returnTo = '/') {
  const base = platform.url;
  let step = await browser.follow(`${base}/api/auth/sso/start?returnTo=${encodeURIComponent(returnTo)}`, (u) => !u.startsWith(`${base}/oidc`) && !u.startsWith(`${base}/api/auth/sso`));
  for (let i = 0; i < 5 && step.url.startsWith(`${base}/oidc`); i++) {
    const html = step.text ?? '';
    const login = formAction(html, '/login');
    const confirm = formAction(html, '/confirm');
    const res = await browser.request(new URL((login ?? confirm)!, base).toString(), { form: login ? { csrf: hiddenField(html, 'csrf'), username, password: SEED_PASSWORD } : { csrf: hiddenField(html, 'csrf') } });
    step = await browser.follow(new URL(res.headers.get('location')!, base).toString(), (u) => !u.startsWith(`${base}/oidc`) && !u.startsWith(`${base}/api/auth/sso`));
  }
  return step.url;
}

describe('CSRF', () => {
  test('every unsafe route of a cookie session refuses a request without the CSRF token (or with a wrong one), audited', async () => {
    const browser = new HttpBrowser();
    const landed = await signIn(browser, 'admin', '//evil.example/steal');
    expect(landed).toBe(`${platform.url}/`); // the off-site returnTo became "/"
    expect(browser.cookie('dondoc_session')).toBeTruthy();
    const csrf = browser.cookie('dondoc_csrf')!;
    const unsafe = platform.engine.routes.filter((r) => r.method !== 'get');
    expect(unsafe.length).toBeGreaterThan(15);
    const before = Number((await platform.db.knex('audit_log').where({ action: 'csrf.rejected' }).count({ n: '*' }).first())!.n);
    let attempts = 0;
    for (const r of unsafe) {
      const p = r.path.replace(/:(\w+)/g, (_, x) => (x === 'kind' ? 'form' : x === 'key' ? 'nhiem-vu' : x === 'day' ? '2026-12-01' : '1'));
      const variants: Record<string, string>[] = [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', 'x-csrf-token': 'sai' }, { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'text/plain', 'x-csrf-token': csrf.slice(0, -1) }];
      for (const headers of variants) {
        const res = await browser.request(`${platform.url}${p}`, { method: r.method.toUpperCase(), headers, body: headers['content-type'] === 'application/json' ? '{}' : 'a=1' });
        attempts++;
        expect([r.method, p, JSON.stringify(headers), res.status]).toEqual([r.method, p, JSON.stringify(headers), 403]);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
      }
    }
    const after = Number((await platform.db.knex('audit_log').where({ action: 'csrf.rejected' }).count({ n: '*' }).first())!.n);
    expect(after - before).toBe(attempts);
    // nothing was written by any of them, and the session still works with its token
    expect(await platform.db.knex('oidc_clients').where({ name: 'x' }).first().catch(() => undefined)).toBeUndefined();
    const ok = await browser.request(`${platform.url}/api/auth/mfa/setup`, { method: 'POST', headers: { 'x-csrf-token': csrf } });
    expect(ok.status).toBe(200);
    // the session cookie is HttpOnly and SameSite; the CSRF cookie is readable by the page but SameSite=Strict
    const cookies = (await apiFetch(platform.url, `/api/auth/sso/start`, { redirect: 'manual' })).headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/dondoc_sso=.*httponly/i);
  }, 180_000);
});

describe('oversized and deeply nested JSON', () => {
  test('every JSON write route answers 413 to a 2 MB body and 400 to deep nesting, and writes nothing', async () => {
    const token = await platform.api.login('admin');
    const before = Number((await platform.db.knex('metadata_documents').count({ n: '*' }).first())!.n);
    const big = JSON.stringify({ title: 'x', pad: 'a'.repeat(2 * 1024 * 1024) });
    const deepObject = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const deepArray = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    // (DELETE bodies are not read at all; attachments are raw bytes, not JSON)
    const routes = platform.engine.routes.filter((r) => !['get', 'delete'].includes(r.method) && r.path !== '/api/attachments');
    for (const r of routes) {
      const p = r.path.replace(/:(\w+)/g, (_, x) => (x === 'kind' ? 'form' : x === 'key' ? 'nhiem-vu' : x === 'day' ? '2026-12-01' : '1'));
      const send = (raw: string) => platform.api.request(r.method.toUpperCase(), p, { token, raw, headers: { 'content-type': 'application/json' } });
      const tooBig = await send(big);
      expect([r.method, r.path, p, tooBig.status, tooBig.body?.error?.code]).toEqual([r.method, r.path, p, 413, 'payload_too_large']);
      for (const [what, raw] of [['object', deepObject], ['array', deepArray]] as const) {
        const deep = await send(raw);
        expect([r.method, p, what, deep.status, deep.body?.error?.code]).toEqual([r.method, p, what, 400, 'too_deep']);
      }
    }
    expect(Number((await platform.db.knex('metadata_documents').count({ n: '*' }).first())!.n)).toBe(before);
    expect((await platform.api.request('GET', '/healthz')).status).toBe(200);
  }, 180_000);
});

describe('path traversal', () => {
  test('attachment names with paths are reduced to a file name; files land only in the content-addressed store', async () => {
    const token = await platform.api.login('ubnd.clerk');
    const names = ['../../../../etc/passwd.pdf', '..\\..\\..\\windows\\win.ini.pdf', '/etc/shadow.pdf', 'a/../../b.pdf', '....//....//x.pdf', '%2e%2e%2f%2e%2e%2fy.pdf', 'C:\\boot.pdf', '..', '.', 'x\u0000.pdf'];
    const dataDir = platform.engine.services.config.dataDir;
    for (const name of names) {
      const r = await platform.api.request('POST', `/api/attachments?name=${encodeURIComponent(name)}`, { token, raw: tinyPdf(name), headers: { 'content-type': 'application/pdf' } });
      inert(`upload ${name}`, r);
      if (r.status !== 201) {
        expect([name, r.status]).toEqual([name, expect.any(Number)]);
        expect([400, 415, 422]).toContain(r.status);
        continue;
      }
      expect([name, /[/\\]/.test(r.body.name) || r.body.name.includes('\u0000'), r.body.name.startsWith('.')]).toEqual([name, false, false]);
      const dl = await apiFetch(platform.url, `/api/attachments/${r.body.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(decodeURIComponent(dl.headers.get('content-disposition')!)).not.toMatch(/[/\\]/);
    }
    const files = (fs.readdirSync(dataDir, { recursive: true }) as string[]).map((f) => String(f).split(path.sep).join('/')).filter((f) => fs.statSync(path.join(dataDir, f)).isFile());
    const stray = files.filter((f) => f.startsWith('attachments/') && !/^attachments\/([0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}|tmp\/.*)$/.test(f));
    expect(stray).toEqual([]);
    expect(files.some((f) => /passwd|shadow|win\.ini|boot/.test(f))).toBe(false);
    for (const id of ['..%2f..%2fetc%2fpasswd', '1%2f..%2f2', '..', '%00', '1.0', '-1', '0x1'])
      expect([id, (await platform.api.request('GET', `/api/attachments/${id}`, { token })).status]).toEqual([id, 404]);
  }, 180_000);

  test('the static apps serve nothing outside their folders, whatever the raw path', async () => {
    const { port } = new URL(platform.url);
    const raw = (p: string) =>
      new Promise<string>((resolve, reject) => {
        const sock = net.connect(Number(port), '127.0.0.1', () => sock.end(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        let out = '';
        sock.on('data', (d) => (out += d.toString('latin1')));
        sock.on('end', () => resolve(out));
        sock.on('error', reject);
      });
    for (const p of ['/../../package.json', '/studio/../../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/studio/..%5c..%5cpackage.json', '/assets/../../../../etc/passwd', '//etc/passwd', '/api/../../package.json']) {
      const res = await raw(p);
      expect([p, /"workspaces"|root:x:0:0/.test(res)]).toEqual([p, false]);
      expect([p, /^HTTP\/1\.1 5\d\d/.test(res)]).toEqual([p, false]);
    }
  });
});

describe('open redirects', () => {
  const startCookie = async (returnTo: string) => {
    const b = new HttpBrowser();
    const r = await b.request(`${platform.url}/api/auth/sso/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(r.status).toBe(302);
    expect(new URL(r.headers.get('location')!).origin).toBe(new URL(platform.url).origin);
    const raw = b.cookie('dondoc_sso')!;
    return JSON.parse(raw.startsWith('{') ? raw : decodeURIComponent(raw)).returnTo as string;
  };

  test('returnTo keeps only same-site paths', async () => {
    for (const bad of ['//evil.example', '//evil.example/a', '/\\evil.example', '\\\\evil.example', 'https://evil.example/', 'http:evil.example', 'javascript:alert(1)', '/\t/evil.example', ' //evil.example', '/ /evil.example', 'evil.example', '/%09/evil.example'])
      expect([bad, await startCookie(bad)]).toEqual([bad, expect.stringMatching(/^\/(?![/\\])/)]);
    for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) expect(await startCookie(bad)).toBe('/');
    expect(await startCookie('/studio/?x=1')).toBe('/studio/?x=1');
  });

  test('the provider sends no code or logout to an unregistered redirect_uri or post_logout_redirect_uri', async () => {
    const web = platform.engine.services.oidc.clients.webClient();
    const registered = web.redirect_uris![0]!;
    const q = (redirect: string) =>
      new URLSearchParams({ client_id: 'dondoc-web', response_type: 'code', scope: 'openid', redirect_uri: redirect, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 's' });
    for (const redirect of ['https://evil.example/cb', `${registered}/../../evil`, `${registered}?next=https://evil.example`, `${registered}#x`, registered.replace('://', '://evil.example@'), registered.replace(/^http:\/\/[^/]+/, 'http://evil.example'), `${registered}%2F..`, registered.toUpperCase()]) {
      const r = await fetch(`${platform.url}/oidc/auth?${q(redirect)}`, { redirect: 'manual' });
      const loc = r.headers.get('location');
      expect([redirect, r.status, loc && !loc.startsWith(platform.url) && !loc.startsWith('/') ? loc : null]).toEqual([redirect, 400, null]);
    }
    const out = await fetch(`${platform.url}/oidc/session/end?client_id=dondoc-web&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    const loc = out.headers.get('location');
    expect(loc === null || !loc.includes('evil.example')).toBe(true);
  });
});

describe('error answers', () => {
  test('unknown routes and methods, and a database failure, answer JSON without stack traces or SQL', async () => {
    const token = await platform.api.login('admin');
    const notFound = await platform.api.request('GET', '/api/khong-co', { token });
    expect([notFound.status, notFound.body.error.code]).toEqual([404, 'not_found']);
    const method = await platform.api.request('PATCH', '/api/units', { token });
    expect([405, 404]).toContain(method.status);
    inert('method', method);
    // a table that vanishes under the engine: the failure is logged, the answer is a plain 500
    const knex = platform.db.knex;
    await knex.schema.renameTable('calendar_days', 'calendar_days_x');
    try {
      const broken = await platform.api.request('GET', '/api/calendar/days?from=2026-01-01&to=2026-12-31', { token });
      expect(broken.status).toBe(500);
      expect(broken.body).toEqual({ error: { code: 'internal_error', message: expect.any(String), details: [] } });
      expect(LEAKS.test(JSON.stringify(broken.body))).toBe(false);
      expect(broken.body.error.message).not.toMatch(/calendar_days/);
    } finally {
      await knex.schema.renameTable('calendar_days_x', 'calendar_days');
    }
    expect(notFound.headers.get('x-powered-by')).toBeNull();
  });
});
