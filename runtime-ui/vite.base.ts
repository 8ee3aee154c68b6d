/**
 * Vite settings shared by runtime-ui and admin-studio (admin-studio imports this file).
 * Both apps are served by the engine from their dist folders; in development, the API is proxied to it.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

// The engine the dev server proxies to; ENGINE_URL for one on another port or host.
const ENGINE = process.env.ENGINE_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': ENGINE, '/oidc': ENGINE, '/healthz': ENGINE };

/** Code shared by both apps, imported as `@shared/...` (same mapping in both tsconfig.json). */
export const SHARED_DIR = fileURLToPath(new URL('./src/shared', import.meta.url));

export function appConfig(options: { root: string; base: string }): UserConfig {
  return {
    root: options.root,
    base: options.base,
    plugins: [react()],
    resolve: { alias: { '@shared': SHARED_DIR } },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // No data: URIs, so a strict Content-Security-Policy (img-src 'self', font-src 'self') holds.
      assetsInlineLimit: 0,
      // the antd chunk (admin-studio: Table, Menu, Select, Form) is one long-cached file by design
      chunkSizeWarningLimit: 800,
      rolldownOptions: {
        output: {
          // Libraries change less often than the app: separate files stay cached across releases.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
              {
                name: 'antd',
                test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|stylis|@emotion|dayjs|clsx|classnames)[\\/]/,
                priority: 2,
              },
              { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
    server: { proxy },
    preview: { proxy },
  };
}
