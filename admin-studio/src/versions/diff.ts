// A readable difference between two documents: one line per added, removed, changed or moved value,
// with a path a person can follow ("states › cho-bo-sung › label"). Arrays of keyed items (states,
// transitions, rules, catalog items) are matched by key, so a reorder is a move, not a rewrite.
import { create, type Delta } from 'jsondiffpatch';

export interface Change {
  op: 'add' | 'remove' | 'change' | 'move';
  /** Human path: keys of keyed items instead of indexes. */
  path: string[];
  before?: unknown;
  after?: unknown;
}

const differ = create({
  objectHash: (item: object, index?: number) => {
    const o = item as Record<string, unknown>;
    for (const k of ['key', 'value', 'field', 'param']) if (typeof o[k] === 'string') return `${k}:${o[k] as string}`;
    return `$index:${index ?? 0}`;
  },
  arrays: { detectMove: true, includeValueOnMove: false },
});

function labelOf(item: unknown, index: number): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    for (const k of ['key', 'value', 'field', 'param']) if (typeof o[k] === 'string') return o[k] as string;
  }
  return `#${index + 1}`;
}

function walk(delta: Delta, left: unknown, right: unknown, path: string[], out: Change[]): void {
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ op: 'add', path, after: delta[0] });
    else if (delta.length === 2) out.push({ op: 'change', path, before: delta[0], after: delta[1] });
    else if (delta.length === 3 && delta[2] === 0) out.push({ op: 'remove', path, before: delta[0] });
    else if (delta.length === 3 && delta[2] === 3) out.push({ op: 'move', path, after: delta[1] });
    else out.push({ op: 'change', path, before: left, after: right });
    return;
  }
  if (!delta || typeof delta !== 'object') return;
  const d = delta as Record<string, Delta>;
  if ((d as Record<string, unknown>)._t === 'a') {
    const l = Array.isArray(left) ? left : [];
    const r = Array.isArray(right) ? right : [];
    for (const [k, sub] of Object.entries(d)) {
      if (k === '_t') continue;
      if (k.startsWith('_')) {
        const i = Number(k.slice(1));
        const label = labelOf(l[i], i);
        if (Array.isArray(sub) && sub[2] === 3) out.push({ op: 'move', path: [...path, label], before: i + 1, after: Number(sub[1]) + 1 });
        else walk(sub, l[i], undefined, [...path, label], out);
      } else {
        const i = Number(k);
        const label = labelOf(r[i], i);
        // A nested delta under a new index refers to the item moved or kept there: its old self is found by key.
        const old = l.find((x, j) => labelOf(x, j) === label) ?? l[i];
        walk(sub, old, r[i], [...path, label], out);
      }
    }
    return;
  }
  const lo = (left && typeof left === 'object' ? left : {}) as Record<string, unknown>;
  const ro = (right && typeof right === 'object' ? right : {}) as Record<string, unknown>;
  for (const [k, sub] of Object.entries(d)) walk(sub, lo[k], ro[k], [...path, k], out);
}

export function diffDocs(left: unknown, right: unknown): Change[] {
  const delta = differ.diff(left, right);
  const out: Change[] = [];
  if (delta) walk(delta, left, right, [], out);
  return out;
}
