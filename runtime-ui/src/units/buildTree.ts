interface Linked {
  id: number;
  parentId: number | null;
}

export interface TreeItem<T> {
  item: T;
  children: TreeItem<T>[];
}

/** True when following parentId up from `item` comes back to it (never in a sound tree). */
function inCycle<T extends Linked>(item: T, byId: Map<number, T>): boolean {
  const seen = new Set<number>([item.id]);
  let parentId = item.parentId;
  while (parentId !== null) {
    if (seen.has(parentId)) return parentId === item.id;
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) return false;
    parentId = parent.parentId;
  }
  return false;
}

/**
 * Builds a forest from a flat list by parentId, keeping the list's order among siblings.
 * An item whose parent is not in the list (the top of what the caller may see) becomes a root;
 * so does an item caught in a cycle, rather than disappearing.
 */
export function buildTree<T extends Linked>(items: readonly T[]): TreeItem<T>[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const nodes = new Map<number, TreeItem<T>>();
  for (const item of items) nodes.set(item.id, { item, children: [] });
  const roots: TreeItem<T>[] = [];
  for (const node of nodes.values()) {
    const { parentId } = node.item;
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (parent && !inCycle(node.item, byId)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * For a search: the ids of the items matching `match` and of their ancestors (so each match stays in
 * its place in the tree), and the ids to expand (the ancestors) so that every match shows.
 */
export function filterTree<T extends Linked>(
  items: readonly T[],
  match: (item: T) => boolean,
): { keep: Set<number>; expand: Set<number> } {
  const byId = new Map(items.map((item) => [item.id, item]));
  const keep = new Set<number>();
  const expand = new Set<number>();
  for (const item of items) {
    if (!match(item)) continue;
    keep.add(item.id);
    let parentId = item.parentId;
    while (parentId !== null && !expand.has(parentId)) {
      const parent = byId.get(parentId);
      if (!parent) break;
      expand.add(parentId);
      keep.add(parentId);
      parentId = parent.parentId;
    }
  }
  return { keep, expand };
}
