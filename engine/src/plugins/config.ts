// Which plugins a deployment runs, and the settings they may read — from the environment only.
//   PLUGINS=edxml,central-sync,notify-email   a short name "x" is the package @dondoc/x; a scoped or
//                                             otherwise qualified name is imported as given
// A plugin reads the variables named after it (edxml → EDXML_*, central-sync → CENTRAL_SYNC_*), and the
// engine's own integration settings are INTEGRATIONS_* and WEBHOOKS_*.

export interface PluginConfig {
  plugins: string[];
  pluginEnv: Record<string, string | undefined>;
}

/** The environment prefix of a plugin: "central-sync" → "CENTRAL_SYNC_", "@acme/dondoc-foo" → "DONDOC_FOO_". */
export function envPrefixOf(name: string): string {
  const bare = name.replace(/^@[^/]+\//, '');
  return `${bare.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_`;
}

export function loadPluginConfig(env: NodeJS.ProcessEnv = process.env): PluginConfig {
  const plugins = [...new Set((env.PLUGINS ?? '').split(',').map((p) => p.trim()).filter(Boolean))];
  const prefixes = ['INTEGRATIONS_', 'WEBHOOKS_', ...plugins.map(envPrefixOf)];
  const pluginEnv = Object.fromEntries(Object.entries(env).filter(([k]) => prefixes.some((p) => k.startsWith(p))));
  return { plugins, pluginEnv };
}

/** Seconds from a variable, or the default (non-numbers and negatives give the default). */
export function secondsOf(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}
