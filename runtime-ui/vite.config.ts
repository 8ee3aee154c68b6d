import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appConfig } from './vite.base.ts';

// Runtime UI, served by the engine at `/` (unknown paths fall back to index.html).
export default defineConfig(appConfig({ root: fileURLToPath(new URL('.', import.meta.url)), base: '/' }));
