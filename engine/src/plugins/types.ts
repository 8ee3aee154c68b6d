// The typed API a plugin package is given (engine/src/plugins/host.ts). A plugin is in-process, trusted
// code enabled by configuration (PLUGINS); it contributes through this API only, so the engine knows
// everything it added: its routes are in the route table (and the OpenAPI document) and are authorised
// like the engine's own, its jobs run on the engine's job runner, its outbound messages go through the
// outbox (retries with backoff, a delivery log).
//
// Plugin packages import these types only (`import type … from '@dondoc/engine/plugins'`): every value
// they need comes with the api object, so a plugin never loads a second copy of engine code.
import type { Knex } from 'knex';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { RouteSpec } from '../api/routes.js';
import type { AppState } from '../api/state.js';
import type { JobHandler } from '../jobs/types.js';
import type { EffectModule } from '../tasks/effects/types.js';
import type { Principal } from '../org/principal.js';
import type { AppAbility } from '../access/ability.js';
import type { Services } from '../services.js';
import type { ErrorDetail } from '../api/errors.js';
import type { DocumentApi } from '../documents/rows.js';
import type { Dataset, FieldDef } from '../reports/datasets.js';

export type { RouteSpec, JobHandler, EffectModule, ErrorDetail, Principal, AppAbility, Services, DocumentApi, Dataset, FieldDef };
export type Ctx = Koa.ParameterizedContext<AppState>;

export interface DondocPlugin {
  /** Short name, as PLUGINS names it: "edxml". */
  name: string;
  description?: string;
  setup(api: PluginApi): void | Promise<void>;
}

/**
 * A form field type: a string format a form's field names (`{"type": "string", "format": "<name>"}` in the
 * form's `schema`). Publishing a form that names a type no enabled plugin registers (and no standard
 * format) is refused (422 at the `format`); task data is checked with `validate` (422 at `/data/<field>`,
 * "Phải là <label>").
 */
export interface FieldTypeDef {
  /** Lower-case letters, digits and hyphens, not a standard format (date, email, uri, …): "ma-dinh-danh". */
  name: string;
  /** Vietnamese name of a valid value, as messages say it: "Phải là <label>". */
  label: string;
  labelEn?: string;
  description?: string;
  /** A JSON Schema fragment of the value a form field of this type should have (a hint for designers). */
  schema?: Record<string, unknown>;
  /** The widget the generated forms should render (uiSchema `ui:widget`), e.g. "text". */
  widget?: string;
  /** Whether a (string) value is valid; pure and fast (it runs on every task write). */
  validate(value: string): boolean;
}

/** A connection to another system, listed for administrators with its health (GET /api/integrations). */
export interface ConnectorDef {
  id: string;
  name: string;
  /** What an administrator should know now: configured or not, last exchange, backlog. */
  status(): Promise<Record<string, unknown>>;
}

/** One row of the task history, with the task fields an integration needs (the event feed). */
export interface FeedEvent {
  id: number;
  taskId: number;
  seq: number;
  at: string;
  action: 'create' | 'transition' | 'update' | 'attach' | 'system';
  transition: string | null;
  fromState: string | null;
  toState: string | null;
  actorId: number | null;
  note: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  task: {
    id: number;
    code: string;
    title: string;
    pillar: string;
    typeKey: string;
    state: string;
    stateCategory: string;
    progress: number;
    dueDate: string | null;
    leadUnitId: number;
    leadUnitCode: string | null;
    sourceDocumentId: number | null;
    parentId: number | null;
    data: Record<string, unknown>;
    workflow: { key: string; scope: string; version: number };
  };
}

/** A consumer of the task event feed: called with new events in id order, inside one transaction (read and write through `trx` only: SQLite has one connection). */
export interface FeedConsumer {
  /** Stable name: its cursor is stored under it. */
  name: string;
  handle(trx: Knex.Transaction, events: FeedEvent[]): Promise<void>;
}

/** A message to send through the outbox. `key` makes it idempotent: the same (channel, key) is sent once. */
export interface OutboxMessage {
  channel: string;
  key: string;
  target?: string | null;
  payload: unknown;
}

export interface OutboxRow {
  id: number;
  channel: string;
  target: string | null;
  key: string;
  payload: any;
  attempts: number;
}

/** What one delivery attempt came to. `permanent`: no retry will help (a 4xx other than 408/429). */
export interface DeliveryResult {
  ok: boolean;
  status?: number;
  error?: string;
  permanent?: boolean;
  response?: string;
}

/** Sends the messages of one channel; the outbox logs each attempt and retries with backoff. */
export interface OutboxChannel {
  name: string;
  /** Attempts before the message is marked failed (default 8: about 4 minutes of backoff). */
  attempts?: number;
  deliver(message: OutboxRow): Promise<DeliveryResult>;
}

export interface SignedRequest {
  method: string;
  url: string;
  body?: string;
  headers?: Record<string, string>;
  /** HMAC secret: adds X-DonDoc-Timestamp and X-DonDoc-Signature (see signing.ts). */
  secret?: string;
  idempotencyKey?: string;
  timeoutMs?: number;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
}

/** Who an integration acts as: a configured account, with its positions and abilities. */
export interface Acting {
  principal: Principal;
  ability: AppAbility;
}

export interface ImportedDocumentInput {
  externalId: string;
  number: string | null;
  notation: string | null;
  issuedDate: string;
  /** Matched against the document-type catalog by value, label or abbreviation; else "khac". */
  typeName: string | null;
  issuerName: string;
  issuerCode: string | null;
  subject: string;
  signerPosition: string | null;
  signerName: string | null;
  /** Catalog value, or undefined for the default. */
  urgency?: string;
  dueDate: string | null;
  recipients: { unitId?: number; code?: string; name: string }[];
  responseFor: Record<string, unknown>[];
  attachments: { name: string; bytes: Buffer; declaredType?: string | null; path: string }[];
}

