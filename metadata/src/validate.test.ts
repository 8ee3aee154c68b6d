import { emptyContext, english } from './__tests__/defaults.js';
import { validateMeaning } from './meaning.js';
import { validateMetadata } from './validate.js';

describe('validateMetadata', () => {
  const workflow = {
    name: 'W',
    initial: 'x',
    states: [{ key: 'a', label: 'A', category: 'done' }],
    transitions: [],
  };

  it('checks meaning once the structure holds', async () => {
    expect(english(await validateMetadata('workflow', workflow, emptyContext))).toEqual([
      { path: '/initial', message: 'names no state of the workflow' },
    ]);
  });

  it('stops at structure problems, so meaning checks never see a malformed document', async () => {
    const asked: string[] = [];
    const ctx = { exists: async (kind: string, key: string) => (asked.push(`${kind}/${key}`), true) };
    const body = {
      ...workflow,
      transitions: [{ key: 't', label: 'T', from: ['a'], to: 'a', allow: [{ role: 'r' }] }],
      extra: 1,
    };
    expect(english(await validateMetadata('workflow', body, ctx))).toEqual([
      { path: '/extra', message: 'is not an allowed property' },
    ]);
    expect(asked).toEqual([]);
    expect(english(await validateMeaning('workflow', { ...body, extra: undefined }, ctx))).toEqual([
      { path: '/initial', message: 'names no state of the workflow' },
    ]);
    expect(asked).toEqual(['role/r']);
  });
});
