import { describe, expect, it } from '@jest/globals';
import { buildTree, filterTree, type TreeItem } from './buildTree';

interface U {
  id: number;
  parentId: number | null;
  name: string;
}

const shape = (nodes: TreeItem<U>[]): unknown => nodes.map((n) => [n.item.id, shape(n.children)]);

describe('buildTree', () => {
  it('nests by parentId and keeps sibling order', () => {
    const units: U[] = [
      { id: 1, parentId: null, name: 'UBND' },
      { id: 3, parentId: 1, name: 'Sở Tài chính' },
      { id: 2, parentId: 1, name: 'Văn phòng' },
      { id: 4, parentId: 2, name: 'Phòng Tổng hợp' },
    ];
    expect(shape(buildTree(units))).toEqual([
      [
        1,
        [
          [3, []],
          [2, [[4, []]]],
        ],
      ],
    ]);
  });

  it('makes an item whose parent is not visible a root', () => {
    const units: U[] = [
      { id: 10, parentId: 1, name: 'Phường Ba Đình' },
      { id: 11, parentId: 10, name: 'Văn phòng' },
      { id: 12, parentId: 1, name: 'Phường Hoàn Kiếm' },
    ];
    expect(shape(buildTree(units))).toEqual([
      [10, [[11, []]]],
      [12, []],
    ]);
  });

  it('does not lose items caught in a cycle', () => {
    const units: U[] = [
      { id: 1, parentId: 2, name: 'a' },
      { id: 2, parentId: 1, name: 'b' },
      { id: 3, parentId: 2, name: 'c' },
    ];
    expect(shape(buildTree(units))).toEqual([
      [1, []],
      [2, [[3, []]]],
    ]);
  });
});

describe('filterTree', () => {
  it('keeps matches with their ancestors and expands the ancestors', () => {
    const units: U[] = [
      { id: 1, parentId: null, name: 'UBND' },
      { id: 2, parentId: 1, name: 'Văn phòng' },
      { id: 3, parentId: 2, name: 'Phòng Tổng hợp' },
      { id: 4, parentId: 1, name: 'Sở Tài chính' },
    ];
    const { keep, expand } = filterTree(units, (u) => u.name.includes('Tổng hợp'));
    expect([...keep].sort()).toEqual([1, 2, 3]);
    expect([...expand].sort()).toEqual([1, 2]);
  });
});
