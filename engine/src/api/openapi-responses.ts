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
const bool = { type: 'boolean' };
const anyObject = { type: 'object' };
/** An object of exactly these properties (`required` lists the ones always present). */
const exact = (required: string[], properties: Record<string, object>) => ({ type: 'object', required, additionalProperties: false, properties });
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
    attachments: {
      type: 'array',
      description: 'Files attached to the task (one task: GET /api/tasks/{id}), oldest first',
      items: exact(['id', 'name', 'size', 'contentType', 'createdBy', 'createdAt', 'url'], {
        id: int,
        name: str,
        size: int,
        contentType: str,
        createdBy: exact(['id', 'fullName'], { id: int, fullName: nstr }),
        createdAt: ntime,
        url: { type: 'string', pattern: '^/api/attachments/\\d+$' },
      }),
    },
  },
};

const units = items({
  type: 'object',
  required: ['id', 'parentId', 'pillar', 'code', 'name', 'kind', 'path', 'depth'],
  properties: { id: int, parentId: nint, pillar: str, code: str, name: str, nameEn: nstr, kind: str, path: str, depth: int },
});

/** Several media types for one answer (e.g. a report as JSON, CSV, XLSX or HTML): media type → schema. */
export const MEDIA = Symbol('media');
export const media = (m: Record<string, object>) => ({ [MEDIA]: m });
const file = (description: string) => ({ type: 'string', format: 'binary', description });

const issues = { type: 'array', items: exact(['path', 'message'], { path: str, message: str }) };

const storedMetadata = {
  type: 'object',
  required: ['kind', 'key', 'pillar', 'version', 'status', 'body', 'checksum'],
  properties: { kind: str, key: str, pillar: nstr, version: int, status: { enum: ['draft', 'published'] }, body: { type: 'object', description: 'The document (its kind\'s JSON Schema)' }, checksum: str, author: nstr, createdAt: ntime },
};
const metadataVersion = exact(['kind', 'key', 'pillar', 'version', 'status', 'checksum', 'author', 'createdAt'], { kind: str, key: str, pillar: nstr, version: int, status: { enum: ['draft', 'published'] }, checksum: str, author: nstr, createdAt: ntime });

const calendarDay = exact(['day', 'kind', 'name', 'source', 'updatedBy', 'updatedAt'], { day: date, kind: { enum: ['off', 'work'] }, name: str, source: str, updatedBy: nstr, updatedAt: ntime });

export const auditEntrySchema = exact(['id', 'at', 'action', 'outcome', 'actorId', 'actor', 'subjectType', 'subjectId', 'pillar', 'ip', 'detail'], {
  id: int,
  at: ntime,
  action: str,
  outcome: str,
  actorId: nint,
  actor: nstr,
  subjectType: nstr,
  subjectId: nstr,
  pillar: nstr,
  ip: nstr,
  detail: { description: 'What the entry records (JSON, by action)' },
});

const reportColumn = {
  type: 'object',
  required: ['key', 'label', 'role', 'type'],
  properties: { key: str, label: str, labelEn: str, role: { enum: ['dimension', 'measure'] }, type: str, format: { enum: ['integer', 'percent', 'days'] }, category: str },
};
/** A dimension cell: its value and label (periods: the dates it covers); measures are numbers or null. */
const reportRow = { type: 'object', additionalProperties: { anyOf: [{ type: ['number', 'null'] }, { type: 'object', required: ['value', 'label'], properties: { value: { type: ['string', 'number', 'null'] }, label: str, labelEn: str, from: date, to: date } }] }, properties: { drill: { type: 'object', additionalProperties: str } } };
export const reportResultSchema = {
  type: 'object',
  required: ['report', 'parameters', 'columns', 'rows', 'totals', 'meta'],
  additionalProperties: false,
  properties: {
    report: { type: 'object', required: ['key', 'name', 'dataset', 'pillar', 'version'], properties: { key: str, name: str, nameEn: str, description: str, dataset: str, pillar: nstr, version: int, visualisation: anyObject } },
    parameters: { type: 'object', description: 'The parameter values the report ran with (defaults applied)' },
    columns: { type: 'array', items: reportColumn },
    rows: { type: 'array', items: reportRow },
    totals: { anyOf: [{ type: 'object', additionalProperties: { type: ['number', 'null'] } }, { type: 'null' }] },
    meta: exact(['today', 'generatedAt', 'cached', 'rowCount', 'unit'], { today: date, generatedAt: time, cached: bool, rowCount: int, unit: { anyOf: [exact(['id', 'name'], { id: int, name: str }), { type: 'null' }] } }),
  },
};