export interface DraftTaskInput {
  leadUnitId: number;
  title: string;
  content: string;
  dueDate: string | null;
}

/** Engine capabilities a plugin uses, each doing its writes the engine's way (one transaction, audited). */
export interface Gateway {
  /** The account an integration acts as (by user name); undefined when it does not exist or is inactive. */
  actingAs(username: string): Promise<Acting | undefined>;
  /** Units by organisation code (mã định danh), active ones only. */
  unitsByCode(codes: string[]): Promise<Map<string, { id: number; code: string; name: string; pillar: string; path: string }>>;
  /** A document by its external id (edXML DocumentId), or undefined. */
  documentByExternalId(externalId: string, db?: Knex): Promise<any | undefined>;
  /**
   * Create a document with its attachments (decoded bytes: size and type checked, stored by hash) and
   * draft tasks, all in one transaction; `extra(trx, documentId)` writes the caller's own rows in it.
   * 422 with `path` of each attachment that is refused.
   */
  createDocument(
    acting: Acting,
    input: ImportedDocumentInput,
    opts: { drafts?: DraftTaskInput[]; taskType?: string; draft?: boolean; /** Whose drafts they are (the assigner who will assign them); default `acting`. */ draftsAs?: Acting; extra?: (trx: Knex.Transaction, documentId: number) => Promise<void> },
  ): Promise<{ documentId: number; taskIds: number[]; warnings: string[] }>;
  /** Update an imported document's fields (and add attachments), or set its status; one transaction. */
  updateDocument(
    acting: Acting,
    documentId: number,
    input: Partial<ImportedDocumentInput> & { status?: 'active' | 'revoked' | 'replaced' },
    opts?: { extra?: (trx: Knex.Transaction) => Promise<void> },
  ): Promise<void>;
  /** Create tasks as `acting` (non-draft unless `draft`), in one transaction; `extra` writes in it too. */
  createTasks(
    acting: Acting,
    tasks: Array<{ type: string; title: string; data: Record<string, unknown>; leadUnitId: number; coordinatorUnitIds?: number[]; dueDate?: string | null; sourceDocumentId?: number | null; draft?: boolean }>,
    extra?: (trx: Knex.Transaction, taskIds: number[]) => Promise<void>,
  ): Promise<number[]>;
  /** The task-type form data a simple task needs (content and source), keeping only fields the form has. */
  taskData(typeKey: string, pillar: string, fields: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface PluginApi {
  readonly name: string;
  readonly services: Services;
  readonly log: Logger;
  /** The plugin's settings: environment variables with its prefix, and the engine's INTEGRATIONS_*. */
  readonly env: Record<string, string | undefined>;
  /** Routes under /api, authorised like the engine's (action + subject, or public/authenticated). */
  routes(routes: RouteSpec[]): void;
  /** A job on the engine's runner (BullMQ or in-process); register in setup, before the runner starts. */
  job(handler: JobHandler): void;
  /** A workflow effect type (metadata `effects: [{ "type": "<type>", … }]`). */
  effect(module: EffectModule): void;
  /** A form field type (form field `"format": "<name>"`); register in setup. */
  fieldType(def: FieldTypeDef): void;
  /**
   * A report dataset (report metadata `"dataset": "<key>"`): what it reads (`from`), its fields with their
   * types (filters and dimensions name them), and the CASL subject and columns of the viewer's permission
   * filter, compiled to SQL like the built-ins' (`subject` must be one role metadata grants `read` on).
   * Register in setup.
   */
  reportDataset(dataset: Dataset): void;
  connector(def: ConnectorDef): void;
  /** Consume the task event feed (every change of every task, in order, at least once). */
  onTaskEvents(consumer: FeedConsumer): void;
  outboxChannel(channel: OutboxChannel): void;
  /** Queue outbound messages inside the caller's transaction; they are sent after commit. */
  send(trx: Knex, messages: OutboxMessage[]): Promise<number>;
  /** After the engine listens / before it closes. */
  onStart(fn: () => Promise<void> | void): void;
  onClose(fn: () => Promise<void> | void): void;
  gateway: Gateway;
  http: {
    /** The raw request body as a Buffer, at most `limit` bytes (413 beyond). */
    readRawBody(ctx: Ctx, limit: number): Promise<Buffer>;
    /** A request with a timeout; signed with HMAC when `secret` is given. */
    request(r: SignedRequest): Promise<HttpResult>;
    /** Verifies an incoming signed request (timestamp within 5 minutes); false when it does not match. */
    verify(secret: string, headers: Record<string, string | string[] | undefined>, method: string, pathWithQuery: string, body: string, now?: Date): boolean;
  };
  /** An error the engine answers as JSON {error: {code, message, details}} with `status` (HttpError). */
  error(status: number, code: string, message: string, details?: ErrorDetail[]): Error;
  /** Records an import (a job with progress) and the messages it rejected, for GET /api/integrations/imports. */
  imports: ImportLog;
}

export interface ImportLog {
  start(input: { source: string; name: string; total?: number; createdBy?: number | null }): Promise<number>;
  progress(id: number, p: { total?: number; processed?: number; imported?: number; duplicates?: number; rejected?: number }): Promise<void>;
  reject(id: number | null, r: { item: string; externalId?: string | null; reason: string; details?: ErrorDetail[] }): Promise<void>;
  finish(id: number, status: 'done' | 'failed', error?: string): Promise<void>;
}
