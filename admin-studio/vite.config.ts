import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appConfig } from '../runtime-ui/vite.base.ts';

// Admin Studio, served by the engine at `/studio/` (unknown paths under it fall back to its index.html).
export default defineConfig(
  appConfig({ root: fileURLToPath(new URL('.', import.meta.url)), base: '/studio/' }),
);
