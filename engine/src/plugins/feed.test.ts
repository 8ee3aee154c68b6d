// The task event feed hands every event to a consumer once, including one that commits after a later id
// (ids are allocated at insert, transactions commit in any order): this process looks again only at the
// ids it saw missing; another engine, which did not leave the cursor there, reads the whole window.
import { startTestPlatform } from '../../../test/support/engine.js';
import { TaskEventFeed } from './feed.js';
import type { FeedEvent } from './types.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

/** A feed of its own (as one engine process has) with a consumer that records the events of this test's task. */
let taskId = 0;
function recordingFeed(name: string) {
  const handed: number[] = [];
  const feed = new TaskEventFeed(() => platform.engine.services);
  feed.add({
    name,
    async handle(_trx, events: FeedEvent[]) {
      handed.push(...events.filter((e) => e.taskId === taskId).map((e) => e.id));
    },
  });
  return { feed, handed };
}

const knex = () => platform.engine.services.knex;

/** Writes a copy of the task's newest event under an id of our choosing, as a transaction committing late would. */
async function eventWithId(taskId: number, id: number) {
  const newest = await knex()('task_events').where({ task_id: taskId }).orderBy('seq', 'desc').first();
  await knex()('task_events').insert({ ...newest, id, seq: Number(newest.seq) + 1, note: `late ${id}` });
}

test('an event committed after a later id reaches the consumer once; nothing is handed twice by the same process', async () => {
  const api = platform.api;
  const lead = (await api.as('ubnd.leader', 'GET', '/api/units')).body.items.find(
    (u: any) => u.code === '000.00.02.H26',
  );
  const a = recordingFeed('test-recorder');
  const b = recordingFeed('test-recorder'); // the same consumer in another engine process
  await a.feed.run(); // a new consumer starts at the newest event

  const task = await api.as('ubnd.leader', 'POST', '/api/tasks', {
    type: 'nhiem-vu-van-ban',
    title: 'Kiểm tra luồng sự kiện',
    leadUnitId: lead.id,
    data: { noiDung: 'Kiểm tra', nguonGiao: 'van-ban' },
  });
  expect(task.status).toBe(201);
  taskId = task.body.id;
  const created = Number(
    (await knex()('task_events').where({ task_id: taskId }).max({ m: 'id' }).first())?.m,
  );
  await a.feed.run();
  expect(a.handed).toEqual([created]);

  // Id created+2 commits first; created+1 is still in flight.
  await eventWithId(task.body.id, created + 2);
  await a.feed.run();
  expect(a.handed).toEqual([created, created + 2]);
  await eventWithId(task.body.id, created + 1);
  await a.feed.run();
  await a.feed.run();
  expect(a.handed).toEqual([created, created + 2, created + 1]);

  // Another process that did not leave the cursor where it is reads the last ids again (consumers are
  // idempotent), so a late event is not lost when engines take turns.
  await eventWithId(task.body.id, created + 4);
  await a.feed.run();
  expect(a.handed.at(-1)).toBe(created + 4);
  await eventWithId(task.body.id, created + 3);
  await b.feed.run();
  expect(b.handed).toContain(created + 3);
  expect(b.handed.filter((id) => id === created + 3)).toHaveLength(1);
  // And the first process, whose cursor another moved, does the same.
  await eventWithId(task.body.id, created + 6);
  await b.feed.run();
  await eventWithId(task.body.id, created + 5);
  await a.feed.run();
  expect(a.handed).toContain(created + 5);
  expect(a.handed.filter((id) => id === created + 5)).toHaveLength(1);
});
