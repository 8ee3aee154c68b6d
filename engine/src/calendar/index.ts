// The working calendar, for other capabilities (tasks compute deadlines, reports periods and delays).
export { isDay, addDays, weekday, isWeekend, vnDay, vnToday } from './days.js';
export {
  WorkingCalendar,
  CalendarSnapshot,
  createWorkingCalendar,
  MAX_WORKING_DAYS,
  type DayKind,
} from './workingDays.js';
export { prefillCalendar, libraryDays, defaultYears, type YearRange } from './prefill.js';
export * from './periods.js';
