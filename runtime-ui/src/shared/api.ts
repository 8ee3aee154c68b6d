/**
 * The one way the web apps talk to the engine: a typed fetch wrapper that rides the BFF cookie session
 * (HttpOnly `dondoc_session`, sent by the browser) and echoes the readable `dondoc_csrf` cookie as
 * `X-CSRF-Token` on every state-changing request, parses JSON and turns every failure into an ApiError.
 * A bearer token (scripts, tests) is still sent when one was stored with setToken. See CONTRACT.md, "HTTP".
 */

const TOKEN_KEY = 'dondoc.token';

export interface ApiErrorDetail {
  path?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Status 0: the request never got an answer (offline, engine down, aborted). */
export const NETWORK_ERROR = 'network_error';

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable: nothing to clear
  }
}

export const CSRF_COOKIE = 'dondoc_csrf';

/** The CSRF token of the cookie session (readable cookie set at sign-in), or null. */
export function csrfToken(): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

let lastContact = 0;
/** When the engine last answered a request of this page (ms since epoch; 0 = never). */
export function lastServerContact(): number {
  return lastContact;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when a request gets 401: the session is gone (or never was). Returns an unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON. */
  body?: unknown;
  /** Appended as a query string; undefined values are skipped. */
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** false: no bearer token, no CSRF header, and a 401 is not reported to the listeners. */
  auth?: boolean;
}

export function buildUrl(path: string, query: ApiRequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's HTML error page, an empty body)
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message =
    typeof error?.message === 'string' ? error.message : response.statusText || `HTTP ${response.status}`;
  const details = Array.isArray(error?.details)
    ? error.details.filter(isRecord).map((d) => ({
        path: typeof d.path === 'string' ? d.path : undefined,
        message: typeof d.message === 'string' ? d.message : '',
      }))
    : [];
  return new ApiError(response.status, code, message, details);
}

/**
 * The language the user chose in the app (i18n.ts sets <html lang>), not the browser's: the engine's
 * validation messages (422 details) come in it.
 */
export function acceptLanguage(): string {
  const lang = typeof document === 'undefined' ? '' : document.documentElement.lang;
  return lang === 'en' ? 'en, vi;q=0.5' : 'vi, en;q=0.5';
}

/**
 * Calls the engine and returns the parsed JSON body (undefined for 204).
 * Throws ApiError; on 401 also drops any stored token and tells the listeners (the session has ended).
 */
export async function api<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, auth = true } = options;
  const headers = new Headers({ Accept: 'application/json' });
  const token = auth ? getToken() : null;
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const csrf = auth && method !== 'GET' ? csrfToken() : null;
  if (csrf) headers.set('X-CSRF-Token', csrf);
  headers.set('Accept-Language', acceptLanguage());

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : 'Network error');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && auth) reportUnauthorized();
    throw error;
  }
  lastContact = Date.now();
  if (response.status === 204 || response.headers.get('Content-Length') === '0') {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Tells the listeners that the engine refused the session (also used by XHR uploads). */
export function reportUnauthorized(): void {
  clearToken();
  for (const listener of unauthorizedListeners) listener();
}

export interface UploadedFile {
  id: number;
  sha256: string;
  size: number;
  contentType: string;
  name: string;
}

/**
 * Uploads one file as the raw body of POST /api/attachments (XHR, for progress events).
 * `onProgress` gets 0..1; abort with the signal.
 */
export function uploadFile(
  file: Blob & { name?: string },
  options: { name?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<UploadedFile> {
  const name = options.name ?? file.name ?? 'tep';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl('/api/attachments', { name }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguage());
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'Network error'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        lastContact = Date.now();
        options.onProgress?.(1);
        resolve(JSON.parse(xhr.responseText) as UploadedFile);
        return;
      }
      if (xhr.status === 401) reportUnauthorized();
      void toApiError(response).then(reject, reject);
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Downloads a file the session may read as a Blob (previews of attachments: blob: URLs pass the CSP). */
export async function fetchBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthorized();
    throw await toApiError(response);
  }
  lastContact = Date.now();
  return response.blob();
}
