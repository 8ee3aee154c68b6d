// The official statistics categories (DOMAIN.md), computed in SQL at query time from the due date, the
// completion date and today — never stored. `today` and the due-soon horizon are bound parameters.
import type { Knex } from 'knex';

export const CATEGORIES = ['doneOnTime', 'doneLate', 'openOnTime', 'openOverdue', 'noDeadline', 'dueSoon', 'cancelled'] as const;
export type Category = (typeof CATEGORIES)[number];

const OPEN = ['open', 'waiting'];

/** Adds the WHERE of one category to a query on `tasks`. */
export function whereCategory(qb: Knex.QueryBuilder, c: Category, today: string, soonUntil: string): Knex.QueryBuilder {
  switch (c) {
    case 'doneOnTime':
      return qb.where('tasks.state_category', 'done').where((w) => w.whereNull('tasks.due_date').orWhereRaw('tasks.completed_on <= tasks.due_date'));
    case 'doneLate':
      return qb.where('tasks.state_category', 'done').whereRaw('tasks.completed_on > tasks.due_date');
    case 'openOnTime':
      return qb.whereIn('tasks.state_category', OPEN).where('tasks.due_date', '>=', today);
    case 'openOverdue':
      return qb.whereIn('tasks.state_category', OPEN).where('tasks.due_date', '<', today);
    case 'noDeadline':
      return qb.whereIn('tasks.state_category', OPEN).whereNull('tasks.due_date');
    case 'dueSoon':
      return qb.whereIn('tasks.state_category', OPEN).whereBetween('tasks.due_date', [today, soonUntil]);
    case 'cancelled':
      return qb.where('tasks.state_category', 'cancelled');
  }
}

/** A CASE expression naming each row's category (dueSoon is a flag, not a category of its own). */
export function categoryCase(knex: Knex, today: string): Knex.Raw {
  return knex.raw(
    `CASE
      WHEN tasks.state_category = 'cancelled' THEN 'cancelled'
      WHEN tasks.state_category = 'done' AND (tasks.due_date IS NULL OR tasks.completed_on <= tasks.due_date) THEN 'doneOnTime'
      WHEN tasks.state_category = 'done' THEN 'doneLate'
      WHEN tasks.due_date IS NULL THEN 'noDeadline'
      WHEN tasks.due_date < ? THEN 'openOverdue'
      ELSE 'openOnTime' END`,
    [today],
  );
}
