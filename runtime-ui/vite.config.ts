import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { appConfig } from './vite.base.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes dist/sw.js from sw-template.js with the list of every built file (the precached app shell)
 * and a version that changes with them. Hand-written rather than a plugin: it is short, and every byte
 * is served by the engine (no CDN, nothing fetched at build time).
 */
function serviceWorker(): Plugin {
  return {
    name: 'dondoc-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = [
        '/index.html',
        '/manifest.webmanifest',
        '/favicon.svg',
        '/icons/icon-192.png',
        '/icons/icon-512.png',
        '/icons/maskable-512.png',
      ];
      const built = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'index.html')
        .map((f) => `/${f}`);
      const assets = [...new Set([...publicFiles, ...built])].sort();
      const version = crypto.createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const template = fs.readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
      const source = template
        .replace("const VERSION = '__VERSION__';", `const VERSION = ${JSON.stringify(version)};`)
        .replace('const ASSETS = __ASSETS__;', `const ASSETS = ${JSON.stringify(assets)};`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// Runtime UI, served by the engine at `/` (unknown paths fall back to index.html).
// Unlike Admin Studio, only React gets a library chunk of its own: grouping all of antd or every other
// library into one file would pull what the lazy pages need (forms, charts, tables, date pickers) into
// the first load. Left to the bundler, each lazy page brings its own libraries.
const base = appConfig({ root, base: '/' });
export default defineConfig({
  ...base,
  plugins: [...(base.plugins ?? []), serviceWorker()],
  build: {
    ...base.build,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 }],
        },
      },
    },
  },
});
