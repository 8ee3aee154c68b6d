// Reading and editing `calendar_days`. An edit commits together with its audit-log row, then drops the
// working-calendar cache here and on the other engine instances.
import type { Knex } from 'knex';
import type { AuditLog } from '../audit/log.js';
import type { Clock } from '../config/clock.js';
import { conflict, notFound } from '../api/errors.js';
import { dbDate, isoTime, toDbTime } from '../db/time.js';
import { yearOf } from './days.js';
import { libraryDays } from './prefill.js';
import type { DayKind, WorkingCalendar } from './workingDays.js';

export interface CalendarDay {
  day: string;
  kind: DayKind;
  name: string;
  source: 'date-holidays' | 'admin';
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface CalendarDeps {
  knex: Knex;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
}

export interface Editor {
  id: number | null;
  username: string;
  ip?: string;
}

const toApi = (r: any): CalendarDay => ({
  day: dbDate(r.day)!,
  kind: r.kind,
  name: r.name,
  source: r.source,
  updatedBy: r.updated_by ?? null,
  updatedAt: isoTime(r.updated_at),
});

async function read(trx: Knex, day: string): Promise<CalendarDay | null> {
  const r = await trx('calendar_days').where({ day }).first();
  return r ? toApi(r) : null;
}

/** The exceptions to Monday–Friday in [from, to], by day. */
export async function listDays(knex: Knex, from: string, to: string): Promise<CalendarDay[]> {
  const rows = await knex('calendar_days').whereBetween('day', [from, to]).orderBy('day');
  return rows.map(toApi);
}

/** An administrator sets a day off or a working day; it wins over the pre-fill from then on. */
export async function setDay(
  s: CalendarDeps,
  day: string,
  input: { kind: DayKind; name: string },
  by: Editor,
): Promise<CalendarDay> {
  const saved = await s.knex.transaction(async (trx) => {
    const before = await read(trx, day);
    const row = {
      day,
      kind: input.kind,
      name: input.name,
      source: 'admin',
      updated_by: by.username,
      updated_at: toDbTime(s.clock.now()),
    };
    await trx('calendar_days').insert(row).onConflict('day').merge();
    await s.audit.write(
      {
        action: 'calendar.set',
        actorId: by.id,
        actor: by.username,
        subjectType: 'Calendar',
        subjectId: day,
        ip: by.ip,
        detail: { kind: input.kind, name: input.name, before },
      },
      trx,
    );
    return toApi(row);
  });
  await s.calendar.changed(day);
  return saved;
}

/**
 * Removes an administrator's entry: the day goes back to its default, i.e. the library's holiday when
 * there is one (restored at once, as the next pre-fill would) or the Monday–Friday rule. A pre-filled
 * holiday is not deleted (the next pre-fill would bring it back): set the day as a working day instead.
 */
export async function clearDay(s: CalendarDeps, day: string, by: Editor): Promise<CalendarDay | null> {
  const now = await s.knex.transaction(async (trx) => {
    const before = await read(trx, day);
    if (!before) throw notFound('Ngày này không có trong lịch ngày nghỉ/ngày làm bù');
    if (before.source !== 'admin')
      throw conflict(
        'Ngày nghỉ lễ do hệ thống điền sẵn không xóa được; hãy đặt ngày này là ngày làm việc nếu cần bỏ',
      );
    await trx('calendar_days').where({ day }).delete();
    const lib = libraryDays(yearOf(day)).find((d) => d.day === day);
    if (lib)
      await trx('calendar_days').insert({
        day,
        kind: lib.kind,
        name: lib.name,
        source: 'date-holidays',
        updated_by: null,
        updated_at: toDbTime(s.clock.now()),
      });
    await s.audit.write(
      {
        action: 'calendar.clear',
        actorId: by.id,
        actor: by.username,
        subjectType: 'Calendar',
        subjectId: day,
        ip: by.ip,
        detail: { before, restored: lib ?? null },
      },
      trx,
    );
    return read(trx, day);
  });
  await s.calendar.changed(day);
  return now;
}
