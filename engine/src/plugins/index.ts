// The plugin host (host.ts) and the typed API plugins are given (types.ts). Plugin packages import the
// types from '@dondoc/engine/plugins' (type-only imports: values come with the api object).
export type * from './types.js';
export { PluginHost, pluginPackageOf, type LoadedPlugin } from './host.js';
export { integrationRoutes } from './routes.js';
export { loadPluginConfig, envPrefixOf } from './config.js';
export { sign, verifySignature, signedHeaders, signatureBase, SIGNATURE_HEADER, TIMESTAMP_HEADER, IDEMPOTENCY_HEADER } from './signing.js';
