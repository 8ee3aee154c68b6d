// Issue 4: a token after logout and after expiry is refused — bearer tokens of /api/auth/login and the
// web apps' cookie sessions alike — on a simulated clock: 15 idle minutes, the absolute lifetime
// (TOKEN_TTL_SECONDS), and logout. A refused token never comes back to life.
import { ManualClock } from '../../engine/src/config/clock.js';
import { SEED_PASSWORD, startTestPlatform } from '../support/engine.js';
import { formAction, hiddenField, HttpBrowser } from '../support/http-browser.js';
import { apiFetch } from '../support/openapi.js';

const MIN = 60_000;
// The provider signs its ID tokens with the real time, so the simulated clock starts at the real one.
const clock = new ManualClock(new Date());
let platform: Awaited<ReturnType<typeof startTestPlatform>>;

beforeAll(async () => {
  platform = await startTestPlatform({ clock, env: { TOKEN_TTL_SECONDS: '3600', RATE_LIMIT_PER_IP_PER_MIN: '0' } });
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

const me = (token: string) => platform.api.request('GET', '/api/auth/me', { token });
const login = async (username: string) => (await platform.api.request('POST', '/api/auth/login', { body: { username, password: SEED_PASSWORD } })).body.token as string;

async function cookieSession(username: string) {
  const browser = new HttpBrowser();
  const base = platform.url;
  let step = await browser.follow(`${base}/api/auth/sso/start`, (u) => !u.startsWith(`${base}/oidc`) && !u.startsWith(`${base}/api/auth/sso`));
  for (let i = 0; i < 5 && step.url.startsWith(`${base}/oidc`); i++) {
    const html = step.text ?? '';
    const form = formAction(html, '/login') ?? formAction(html, '/confirm');
    const res = await browser.request(new URL(form!, base).toString(), { form: { csrf: hiddenField(html, 'csrf'), username, password: SEED_PASSWORD } });
    step = await browser.follow(new URL(res.headers.get('location')!, base).toString(), (u) => !u.startsWith(`${base}/oidc`) && !u.startsWith(`${base}/api/auth/sso`));
  }
  expect(browser.cookie('dondoc_session')).toBeTruthy();
  return browser;
}

test('a bearer token: refused after logout, after 15 idle minutes and after its lifetime, and stays refused', async () => {
  const out = await login('ubnd.staff');
  expect((await platform.api.request('POST', '/api/auth/logout', { token: out })).status).toBe(204);
  expect((await me(out)).status).toBe(401);
  expect((await platform.api.request('POST', '/api/auth/logout', { token: out })).status).toBe(401);

  const idle = await login('ubnd.staff');
  clock.advance(14 * MIN);
  expect((await me(idle)).status).toBe(200);
  clock.advance(15 * MIN + 1000);
  const refused = await me(idle);
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe('unauthorized');
  clock.advance(MIN);
  expect((await me(idle)).status).toBe(401); // stays refused

  const busy = await login('ubnd.leader');
  for (let t = 0; t < 59; t += 10) {
    expect((await me(busy)).status).toBe(200);
    clock.advance(10 * MIN);
  }
  clock.advance(2 * MIN); // 62 minutes after sign-in, never idle
  expect((await me(busy)).status).toBe(401);
  // the refusals are answers, not errors, and every sign-out is audited
  expect(await platform.db.knex('audit_log').where({ action: 'logout', actor: 'ubnd.staff' })).toHaveLength(1);
});

test('a cookie session of the web apps: refused after 15 idle minutes and after logout', async () => {
  const idle = await cookieSession('hdnd.staff');
  expect((await idle.request(`${platform.url}/api/auth/me`)).status).toBe(200);
  clock.advance(16 * MIN);
  expect((await idle.request(`${platform.url}/api/auth/me`)).status).toBe(401);

  const active = await cookieSession('hdnd.leader');
  const session = active.cookie('dondoc_session')!;
  const out = await active.request(`${platform.url}/api/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': active.cookie('dondoc_csrf')! } });
  expect(out.status).toBe(204);
  expect(active.cookie('dondoc_session')).toBeUndefined(); // the browser was told to forget it
  const replayed = await apiFetch(platform.url, `/api/auth/me`, { headers: { cookie: `dondoc_session=${session}` } });
  expect(replayed.status).toBe(401);
  // a session cookie is not a bearer token, nor the other way round
  expect((await me(session)).status).toBe(401);
  const bearer = await login('hdnd.leader');
  expect((await apiFetch(platform.url, `/api/auth/me`, { headers: { cookie: `dondoc_session=${bearer}` } })).status).toBe(401);
});

test('a deactivated account loses its live tokens at once', async () => {
  const token = await login('mttq.staff');
  expect((await me(token)).status).toBe(200);
  await platform.db.knex('users').where({ username: 'mttq.staff' }).update({ active: false });
  expect((await me(token)).status).toBe(401);
  await platform.db.knex('users').where({ username: 'mttq.staff' }).update({ active: true });
});
