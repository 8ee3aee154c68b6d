// A workflow effect is one small registered module: adding an effect type touches one file plus the registry.
import type { Knex } from 'knex';
import type { Principal, Position } from '../../org/principal.js';
import type { Services } from '../../services.js';
import type { TaskDefinition } from '../definitions.js';
import type { TaskRow } from '../rows.js';

export interface EffectContext {
  trx: Knex.Transaction;
  s: Services;
  /** The task as it will be written: effects change `changes` (columns) and `data`. */
  task: TaskRow;
  changes: Partial<TaskRow>;
  data: Record<string, any>;
  /** What the transition's form submitted. */
  input: Record<string, any>;
  principal: Principal;
  position: Position | null;
  definition: TaskDefinition;
  transition: { key: string; label: string; to: string };
  note: string | null;
  now: Date;
  /** Fire a transition on another task inside this transaction (sub-tasks, parents). */
  fireSystem(taskId: number, transitionKey: string, note: string): Promise<boolean>;
  /** Create a task inside this transaction (delegation). */
  createChild(input: ChildInput): Promise<number>;
  /** Stored notifications, delivered by the notify capability after commit. */
  notify(userIds: number[], n: { kind: string; template?: string; title: string; body?: string }): Promise<void>;
  recipients(parties: string[]): Promise<number[]>;
}

export interface ChildInput {
  parent: TaskRow;
  leadUnitId: number;
  title: string;
  data: Record<string, any>;
  dueDate: string | null;
  state: string;
}

export interface EffectModule<E = any> {
  type: string;
  apply(effect: E, ctx: EffectContext): Promise<void>;
}

export const defineEffect = <E>(m: EffectModule<E>) => m;
