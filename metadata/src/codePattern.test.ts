import { codePatternProblems, formatTaskCode } from './codePattern.js';

describe('task code patterns', () => {
  it('formats the tokens', () => {
    const parts = { pillar: 'ubnd', type: 'NV', date: new Date(2025, 6, 3), seq: 42 };
    expect(formatTaskCode('{PILLAR}-{yyyy}-{seq:6}', parts)).toBe('UBND-2025-000042');
    expect(formatTaskCode('{TYPE}/{yy}{MM}/{seq:3}', parts)).toBe('NV/2507/042');
    expect(formatTaskCode('{seq:2}', { ...parts, seq: 123 })).toBe('123');
  });

  it('accepts known tokens with exactly one sequence', () => {
    expect(codePatternProblems('{PILLAR}-{yyyy}-{seq:6}')).toEqual([]);
    expect(codePatternProblems('NV-{TYPE}{yy}{MM}.{seq:12}')).toEqual([]);
  });

  it('reports unknown tokens, stray braces and a missing or repeated sequence', () => {
    expect(codePatternProblems('{PILLAR}-{year}-{seq:6}')).toEqual([
      expect.stringContaining('unknown token {year}'),
    ]);
    expect(codePatternProblems('{PILLAR}-{seq:6')).toEqual([
      'has an unbalanced { or }',
      'must contain exactly one {seq:N} token so that codes are unique',
    ]);
    expect(codePatternProblems('{seq:0}-{seq:13}')).toHaveLength(3);
    expect(codePatternProblems('{seq:4}{seq:4}')).toEqual([
      'must contain exactly one {seq:N} token so that codes are unique',
    ]);
  });
});
