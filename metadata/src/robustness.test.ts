import fc from 'fast-check';
import { contextOf, loadDefaults } from './__tests__/defaults.js';
import { escapePointerToken } from './issues.js';
import { METADATA_KINDS } from './kinds.js';
import { validateMeaning } from './meaning.js';
import { validateMetadata } from './validate.js';

// Administrators type metadata by hand: whatever they save, validation answers with issues, never throws.
describe('validation never throws', () => {
  const ctx = contextOf();
  const defaults = loadDefaults();

  it('on arbitrary JSON of any kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METADATA_KINDS), fc.jsonValue(), async (kind, body) => {
        const issues = await validateMetadata(kind, body, ctx);
        expect(Array.isArray(issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on a default document with one value replaced, and issues carry pointers into it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...defaults), fc.nat(), fc.jsonValue(), async (doc, pick, value) => {
        const body = JSON.parse(JSON.stringify(doc.body));
        const paths = pointersOf(body);
        const path = paths[pick % paths.length];
        setAt(body, path, value);
        const issues = await validateMetadata(doc.kind, body, ctx);
        for (const issue of issues) expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('in meaning checks of structurally valid documents whose references are missing', async () => {
    const nothing = { exists: async () => false, get: async () => undefined };
    for (const doc of defaults)
      await expect(validateMeaning(doc.kind, doc.body, nothing)).resolves.toBeInstanceOf(Array);
  });
});

function pointersOf(value: unknown, base = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = `${base}/${escapePointerToken(k)}`;
    return [p, ...pointersOf(v, p)];
  });
}

function setAt(root: any, path: string, value: unknown) {
  const tokens = path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop()!;
  tokens.reduce((o, t) => o[t], root)[last] = value;
}
