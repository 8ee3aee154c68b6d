// The registry of workflow effects, by type.
import type { EffectModule } from './types.js';
import notify from './notify.js';
import setDeadline from './setDeadline.js';
import extendDeadline from './extendDeadline.js';
import setProgress from './setProgress.js';
import setField from './setField.js';
import createSubtasks from './createSubtasks.js';
import cancelChildren from './cancelChildren.js';
import closeParentWhenChildrenDone from './closeParentWhenChildrenDone.js';

const modules: EffectModule[] = [notify, setDeadline, extendDeadline, setProgress, setField, createSubtasks, cancelChildren, closeParentWhenChildrenDone];

export const effects = new Map(modules.map((m) => [m.type, m]));

/** Plugins add effect types here (issue 9's plugin host). */
export function registerEffect(m: EffectModule): void {
  effects.set(m.type, m);
}
