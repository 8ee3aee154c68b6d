import { LocalJobRunner } from './local.js';
import { defineJob } from './types.js';

const services = { log: { error() {}, warn() {}, info() {} } } as any;

test('a schedule never overlaps itself, runNow runs the same handler, failures are kept after the retries', async () => {
  const runner = new LocalJobRunner(() => services);
  let running = 0;
  let maxParallel = 0;
  let runs = 0;
  runner.register(
    defineJob({
      name: 'slow.tick',
      everyMs: () => 10,
      async run() {
        runs++;
        maxParallel = Math.max(maxParallel, ++running);
        await new Promise((r) => setTimeout(r, 60));
        running--;
        return runs;
      },
    }),
  );
  let attempts = 0;
  runner.register(
    defineJob({
      name: 'always.fails',
      attempts: 2,
      async run() {
        attempts++;
        throw new Error('hỏng');
      },
    }),
  );
  await runner.start({ schedule: true });
  await new Promise((r) => setTimeout(r, 250));
  expect(runs).toBeGreaterThanOrEqual(2);
  expect(maxParallel).toBe(1);
  expect(await runner.runNow('slow.tick')).toBeGreaterThan(0);

  await runner.enqueue('always.fails', { x: 1 }, { dedupeId: 'a' });
  await runner.enqueue('always.fails', { x: 1 }, { dedupeId: 'a' }); // collapses into the first
  await new Promise((r) => setTimeout(r, 1400)); // attempt, 1 s backoff, attempt
  expect(attempts).toBe(2);
  const failed = await runner.failed();
  expect(failed).toHaveLength(1);
  expect(failed[0]).toMatchObject({ name: 'always.fails', attempts: 2, data: { x: 1 } });
  await expect(runner.runNow('no.such')).rejects.toThrow('Không có công việc nền');
  await runner.close();
});
