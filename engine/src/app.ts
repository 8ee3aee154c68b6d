// Assembles one engine instance: database, services, Koa app. Several instances may share a database
// (and Redis); nothing that must be shared lives only in this process's memory.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { pino, type Logger } from 'pino';
import { AuditLog } from './audit/log.js';
import { systemClock, type Clock } from './config/clock.js';
import type { Config } from './config/index.js';
import { connect } from './db/connect.js';
import { migrateLatest } from './db/migrate.js';
import { Lockout } from './identity/lockout.js';
import { TokenStore } from './identity/tokens.js';
import { authenticate } from './identity/authenticate.js';
import { AccessService } from './access/service.js';
import { LocalBus, RedisBus } from './metadata/bus.js';
import { MetadataRegistry } from './metadata/registry.js';
import { MetadataSnapshot } from './metadata/snapshot.js';
import { assertJsonDepth, errorMiddleware } from './api/errors.js';
import { mountRoutes, type RouteSpec } from './api/routes.js';
import type { AppState } from './api/state.js';
import { securityHeaders } from './api/security-headers.js';
import { createRateLimits } from './api/rate-limit.js';
import { staticApps } from './api/static.js';
import { allRoutes } from './api/index.js';
import { seed } from './seed/index.js';
import mount from 'koa-mount';
import { oidcSecrets } from './oidc/secrets.js';
import { ClientRegistry } from './oidc/clients.js';
import { OidcService } from './oidc/service.js';
import { createProvider } from './oidc/provider.js';
import { interactionRouter } from './oidc/interactions.js';
import { signingKeys } from './oidc/keys.js';
import { createWorkingCalendar } from './calendar/workingDays.js';
import { TaskService } from './tasks/service.js';
import { ReportService } from './reports/service.js';
import { ensureIndexedColumns } from './tasks/indexed.js';
import type { Services } from './services.js';
import { createJobRunner } from './jobs/index.js';
import { databaseTag } from './jobs/bullmq.js';
import { NotifyService, deliverAfterWrites } from './notify/index.js';
import { notifyConfigOf } from './notify/config.js';
import { testClockOf } from './config/testClock.js';
import { BackupService } from './backup/service.js';
import { PluginHost } from './plugins/host.js';

export interface EngineOptions {
  clock?: Clock;
  /** Seed pillars, units and default metadata (and demo accounts when config.demoSeed). Default true. */
  seed?: boolean;
  /** Jobs: `schedule: false` starts no automatic schedule (tests run jobs by hand: services.jobs.runNow). */
  jobs?: { schedule?: boolean };
}

export interface Engine {
  app: Koa<AppState>;
  services: Services;
  routes: RouteSpec[];
  /** The Koa router the routes are mounted on (its `stack` is what the engine really answers). */
  router: Router<AppState>;
  listen(port?: number, host?: string): Promise<{ url: string; server: http.Server }>;
  close(): Promise<void>;
}

export async function createEngine(config: Config, opts: EngineOptions = {}): Promise<Engine> {
  if (config.production && (config.demoSeed || config.seedPassword))
    throw new Error('NODE_ENV=production refuses to start with demo accounts: unset SEED_PASSWORD and DEMO_SEED');
  const log: Logger = pino({ level: config.logLevel });
  // Tests that spawn engine processes move their time through a shared file (NODE_ENV=test only).
  const clock = opts.clock ?? testClockOf(config) ?? systemClock;
  const knex = connect(config.databaseUrl, config.dataDir);
  try {
    return await assemble(config, opts, log, clock, knex);
  } catch (err) {
    await knex.destroy(); // a failed start leaves no connection (or file lock) behind
    throw err;
  }
}

async function assemble(config: Config, opts: EngineOptions, log: Logger, clock: Clock, knex: ReturnType<typeof connect>): Promise<Engine> {
  await migrateLatest(knex);

  const bus = config.redisUrl ? new RedisBus(config.redisUrl) : new LocalBus();
  await bus.ready();
  try {
    return await assembleServices(config, opts, log, clock, knex, bus);
  } catch (err) {
    await bus.close();
    throw err;
  }
}

