// When backups are due, in Asia/Ho_Chi_Minh (UTC+7 all year): the weekly full at its weekday and time,
// the daily incremental at the end of office hours. A slot is one scheduled instant of one kind; its key
// is what backup_runs holds once an engine has taken it.
import type { BackupConfig } from './config.js';

const HANOI_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

export type SlotKind = 'full' | 'incremental';

export interface Slot {
  kind: SlotKind;
  at: Date;
  key: string;
}

const slot = (kind: SlotKind, at: Date): Slot => ({
  kind,
  at,
  key: `${kind}@${at.toISOString().slice(0, 16)}Z`,
});

function days(kind: SlotKind, c: BackupConfig): { weekdays: number[]; minutes: number } {
  return kind === 'full'
    ? { weekdays: [c.fullAt.weekday], minutes: c.fullAt.minutes }
    : { weekdays: c.incrementalAt.weekdays, minutes: c.incrementalAt.minutes };
}

/** Instants of `kind` from `now` going back (dir -1) or forward (dir +1), nearest first, over 8 days. */
function candidates(kind: SlotKind, c: BackupConfig, now: Date, dir: 1 | -1): Date[] {
  const { weekdays, minutes } = days(kind, c);
  const localMidnight = Math.floor((now.getTime() + HANOI_MS) / DAY_MS) * DAY_MS; // of today, in Hanoi, as if UTC
  const out: Date[] = [];
  for (let i = 0; i <= 8; i++) {
    const day = localMidnight + dir * i * DAY_MS;
    if (!weekdays.includes(new Date(day).getUTCDay())) continue;
    out.push(new Date(day + minutes * 60_000 - HANOI_MS));
  }
  return out;
}

/** The latest slot of `kind` at or before `now`. */
export function lastSlot(kind: SlotKind, c: BackupConfig, now: Date): Slot | null {
  const at = candidates(kind, c, now, -1).find((d) => d <= now);
  return at ? slot(kind, at) : null;
}

/** The next slot of `kind` after `now`. */
export function nextSlot(kind: SlotKind, c: BackupConfig, now: Date): Slot | null {
  const at = candidates(kind, c, now, 1).find((d) => d > now);
  return at ? slot(kind, at) : null;
}

export const describeSchedule = (c: BackupConfig) => {
  const hm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  return {
    full: `${names[c.fullAt.weekday]} ${hm(c.fullAt.minutes)}`,
    incremental: `${c.incrementalAt.weekdays.map((d) => names[d]).join(',')} ${hm(c.incrementalAt.minutes)}`,
    timeZone: 'Asia/Ho_Chi_Minh',
  };
};
