/* global self, caches, fetch, Response, Headers, URL, __ASSETS__ */
// Đôn Đốc service worker (runtime-ui). Written to dist/sw.js by vite.config.ts with the build's files.
// - the app shell (every built file) is precached, so the app starts offline;
// - page navigations: network first, the cached index.html when offline;
// - GET answers of the inbox, tasks, units, metadata, calendar, notifications and the signed-in user:
//   network first, kept in Cache Storage ("dondoc-data-*") and served from there when the network fails,
//   marked with X-Dondoc-Offline: 1. The app deletes these caches at sign-out; a different user signing
//   in on this browser wipes them too.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const SHELL = `dondoc-shell-${VERSION}`;
const DATA = 'dondoc-data-v1';
const OFFLINE_API = [
  /^\/api\/tasks$/,
  /^\/api\/tasks\/\d+$/,
  /^\/api\/tasks\/\d+\/history$/,
  /^\/api\/auth\/me$/,
  /^\/api\/units$/,
  /^\/api\/metadata\/[A-Za-z]+(\/[A-Za-z0-9._-]+)?$/,
  /^\/api\/calendar\/days$/,
  /^\/api\/notifications$/,
  /^\/api\/dashboard$/,
  /^\/api\/documents(\/\d+)?$/,
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('dondoc-shell-') && n !== SHELL).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function rememberUser(response) {
  try {
    const body = await response.clone().json();
    const id = String(body && body.user && body.user.id);
    const cache = await caches.open(DATA);
    const marker = await cache.match('/__dondoc_user__');
    const previous = marker ? await marker.text() : null;
    if (previous !== null && previous !== id) {
      await caches.delete(DATA);
    }
    await (await caches.open(DATA)).put('/__dondoc_user__', new Response(id));
  } catch {
    // not JSON: nothing to remember
  }
}

async function networkFirstApi(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      if (url.pathname === '/api/auth/me') await rememberUser(response);
      const cache = await caches.open(DATA);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: DATA });
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set('X-Dondoc-Offline', '1');
    return new Response(await cached.blob(), {
      status: cached.status,
      statusText: cached.statusText,
      headers,
    });
  }
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/index.html', { cacheName: SHELL });
    if (shell) return shell;
    throw error;
  }
}

async function asset(request) {
  const cached = await caches.match(request, { cacheName: SHELL });
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/studio') || url.pathname.startsWith('/oidc') || url.pathname === '/healthz')
    return;
  if (url.pathname.startsWith('/api/')) {
    if (OFFLINE_API.some((re) => re.test(url.pathname))) event.respondWith(networkFirstApi(request, url));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
    return;
  }
  if (ASSETS.includes(url.pathname)) event.respondWith(asset(request));
});
