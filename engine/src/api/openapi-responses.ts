// Response schemas of engine routes that do not declare `responses` in their RouteSpec yet, by
// "METHOD /path". A route's own declaration wins; a route in neither place is documented with a generic
// JSON success answer. Kept loose where a capability's shape is still moving (extra fields are allowed),
// exact where clients rely on it (ids, codes, states, dates). test/integration/openapi.test.ts checks the
// answers of real calls against these.
const str = { type: 'string' };
const int = { type: 'integer' };
const nstr = { type: ['string', 'null'] };
const nint = { type: ['integer', 'null'] };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const ndate = { anyOf: [date, { type: 'null' }] };
const time = { type: 'string', format: 'date-time' };
const ntime = { anyOf: [time, { type: 'null' }] };
const items = (schema: object, extra: Record<string, object> = {}) => ({ type: 'object', required: ['items', ...Object.keys(extra)], properties: { items: { type: 'array', items: schema }, ...extra } });

const position = {
  type: 'object',
  required: ['id', 'unitId', 'unitName', 'unitPath', 'pillar', 'roleKey', 'roleName'],
  properties: { id: int, unitId: int, unitName: str, unitPath: str, pillar: str, roleKey: str, roleName: str, title: nstr },
};
const user = {
  type: 'object',
  required: ['id', 'username', 'fullName', 'pillar', 'mustChangePassword', 'positions'],
  properties: { id: int, username: str, fullName: str, email: nstr, pillar: nstr, mustChangePassword: { type: 'boolean' }, positions: { type: 'array', items: position } },
};

export const attachmentSchema = {
  type: 'object',
  required: ['id', 'sha256', 'size', 'contentType', 'name', 'ownerType', 'ownerId', 'createdBy', 'createdAt', 'url'],
  additionalProperties: false,
  properties: {
    id: int,
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    size: int,
    contentType: str,
    name: str,
    ownerType: { enum: ['document', 'task', 'event', null] },
    ownerId: nint,
    createdBy: int,
    createdAt: ntime,
    url: { type: 'string', pattern: '^/api/attachments/\\d+$' },
  },
};

export const documentSchema = {
  type: 'object',
  required: ['id', 'pillar', 'unitId', 'unitName', 'number', 'notation', 'issuedDate', 'type', 'issuerName', 'issuerCode', 'subject', 'urgency', 'classification', 'dueDate', 'recipients', 'status', 'externalId', 'responseFor', 'createdBy', 'createdAt', 'updatedAt', 'version'],
  additionalProperties: false,
  properties: {
    id: int,
    pillar: str,
    unitId: int,
    unitName: nstr,
    number: nstr,
    notation: nstr,
    issuedDate: date,
    type: str,
    issuerName: str,
    issuerCode: nstr,
    subject: str,
    signerPosition: nstr,
    signerName: nstr,
    urgency: str,
    classification: str,
    dueDate: ndate,
    recipients: { type: 'array', items: { type: 'object', required: ['name'], properties: { unitId: int, code: str, name: str } } },
    status: { enum: ['active', 'revoked', 'replaced'] },
    externalId: nstr,
    responseFor: { type: 'array', items: { type: 'object' } },
    createdBy: int,
    createdAt: ntime,
    updatedAt: ntime,
    version: int,
    attachments: { type: 'array', items: attachmentSchema },
    attachmentCount: int,
  },
};

export const taskSchema = {
  type: 'object',
  required: ['id', 'code', 'pillar', 'type', 'title', 'state', 'stateCategory', 'leadUnitId', 'assignerId', 'dueDate', 'progress', 'data', 'version', 'createdAt'],
  properties: {
    id: int,
    code: str,
    pillar: str,
    type: str,
    title: str,
    state: str,
    stateCategory: { enum: ['waiting', 'open', 'done', 'cancelled'] },
    stateLabel: str,
    leadUnitId: int,
    leadUnitName: nstr,
    assignerId: int,
    assignerUnitId: int,
    handlerId: nint,
    monitorId: nint,
    deadlineKind: str,
    dueDate: ndate,
    originalDueDate: ndate,
    periodKey: nstr,
    completedAt: ntime,
    parentId: nint,
    sourceDocumentId: nint,
    progress: { type: 'integer', minimum: 0, maximum: 100 },
    data: { type: 'object' },
    version: int,
    createdAt: ntime,
    updatedAt: ntime,
    transitions: { type: 'array', items: { type: 'object', required: ['key', 'label', 'to'] } },
  },
};

