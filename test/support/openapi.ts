// Every answer a test receives through the shared HTTP helpers (ApiClient, HttpBrowser, and the
// `checkResponse` of a test's own fetch) is checked against the OpenAPI document of the engine it talks
// to: the status must be declared for the operation, the body must match the declared schema (errors: the
// JSON envelope of CONTRACT.md). A mismatch throws at the call site with the operation, the status and
// ajv's errors, and is reported again when the test file ends (so a mismatch inside a test's retry loop
// cannot be swallowed). The document is fetched from `/api/openapi.json` once per base URL and its
// compiled validators are cached with it; startEngine/spawnEngine forget it when that engine stops.
//
// Only the API is in the document: `/api/…` and `/healthz`. Other addresses (the OpenID provider at
// /oidc, the web apps) are outside it and counted apart. `OPENAPI_STATS=<file>` appends one JSON line per
// test file: how many answers were validated, per operation and status (summed by
// `node test/support/openapi-stats.mjs <file>`).
import fs from 'node:fs';
import { findOperation, responseProblems } from '../../engine/src/api/openapi.js';

type Doc = Parameters<typeof responseProblems>[0];

const documents = new Map<string, Promise<Doc>>();

async function fetchDocument(base: string): Promise<Doc> {
  const res = await fetch(`${base}/api/openapi.json`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`OpenAPI check: GET ${base}/api/openapi.json answered ${res.status} (${text.slice(0, 200)}); the answers of this engine cannot be validated`);
  return JSON.parse(text) as Doc;
}

/** The document of the engine at `base` (fetched once, a failed fetch is retried next time). */
export function openapiOf(base: string): Promise<Doc> {
  let doc = documents.get(base);
  if (!doc) {
    doc = fetchDocument(base);
    documents.set(base, doc);
    doc.catch(() => documents.delete(base));
  }
  return doc;
}

/** The engine at `base` stopped: another one may listen there next. */
export function forgetOpenApi(base: string): void {
  documents.delete(base);
}

/** Whether a request path is part of the API the document describes. */
export const inApi = (path: string) => path.startsWith('/api/') || path === '/healthz' || path.startsWith('/healthz?');

export class OpenApiMismatch extends Error {}

const stats = { validated: 0, outside: 0, operations: new Map<string, number>() };
const mismatches: string[] = [];

/** The counts of this test file so far (tests of the checker itself read them). */
export function openapiStats() {
  return { validated: stats.validated, outside: stats.outside, operations: new Map(stats.operations), mismatches: [...mismatches] };
}

/** What is wrong with one answer of the engine at `base` ([] when it matches the document); records nothing. */
export async function responseMismatch(base: string, method: string, path: string, res: { status: number; headers: Headers }, body: unknown): Promise<string[]> {
  const doc = await openapiOf(base);
  const contentType = res.headers.get('content-type');
  const json = (contentType ?? '').includes('json');
  return responseProblems(doc, method.toUpperCase(), path, res.status, contentType, json ? body : body === '' ? '' : undefined);
}

/**
 * Checks one answer of the engine at `base` to `method path` and counts it; throws OpenApiMismatch when it
 * does not match. `body` is the parsed JSON, or the text of any other content type (only its content
 * type is checked then), or undefined when it was not read (a stream).
 */
export async function checkResponse(base: string, method: string, path: string, res: { status: number; headers: Headers }, body: unknown): Promise<void> {
  if (!inApi(path)) {
    stats.outside++;
    return;
  }
  const problems = await responseMismatch(base, method, path, res, body);
  const found = findOperation(await openapiOf(base), method, path);
  const key = `${method.toUpperCase()} ${found ? found.template : '(no operation)'} → ${res.status}`;
  stats.validated++;
  stats.operations.set(key, (stats.operations.get(key) ?? 0) + 1);
  if (problems.length) {
    const message = `The answer does not match the OpenAPI document of ${base}:\n  ${problems.join('\n  ')}\n  body: ${JSON.stringify(body)?.slice(0, 600)}`;
    mismatches.push(message);
    throw new OpenApiMismatch(message);
  }
}

/**
 * fetch for the tests that need the raw Response (downloads, event streams, cookies): the answer is checked
 * like the shared clients' — status and content type always, the body too when it is JSON (read from a
 * clone, so the caller still reads it; a stream is never waited for).
 */
export async function apiFetch(base: string, path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(`${base}${path}`, init);
  const json = (res.headers.get('content-type') ?? '').includes('json');
  await checkResponse(base, init?.method ?? 'GET', path, res, json ? await res.clone().json() : undefined);
  return res;
}

// At the end of each test file: no mismatch may have been swallowed, and the counts go to OPENAPI_STATS.
if (typeof afterAll === 'function')
  afterAll(() => {
    if (process.env.OPENAPI_STATS && (stats.validated || stats.outside)) {
      const file = expect.getState().testPath ?? 'unknown';
      fs.appendFileSync(process.env.OPENAPI_STATS, `${JSON.stringify({ file, validated: stats.validated, outside: stats.outside, mismatches: mismatches.length, operations: Object.fromEntries(stats.operations) })}\n`);
    }
    if (mismatches.length) throw new OpenApiMismatch(`${mismatches.length} answer(s) of this file did not match the OpenAPI document:\n${mismatches.join('\n')}`);
  });
