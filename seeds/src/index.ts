// @dondoc/seeds: organisation of the four pillars and the demo accounts. Default metadata lives in
// seeds/metadata (exported as `@dondoc/seeds/metadata/*`).
import type { PillarKey, UnitSeed } from './org.js';

export * from './org.js';

/** A unit of a flattened tree: no `children`, with its pillar, parent code and depth (root = 0). */
export type FlatUnit = UnitSeed & { pillar: PillarKey; parentCode: string | null; depth: number };

/** The units of one tree in pre-order (a parent always before its children, siblings in seed order). */
export function flattenUnits(tree: UnitSeed, pillar: PillarKey): FlatUnit[] {
  const out: FlatUnit[] = [];
  const visit = (unit: UnitSeed, parentCode: string | null, depth: number): void => {
    const { children, ...own } = unit;
    out.push({ ...own, pillar, parentCode, depth });
    for (const child of children ?? []) visit(child, unit.code, depth + 1);
  };
  visit(tree, null, 0);
  return out;
}