const units = items({
  type: 'object',
  required: ['id', 'parentId', 'pillar', 'code', 'name', 'kind', 'path', 'depth'],
  properties: { id: int, parentId: nint, pillar: str, code: str, name: str, nameEn: nstr, kind: str, path: str, depth: int },
});

/** "METHOD /api/path/:param" → status → schema (null: no body; a `{ contentMediaType }` string: not JSON). */
export const RESPONSES: Record<string, Record<number, object | null>> = {
  'GET /healthz': { 200: { type: 'object', required: ['status', 'database', 'jobs', 'time'], properties: { status: { const: 'ok' }, database: str, jobs: str, time: time } } },
  'POST /api/auth/login': { 200: { type: 'object', required: ['token', 'expiresAt', 'user'], properties: { token: str, expiresAt: time, user } } },
  'POST /api/auth/logout': { 204: null },
  'GET /api/auth/me': { 200: { type: 'object', required: ['user', 'session'], properties: { user, session: { type: 'object', required: ['mfa', 'cookie'] } } } },
  'GET /api/auth/sso/start': { 302: null },
  'GET /api/auth/sso/callback': { 302: null },
  'GET /api/units': { 200: units },
  'GET /api/pillars': { 200: items({ type: 'object', required: ['key', 'name', 'code', 'unitId'], properties: { key: str, name: str, code: str } }) },
  'POST /api/attachments': { 201: attachmentSchema },
  'GET /api/attachments/:id': { 200: { type: 'string', contentMediaType: '*/*', description: 'The file, with the content type sniffed at upload' } },
  'POST /api/documents': { 201: documentSchema },
  'GET /api/documents': { 200: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: documentSchema }, total: int, limit: int, offset: int, nextCursor: nstr } } },
  'GET /api/documents/:id': { 200: documentSchema },
  'PATCH /api/documents/:id': { 200: documentSchema },
  'POST /api/documents/:id/tasks': { 201: { type: 'object', required: ['documentId', 'items'], properties: { documentId: int, items: { type: 'array', items: taskSchema } } } },
  'POST /api/tasks': { 201: taskSchema },
  'GET /api/tasks': { 200: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: taskSchema }, total: int, nextCursor: nstr, counts: { type: 'object' } } } },
  'GET /api/tasks/:id': { 200: taskSchema },
  'POST /api/tasks/:id/transitions/:transition': { 200: taskSchema },
  'GET /api/tasks/:id/history': { 200: items({ type: 'object', required: ['seq', 'action'] }) },
  'GET /api/notifications': { 200: { type: 'object', required: ['items'] } },
  'GET /api/notifications/stream': { 200: { type: 'string', contentMediaType: 'text/event-stream' } },
  'GET /api/reports/:key': { 200: { type: 'object', description: 'Rows as JSON; ?format=csv|xlsx for files (text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)' } },
  'GET /api/jobs/failed': { 200: { type: 'object', required: ['runner', 'items'], properties: { runner: { enum: ['bullmq', 'in-process'] }, items: { type: 'array' } } } },
  'POST /api/jobs/:name/run': { 200: { type: 'object', required: ['name', 'result'], properties: { name: str, result: {} } } },
  'GET /api/oidc/clients': { 200: items({ type: 'object', required: ['clientId', 'name'] }) },
  'POST /api/oidc/clients': { 201: { type: 'object', required: ['clientId', 'clientSecret'], properties: { clientId: str, clientSecret: nstr } } },
  'DELETE /api/oidc/clients/:id': { 204: null },
  'DELETE /api/calendar/days/:day': { 204: null },
  'DELETE /api/studio/positions/:id': { 204: null },
};

/** Request bodies of routes that do not declare `body`, by "METHOD /path" (a `contentMediaType`: not JSON). */
export const REQUEST_BODIES: Record<string, object> = {
  'POST /api/attachments': { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file itself; its name in ?name=, X-File-Name or Content-Disposition' },
  'POST /api/auth/login': { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 100 }, password: { type: 'string', maxLength: 1024 }, otp: { type: 'string' } } },
};
