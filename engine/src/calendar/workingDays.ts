// Working days: Monday to Friday, except the rows of `calendar_days` (a weekday off, a make-up working
// Saturday). The table is small (a few dozen rows a year), so each process caches it whole and reloads
// after an edit here or, through the change bus, on another engine instance.
import type { Knex } from 'knex';
import { dbDate } from '../db/time.js';
import type { ChangeBus } from '../metadata/bus.js';
import { addDays, isDay, isWeekend, toEpochDay } from './days.js';

export type DayKind = 'off' | 'work';

/** Largest |n| for addWorkingDays: ~14 years of working days; beyond that an input is a mistake. */
export const MAX_WORKING_DAYS = 3650;
const MAX_GAP = 366; // a calendar with no working day for a year is broken, not a long holiday

/** Synchronous rules over one loaded set of exceptions (for loops over many tasks, e.g. reports). */
export class CalendarSnapshot {
  /** The exceptions as day numbers, so counting over a range does no date parsing. */
  private counted: Array<{ at: number; weekend: boolean; kind: DayKind }>;

  constructor(private exceptions: ReadonlyMap<string, DayKind>) {
    this.counted = [...exceptions].map(([day, kind]) => ({
      at: toEpochDay(day),
      weekend: isWeekend(day),
      kind,
    }));
  }

  isWorkingDay(day: string): boolean {
    const k = this.exceptions.get(day);
    if (k) return k === 'work';
    return !isWeekend(day);
  }

  /** `day` itself when it is a working day, else the next one: where a deadline on a day off moves to. */
  nextWorkingDay(day: string): string {
    return this.scan(day, 1);
  }

  /**
   * "N working days from `start`" counts from the next day: Monday + 1 = Tuesday, Friday + 1 = Monday.
   * The result is always a working day; n = 0 gives nextWorkingDay(start); n < 0 counts backwards
   * (Tuesday − 1 = Monday), for reminders "N working days before the deadline".
   */
  addWorkingDays(start: string, n: number): string {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS)
      throw new RangeError(`Số ngày làm việc không hợp lệ: ${n}`);
    if (n === 0) return this.nextWorkingDay(start);
    const step = n > 0 ? 1 : -1;
    let day = start;
    for (let i = 0; i < Math.abs(n); i++) day = this.scan(addDays(day, step), step);
    return day;
  }

  /**
   * Working days in (a, b] when b ≥ a, negated when b < a (then −count of (b, a]); so
   * workingDaysBetween(a, addWorkingDays(a, n)) = n for n ≥ 1 and between(a, b) = −between(b, a).
   * Days left: between(today, due) → 0 on the due date, 1 the working day before it.
   * Delay: between(due, doneOn) is how many working days late (late itself is doneOn > due, by date).
   */
  workingDaysBetween(a: string, b: string): number {
    const x = toEpochDay(a);
    const y = toEpochDay(b);
    if (y < x) return 0 - this.workingDaysBetween(b, a) || 0; // never -0
    // Mon–Fri in (x, y] by whole weeks plus a remainder, then the exceptions inside the range.
    const total = y - x;
    let count = Math.floor(total / 7) * 5;
    for (let d = x + Math.floor(total / 7) * 7 + 1; d <= y; d++) {
      const wd = (((d + 4) % 7) + 7) % 7;
      if (wd !== 0 && wd !== 6) count++;
    }
    for (const { at, weekend, kind } of this.counted) {
      if (at <= x || at > y) continue;
      if (kind === 'off' && !weekend) count--;
      if (kind === 'work' && weekend) count++;
    }
    return count;
  }

  /** First working day from `day` on, moving by `step`. */
  private scan(day: string, step: 1 | -1): string {
    let d = day;
    for (let i = 0; i <= MAX_GAP; i++, d = addDays(d, step)) if (this.isWorkingDay(d)) return d;
    throw new Error(`Lịch làm việc không có ngày làm việc nào trong ${MAX_GAP} ngày kể từ ${day}`);
  }
}

/** The engine's working calendar: cached per process, reloaded after an edit. */
export class WorkingCalendar {
  private loaded: Promise<CalendarSnapshot> | null = null;

  constructor(
    private knex: Knex,
    private bus?: ChangeBus,
  ) {
    // Other instances announce their edits on the metadata change bus under kind 'calendar'.
    bus?.onChange((c) => {
      if (c.kind === 'calendar') this.invalidate();
    });
  }

  snapshot(): Promise<CalendarSnapshot> {
    if (!this.loaded) {
      const p = this.knex('calendar_days')
        .select('day', 'kind')
        .then(
          (rows) => new CalendarSnapshot(new Map(rows.map((r: any) => [dbDate(r.day)!, r.kind as DayKind]))),
        );
      this.loaded = p;
      // A failed load must not stay cached. A load overtaken by invalidate() is already dropped.
      p.catch(() => {
        if (this.loaded === p) this.loaded = null;
      });
    }
    return this.loaded;
  }

  /** Forget the cache of this process (after a write, or when told another instance wrote). */
  invalidate(): void {
    this.loaded = null;
  }

  /** After an admin edit commits: reload here and tell the other engine instances. */
  async changed(day: string): Promise<void> {
    this.invalidate();
    await this.bus?.announce({ kind: 'calendar', key: day, pillar: '', version: 0 });
  }

  async isWorkingDay(day: string): Promise<boolean> {
    return (await this.snapshot()).isWorkingDay(check(day));
  }
  async nextWorkingDay(day: string): Promise<string> {
    return (await this.snapshot()).nextWorkingDay(check(day));
  }
  async addWorkingDays(start: string, n: number): Promise<string> {
    return (await this.snapshot()).addWorkingDays(check(start), n);
  }
  async workingDaysBetween(a: string, b: string): Promise<number> {
    return (await this.snapshot()).workingDaysBetween(check(a), check(b));
  }
}

function check(day: string): string {
  if (!isDay(day)) throw new RangeError(`Ngày không hợp lệ (cần YYYY-MM-DD): ${String(day)}`);
  return day;
}

export function createWorkingCalendar(knex: Knex, bus?: ChangeBus): WorkingCalendar {
  return new WorkingCalendar(knex, bus);
}
