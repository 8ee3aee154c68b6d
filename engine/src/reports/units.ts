// The unit tree in memory for roll-ups, labels and tree order: a few thousand rows at most, reloaded
// when older than a few seconds (units change rarely; a report never runs on a tree older than that).
import type { Knex } from 'knex';

export interface UnitNode {
  id: number;
  parentId: number | null;
  pillar: string;
  code: string;
  name: string;
  nameEn: string | null;
  path: string;
  depth: number;
  /** Position in a depth-first walk of the forest (children by sort_order): official tables' order. */
  order: number;
}

export class UnitTree {
  readonly byId = new Map<number, UnitNode>();

  constructor(rows: any[]) {
    const children = new Map<number | null, any[]>();
    for (const r of rows) {
      const p = r.parent_id === null || r.parent_id === undefined ? null : Number(r.parent_id);
      if (!children.has(p)) children.set(p, []);
      children.get(p)!.push(r);
    }
    for (const list of children.values()) list.sort((a, b) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id));
    let order = 0;
    const walk = (parent: number | null) => {
      for (const r of children.get(parent) ?? []) {
        const id = Number(r.id);
        this.byId.set(id, { id, parentId: parent, pillar: r.pillar, code: r.code, name: r.name, nameEn: r.name_en ?? null, path: r.path, depth: Number(r.depth), order: order++ });
        walk(id);
      }
    };
    walk(null);
  }

  get(id: number | null | undefined): UnitNode | undefined {
    return id === null || id === undefined ? undefined : this.byId.get(Number(id));
  }

  /** The ancestor of `id` at `depth` (the unit itself when it is not deeper). */
  ancestorAt(id: number, depth: number): UnitNode | undefined {
    const u = this.byId.get(id);
    if (!u || u.depth <= depth) return u;
    const ids = u.path.split('/').filter(Boolean);
    return this.byId.get(Number(ids[depth]));
  }

  /** Ids of the unit and all units below it. */
  subtreeIds(id: number): number[] {
    const root = this.byId.get(id);
    if (!root) return [];
    return [...this.byId.values()].filter((u) => u.path.startsWith(root.path)).map((u) => u.id);
  }

  /** The deepest unit that is an ancestor-or-self of all of `ids` (none across pillars). */
  commonAncestor(ids: number[]): UnitNode | undefined {
    const paths = ids.map((i) => this.byId.get(i)?.path).filter((p): p is string => !!p);
    if (!paths.length || paths.length !== ids.length) return undefined;
    const parts = paths.map((p) => p.split('/').filter(Boolean));
    let common = 0;
    while (parts.every((p) => p[common] !== undefined && p[common] === parts[0]![common])) common++;
    return common ? this.byId.get(Number(parts[0]![common - 1])) : undefined;
  }
}

export class UnitCache {
  private tree: Promise<UnitTree> | null = null;
  private loadedAt = 0;

  constructor(
    private knex: Knex,
    private maxAgeMs = 5000,
  ) {}

  get(): Promise<UnitTree> {
    if (!this.tree || Date.now() - this.loadedAt > this.maxAgeMs) {
      this.loadedAt = Date.now();
      const p = this.knex('units').select('id', 'parent_id', 'pillar', 'code', 'name', 'name_en', 'path', 'depth', 'sort_order').then((rows) => new UnitTree(rows));
      p.catch(() => {
        if (this.tree === p) this.tree = null;
      });
      this.tree = p;
    }
    return this.tree;
  }

  invalidate(): void {
    this.tree = null;
  }
}
