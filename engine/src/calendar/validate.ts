// Input checks for the calendar API: every problem is reported at once, as JSON Pointers (422).
import { invalid, type ErrorDetail } from '../api/errors.js';
import { isDay, toEpochDay } from './days.js';
import { MAX_WORKING_DAYS, type DayKind } from './workingDays.js';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const MAX_RANGE_DAYS = 3660; // ten years per listing

/** A 'YYYY-MM-DD' date within the years the calendar serves, or a detail explaining why not. */
function dayProblem(v: unknown, path: string): ErrorDetail | null {
  if (!isDay(v)) return { path, message: 'phải là ngày dạng YYYY-MM-DD' };
  const y = Number(v.slice(0, 4));
  if (y < MIN_YEAR || y > MAX_YEAR) return { path, message: `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}` };
  return null;
}

export function parseDay(v: unknown, path: string): string {
  const p = dayProblem(v, path);
  if (p) throw invalid([p]);
  return v as string;
}

export function parseRange(q: Record<string, unknown>, defaultYear: number): { from: string; to: string } {
  const from = q.from ?? `${defaultYear}-01-01`;
  const details = [dayProblem(from, '/from')];
  const to = q.to ?? (isDay(from) ? `${from.slice(0, 4)}-12-31` : undefined);
  details.push(dayProblem(to, '/to'));
  if (!details.some(Boolean)) {
    const span = toEpochDay(to as string) - toEpochDay(from as string);
    if (span < 0) details.push({ path: '/to', message: 'phải không sớm hơn from' });
    else if (span > MAX_RANGE_DAYS) details.push({ path: '/to', message: 'khoảng ngày tối đa 10 năm' });
  }
  const problems = details.filter((d): d is ErrorDetail => !!d);
  if (problems.length) throw invalid(problems);
  return { from: from as string, to: to as string };
}

export function parseWorkingDaysQuery(q: Record<string, unknown>): { start: string; days: number } {
  const problems: ErrorDetail[] = [];
  const startProblem = dayProblem(q.start, '/start');
  if (startProblem) problems.push(startProblem);
  const days = typeof q.days === 'string' && /^-?\d{1,5}$/.test(q.days) ? Number(q.days) : NaN;
  if (!Number.isInteger(days) || Math.abs(days) > MAX_WORKING_DAYS)
    problems.push({
      path: '/days',
      message: `phải là số nguyên từ -${MAX_WORKING_DAYS} đến ${MAX_WORKING_DAYS}`,
    });
  if (problems.length) throw invalid(problems);
  return { start: q.start as string, days };
}

const DEFAULT_NAMES: Record<DayKind, string> = { off: 'Ngày nghỉ', work: 'Làm bù' };

/** Body of PUT /api/calendar/days/:day: { kind: 'off' | 'work', name? } (name defaults by kind). */
export function parseDayBody(body: unknown): { kind: DayKind; name: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalid([{ path: '', message: 'phải là một đối tượng JSON' }]);
  const b = body as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  if (b.kind !== 'off' && b.kind !== 'work')
    problems.push({ path: '/kind', message: "phải là 'off' (ngày nghỉ) hoặc 'work' (ngày làm việc)" });
  const name = typeof b.name === 'string' ? b.name.trim() : b.name;
  if (name !== undefined && (typeof name !== 'string' || name.length < 1 || name.length > 200))
    problems.push({ path: '/name', message: 'phải là chuỗi từ 1 đến 200 ký tự' });
  for (const k of Object.keys(b))
    if (k !== 'kind' && k !== 'name')
      problems.push({
        path: `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: 'thuộc tính không được phép',
      });
  if (problems.length) throw invalid(problems);
  const kind = b.kind as DayKind;
  return { kind, name: (name as string | undefined) ?? DEFAULT_NAMES[kind] };
}
