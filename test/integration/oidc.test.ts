// Issue 4: the engine as OpenID Connect provider. An openid-client relying party completes an
// authorization-code + PKCE flow whose steps alternate between two engine instances behind a proxy, the
// ID token verifies against /oidc/jwks; client-credentials tokens are held to their scopes; the web
// apps' cookie session needs its CSRF token.
import * as oidcClient from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ApiClient, SEED_PASSWORD, startEngine, type RunningEngine } from '../support/engine.js';
import { formAction, hiddenField, HttpBrowser } from '../support/http-browser.js';
import { roundRobinProxy } from '../support/round-robin-proxy.js';

let db: TestDatabase;
let a: RunningEngine, b: RunningEngine;
let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
let api: ApiClient;

beforeAll(async () => {
  db = await createTestDatabase();
  proxy = await roundRobinProxy();
  a = await startEngine({ db, env: { PUBLIC_URL: proxy.url } });
  b = await startEngine({ db, env: { PUBLIC_URL: proxy.url } });
  proxy.targets.push(a.url, b.url);
  api = new ApiClient(proxy.url);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await a?.close();
  await b?.close();
  await db?.drop();
});

/** Walks the provider's pages as a browser: login form, then consent for third-party clients. */
async function signIn(browser: HttpBrowser, authUrl: string, username: string, redirectPrefix: string) {
  let step = await browser.follow(authUrl, (u) => u.startsWith(redirectPrefix));
  for (let i = 0; i < 5 && !step.url.startsWith(redirectPrefix); i++) {
    const html = step.text ?? '';
    const csrf = hiddenField(html, 'csrf');
    const login = formAction(html, '/login');
    const confirm = formAction(html, '/confirm');
    const target = new URL((login ?? confirm)!, proxy.url).toString();
    const res = await browser.request(target, { form: login ? { csrf, username, password: SEED_PASSWORD } : { csrf } });
    expect(res.status).toBe(303);
    step = await browser.follow(new URL(res.headers.get('location')!, proxy.url).toString(), (u) => u.startsWith(redirectPrefix));
  }
  return step.url;
}

test('authorization code + PKCE with openid-client across two instances; the ID token verifies against /oidc/jwks', async () => {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const reg = await api.as('admin', 'POST', '/api/oidc/clients', { name: 'Ứng dụng di động Đôn Đốc', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [redirectUri] });
  expect(reg.status).toBe(201);
  const issuer = `${proxy.url}/oidc`;
  const config = await oidcClient.discovery(new URL(issuer), reg.body.clientId, reg.body.clientSecret, undefined, { execute: [oidcClient.allowInsecureRequests] });
  const verifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const authUrl = oidcClient.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    prompt: 'consent',
  });
  const hitsBefore = proxy.hits.length;
  const callback = await signIn(new HttpBrowser(), authUrl.toString(), 'ubnd.staff', redirectUri);
  const tokens = await oidcClient.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
  const claims = tokens.claims()!;
  expect(claims.iss).toBe(issuer);
  // profile claims come from userinfo (ID tokens of the code flow carry only the subject)
  const info = await oidcClient.fetchUserInfo(config, tokens.access_token, claims.sub);
  expect(info.preferred_username).toBe('ubnd.staff');
  expect(info.name).toBeTruthy();
  const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: reg.body.clientId });
  expect(payload.sub).toBe(claims.sub);
  // the flow's requests went to both instances
  const ports = new Set(proxy.hits.slice(hitsBefore).map((h) => h.split(' ')[0]));
  expect(ports.size).toBe(2);
  // the access token works on the API as that user; the refresh token rotates
  const me = await api.request('GET', '/api/auth/me', { token: tokens.access_token });
  expect(me.body.user.username).toBe('ubnd.staff');
  const refreshed = await oidcClient.refreshTokenGrant(config, tokens.refresh_token!);
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  await expect(oidcClient.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
});

test('a client-credentials token is accepted for its scopes and refused (403) beyond them', async () => {
  const reg = await api.as('admin', 'POST', '/api/oidc/clients', { name: 'Hệ thống QLVB', grantTypes: ['client_credentials'], scopes: ['units:read'] });
  expect(reg.status).toBe(201);
  const res = await fetch(`${proxy.url}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${reg.body.clientId}:${reg.body.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'units:read' }),
  });
  const token = ((await res.json()) as any).access_token;
  expect(typeof token).toBe('string');
  expect((await api.request('GET', '/api/units', { token })).status).toBe(200);
  const beyond = await api.request('GET', '/api/tasks', { token });
  expect(beyond.status).toBe(403);
  const wider = await fetch(`${proxy.url}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${reg.body.clientId}:${reg.body.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'tasks:write' }),
  });
  expect(wider.status).toBe(400);
  expect(((await wider.json()) as any).error).toBe('invalid_scope');
});

test('the web apps sign in through SSO into a cookie session that needs its CSRF token; logout ends it', async () => {
  const browser = new HttpBrowser();
  const landed = await signIn(browser, `${proxy.url}/api/auth/sso/start?returnTo=/studio/`, 'ubnd.admin', `${proxy.url}/studio/`);
  expect(landed).toBe(`${proxy.url}/studio/`);
  expect(browser.cookie('dondoc_session')).toBeTruthy();
  const me = await browser.request(`${proxy.url}/api/auth/me`);
  expect(me.status).toBe(200);
  expect(((await me.json()) as any).session.cookie).toBe(true);

  const form = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  const noCsrf = await browser.request(`${proxy.url}/api/metadata/form/nhiem-vu?pillar=ubnd`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) });
  expect(noCsrf.status).toBe(403);
  expect(((await noCsrf.json()) as any).error.code).toBe('csrf_failed');
  const withCsrf = await browser.request(`${proxy.url}/api/metadata/form/nhiem-vu?pillar=ubnd`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-csrf-token': browser.cookie('dondoc_csrf')! },
    body: JSON.stringify(form),
  });
  expect(withCsrf.status).toBe(200);
  expect(await db.knex('audit_log').where({ action: 'csrf.rejected' }).count({ n: '*' }).first()).toMatchObject({ n: expect.anything() });

  const session = browser.cookie('dondoc_session')!;
  const out = await browser.request(`${proxy.url}/api/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': browser.cookie('dondoc_csrf')! } });
  expect(out.status).toBe(204);
  expect(out.headers.get('location')).toContain('/oidc/session/end');
  const after = await fetch(`${proxy.url}/api/auth/me`, { headers: { cookie: `dondoc_session=${session}` } });
  expect(after.status).toBe(401);
});

test('returnTo cannot redirect off-site, and an unregistered redirect_uri is refused by the provider', async () => {
  const browser = new HttpBrowser();
  const start = await browser.request(`${proxy.url}/api/auth/sso/start?returnTo=//evil.example/x`);
  expect(start.status).toBe(302);
  const pending = decodeURIComponent(browser.cookie('dondoc_sso')!);
  expect(JSON.parse(pending).returnTo).toBe('/');
  const bad = await fetch(`${proxy.url}/oidc/auth?client_id=dondoc-web&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256`, { redirect: 'manual' });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('location')).toBeNull();
});
