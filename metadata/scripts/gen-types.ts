// npm run gen:types — regenerate metadata/src/generated from the JSON Schemas.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { generateTypes } from './generate.js';

const dir = new URL('../src/generated/', import.meta.url);
const files = await generateTypes();
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) if (!files.has(name)) rmSync(new URL(name, dir));
for (const [name, content] of files) writeFileSync(new URL(name, dir), content);
console.log(`wrote ${files.size} files to metadata/src/generated`);
