/** Dates as Hanoi reads them: dd/MM/yyyy, Asia/Ho_Chi_Minh, whatever the browser's own zone. */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/vi';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.tz.setDefault('Asia/Ho_Chi_Minh');
dayjs.locale('vi');

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

type DateInput = string | number | Date | null | undefined;

function toHanoi(value: DateInput): dayjs.Dayjs | null {
  if (value === null || value === undefined || value === '') return null;
  // A calendar date ("2025-07-01", a due date) has no instant: never shift it across zones.
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    const d = dayjs(value);
    return d.isValid() ? d : null;
  }
  const d = dayjs(value);
  return d.isValid() ? d.tz(TIME_ZONE) : null;
}

/** "01/07/2025"; empty string for a missing or invalid value. */
export function formatDate(value: DateInput): string {
  return toHanoi(value)?.format(DATE_FORMAT) ?? '';
}

/** "01/07/2025 14:30" in Hanoi time. */
export function formatDateTime(value: DateInput): string {
  const d = toHanoi(value);
  if (!d) return '';
  return typeof value === 'string' && DATE_ONLY.test(value)
    ? d.format(DATE_FORMAT)
    : d.format(DATE_TIME_FORMAT);
}

export function setDateLocale(language: string): void {
  dayjs.locale(language === 'vi' ? 'vi' : 'en');
}

export { dayjs };
