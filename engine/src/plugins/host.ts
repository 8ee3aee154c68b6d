// The plugin host. A deployment enables plugins by configuration (PLUGINS=edxml,central-sync); each is a
// package under plugins/ whose default export is a DondocPlugin, set up once at start with a typed
// PluginApi (types.ts). Through it a plugin registers routes, jobs, workflow effects, form field types,
// report datasets, connectors, consumers of the task event feed and outbox channels; the engine keeps
// the registries, so what a plugin adds is visible (GET /api/integrations, the OpenAPI document) and runs
// under the engine's rules (route authorisation, the job runner's retries, the outbox's delivery log).
//
// The host also runs what every integration shares: the outbox (outbox.ts), the task event feed
// (feed.ts), the gateway to documents and tasks (gateway.ts), import logs (imports.ts), signed HTTP
// (signing.ts, http.ts) — and the engine's own outbound webhooks (engine/src/webhooks) use the same.
import type Koa from 'koa';
import type { RouteSpec } from '../api/routes.js';
import { defineRoutes } from '../api/routes.js';
import { HttpError } from '../api/errors.js';
import type { JobHandler } from '../jobs/types.js';
import type { Services } from '../services.js';
import { registerEffect } from '../tasks/effects/index.js';
import { defineFormatLabel } from '@dondoc/metadata';
import { DATASET_KEY, DATASETS, type Dataset } from '../reports/datasets.js';
import { envPrefixOf } from './config.js';
import { FEED_JOB, TaskEventFeed, feedJob } from './feed.js';
import { createGateway } from './gateway.js';
import { readRawBody, request } from './http.js';
import { importLog } from './imports.js';
import { Outbox, outboxJobs } from './outbox.js';
import { verifySignature } from './signing.js';
import type { ConnectorDef, DondocPlugin, FieldTypeDef, Gateway, PluginApi } from './types.js';
import { installWebhooks } from '../webhooks/index.js';

export interface LoadedPlugin {
  name: string;
  package: string;
  description: string | null;
  routes: string[];
  jobs: string[];
}

/** "edxml" → "@dondoc/edxml"; a scoped or path-like name is imported as given. */
export const pluginPackageOf = (name: string) => (/^[a-z0-9-]+$/.test(name) ? `@dondoc/${name}` : name);

export class PluginHost {
  readonly outbox: Outbox;
  readonly feed: TaskEventFeed;
  readonly gateway: Gateway;
  /** Routes the plugins added (mounted with the engine's). */
  readonly routes: RouteSpec[] = [];
  /** The engine's whole route table, plugins included (set by app.ts; the OpenAPI document reads it). */
  routeTable: RouteSpec[] = [];
  readonly loaded: LoadedPlugin[] = [];
  readonly fieldTypes = new Map<string, FieldTypeDef & { plugin: string }>();
  /** Report datasets the plugins registered (the built-ins are reports/datasets.ts's). */
  readonly datasets = new Map<string, Dataset & { plugin: string }>();
  readonly connectors = new Map<string, ConnectorDef & { plugin: string }>();
  private startHooks: Array<() => Promise<void> | void> = [];
  private closeHooks: Array<() => Promise<void> | void> = [];
  private jobsRegistered = false;

  constructor(private s: () => Services) {
    this.outbox = new Outbox(s);
    this.feed = new TaskEventFeed(s);
    this.gateway = createGateway(s);
  }

  /** What metadata may name beyond the built-ins: the validators' MetadataContext.extensions. */
  extensions(): { fieldTypes: string[]; datasets: string[] } {
    return { fieldTypes: [...this.fieldTypes.keys()], datasets: [...this.datasets.keys()] };
  }

  private registerJob(h: JobHandler) {
    this.s().jobs.register(h);
  }

  /** The shared integration jobs and the engine's webhooks, then every enabled plugin. Before the job runner starts. */
  async load(names: string[] = this.s().config.plugins ?? []): Promise<void> {
    const s = this.s();
    if (!this.jobsRegistered) {
      for (const h of outboxJobs(() => this.outbox)) this.registerJob(h);
      this.registerJob(feedJob(() => this.feed));
      installWebhooks(this, s);
      this.jobsRegistered = true;
    }
    for (const name of names) {
      // A notification channel plugin (notify-email) belongs to the notify capability: same as NOTIFY_CHANNELS.
      if (/^notify-[a-z0-9-]+$/.test(name)) {
        const channel = name.slice('notify-'.length);
        const channels = s.config.notify?.channels;
        if (channels && !channels.includes(channel)) channels.push(channel);
        continue;
      }
      const pkg = pluginPackageOf(name);
      const mod = await import(pkg);
      const plugin: DondocPlugin | undefined = mod.default ?? mod.plugin;
      if (!plugin || typeof plugin.setup !== 'function') throw new Error(`${pkg} does not export a Đôn Đốc plugin (an object with name and setup)`);
      const record: LoadedPlugin = { name: plugin.name ?? name, package: pkg, description: plugin.description ?? null, routes: [], jobs: [] };
      await plugin.setup(this.apiFor(record, name));
      this.loaded.push(record);
      s.log.info({ plugin: record.name, routes: record.routes.length, jobs: record.jobs.length }, `plugin "${record.name}" loaded from ${pkg}`);
    }
  }