async function assembleServices(config: Config, opts: EngineOptions, log: Logger, clock: Clock, knex: ReturnType<typeof connect>, bus: LocalBus | RedisBus): Promise<Engine> {
  const audit = new AuditLog(knex, clock);
  const rateLimits = await createRateLimits(config, knex, clock, audit, log);
  const snapshot = new MetadataSnapshot(knex);
  const metadata = new MetadataRegistry(knex, snapshot, bus, audit, clock);
  const secrets = await oidcSecrets(knex, config);
  const oidc: OidcService = new OidcService(new ClientRegistry(knex, clock, secrets.keySecret, (): string => oidc.publicUrl));
  const services: Services = {
    config,
    knex,
    clock,
    log,
    audit,
    tokens: new TokenStore(knex, clock, { ttlSeconds: config.tokenTtlSeconds, idleSeconds: 15 * 60 }),
    lockout: new Lockout(knex, clock),
    metadata,
    access: new AccessService(metadata),
    calendar: createWorkingCalendar(knex, bus),
    tasks: new TaskService(() => services, metadata),
    reports: new ReportService(() => services),
    secrets,
    oidc,
    jobs: createJobRunner(() => services, config),
    notify: new NotifyService(() => services, { redisUrl: config.redisUrl, tag: databaseTag(config.databaseUrl, config.dataDir), appUrl: config.publicUrl ?? `http://${config.host}:${config.port}` }),
    plugins: new PluginHost(() => services),
    backup: new BackupService(config, clock, (msg) => log.warn(msg)),
  };
  // Forms and reports may name the field types and report datasets the enabled plugins register.
  metadata.extensions = () => services.plugins.extensions();
  // Publishing a form with indexed fields adds their generated columns at once (DESIGN.md).
  metadata.onPublish(async (doc) => {
    if (doc.kind === 'form') await ensureIndexedColumns(knex, doc.body, clock.now());
  });
  if (opts.seed !== false) await seed(services);
  await snapshot.ensureFresh();
  // Plugins (PLUGINS) register their routes, jobs and channels before the runner and notify start.
  await services.plugins.load();
  // Channel plugins, then the job workers and (unless turned off) the schedules: reminders, delivery, periodic tasks.
  const notifyConfig = notifyConfigOf(config);
  await services.notify.start(notifyConfig.channelEnv, notifyConfig.channels);
  await services.jobs.start({ schedule: opts.jobs?.schedule ?? notifyConfig.schedule });
  await services.plugins.start();

  const app = new Koa<AppState>({ proxy: config.security?.trustProxy ?? process.env.TRUST_PROXY === 'true', maxIpsCount: config.security?.trustProxyHops ?? 1 });
  // oidc-provider signs its cookies with these keys; the app signs the BFF's with the same (DEVELOPERS.md trap).
  app.keys = secrets.cookieKeys;
  let oidcMiddleware: Koa.Middleware | undefined;
  const router = new Router<AppState>();
  const routes = [...allRoutes(), ...services.plugins.routes];
  services.plugins.routeTable = routes; // the OpenAPI document covers every route
  mountRoutes(router, routes, services);

  app.use(errorMiddleware(log));
  app.use(securityHeaders());
  app.use(rateLimits.perAddress());
  app.use(staticApps());
  // The provider and its sign-in pages parse their own (form) bodies: mounted before the JSON parser.
  app.use(async (ctx, next) => {
    if (ctx.path !== '/oidc' && !ctx.path.startsWith('/oidc/')) return next();
    if (!oidcMiddleware) throw new Error('the OpenID Connect provider starts with the HTTP server');
    return oidcMiddleware(ctx, next);
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }));
  app.use(async (ctx, next) => {
    if (ctx.request.body !== undefined) assertJsonDepth(ctx.request.body);
    await next();
  });
  app.use(authenticate(services));
  app.use(deliverAfterWrites(services));
  app.use(services.plugins.afterWrites());
  app.use(rateLimits.perAccount());
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  app.on('error', (err) => log.debug({ err }, 'koa error'));

  let server: http.Server | undefined;
  return {
    app,
    services,
    routes,
    router,
    async listen(port = config.port, host = config.host) {
      server = http.createServer(app.callback());
      server.requestTimeout = 60_000;
      server.headersTimeout = 20_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const a = server.address() as AddressInfo;
      const url = `http://${host}:${a.port}`;
      // The issuer is the public address (behind a proxy: PUBLIC_URL); back-channel calls stay local.
      oidc.publicUrl = config.publicUrl ?? url;
      oidc.issuer = `${oidc.publicUrl}/oidc`;
      oidc.localUrl = url;
      oidc.setKeys(await signingKeys(knex, secrets.keySecret, clock));
      oidc.provider = await createProvider({ knex, clock, secrets, clients: oidc.clients, issuer: oidc.issuer, production: config.production });
      const interactions = interactionRouter(services, oidc.provider);
      const provider = mount('/oidc', oidc.provider as unknown as Koa);
      const interactionRoutes = interactions.routes() as unknown as Koa.Middleware;
      oidcMiddleware = async (ctx, next) => (ctx.path.startsWith('/oidc/interaction/') ? interactionRoutes(ctx, next) : provider(ctx, next));
      return { url, server };
    },
    async close() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((r) => server!.close(() => r()));
      }
      await services.plugins.close();
      await services.jobs.close(); // lets running jobs finish
      await services.notify.close();
      await bus.close();
      await rateLimits.close();
      await knex.destroy();
    },
  };
}
