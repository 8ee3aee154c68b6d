import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appConfig } from '../runtime-ui/vite.base.ts';

// Admin Studio, served by the engine at `/studio/` (unknown paths under it fall back to its index.html).
const config = appConfig({ root: fileURLToPath(new URL('.', import.meta.url)), base: '/studio/' });

// Only react keeps a chunk group of its own here. A group also takes the dependencies of what it
// captures, so the shared antd/vendor groups would pull every designer's libraries (React Flow, @rjsf,
// echarts, dnd-kit, jsondiffpatch) and every antd component into what the first page loads. Without
// them, each designer's libraries load with the designer that imports them.
const output = config.build?.rolldownOptions?.output as { codeSplitting?: { groups?: { name: string }[] } } | undefined;
if (output?.codeSplitting?.groups) output.codeSplitting.groups = output.codeSplitting.groups.filter((g) => g.name === 'react');

export default defineConfig(config);