  private apiFor(record: LoadedPlugin, configuredName: string): PluginApi {
    const s = this.s();
    const prefix = envPrefixOf(configuredName);
    const env = Object.fromEntries(Object.entries(s.config.pluginEnv ?? {}).filter(([k]) => k.startsWith(prefix) || k.startsWith('INTEGRATIONS_')));
    return {
      name: record.name,
      services: s,
      log: s.log.child({ plugin: record.name }),
      env,
      routes: (routes) => {
        for (const r of defineRoutes(routes)) {
          if (!r.path.startsWith('/api/')) throw new Error(`plugin ${record.name}: route ${r.path} must be under /api/`);
          this.routes.push({ ...r, tags: r.tags?.length ? r.tags : [record.name] });
          record.routes.push(`${r.method.toUpperCase()} ${r.path}`);
        }
      },
      job: (h) => {
        if (this.startedJobs) throw new Error(`plugin ${record.name}: jobs must be registered in setup`);
        this.registerJob(h);
        record.jobs.push(h.name);
      },
      effect: (m) => registerEffect(m),
      fieldType: (def) => {
        const known = this.fieldTypes.get(def.name);
        if (!/^[a-z][a-z0-9-]{0,59}$/.test(def.name)) throw new Error(`plugin ${record.name}: field type "${def.name}" must be lower-case letters, digits and hyphens`);
        if (known) throw new Error(`plugin ${record.name}: field type "${def.name}" is already registered by ${known.plugin}`);
        if (!def.label || typeof def.validate !== 'function') throw new Error(`plugin ${record.name}: field type "${def.name}" needs a label and validate()`);
        // Throws when the name is a standard format (date, email, …).
        s.tasks.definitions.addFieldType(def.name, (v) => def.validate(v));
        defineFormatLabel(def.name, def.label, def.labelEn);
        this.fieldTypes.set(def.name, { ...def, plugin: record.name });
      },
      reportDataset: (ds: Dataset) => {
        if (!DATASET_KEY.test(ds.key)) throw new Error(`plugin ${record.name}: dataset "${ds.key}" must be lower-case letters, digits and hyphens`);
        const taken = Object.hasOwn(DATASETS, ds.key) ? 'the engine' : this.datasets.get(ds.key)?.plugin;
        if (taken) throw new Error(`plugin ${record.name}: dataset "${ds.key}" is already registered by ${taken}`);
        if (!Object.keys(ds.accessFields).length) throw new Error(`plugin ${record.name}: dataset "${ds.key}" needs the columns of its permission filter (accessFields)`);
        if (!Object.hasOwn(ds.fields, ds.periodField)) throw new Error(`plugin ${record.name}: dataset "${ds.key}": periodField "${ds.periodField}" is not one of its fields`);
        // Only form fields and task measures need the tasks table; a plugin's rows are its own.
        this.datasets.set(ds.key, { ...ds, formFields: false, taskMeasures: false, plugin: record.name });
      },
      connector: (def) => {
        this.connectors.set(def.id, { ...def, plugin: record.name });
      },
      onTaskEvents: (consumer) => this.feed.add(consumer),
      outboxChannel: (channel) => this.outbox.register(channel),
      send: (trx, messages) => this.outbox.add(trx, messages),
      onStart: (fn) => void this.startHooks.push(fn),
      onClose: (fn) => void this.closeHooks.push(fn),
      gateway: this.gateway,
      http: {
        readRawBody: (ctx, limit) => readRawBody(ctx, limit),
        request: (r) => request(r, this.s().clock),
        verify: (secret, headers, method, path, body, now) => verifySignature(secret, headers, method, path, body, now ?? this.s().clock.now()),
      },
      error: (status, code, message, details = []) => new HttpError(status, code, message, details),
      imports: importLog(() => this.s().knex, () => this.s().clock, record.name),
    };
  }

  private startedJobs = false;

  /** After the job runner started: plugins' start hooks (watchers and the like). */
  async start(): Promise<void> {
    this.startedJobs = true;
    for (const fn of this.startHooks) await fn();
  }

  async close(): Promise<void> {
    for (const fn of [...this.closeHooks].reverse()) {
      try {
        await fn();
      } catch (err) {
        this.s().log.warn({ err }, 'plugin close hook failed');
      }
    }
  }

  /** After each write request that succeeded: consume the task event feed soon (webhooks, pushes). */
  afterWrites(): Koa.Middleware {
    return async (ctx, next) => {
      await next();
      if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS' || ctx.status >= 400) return;
      void this.s()
        .jobs.enqueue(FEED_JOB, {}, { dedupeId: FEED_JOB, delayMs: 50 })
        .catch((err) => this.s().log.warn({ err }, 'integrations feed: enqueue failed'));
    };
  }
}
