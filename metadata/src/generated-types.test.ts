import { readdirSync, readFileSync } from 'node:fs';
import { generateTypes } from '../scripts/generate.js';

// The committed types must be what the schemas generate today: run `npm run gen:types` after a change.
describe('generated types', () => {
  it('are up to date with the JSON Schemas', async () => {
    const expected = await generateTypes();
    const dir = new URL('./generated/', import.meta.url);
    const committed = new Map(
      readdirSync(dir).map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]),
    );
    expect([...committed.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected)
      expect({ name, content: committed.get(name) }).toEqual({ name, content });
  });
});