const studioUser = exact(['id', 'username', 'fullName', 'email', 'pillar', 'active', 'mustChangePassword', 'lastLoginAt', 'createdAt', 'positions'], {
  id: int,
  username: str,
  fullName: str,
  email: nstr,
  pillar: nstr,
  active: bool,
  mustChangePassword: bool,
  lastLoginAt: ntime,
  createdAt: ntime,
  positions: { type: 'array', items: position },
});
const studioUnit = exact(['id', 'parentId', 'pillar', 'code', 'name', 'nameEn', 'kind', 'path', 'depth'], { id: int, parentId: nint, pillar: str, code: str, name: str, nameEn: nstr, kind: str, path: str, depth: int, active: bool });
const bundleChange = exact(['kind', 'key', 'status', 'currentVersion'], { kind: str, key: str, status: { enum: ['new', 'changed', 'unchanged'] }, currentVersion: nint });
const published = { type: 'array', items: exact(['kind', 'key', 'version'], { kind: str, key: str, version: int }) };

/** "METHOD /api/path/:param" → status → schema (null: no body; a `{ contentMediaType }` string: not JSON). */
export const RESPONSES: Record<string, Record<number, object | null>> = {
  'GET /healthz': { 200: { type: 'object', required: ['status', 'database', 'jobs', 'time'], properties: { status: { const: 'ok' }, database: str, jobs: str, time: time } } },
  'POST /api/auth/login': { 200: { type: 'object', required: ['token', 'expiresAt', 'user'], properties: { token: str, expiresAt: time, user } } },
  'POST /api/auth/logout': { 204: null },
  'GET /api/auth/me': { 200: { type: 'object', required: ['user', 'session'], additionalProperties: false, properties: { user: { ...user, required: [...user.required, 'mfaEnabled'], properties: { ...user.properties, mfaEnabled: bool } }, session: exact(['mfa', 'cookie'], { mfa: bool, cookie: bool }) } } },
  'POST /api/auth/mfa/setup': { 200: exact(['secret', 'otpauthUrl'], { secret: { type: 'string', pattern: '^[A-Z2-7]+=*$' }, otpauthUrl: { type: 'string', pattern: '^otpauth://totp/' } }) },
  'POST /api/auth/mfa/enable': { 200: exact(['mfaEnabled'], { mfaEnabled: { const: true } }) },
  'POST /api/auth/password': { 204: null },
  'GET /api/auth/sso/start': { 302: null },
  'GET /api/auth/sso/callback': { 302: null },
  'GET /api/units': { 200: units },
  'GET /api/users': { 200: exact(['items'], { items: { type: 'array', maxItems: 50, items: exact(['id', 'username', 'fullName', 'pillar'], { id: int, username: str, fullName: str, pillar: nstr }) } }) },
  'GET /api/pillars': { 200: items({ type: 'object', required: ['key', 'name', 'code', 'unitId'], properties: { key: str, name: str, code: str } }) },
  'POST /api/attachments': { 201: attachmentSchema },
  'GET /api/attachments/:id': { 200: { type: 'string', contentMediaType: '*/*', description: 'The file, with the content type sniffed at upload' } },
  'POST /api/documents': { 201: documentSchema },
  'GET /api/documents': { 200: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: documentSchema }, total: int, limit: int, offset: { ...nint, description: 'null when paging by cursor' }, nextCursor: nstr } } },
  'GET /api/documents/:id': { 200: documentSchema },
  'PATCH /api/documents/:id': { 200: documentSchema },
  'POST /api/documents/:id/tasks': { 201: { type: 'object', required: ['documentId', 'items'], properties: { documentId: int, items: { type: 'array', items: taskSchema } } } },
  'POST /api/tasks': { 201: taskSchema },
  'GET /api/tasks': { 200: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: taskSchema }, total: int, nextCursor: nstr, counts: { type: 'object' } } } },
  'GET /api/tasks/:id': { 200: taskSchema },
  'POST /api/tasks/:id/transitions/:transition': { 200: taskSchema },
  'GET /api/tasks/:id/history': { 200: items({ type: 'object', required: ['seq', 'action'] }) },
  'GET /api/notifications': {
    200: exact(['items', 'unread', 'nextCursor'], {
      items: { type: 'array', items: exact(['id', 'kind', 'template', 'title', 'body', 'taskId', 'payload', 'createdAt', 'readAt'], { id: int, kind: str, template: nstr, title: str, body: nstr, taskId: nint, payload: { type: ['object', 'null'] }, createdAt: ntime, readAt: ntime }) },
      unread: int,
      nextCursor: { ...nint, description: '?before= for the next page' },
    }),
  },
  'GET /api/notifications/stream': { 200: { type: 'string', contentMediaType: 'text/event-stream' } },
  'GET /api/reports/:key': {
    200: media({
      'application/json': reportResultSchema,
      'text/csv': file('?format=csv (needs export): the table with a header row, UTF-8 with a byte-order mark'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': file('?format=xlsx (needs export)'),
      'text/html': file('?format=html (needs export): a printable page'),
    }),
  },
  'GET /api/metadata/:kind': {
    200: items(
      {
        type: 'object',
        required: ['kind', 'key', 'pillar', 'version', 'hasDraft', 'overrides', 'updatedAt'],
        additionalProperties: false,
        properties: { kind: str, key: str, pillar: nstr, version: { ...nint, description: 'Newest published version in the view (null: only a draft)' }, hasDraft: bool, overrides: bool, updatedAt: ntime, name: str },
      },
    ),
  },
  'GET /api/metadata/:kind/:key': { 200: storedMetadata },
  'PUT /api/metadata/:kind/:key': { 200: { ...storedMetadata, properties: { ...storedMetadata.properties, status: { const: 'draft' } } } },
  'POST /api/metadata/:kind/:key/validate': { 200: exact(['issues'], { issues }) },
  'POST /api/metadata/:kind/:key/publish': { 200: exact(['version', 'kind', 'key', 'pillar', 'checksum'], { version: int, kind: str, key: str, pillar: nstr, checksum: str }) },
  'GET /api/metadata/:kind/:key/versions': { 200: exact(['items'], { items: { type: 'array', items: metadataVersion } }) },
  'GET /api/calendar/days': { 200: exact(['from', 'to', 'items'], { from: date, to: date, items: { type: 'array', items: calendarDay } }) },
  'GET /api/calendar/working-days': { 200: exact(['start', 'days', 'due'], { start: date, days: int, due: date }) },
  'PUT /api/calendar/days/:day': { 200: calendarDay },
  'GET /api/audit': { 200: exact(['items', 'total', 'limit', 'nextCursor'], { items: { type: 'array', items: auditEntrySchema }, total: int, limit: int, nextCursor: nstr }) },
  'GET /api/reports': {
    200: items({
      type: 'object',
      required: ['key', 'name', 'dataset', 'pillar', 'version', 'canExport', 'parameters'],
      properties: { key: str, name: str, nameEn: str, description: str, dataset: str, pillar: nstr, version: int, visualisation: anyObject, canExport: bool, parameters: { type: 'array', items: { type: 'object', required: ['key', 'type'], properties: { key: str, type: str, options: { type: 'array', items: { type: 'object', required: ['value', 'label'] } } } } } },
    }),
  },
  'GET /api/reports/:key/drill': { 200: exact(['dataset', 'items', 'total', 'limit', 'offset'], { dataset: str, items: { type: 'array', items: { type: 'object', description: 'A row of the dataset (tasks: the task as in GET /api/tasks)' } }, total: int, limit: int, offset: int }) },
  'GET /api/dashboard': {
    200: exact(['today', 'unit', 'counts', 'completionRate', 'onTimeRate', 'soonUntil', 'trend', 'topOverdueUnits', 'cached'], {
      today: date,
      unit: { anyOf: [exact(['id', 'name'], { id: int, name: str }), { type: 'null' }] },
      counts: { type: 'object', required: ['total'], additionalProperties: int, properties: { total: int } },
      completionRate: { type: ['number', 'null'] },
      onTimeRate: { type: ['number', 'null'] },
      soonUntil: date,
      trend: { type: 'array', items: exact(['period', 'label', 'from', 'to', 'created', 'completed', 'completedOnTime', 'completedLate'], { period: str, label: str, from: date, to: date, created: int, completed: int, completedOnTime: int, completedLate: int }) },
      topOverdueUnits: { type: 'array', items: exact(['unitId', 'name', 'overdue', 'maxDelayDays'], { unitId: { type: ['integer', 'null'] }, name: str, overdue: { type: ['integer', 'null'] }, maxDelayDays: { type: ['number', 'null'] } }) },
      cached: bool,
    }),
  },
  'POST /api/notifications/stream-ticket': { 200: exact(['ticket', 'expiresIn'], { ticket: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,100}$' }, expiresIn: int }) },
  'POST /api/notifications/read-all': { 200: exact(['marked', 'unread'], { marked: int, unread: int }) },
  'POST /api/notifications/:id/read': { 200: exact(['unread'], { unread: int }) },
  'GET /api/notifications/preferences': { 200: exact(['channels', 'digest'], { channels: { anyOf: [{ type: 'array', items: str }, { type: 'null' }] }, digest: bool }) },
  'PUT /api/notifications/preferences': { 200: exact(['channels', 'digest'], { channels: { anyOf: [{ type: 'array', items: str }, { type: 'null' }] }, digest: bool }) },
  'POST /api/jobs/failed/:id/retry': { 200: exact(['retried'], { retried: { const: true } }) },
  'GET /api/studio/users': { 200: exact(['items'], { items: { type: 'array', items: studioUser } }) },
  'POST /api/studio/users': { 201: exact(['user', 'initialPassword'], { user: studioUser, initialPassword: str }) },
  'PATCH /api/studio/users/:id': { 200: exact(['user'], { user: studioUser }) },
  'POST /api/studio/users/:id/password': { 200: exact(['initialPassword'], { initialPassword: str }) },
  'POST /api/studio/users/:id/positions': { 201: exact(['user'], { user: studioUser }) },
  'POST /api/studio/units': { 201: studioUnit },
  'PATCH /api/studio/units/:id': { 200: { ...studioUnit, required: [...studioUnit.required, 'active'] } },
  'GET /api/studio/bundles/export': {
    200: exact(['format', 'formatVersion', 'pillar', 'exportedAt', 'documents'], {
      format: str,
      formatVersion: { const: 1 },
      pillar: nstr,
      exportedAt: time,
      documents: { type: 'array', items: exact(['kind', 'key', 'version', 'checksum', 'body'], { kind: str, key: str, version: int, checksum: str, body: anyObject }) },
    }),
  },
  'POST /api/studio/bundles/validate': { 200: exact(['pillar', 'issues', 'changes'], { pillar: nstr, issues, changes: { type: 'array', items: bundleChange } }) },
  'POST /api/studio/bundles/import': { 200: exact(['pillar', 'published', 'unchanged'], { pillar: nstr, published, unchanged: int }) },
  'GET /api/studio/workflows/:key/tasks': { 200: exact(['items'], { items: { type: 'array', items: exact(['pillar', 'version', 'state', 'category', 'count'], { pillar: nstr, version: int, state: str, category: str, count: int }) } }) },
  'POST /api/studio/workflows/:key/migrate': { 200: exact(['migrated'], { migrated: int }) },
  'POST /api/studio/view-as/:userId': {
    200: exact(['user', 'preview', 'rules', 'can', 'tasks', 'units'], {
      user,
      preview: { type: 'array', items: str },
      rules: { type: 'array', items: { type: 'object', required: ['action', 'subject'], description: 'CASL rules with the placeholders resolved' } },
      can: { type: 'array', items: exact(['action', 'subject', 'allowed'], { action: str, subject: str, allowed: bool }) },
      tasks: exact(['total', 'items'], { total: int, items: { type: 'array', items: exact(['id', 'code', 'title', 'state', 'pillar', 'dueDate'], { id: int, code: str, title: str, state: str, pillar: str, dueDate: ndate }) } }),
      units: exact(['total'], { total: int }),
    }),
  },
  'POST /api/studio/reports/preview': { 200: reportResultSchema },
  'GET /api/jobs/failed': {
    200: exact(['runner', 'items'], {
      runner: { enum: ['bullmq', 'in-process'] },
      items: { type: 'array', items: exact(['id', 'name', 'data', 'attempts', 'error', 'failedAt'], { id: str, name: str, data: { description: 'The job’s input' }, attempts: int, error: str, failedAt: ntime }) },
    }),
  },
  'POST /api/jobs/:name/run': { 200: { type: 'object', required: ['name', 'result'], properties: { name: str, result: {} } } },
  'GET /api/oidc/clients': {
    200: exact(['items'], {
      items: { type: 'array', items: exact(['clientId', 'name', 'grantTypes', 'redirectUris', 'scope', 'public', 'createdAt'], { clientId: str, name: str, grantTypes: { type: 'array', items: str }, redirectUris: { type: 'array', items: str }, scope: str, public: bool, createdAt: ntime }) },
    }),
  },
  'POST /api/oidc/clients': { 201: { type: 'object', required: ['clientId', 'clientSecret'], properties: { clientId: str, clientSecret: nstr } } },
  'DELETE /api/oidc/clients/:id': { 204: null },
  'DELETE /api/calendar/days/:day': { 200: exact(['day', 'item'], { day: date, item: { anyOf: [calendarDay, { type: 'null' }], description: 'The pre-filled holiday the day returns to, if any' } }) },
  'DELETE /api/studio/positions/:id': { 200: exact(['user'], { user: studioUser }) },
};

/** Request bodies of routes that do not declare `body`, by "METHOD /path" (a `contentMediaType`: not JSON). */
export const REQUEST_BODIES: Record<string, object> = {
  'POST /api/attachments': { type: 'string', contentMediaType: 'application/octet-stream', description: 'The file itself; its name in ?name=, X-File-Name or Content-Disposition' },
  'POST /api/auth/login': { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 100 }, password: { type: 'string', maxLength: 1024 }, otp: { type: 'string' } } },
};
