// Checks every answer an integration test receives against the engine's own OpenAPI document: wrap the
// test's ApiClient, make the calls as usual, and expect `problems()` to be empty at the end.
import type { ApiClient } from '../support/engine.js';
import type { Engine } from '../../engine/src/app.js';
import { openapiDocument, responseProblems } from '../../engine/src/api/openapi.js';

export interface Recorded {
  method: string;
  path: string;
  status: number;
}

export function recordAgainstOpenApi(api: ApiClient, engine: Engine) {
  const doc = openapiDocument(engine.routes);
  const found: string[] = [];
  const calls: Recorded[] = [];
  const original = api.request.bind(api);
  api.request = (async (method: string, p: string, opts: any = {}) => {
    const res = await original(method, p, opts);
    calls.push({ method, path: p, status: res.status });
    // Binary and streamed answers are checked for their documented content type only.
    const body = typeof res.body === 'string' && !(res.headers.get('content-type') ?? '').includes('json') ? undefined : res.body;
    found.push(...responseProblems(doc, method, p, res.status, res.headers.get('content-type'), body ?? (res.status === 204 || res.status === 302 ? '' : undefined)));
    return res;
  }) as ApiClient['request'];
  return { problems: () => found, calls: () => calls, doc };
}
