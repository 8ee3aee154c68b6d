// HTTP API of the working calendar: everybody signed in reads it (Calendar:read); administrators edit
// it (Calendar:update), each edit audited.
import type Koa from 'koa';
import { defineRoutes } from '../api/routes.js';
import type { AppState } from '../api/state.js';
import { vnToday, yearOf } from './days.js';
import { clearDay, listDays, setDay } from './service.js';
import { parseDay, parseDayBody, parseRange, parseWorkingDaysQuery } from './validate.js';

const editor = (ctx: Koa.ParameterizedContext<AppState>) => ({
  id: ctx.state.principal!.id,
  username: ctx.state.principal!.username,
  ip: ctx.ip,
});
const dayParam = (ctx: Koa.ParameterizedContext<AppState>) => parseDay((ctx as any).params.day, '/day');

export const calendarRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/calendar/days',
    summary: 'Days off on weekdays and make-up working days in [from, to] (default: this year)',
    tags: ['calendar'],
    action: 'read',
    subject: 'Calendar',
    async handler(ctx, s) {
      const { from, to } = parseRange(ctx.query, yearOf(vnToday(s.clock)));
      ctx.body = { from, to, items: await listDays(s.knex, from, to) };
    },
  },
  {
    method: 'get',
    path: '/api/calendar/working-days',
    summary: 'The date `days` working days after `start` (counted from the next day; always a working day)',
    tags: ['calendar'],
    action: 'read',
    subject: 'Calendar',
    async handler(ctx, s) {
      const { start, days } = parseWorkingDaysQuery(ctx.query);
      ctx.body = { start, days, due: await s.calendar.addWorkingDays(start, days) };
    },
  },
  {
    method: 'put',
    path: '/api/calendar/days/:day',
    summary:
      "Set a day off ('off') or a working day ('work', e.g. a make-up Saturday); wins over the pre-fill",
    tags: ['calendar'],
    action: 'update',
    subject: 'Calendar',
    async handler(ctx, s) {
      const day = dayParam(ctx);
      ctx.body = await setDay(s, day, parseDayBody(ctx.request.body), editor(ctx));
    },
  },
  {
    method: 'delete',
    path: '/api/calendar/days/:day',
    summary: "Remove an administrator's entry: the day returns to the pre-filled holiday or Monday–Friday",
    tags: ['calendar'],
    action: 'update',
    subject: 'Calendar',
    async handler(ctx, s) {
      const day = dayParam(ctx);
      ctx.body = { day, item: await clearDay(s, day, editor(ctx)) };
    },
  },
]);
