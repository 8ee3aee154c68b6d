// A workflow as a graph for React Flow: states are nodes, each (transition, source state) pair is an
// edge; "*" (any state not final) is one extra node. Reachability is computed here too, so an
// unreachable state is marked the moment it appears; the engine's issues are attached by JSON Pointer.
import dagre from '@dagrejs/dagre';
import type { Workflow } from '../../metadata/vocabulary';
import { FINAL_CATEGORIES } from '../../metadata/vocabulary';

export const ANY = '*';
export const NODE_W = 210;
export const NODE_H = 70;

/** States reachable from the initial state and the draft state. */
export function reachable(wf: Workflow): Set<string> {
  const keys = new Set(wf.states.map((s) => s.key));
  const isFinal = (k: string) => FINAL_CATEGORIES.includes(wf.states.find((s) => s.key === k)?.category ?? '');
  const next = new Map<string, Set<string>>();
  for (const t of wf.transitions) {
    if (!keys.has(t.to)) continue;
    const sources = t.from.includes(ANY) ? wf.states.filter((s) => !isFinal(s.key)).map((s) => s.key) : t.from;
    for (const f of sources) next.set(f, (next.get(f) ?? new Set()).add(t.to));
  }
  const start = [wf.initial, ...(wf.draft ? [wf.draft] : [])].filter((k) => keys.has(k));
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length)
    for (const to of next.get(queue.shift()!) ?? [])
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
  return seen;
}

/** States that are not final and have no transition leading elsewhere. */
export function deadEnds(wf: Workflow): Set<string> {
  const out = new Set<string>();
  for (const s of wf.states) {
    if (FINAL_CATEGORIES.includes(s.category)) continue;
    const leaves = wf.transitions.some((t) => (t.from.includes(s.key) || t.from.includes(ANY)) && t.to !== s.key);
    if (!leaves) out.add(s.key);
  }
  return out;
}

/** Top-to-bottom positions from dagre (self-loops and "*" left out of the ranking). */
export function autoLayout(wf: Workflow): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const s of wf.states) g.setNode(s.key, { width: NODE_W, height: NODE_H });
  const keys = new Set(wf.states.map((s) => s.key));
  for (const t of wf.transitions)
    for (const f of t.from) if (f !== ANY && f !== t.to && keys.has(f) && keys.has(t.to)) g.setEdge(f, t.to);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const s of wf.states) {
    const n = g.node(s.key);
    out[s.key] = { x: Math.round(n.x - NODE_W / 2), y: Math.round(n.y - NODE_H / 2) };
  }
  return out;
}

export const CATEGORY_COLORS: Record<string, string> = {
  open: '#1677ff',
  waiting: '#fa8c16',
  done: '#389e0d',
  cancelled: '#8c8c8c',
};

/** Renames a state everywhere it is named: its key, initial/draft, transitions' from and to. */
export function renameState(wf: Workflow, from: string, to: string): Workflow {
  if (from === to) return wf;
  return {
    ...wf,
    initial: wf.initial === from ? to : wf.initial,
    ...(wf.draft !== undefined ? { draft: wf.draft === from ? to : wf.draft } : {}),
    states: wf.states.map((s) => (s.key === from ? { ...s, key: to } : s)),
    transitions: wf.transitions.map((t) => ({ ...t, from: t.from.map((f) => (f === from ? to : f)), to: t.to === from ? to : t.to })),
  };
}

/** Removes a state and what can no longer exist without it. */
export function deleteState(wf: Workflow, key: string): Workflow {
  return {
    ...wf,
    ...(wf.draft === key ? { draft: undefined } : {}),
    states: wf.states.filter((s) => s.key !== key),
    transitions: wf.transitions
      .filter((t) => t.to !== key)
      .map((t) => ({ ...t, from: t.from.filter((f) => f !== key) }))
      .filter((t) => t.from.length > 0),
  };
}
