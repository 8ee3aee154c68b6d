// Turns the JSON Schemas into TypeScript types. Shared by gen-types.ts (writes the files) and the test
// that fails when the committed files are stale.
import { compile } from 'json-schema-to-typescript';
import { METADATA_KINDS } from '../src/kinds.js';
import { metadataSchema } from '../src/schemas.js';

const BANNER = `/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by \`npm run gen:types\`. Do not edit: change the schema
 * and regenerate.
 */`;

/** File name (relative to metadata/src/generated) → content. */
export async function generateTypes(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const kind of METADATA_KINDS) {
    // compile() mutates its input; give it a copy so the cached schema stays pristine.
    const schema = structuredClone(metadataSchema(kind));
    const ts = await compile(schema as never, kind, {
      bannerComment: BANNER,
      ignoreMinAndMaxItems: true,
      strictIndexSignatures: false,
      style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
    });
    files.set(`${kind}.ts`, ts);
  }
  const index = METADATA_KINDS.map((kind) => `export type * from './${kind}.js';`).join('\n');
  files.set('index.ts', `${BANNER}\n\n${index}\n`);
  return files;
}
