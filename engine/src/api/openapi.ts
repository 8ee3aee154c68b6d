// The OpenAPI 3.1 document of the engine, generated from its route table (engine.routes, plugins'
// routes included) at /api/openapi.json: every route with its authorisation (x-dondoc-authorization),
// its request body schema when the route declares one (RouteSpec.body = bodyValidator(…).schema), its
// query parameters, and its responses — the route's own `responses`, else the catalogue in
// openapi-responses.ts, else a generic JSON success — plus the one error envelope every 4xx/5xx uses.
// Schemas are JSON Schema 2020-12, OpenAPI 3.1's dialect, so the same validators check real answers
// (responseProblems below; test/integration/openapi.test.ts).
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '@dondoc/metadata';
import type { RouteSpec } from './routes.js';
import { defineRoutes, isAdminRoute } from './routes.js';
import { MEDIA, REQUEST_BODIES, RESPONSES } from './openapi-responses.js';

const errorSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      additionalProperties: false,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 302: 'Redirect' };

/** "/api/tasks/:id/transitions/:transition" → "/api/tasks/{id}/transitions/{transition}" */
export const openapiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function operationId(r: RouteSpec): string {
  const words = r.path
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return r.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function content(schema: object): Record<string, unknown> {
  const several = (schema as any)[MEDIA] as Record<string, object> | undefined;
  if (several) return Object.fromEntries(Object.entries(several).map(([type, s]) => [type, { schema: s }]));
  const media = (schema as any).contentMediaType as string | undefined;
  if (media && media !== 'application/json') return { [media]: { schema: { type: 'string', format: 'binary' } } };
  return { 'application/json': { schema } };
}

function responsesOf(r: RouteSpec): Record<string, unknown> {
  const declared = r.responses ?? RESPONSES[`${r.method.toUpperCase()} ${r.path}`];
  const out: Record<string, unknown> = {};
  if (declared)
    for (const [status, schema] of Object.entries(declared))
      out[status] = schema === null ? { description: REASONS[Number(status)] ?? 'No body' } : { description: REASONS[Number(status)] ?? 'Answer', content: content(schema) };
  else out['2XX'] = { description: 'Success (body not described in detail yet)', content: { 'application/json': { schema: {} } } };
  out['4XX'] = { $ref: '#/components/responses/Error' };
  out['5XX'] = { $ref: '#/components/responses/Error' };
  return out;
}

export interface OpenApiOptions {
  title?: string;
  version?: string;
  serverUrl?: string;
}

export function openapiDocument(routes: RouteSpec[], opts: OpenApiOptions = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();
  for (const r of routes) {
    const p = openapiPath(r.path);
    let id = operationId(r);
    while (ids.has(id)) id += '_';
    ids.add(id);
    const parameters = [
      ...[...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(r.query ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ];
    const op: Record<string, unknown> = {
      operationId: id,
      summary: r.summary,
      tags: r.tags ?? [],
      ...(parameters.length ? { parameters } : {}),
      security: r.public ? [] : [{ bearer: [] }, { session: [] }],
      'x-dondoc-authorization': r.public ? 'public' : r.authenticated ? 'authenticated' : { action: r.action, subject: r.subject },
      ...(isAdminRoute(r) ? { 'x-dondoc-admin': true } : {}),
      responses: responsesOf(r),
    };
    const body = r.body ?? REQUEST_BODIES[`${r.method.toUpperCase()} ${r.path}`];
    if (body) op.requestBody = { required: true, content: content(body) };
    else if (r.method === 'post' || r.method === 'put' || r.method === 'patch')
      op.requestBody = { required: false, content: { 'application/json': { schema: { type: 'object', description: 'Validated by the route (422 with JSON Pointers); schema not published yet' } } } };
    (paths[p] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: opts.title ?? 'Đôn Đốc API',
      version: opts.version ?? '0.1.0',
      description:
        'Task assignment and follow-up platform of Hanoi. Every route declares the CASL action and subject it needs (x-dondoc-authorization); errors are {"error": {code, message, details[{path, message}]}}.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'POST /api/auth/login token, a user OIDC access token, or an integration client-credentials token' },
        session: { type: 'apiKey', in: 'cookie', name: 'dondoc_session', description: 'Web apps: cookie session; state-changing requests echo X-CSRF-Token' },
      },
      schemas: { Error: errorSchema },
      responses: { Error: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}

type Doc = ReturnType<typeof openapiDocument>;

/** The operation of the document a concrete request path belongs to (the template with fewest parameters wins). */
export function findOperation(doc: Doc, method: string, path: string): { template: string; op: any } | undefined {
  const bare = path.split('?')[0]!;
  const candidates = Object.keys(doc.paths)
    .filter((t) => (doc.paths[t] as any)[method.toLowerCase()])
    .filter((t) => new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+').replace(/\{\w+\}/g, '[^/]+')}$`).test(bare))
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  const t = candidates[0];
  return t ? { template: t, op: (doc.paths[t] as any)[method.toLowerCase()] } : undefined;
}

const validators = new WeakMap<object, ValidateFunction>();
const ajv = createAjv({ strictSchema: false, validateFormats: true });

function resolve(doc: Doc, x: any): any {
  if (x?.$ref && typeof x.$ref === 'string') return x.$ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc);
  return x;
}

/**
 * What is wrong with one real answer according to the document ([] when it matches): the status must be
 * declared for the operation, the content type documented, a JSON body valid against the schema. A
 * redirect's body (Koa's "Redirecting to …") is not part of the contract and is not checked.
 */
export function responseProblems(doc: Doc, method: string, path: string, status: number, contentType: string | null, body: unknown): string[] {
  const found = findOperation(doc, method, path);
  // An address or a method no route has: the engine's 404 / 405 / 501, which must still be the error envelope.
  if (!found)
    return [404, 405, 501].includes(status) ? schemaProblems(doc.components.schemas.Error, body, `${method} ${path} (no operation) → ${status}`) : [`${method} ${path}: no operation in the document (answered ${status})`];
  const responses = found.op.responses as Record<string, unknown>;
  const response = resolve(doc, responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
  const label = `${found.op.operationId} (${method} ${found.template}) → ${status}`;
  if (!response) return [`${label}: status not in the document (${Object.keys(responses).join(', ')})`];
  if (!response.content) return body === '' || body === undefined || body === null || (status >= 300 && status < 400) ? [] : [`${label}: a body where the document says none`];
  const ct = (contentType ?? '').split(';')[0]!.trim();
  const media = response.content[ct] ?? (ct.includes('json') ? response.content['application/json'] : undefined) ?? response.content['*/*'];
  if (!media) return [`${label}: content type ${ct || '(none)'} not in the document (${Object.keys(response.content).join(', ')})`];
  if (!ct.includes('json')) return [];
  return schemaProblems(resolve(doc, media.schema), body, label);
}

function schemaProblems(schema: object, body: unknown, label: string): string[] {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(schema)));
  if (v(body)) return [];
  return (v.errors ?? []).slice(0, 8).map((e) => `${label}: ${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export const openapiRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document, generated from the route table (plugins included)',
    tags: ['meta'],
    public: true,
    responses: { 200: { type: 'object', required: ['openapi', 'info', 'paths', 'components'], properties: { openapi: { const: '3.1.0' } } } },
    async handler(ctx, s) {
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = openapiDocument(s.plugins.routeTable, { serverUrl: s.config.publicUrl });
    },
  },
]);
