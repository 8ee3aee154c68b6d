// Delays in working days, in SQL: report_working_days holds n(day) = working days in (EPOCH, day] for
// every day of 2000–2099, so the working days between a due date and a completion date are one
// subtraction of two primary-key lookups. The table follows calendar_days: when this process's working
// calendar reloads (after an edit here or on another instance), the checksum of calendar_days is compared
// with the one the numbers were built from and the table is rebuilt if they differ.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { dbDate } from '../db/time.js';
import { addDays } from '../calendar/days.js';
import { CalendarSnapshot, type DayKind, type WorkingCalendar } from '../calendar/workingDays.js';
import { dialectOf } from '../db/connect.js';

export const WD_EPOCH = '1999-12-31';
const FIRST = '2000-01-01';
const LAST = '2099-12-31';

export class WorkingDayNumbers {
  private synced: CalendarSnapshot | null = null;
  private current: CalendarSnapshot | null = null;
  private pending: Promise<CalendarSnapshot> | null = null;

  constructor(
    private knex: Knex,
    private calendar: WorkingCalendar,
  ) {}

  /** Makes sure the table matches the calendar; returns the calendar the numbers were built from. */
  async ensure(): Promise<CalendarSnapshot> {
    const snap = await this.calendar.snapshot();
    if (snap === this.synced && this.current) return this.current;
    if (!this.pending)
      this.pending = this.sync(snap).finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** n(today): the working days up to `day`, as the table would hold it. */
  static numberOf(snap: CalendarSnapshot, day: string): number {
    return snap.workingDaysBetween(WD_EPOCH, day);
  }

  private async sync(snap: CalendarSnapshot): Promise<CalendarSnapshot> {
    const rows = await this.knex('calendar_days').orderBy('day').select('day', 'kind');
    const days = rows.map((r: any) => [dbDate(r.day)!, r.kind as DayKind] as const);
    const checksum = crypto.createHash('sha256').update(days.map(([d, k]) => `${d}:${k}`).join(',')).digest('hex');
    const calendar = new CalendarSnapshot(new Map(days));
    const have = await this.knex('report_state').where({ name: 'working_days' }).first('value');
    if (have?.value !== checksum) await this.rebuild(calendar, checksum);
    this.synced = snap;
    this.current = calendar;
    return calendar;
  }

  private async rebuild(calendar: CalendarSnapshot, checksum: string): Promise<void> {
    const out: { day: string; n: number }[] = [];
    let n = 0;
    for (let day = FIRST; day <= LAST; day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day)) n++;
      out.push({ day, n });
    }
    const per = dialectOf(this.knex) === 'sqlite' ? 400 : 5_000; // knex writes SQLite multi-row inserts as a compound SELECT (≤ 500 terms)
    await this.knex.transaction(async (trx) => {
      await trx('report_working_days').delete();
      for (let i = 0; i < out.length; i += per) await trx('report_working_days').insert(out.slice(i, i + per));
      await trx('report_state').insert({ name: 'working_days', value: checksum }).onConflict('name').merge();
    });
  }
}
