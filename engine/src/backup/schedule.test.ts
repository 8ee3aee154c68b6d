import { loadBackupConfig } from './config.js';
import { lastSlot, nextSlot } from './schedule.js';

const c = loadBackupConfig({}, '/tmp/data');

test('weekly full on Sunday 22:00 and daily incremental at 17:30, in Hanoi time', () => {
  const sundayNight = new Date('2026-11-29T15:00:00Z'); // Sunday 22:00 in Hanoi
  expect(lastSlot('full', c, sundayNight)?.key).toBe('full@2026-11-29T15:00Z');
  expect(lastSlot('full', c, new Date(sundayNight.getTime() - 1))?.key).toBe('full@2026-11-22T15:00Z');
  expect(nextSlot('full', c, sundayNight)?.at.toISOString()).toBe('2026-12-06T15:00:00.000Z');
  // Monday 00:30 in Hanoi is still Sunday in UTC: the last incremental is Sunday's 17:30
  expect(lastSlot('incremental', c, new Date('2026-11-29T17:30:00Z'))?.key).toBe(
    'incremental@2026-11-29T10:30Z',
  );
  expect(nextSlot('incremental', c, new Date('2026-11-29T17:30:00Z'))?.key).toBe(
    'incremental@2026-11-30T10:30Z',
  );
});

test('incremental days and times come from the environment; nonsense stops the start', () => {
  const weekdays = loadBackupConfig(
    {
      BACKUP_INCREMENTAL_DAYS: 'mon,tue,wed,thu,fri',
      BACKUP_INCREMENTAL_AT: '17:00',
      BACKUP_FULL_AT: 'sat 23:30',
    },
    '/tmp/data',
  );
  expect(lastSlot('incremental', weekdays, new Date('2026-11-29T15:00:00Z'))?.key).toBe(
    'incremental@2026-11-27T10:00Z',
  ); // Sunday → Friday's
  expect(lastSlot('full', weekdays, new Date('2026-11-29T15:00:00Z'))?.key).toBe('full@2026-11-28T16:30Z');
  expect(() => loadBackupConfig({ BACKUP_FULL_AT: 'someday 22:00' }, '/tmp/data')).toThrow(/BACKUP_FULL_AT/);
  expect(() => loadBackupConfig({ BACKUP_INCREMENTAL_AT: '25:00' }, '/tmp/data')).toThrow(
    /BACKUP_INCREMENTAL_AT/,
  );
});
