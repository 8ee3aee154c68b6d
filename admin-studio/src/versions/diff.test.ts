import { describe, expect, it } from '@jest/globals';
import { diffDocs } from './diff';

describe('readable differences between two documents', () => {
  it('follows keyed items by key: a changed label, an added state, a reorder', () => {
    const a = { states: [{ key: 'moi', label: 'Mới' }, { key: 'xong', label: 'Xong' }], name: 'Quy trình' };
    const b = { states: [{ key: 'xong', label: 'Hoàn thành' }, { key: 'moi', label: 'Mới' }, { key: 'cho', label: 'Chờ' }], name: 'Quy trình' };
    const changes = diffDocs(a, b);
    expect(changes).toContainEqual({ op: 'change', path: ['states', 'xong', 'label'], before: 'Xong', after: 'Hoàn thành' });
    expect(changes).toContainEqual({ op: 'add', path: ['states', 'cho'], after: { key: 'cho', label: 'Chờ' } });
    expect(changes.some((c) => c.op === 'move')).toBe(true);
    expect(diffDocs(a, structuredClone(a))).toEqual([]);
  });
});
